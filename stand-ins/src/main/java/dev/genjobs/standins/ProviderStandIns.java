package dev.genjobs.standins;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * All four providers on one WireMock server on 127.0.0.1: create a job and it moves through the
 * provider's real status values, one per {@link StandInOptions#stepDuration()}, then succeeds with
 * outputs or fails with a reason. Bodies follow the shapes in {@code specs/}; requests without the
 * provider's auth header get 401. Finished jobs are POSTed to their webhook URL, if any.
 *
 * <pre>{@code
 * try (ProviderStandIns standIns = ProviderStandIns.start(StandInOptions.defaults())) {
 *   ClientOptions.builder().baseUrlForAll(standIns.baseUrl())...
 * }
 * }</pre>
 */
public final class ProviderStandIns implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ASSET_ID = Pattern.compile("/api/asset_generator/([^/]+)/");
  private static final Pattern INSPIRATION_JOB = Pattern.compile("/api/inspiration_jobs/([^/]+)/");
  private static final Pattern INSPIRATION = Pattern.compile("/api/inspirations/([^/]+)/");
  private static final Pattern UNSTRUCTURED_JOB =
      Pattern.compile("/api/v1/jobs/([0-9a-fA-F-]{36})(/cancel|/details|/failed-files|/download)?");

  /** The template the stand-in offers; its schema requires {@code product_url}. */
  public static final String INSPIRATION_ID = "6f1c2a4e-0a7b-4c8e-9f3d-2b5a7c9e1d40";

  private final WireMockServer server;
  private final StandInOptions options;
  private final Clock clock;
  private final Map<String, StandInJob> jobs = new ConcurrentHashMap<>();
  private final Map<String, Boolean> cancelled = new ConcurrentHashMap<>();
  // The file names of each Unstructured job's upload, listed back as its input_file_ids.
  private final Map<String, List<String>> unstructuredFileNames = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final ScheduledExecutorService webhookSender;

  /** Deliveries in flight at once; providers send webhooks concurrently. */
  private static final int WEBHOOK_SENDERS = 4;

  /** Like providers, a delivery that fails or is not answered 2xx is tried again, with backoff. */
  private static final int WEBHOOK_ATTEMPTS = 3;

  private final HttpClient http = HttpClient.newHttpClient();

  private ProviderStandIns(StandInOptions options, Clock clock) {
    this.options = options;
    this.clock = clock;
    this.webhookSender =
        Executors.newScheduledThreadPool(
            WEBHOOK_SENDERS,
            r -> {
              Thread t = new Thread(r, "stand-in-webhooks");
              t.setDaemon(true);
              return t;
            });
    this.server =
        new WireMockServer(
            wireMockConfig()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(16)
                .disableRequestJournal()
                .extensions(new Router()));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(ok()));
  }

  public static ProviderStandIns start(StandInOptions options) {
    return new ProviderStandIns(options, Clock.systemUTC());
  }

  /** The base URL of every provider: point each client at it. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** Requests served so far, all providers. */
  public long requestCount() {
    return requests.get();
  }

  public int jobCount() {
    return jobs.size();
  }

  @Override
  public void close() {
    webhookSender.shutdownNow();
    server.stop();
  }

  private final class Router implements ResponseDefinitionTransformerV2 {
    @Override
    public String getName() {
      return "genjobs-stand-ins";
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      requests.incrementAndGet();
      ResponseDefinition response;
      try {
        response = route(event.getRequest());
      } catch (Exception e) {
        response =
            json(
                500,
                JSON.createObjectNode().put("status", "error").put("message", String.valueOf(e)));
      }
      response = rewritten(event.getRequest(), response);
      options.listener().onExchange(exchange(event.getRequest(), response));
      return response;
    }
  }

  private ResponseDefinition rewritten(LoggedRequest r, ResponseDefinition response) {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    if (response.getHeaders() != null) {
      response.getHeaders().all().forEach(h -> headers.put(h.key(), h.firstValue()));
    }
    AnswerRewriter.Answer before =
        new AnswerRewriter.Answer(response.getStatus(), headers, response.getBody());
    AnswerRewriter.Answer after =
        options
            .answers()
            .rewrite(r.getMethod().getName(), URI.create(r.getUrl()).getPath(), before);
    if (after == before) return response;
    ResponseDefinitionBuilder changed = new ResponseDefinitionBuilder().withStatus(after.status());
    after.headers().forEach(changed::withHeader);
    if (after.body() != null) changed.withBody(after.body());
    return changed.build();
  }

  private ResponseDefinition route(LoggedRequest r) throws Exception {
    String method = r.getMethod().getName();
    String path = URI.create(r.getUrl()).getPath();
    if (path.equals("/generate") || path.equals("/get")) {
      if (!r.containsHeader("x-api-key"))
        return json(401, error("Unauthorized - Invalid or missing API key"));
      return creative(method, path, r);
    }
    if (path.startsWith("/api/v1/jobs")) {
      if (!r.containsHeader("unstructured-api-key")) return json(401, detail("Invalid API key"));
      return unstructured(method, path, r);
    }
    if (path.startsWith("/api/")) {
      if (!r.containsHeader("X-API-ID") || !r.containsHeader("X-API-KEY")) {
        return json(401, detail("Authentication credentials were not provided."));
      }
      if (path.startsWith("/api/asset_generator")) return assetGenerator(method, path, r);
      if (path.startsWith("/api/inspiration")) return inspiration(method, path, r);
    }
    return json(404, detail("Not found."));
  }

  private static Exchange exchange(LoggedRequest r, ResponseDefinition response) {
    URI uri = URI.create(r.getUrl());
    Map<String, List<String>> query = new java.util.LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        query
            .computeIfAbsent(decode(kv[0]), k -> new java.util.ArrayList<>())
            .add(kv.length > 1 ? decode(kv[1]) : "");
      }
    }
    Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
    for (var h : r.getHeaders().all()) {
      headers.put(h.key(), h.values());
    }
    return new Exchange(
        r.getMethod().getName(),
        uri.getPath(),
        query,
        headers,
        r.getBody(),
        response.getStatus(),
        response.getBody());
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  // ---- Creative API ----

  private ResponseDefinition creative(String method, String path, LoggedRequest r)
      throws Exception {
    if (method.equals("POST") && path.equals("/generate")) {
      JsonNode body = JSON.readTree(r.getBodyAsString());
      if (!body.path("model").isTextual() || !body.path("input").isObject()) {
        return json(400, error("model and input are required"));
      }
      StandInJob job =
          newJob(
              StandInProvider.CREATIVE_API,
              body.path("input"),
              body.path("model").asText(),
              body.path("webhook").asText(null));
      return json(200, JSON.createObjectNode().put("jobId", job.id).put("status", "created"));
    }
    if (method.equals("GET") && path.equals("/get")) {
      String id =
          r.queryParameter("jobId").isPresent() ? r.queryParameter("jobId").firstValue() : null;
      if (id == null || id.isBlank()) return json(400, error("jobId is required"));
      StandInJob job = jobs.get(id);
      if (job == null) return json(404, error("Job not found"));
      return json(200, creativeJob(job));
    }
    return json(404, error("Not found"));
  }

  private ObjectNode creativeJob(StandInJob job) {
    Instant now = clock.instant();
    ObjectNode n = JSON.createObjectNode();
    n.put("jobId", job.id).put("model", job.model).put("status", job.status(now));
    n.set("input", job.input);
    n.put("webhook", job.webhook == null ? null : job.webhook.toString());
    n.put("date", job.createdAt.toEpochMilli());
    if (job.succeeded(now)) {
      ObjectNode output = n.putObject("output");
      if (job.model.contains("video")) {
        output.put("videoUrl", "https://cdn.deepixels.example/" + job.id + "/video.mp4");
      } else {
        output
            .putArray("imageUrl")
            .add("https://cdn.deepixels.example/" + job.id + "/0.png")
            .add("https://cdn.deepixels.example/" + job.id + "/1.png");
      }
    } else {
      n.putNull("output");
      // Not in the spec on purpose: the Creative API publishes no failure reason, and the client
      // reads one from undeclared fields when a provider sends it (FailureReasons).
      if (job.finished(now)) n.put("error", "content policy violation: prompt rejected");
    }
    return n;
  }

  // ---- Creatify Asset Generator ----

  private ResponseDefinition assetGenerator(String method, String path, LoggedRequest r)
      throws Exception {
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
          newJob(
              StandInProvider.CREATIFY_ASSET_GENERATOR,
              body.path("input_params"),
              body.path("model_name").asText(),
              body.path("webhook_url").asText(null));
      ObjectNode created = asset(job);
      created.remove("credits_used");
      return json(200, created);
    }
    if (method.equals("GET") && path.equals("/api/asset_generator/")) {
      ArrayNode list = JSON.createArrayNode();
      String ids = r.queryParameter("ids").isPresent() ? r.queryParameter("ids").firstValue() : "";
      for (String id : ids.split(",")) {
        StandInJob job = jobs.get(id);
        if (job != null && job.provider == StandInProvider.CREATIFY_ASSET_GENERATOR)
          list.add(asset(job));
      }
      return json(200, list);
    }
    Matcher m = ASSET_ID.matcher(path);
    if (method.equals("GET") && m.matches()) {
      StandInJob job = jobs.get(m.group(1));
      if (job == null || job.provider != StandInProvider.CREATIFY_ASSET_GENERATOR)
        return json(404, detail("Not found."));
      return json(200, asset(job));
    }
    return json(404, detail("Not found."));
  }

  private ObjectNode model(String name, List<String> required) {
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

  private ObjectNode asset(StandInJob job) {
    Instant now = clock.instant();
    String status = job.status(now);
    ObjectNode n = JSON.createObjectNode();
    n.put("id", job.id)
        .put("model_name", job.model)
        .put("gen_type", job.model.contains("video") ? "image_to_video" : "text_to_image");
    n.put("status", status);
    n.put(
        "failed_reason",
        job.finished(now) && !job.succeeded(now)
            ? "Generation failed: the input image could not be read"
            : null);
    // The provider documents assets as a string holding the list: send JSON text, as it does.
    n.put(
        "assets",
        job.succeeded(now) ? "[\"https://cdn.creatify.example/assets/" + job.id + ".mp4\"]" : null);
    n.put("credits_used", job.succeeded(now) ? "12" : null);
    n.put("duration", 5);
    n.set("input_params", job.input);
    n.put("aspect_ratio", "9:16").put("output_nums", 1).put("resolution", "1080x1920");
    n.put("webhook_url", job.webhook == null ? null : job.webhook.toString());
    n.put("created_at", job.createdAt.atOffset(ZoneOffset.UTC).toString());
    n.put("updated_at", now.atOffset(ZoneOffset.UTC).toString());
    return n;
  }

  // ---- Creatify Inspiration ----

  private ResponseDefinition inspiration(String method, String path, LoggedRequest r)
      throws Exception {
    if (method.equals("GET") && path.equals("/api/inspirations/")) {
      return json(200, JSON.createArrayNode().add(template()));
    }
    Matcher t = INSPIRATION.matcher(path);
    if (method.equals("GET") && t.matches()) {
      return INSPIRATION_ID.equals(t.group(1))
          ? json(200, template())
          : json(404, detail("Not found."));
    }
    if (method.equals("POST") && path.equals("/api/inspiration_jobs/")) {
      JsonNode body = JSON.readTree(r.getBodyAsString());
      if (!INSPIRATION_ID.equals(body.path("inspiration_id").asText())) {
        return json(
            400,
            JSON.createObjectNode()
                .set("inspiration_id", JSON.createArrayNode().add("Invalid inspiration.")));
      }
      StandInJob job =
          newJob(
              StandInProvider.CREATIFY_INSPIRATION,
              body.path("input_params"),
              "inspiration",
              body.path("webhook_url").asText(null));
      return json(201, inspirationJob(job));
    }
    Matcher j = INSPIRATION_JOB.matcher(path);
    if (method.equals("GET") && j.matches()) {
      StandInJob job = jobs.get(j.group(1));
      if (job == null || job.provider != StandInProvider.CREATIFY_INSPIRATION)
        return json(404, detail("Not found."));
      return json(200, inspirationJob(job));
    }
    return json(404, detail("Not found."));
  }

  private ObjectNode template() {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", INSPIRATION_ID)
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

  private ObjectNode inspirationJob(StandInJob job) {
    Instant now = clock.instant();
    ObjectNode n = JSON.createObjectNode();
    n.put("id", job.id)
        .put("inspiration_id", INSPIRATION_ID)
        .put("gen_type", "video")
        .put("status", job.status(now));
    n.put(
        "failed_reason",
        job.finished(now) && !job.succeeded(now)
            ? "Rejected: the product page could not be reached"
            : "");
    n.put("input_params", job.input.toString());
    n.put("webhook_url", job.webhook == null ? null : job.webhook.toString());
    n.put(
        "output",
        job.succeeded(now)
            ? "[{\"url\": \"https://cdn.creatify.example/ads/" + job.id + ".mp4\"}]"
            : "");
    n.put("created_at", job.createdAt.atOffset(ZoneOffset.UTC).toString());
    n.put("updated_at", now.atOffset(ZoneOffset.UTC).toString());
    return n;
  }

  // ---- Unstructured ----

  private static final String WORKFLOW_ID = "0d8f4c2b-3e1a-4b5c-8d7e-6f5a4b3c2d1e";
  private static final String NODE_ID = "a1b2c3d4-e5f6-4a5b-8c7d-9e8f7a6b5c4d";

  private ResponseDefinition unstructured(String method, String path, LoggedRequest r)
      throws Exception {
    if (path.equals("/api/v1/jobs/") && method.equals("POST")) {
      if (!r.isMultipart() || r.getPart("request_data") == null) {
        return json(
            422,
            JSON.readTree(
                "{\"detail\":[{\"loc\":[\"body\",\"request_data\"],\"msg\":\"Field required\",\"type\":\"missing\"}]}"));
      }
      StandInJob job =
          newJob(
              StandInProvider.UNSTRUCTURED,
              JSON.readTree(r.getPart("request_data").getBody().asString()),
              "hi_res_partition",
              null);
      unstructuredFileNames.put(job.id, uploadedFileNames(r));
      return json(200, unstructuredJob(job));
    }
    if (path.equals("/api/v1/jobs/") && method.equals("GET")) {
      ArrayNode list = JSON.createArrayNode();
      jobs.values().stream()
          .filter(j -> j.provider == StandInProvider.UNSTRUCTURED)
          .forEach(j -> list.add(unstructuredJob(j)));
      return json(200, list);
    }
    Matcher m = UNSTRUCTURED_JOB.matcher(path);
    if (!m.matches()) return json(404, detail("Not Found"));
    StandInJob job = jobs.get(m.group(1));
    if (job == null || job.provider != StandInProvider.UNSTRUCTURED)
      return json(404, detail("Job not found"));
    String sub = m.group(2) == null ? "" : m.group(2);
    Instant now = clock.instant();
    return switch (sub) {
      case "" -> json(200, unstructuredJob(job));
      case "/cancel" -> {
        cancelled.put(job.id, true);
        yield json(
            200,
            JSON.createObjectNode()
                .put("id", job.id)
                .put("status", "cancelled")
                .put("message", "Job cancelled"));
      }
      case "/details" -> {
        ObjectNode d = JSON.createObjectNode().put("id", job.id);
        String s = job.status(now);
        d.put("processing_status", s.equals("COMPLETED") ? "SUCCESS" : s);
        ObjectNode stats = d.putArray("node_stats").addObject();
        stats
            .put("node_name", "Partitioner")
            .put("node_type", "partition")
            .put("node_subtype", "unstructured_api");
        stats
            .put("ready", 0)
            .put("in_progress", job.finished(now) ? 0 : 1)
            .put("success", job.succeeded(now) ? 1 : 0)
            .put("failure", job.finished(now) && !job.succeeded(now) ? 1 : 0);
        d.put(
            "message",
            job.finished(now) && !job.succeeded(now)
                ? "Partitioner failed: file is encrypted"
                : null);
        yield json(200, d);
      }
      case "/failed-files" -> {
        ObjectNode f = JSON.createObjectNode();
        ArrayNode files = f.putArray("failed_files");
        if (job.finished(now) && !job.succeeded(now))
          files.addObject().put("document", "report.pdf").put("error", "file is encrypted");
        yield json(200, f);
      }
      default -> {
        if (!job.succeeded(now)) yield json(404, detail("Output not found"));
        ArrayNode elements = JSON.createArrayNode();
        elements
            .addObject()
            .put("type", "Title")
            .put("element_id", "e1")
            .put("text", "Quarterly report");
        elements
            .addObject()
            .put("type", "NarrativeText")
            .put("element_id", "e2")
            .put("text", "Revenue grew 12 %.");
        yield json(200, elements);
      }
    };
  }

  /** The {@code filename} of each {@code input_files} part, in the order sent. */
  private static List<String> uploadedFileNames(LoggedRequest r) {
    List<String> names = new ArrayList<>();
    for (Request.Part part : r.getParts()) {
      if (!"input_files".equals(part.getName())) continue;
      HttpHeader disposition = part.getHeader("Content-Disposition");
      if (disposition == null || !disposition.isPresent()) continue;
      Matcher m = FILENAME.matcher(disposition.firstValue());
      if (m.find()) names.add(m.group(1));
    }
    return names;
  }

  private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");

  private ObjectNode unstructuredJob(StandInJob job) {
    Instant now = clock.instant();
    String status = cancelled.containsKey(job.id) ? "STOPPED" : job.status(now);
    ObjectNode n = JSON.createObjectNode();
    // A template job's workflow is named after its template, as on the platform.
    n.put("id", job.id)
        .put("workflow_id", WORKFLOW_ID)
        .put("workflow_name", job.input.path("template_id").asText("hi_res_partition"))
        .put("status", status);
    n.put("created_at", job.createdAt.atOffset(ZoneOffset.UTC).toString());
    n.put(
        "runtime",
        job.finished(now)
            ? "PT" + (job.step.toMillis() * job.provider.runningStatuses().size() / 1000.0) + "S"
            : null);
    ArrayNode inputFiles = n.putArray("input_file_ids");
    List<String> uploaded = unstructuredFileNames.getOrDefault(job.id, List.of());
    if (uploaded.isEmpty()) inputFiles.add("report.pdf");
    else uploaded.forEach(inputFiles::add);
    if (status.equals("COMPLETED")) {
      n.putArray("output_node_files")
          .addObject()
          .put("node_id", NODE_ID)
          .put("file_id", "report.pdf.json")
          .put("node_type", "partition")
          .put("node_subtype", "unstructured_api");
    } else {
      n.putNull("output_node_files");
    }
    n.put("job_type", "ephemeral");
    return n;
  }

  // ---- shared ----

  private StandInJob newJob(
      StandInProvider provider, JsonNode input, String model, String webhook) {
    StandInJob job =
        new StandInJob(
            provider,
            UUID.randomUUID().toString(),
            clock.instant(),
            options.fails(provider),
            options.stepDuration(),
            input == null ? JSON.createObjectNode() : input,
            model,
            webhook == null || webhook.isBlank() ? null : URI.create(webhook));
    jobs.put(job.id, job);
    if (job.webhook != null && options.deliverWebhooks()) {
      long delay =
          Math.max(0, job.finishesAt().toEpochMilli() - clock.instant().toEpochMilli()) + 50;
      webhookSender.schedule(() -> deliver(job), delay, TimeUnit.MILLISECONDS);
    }
    return job;
  }

  private void deliver(StandInJob job) {
    deliver(job, 1);
  }

  private void deliver(StandInJob job, int attempt) {
    JsonNode payload =
        switch (job.provider) {
          case CREATIVE_API -> creativeJob(job);
          case CREATIFY_ASSET_GENERATOR -> asset(job);
          case CREATIFY_INSPIRATION -> inspirationJob(job);
          case UNSTRUCTURED -> unstructuredJob(job);
        };
    int status;
    try {
      status =
          http.send(
                  HttpRequest.newBuilder(job.webhook)
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(payload.toString()))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
    } catch (java.io.IOException e) {
      status = -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    // 4xx other than 429 is the receiver rejecting this delivery: sending it again cannot help.
    boolean retry = status < 0 || status == 429 || status >= 500;
    if (retry && attempt < WEBHOOK_ATTEMPTS && !webhookSender.isShutdown()) {
      webhookSender.schedule(
          () -> deliver(job, attempt + 1), 200L * (1L << attempt), TimeUnit.MILLISECONDS);
    }
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("status", "error").put("message", message);
  }

  private static ObjectNode detail(String message) {
    return JSON.createObjectNode().put("detail", message);
  }

  private static ResponseDefinition json(int status, JsonNode body) {
    return new ResponseDefinitionBuilder()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader("X-Request-Id", UUID.randomUUID().toString())
        .withBody(body.toString())
        .build();
  }
}
