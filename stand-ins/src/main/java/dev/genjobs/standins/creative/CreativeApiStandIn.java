package dev.genjobs.standins.creative;

import static dev.genjobs.standins.StandInAnswers.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.genjobs.standins.StandIn;
import dev.genjobs.standins.StandInJob;
import dev.genjobs.standins.StandInJobs;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Creative API (Deepixels): {@code POST /generate}, {@code GET /get?jobId=}, key in {@code
 * x-api-key}.
 */
public final class CreativeApiStandIn implements StandIn {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Statuses STATUSES =
      new Statuses(List.of("created", "pending", "processing"), "completed", "failed");

  @Override
  public String providerId() {
    return "creative-api";
  }

  @Override
  public Statuses statuses() {
    return STATUSES;
  }

  @Override
  public boolean serves(String path) {
    return path.equals("/generate") || path.equals("/get");
  }

  @Override
  public ResponseDefinition answer(Request r, StandInJobs jobs) throws Exception {
    if (!r.containsHeader("x-api-key")) {
      return json(401, error("Unauthorized - Invalid or missing API key"));
    }
    String method = r.getMethod().getName();
    String path = URI.create(r.getUrl()).getPath();
    if (method.equals("POST") && path.equals("/generate")) {
      JsonNode body = JSON.readTree(r.getBodyAsString());
      if (!body.path("model").isTextual() || !body.path("input").isObject()) {
        return json(400, error("model and input are required"));
      }
      StandInJob job =
          jobs.create(
              body.path("input"), body.path("model").asText(), body.path("webhook").asText(null));
      return json(200, JSON.createObjectNode().put("jobId", job.id()).put("status", "created"));
    }
    if (method.equals("GET") && path.equals("/get")) {
      String id =
          r.queryParameter("jobId").isPresent() ? r.queryParameter("jobId").firstValue() : null;
      if (id == null || id.isBlank()) return json(400, error("jobId is required"));
      Optional<StandInJob> job = jobs.find(id);
      if (job.isEmpty()) return json(404, error("Job not found"));
      return json(200, render(job.get(), jobs.now()));
    }
    return json(404, error("Not found"));
  }

  @Override
  public ObjectNode render(StandInJob job, Instant now) {
    ObjectNode n = JSON.createObjectNode();
    n.put("jobId", job.id()).put("model", job.model()).put("status", job.status(now));
    n.set("input", job.input());
    n.put("webhook", job.webhook().map(URI::toString).orElse(null));
    n.put("date", job.createdAt().toEpochMilli());
    if (job.succeeded(now)) {
      ObjectNode output = n.putObject("output");
      if (job.model().contains("video")) {
        output.put("videoUrl", "https://cdn.deepixels.example/" + job.id() + "/video.mp4");
      } else {
        output
            .putArray("imageUrl")
            .add("https://cdn.deepixels.example/" + job.id() + "/0.png")
            .add("https://cdn.deepixels.example/" + job.id() + "/1.png");
      }
    } else {
      n.putNull("output");
      // Not in the spec on purpose: the Creative API publishes no failure reason, and the client
      // reads one from undeclared fields when a provider sends it (FailureReasons).
      if (job.finished(now)) n.put("error", "content policy violation: prompt rejected");
    }
    return n;
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("status", "error").put("message", message);
  }
}
