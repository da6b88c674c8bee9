package dev.genjobs.standins.creatify;

import static dev.genjobs.standins.StandInAnswers.json;
import static dev.genjobs.standins.creatify.CreatifyAuth.detail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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

/** The Creatify Asset Generator: {@code /api/asset_generator/...}, with its two model schemas. */
public final class AssetGeneratorStandIn implements StandIn {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ASSET_ID = Pattern.compile("/api/asset_generator/([^/]+)/");
  private static final Statuses STATUSES =
      new Statuses(List.of("initializing", "generating"), "done", "failed");

  @Override
  public String providerId() {
    return "creatify-asset-generator";
  }

  @Override
  public Statuses statuses() {
    return STATUSES;
  }

  @Override
  public boolean serves(String path) {
    return path.startsWith("/api/asset_generator");
  }

  @Override
  public ResponseDefinition answer(Request r, StandInJobs jobs) throws Exception {
    Optional<ResponseDefinition> rejected = CreatifyAuth.rejected(r);
    if (rejected.isPresent()) return rejected.get();
    String method = r.getMethod().getName();
    String path = URI.create(r.getUrl()).getPath();
    if (method.equals("GET") && path.equals("/api/asset_generator/schemas/")) {
      ArrayNode models = JSON.createArrayNode();
      models.add(model("flux-dev/text-to-image", List.of("prompt")));
      models.add(model("kling-video/v1.6/pro/image-to-video", List.of("image_url", "prompt")));
      String filter =
          r.queryParameter("model_name").isPresent()
              ? r.queryParameter("model_name").firstValue()
              : null;
      if (filter != null) {
        List<String> names = List.of(filter.split(","));
        ArrayNode filtered = JSON.createArrayNode();
        models.forEach(
            m -> {
              if (names.contains(m.path("model_name").asText())) filtered.add(m);
            });
        models = filtered;
      }
      return json(200, models);
    }
    if (method.equals("POST") && path.equals("/api/asset_generator/")) {
      JsonNode body = JSON.readTree(r.getBodyAsString());
      if (!body.path("model_name").isTextual() || !body.path("input_params").isObject()) {
        return json(
            400,
            JSON.createObjectNode()
                .set("model_name", JSON.createArrayNode().add("This field is required.")));
      }
      StandInJob job =
          jobs.create(
              body.path("input_params"),
              body.path("model_name").asText(),
              body.path("webhook_url").asText(null));
      ObjectNode created = render(job, jobs.now());
      created.remove("credits_used");
      return json(200, created);
    }
    if (method.equals("GET") && path.equals("/api/asset_generator/")) {
      ArrayNode list = JSON.createArrayNode();
      String ids = r.queryParameter("ids").isPresent() ? r.queryParameter("ids").firstValue() : "";
      Instant now = jobs.now();
      for (String id : ids.split(",")) {
        jobs.find(id).ifPresent(job -> list.add(render(job, now)));
      }
      return json(200, list);
    }
    Matcher m = ASSET_ID.matcher(path);
    if (method.equals("GET") && m.matches()) {
      Optional<StandInJob> job = jobs.find(m.group(1));
      if (job.isEmpty()) return json(404, detail("Not found."));
      return json(200, render(job.get(), jobs.now()));
    }
    return json(404, detail("Not found."));
  }

  private static ObjectNode model(String name, List<String> required) {
    ObjectNode schema = JSON.createObjectNode();
    schema.put("$schema", "http://json-schema.org/draft-07/schema#").put("type", "object");
    ArrayNode req = schema.putArray("required");
    required.forEach(req::add);
    ObjectNode props = schema.putObject("properties");
    props.putObject("prompt").put("type", "string").put("maxLength", 2000);
    props.putObject("image_url").put("type", "string").put("format", "uri");
    props
        .putObject("aspect_ratio")
        .put("type", "string")
        .putArray("enum")
        .add("16:9")
        .add("9:16")
        .add("1:1");
    props.putObject("duration").put("type", "integer").put("minimum", 5).put("maximum", 10);
    ObjectNode model = JSON.createObjectNode().put("model_name", name);
    model.set("input_params_schema", schema);
    return model;
  }

  @Override
  public ObjectNode render(StandInJob job, Instant now) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", job.id())
        .put("model_name", job.model())
        .put("gen_type", job.model().contains("video") ? "image_to_video" : "text_to_image");
    n.put("status", job.status(now));
    n.put(
        "failed_reason",
        job.failed(now) ? "Generation failed: the input image could not be read" : null);
    // The provider documents assets as a string holding the list: send JSON text, as it does.
    n.put(
        "assets",
        job.succeeded(now)
            ? "[\"https://cdn.creatify.example/assets/" + job.id() + ".mp4\"]"
            : null);
    n.put("credits_used", job.succeeded(now) ? "12" : null);
    n.put("duration", 5);
    n.set("input_params", job.input());
    n.put("aspect_ratio", "9:16").put("output_nums", 1).put("resolution", "1080x1920");
    n.put("webhook_url", job.webhook().map(URI::toString).orElse(null));
    n.put("created_at", job.createdAt().atOffset(ZoneOffset.UTC).toString());
    n.put("updated_at", now.atOffset(ZoneOffset.UTC).toString());
    return n;
  }
}
