package dev.genjobs.standins.creatify;

import static dev.genjobs.standins.StandInAnswers.json;
import static dev.genjobs.standins.creatify.CreatifyAuth.detail;

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
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creatify Inspiration: one template ({@link #TEMPLATE_ID}) and jobs made from it, under {@code
 * /api/inspirations/} and {@code /api/inspiration_jobs/}.
 */
public final class InspirationStandIn implements StandIn {

  /** The template the stand-in offers; its schema requires {@code product_url}. */
  public static final String TEMPLATE_ID = "6f1c2a4e-0a7b-4c8e-9f3d-2b5a7c9e1d40";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern INSPIRATION_JOB = Pattern.compile("/api/inspiration_jobs/([^/]+)/");
  private static final Pattern INSPIRATION = Pattern.compile("/api/inspirations/([^/]+)/");
  private static final Statuses STATUSES =
      new Statuses(List.of("pending", "in_queue", "running"), "done", "failed");

  @Override
  public String providerId() {
    return "creatify-inspiration";
  }

  @Override
  public Statuses statuses() {
    return STATUSES;
  }

  @Override
  public boolean serves(String path) {
    // Both /api/inspirations/ (templates) and /api/inspiration_jobs/.
    return path.startsWith("/api/inspiration");
  }

  @Override
  public ResponseDefinition answer(Request r, StandInJobs jobs) throws Exception {
    Optional<ResponseDefinition> rejected = CreatifyAuth.rejected(r);
    if (rejected.isPresent()) return rejected.get();
    String method = r.getMethod().getName();
    String path = URI.create(r.getUrl()).getPath();
    if (method.equals("GET") && path.equals("/api/inspirations/")) {
      return json(200, JSON.createArrayNode().add(template()));
    }
    Matcher t = INSPIRATION.matcher(path);
    if (method.equals("GET") && t.matches()) {
      return TEMPLATE_ID.equals(t.group(1))
          ? json(200, template())
          : json(404, detail("Not found."));
    }
    if (method.equals("POST") && path.equals("/api/inspiration_jobs/")) {
      JsonNode body = JSON.readTree(r.getBodyAsString());
      if (!TEMPLATE_ID.equals(body.path("inspiration_id").asText())) {
        return json(
            400,
            JSON.createObjectNode()
                .set("inspiration_id", JSON.createArrayNode().add("Invalid inspiration.")));
      }
      StandInJob job =
          jobs.create(
              body.path("input_params"), "inspiration", body.path("webhook_url").asText(null));
      return json(201, render(job, jobs.now()));
    }
    Matcher j = INSPIRATION_JOB.matcher(path);
    if (method.equals("GET") && j.matches()) {
      Optional<StandInJob> job = jobs.find(j.group(1));
      if (job.isEmpty()) return json(404, detail("Not found."));
      return json(200, render(job.get(), jobs.now()));
    }
    return json(404, detail("Not found."));
  }

  private static ObjectNode template() {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", TEMPLATE_ID)
        .put("name", "Product showcase")
        .put("description", "A 15 s ad from a product page")
        .put("gen_type", "video");
    ObjectNode schema = n.putObject("input_params_schema");
    schema.put("$schema", "http://json-schema.org/draft-07/schema#").put("type", "object");
    schema.putArray("required").add("product_url");
    ObjectNode props = schema.putObject("properties");
    props.putObject("product_url").put("type", "string").put("format", "uri");
    props.putObject("language").put("type", "string").put("default", "en");
    n.put("preview_image", "https://cdn.creatify.example/previews/showcase.png")
        .putNull("preview_video");
    n.put("credit_cost", 5);
    n.putArray("categories").add("ecommerce");
    n.putArray("labels").add("ugc");
    return n;
  }

  @Override
  public ObjectNode render(StandInJob job, Instant now) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", job.id())
        .put("inspiration_id", TEMPLATE_ID)
        .put("gen_type", "video")
        .put("status", job.status(now));
    n.put(
        "failed_reason", job.failed(now) ? "Rejected: the product page could not be reached" : "");
    n.put("input_params", job.input().toString());
    n.put("webhook_url", job.webhook().map(URI::toString).orElse(null));
    n.put(
        "output",
        job.succeeded(now)
            ? "[{\"url\": \"https://cdn.creatify.example/ads/" + job.id() + ".mp4\"}]"
            : "");
    n.put("created_at", job.createdAt().atOffset(ZoneOffset.UTC).toString());
    n.put("updated_at", now.atOffset(ZoneOffset.UTC).toString());
    return n;
  }
}
