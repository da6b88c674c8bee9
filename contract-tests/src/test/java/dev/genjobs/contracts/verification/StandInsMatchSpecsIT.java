package dev.genjobs.contracts.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.creatify.AssetGenerationRequest;
import dev.genjobs.client.creatify.InspirationJobRequest;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.errors.NotFoundException;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.PollPolicy;
import dev.genjobs.client.unstructured.CreateJobRequest;
import dev.genjobs.client.upload.UploadFile;
import dev.genjobs.standins.Exchange;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-ins (what the demo, the example and users' own tests run against) answer as the specs
 * say: every exchange of a full run through the real client is written as a pact and checked by the
 * same verifier as the consumer contracts. An integration test (failsafe) so that it shares the
 * compiled specs with {@link PactsMatchSpecsIT} in one JVM: compiling the four specs is most of
 * what checking costs.
 */
class StandInsMatchSpecsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /**
   * Webhook deliveries received, by provider: written as V4 asynchronous messages and checked
   * against the payload schema of the spec's webhook (with its name) like the exchanges.
   */
  private static final Map<String, List<Delivery>> DELIVERIES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private record Delivery(String webhook, String body) {}

  private static final List<String> PROVIDERS =
      List.of(
          "creative-api",
          "creatify-asset-generator",
          "creatify-inspiration",
          "unstructured-platform",
          "replicate");

  @Test
  void everyStandInExchangeOfAFullRunMatchesTheNewestSpecs() throws Exception {
    PactSpecVerifier verifier = PactSpecVerifier.againstNewestSpecs();
    // Compiling the specs is CPU work, the run below mostly waits for jobs: overlap them.
    CompletableFuture<Void> specsCompiled =
        CompletableFuture.runAsync(() -> verifier.prepare(PROVIDERS));
    List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    try (ProviderStandIns standIns =
            ProviderStandIns.start(
                StandInOptions.builder()
                    .stepDuration(Duration.ofMillis(40))
                    .failing(Provider.CREATIFY_INSPIRATION.specFolder())
                    .listener(exchanges::add)
                    .build());
        GenJobsClient client =
            GenJobsClient.create(
                ClientOptions.builder()
                    .baseUrlForAll(standIns.baseUrl())
                    .creatifyCredentials("stand-in-id", "stand-in-key")
                    .unstructuredApiKey("stand-in-key")
                    .creativeApiKey("stand-in-key")
                    .pollPolicy(
                        PollPolicy.builder()
                            .initialInterval(Duration.ofMillis(20))
                            .maxInterval(Duration.ofMillis(40))
                            .build())
                    .build())) {
      runEveryOperation(client, standIns.baseUrl());
    }

    Map<String, List<Exchange>> byProvider = new LinkedHashMap<>();
    for (Exchange e : exchanges) {
      byProvider.computeIfAbsent(provider(e.path()), p -> new CopyOnWriteArrayList<>()).add(e);
    }
    assertThat(byProvider).containsOnlyKeys(PROVIDERS);
    specsCompiled.join();
    List<Mismatch> mismatches = new CopyOnWriteArrayList<>();
    for (Map.Entry<String, List<Exchange>> e : byProvider.entrySet()) {
      mismatches.addAll(verifier.verify(writePact(e.getKey(), e.getValue())));
    }
    assertThat(mismatches).as("stand-in answers that the specs do not allow").isEmpty();
  }

  /**
   * One flow per provider, all at once: each waits for its jobs to move through the stand-in's
   * statuses, and run one after another they took most of this module's test time.
   */
  private static void runEveryOperation(GenJobsClient client, URI standIns) throws Exception {
    List<Callable<Void>> flows =
        List.of(
            () -> creative(client),
            () -> assetGenerator(client),
            () -> inspiration(client),
            () -> unstructured(client),
            () -> replicate(standIns));
    ExecutorService pool = Executors.newFixedThreadPool(flows.size());
    try {
      for (Future<Void> flow : pool.invokeAll(flows)) {
        try {
          flow.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof Error error) throw error;
          throw (Exception) e.getCause();
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Void creative(GenJobsClient client) throws Exception {
    JobSnapshot image =
        client
            .creative()
            .generate(GenerateRequest.builder().model("flux-pro").input("prompt", "a fox").build())
            .await(Duration.ofSeconds(30));
    assertThat(image.outputUrls()).isNotEmpty();
    Assertions.assertThatThrownBy(() -> client.creative().job("no-such-job").refresh())
        .isInstanceOf(NotFoundException.class);
    return null;
  }

  private static Void assetGenerator(GenJobsClient client) throws Exception {
    client.assetGenerator().models();
    var asset =
        client
            .assetGenerator()
            .create(
                AssetGenerationRequest.builder()
                    .modelName("flux-dev/text-to-image")
                    .inputParam("prompt", "a cat")
                    .build());
    asset.await(Duration.ofSeconds(30));
    client.assetGenerator().list(List.of(asset.id()));
    return null;
  }

  private static Void inspiration(GenJobsClient client) throws Exception {
    client.inspiration().templates();
    client
        .inspiration()
        .create(
            InspirationJobRequest.builder()
                .inspirationId(dev.genjobs.standins.creatify.InspirationStandIn.TEMPLATE_ID)
                .inputParam("product_url", "https://shop.example/item")
                .build())
        .await(Duration.ofSeconds(30));
    return null;
  }

  private static Void unstructured(GenJobsClient client) throws Exception {
    var parse =
        client
            .unstructured()
            .createJob(
                CreateJobRequest.builder()
                    .templateId("hi_res_partition")
                    .file(
                        UploadFile.of(
                            "report.pdf",
                            "%PDF-1.7".getBytes(StandardCharsets.US_ASCII),
                            "application/pdf"))
                    .build());
    JobSnapshot parsed = parse.await(Duration.ofSeconds(30));
    client.unstructured().details(parse.id());
    client.unstructured().failedFiles(parse.id());
    client.unstructured().listJobs(null, null);
    Path out = Files.createTempFile("elements", ".json");
    client.unstructured().downloadOutput(parse.id(), parsed.outputFiles().get(0), out);
    Files.delete(out);
    client.unstructured().cancel(parse.id());
    return null;
  }

  /**
   * Replicate over plain HTTP: its client module is not part of this library yet. Every operation
   * the stand-in serves, with the answers a client meets (201 creates, sync and not, 404, 422);
   * each request one the spec accepts (the verifier checks requests too).
   */
  private static Void replicate(URI base) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    JsonNode byModel =
        replicateCall(
            http,
            base,
            "POST",
            "/models/black-forest-labs/flux-schnell/predictions",
            "{\"input\":{\"prompt\":\"a fox\"},\"webhook\":\"http://127.0.0.1:9/hooks\","
                + "\"webhook_events_filter\":[\"start\"]}",
            "wait=5",
            201);
    assertThat(byModel.path("status").asText()).isEqualTo("succeeded");
    // A delivery of the end of a prediction, to a loopback receiver, joins the pact as a message.
    CompletableFuture<String> delivered = new CompletableFuture<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hooks",
        exchange -> {
          byte[] payload = exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
          delivered.complete(new String(payload, StandardCharsets.UTF_8));
        });
    receiver.start();
    try {
      replicateCall(
          http,
          base,
          "POST",
          "/predictions",
          "{\"version\":\"o/m:v\",\"input\":{},\"webhook\":\"http://127.0.0.1:"
              + receiver.getAddress().getPort()
              + "/hooks\"}",
          null,
          201);
      DELIVERIES
          .computeIfAbsent("replicate", p -> new CopyOnWriteArrayList<>())
          .add(new Delivery("predictionUpdated", delivered.get(30, TimeUnit.SECONDS)));
    } finally {
      receiver.stop(0);
    }
    JsonNode byVersion =
        replicateCall(
            http,
            base,
            "POST",
            "/predictions",
            "{\"version\":\"stability-ai/sdxl:39ed52f2\",\"input\":{\"prompt\":\"a cat\"}}",
            null,
            201);
    String id = byVersion.path("id").asText();
    replicateCall(http, base, "GET", "/predictions/" + id, null, null, 200);
    replicateCall(http, base, "GET", "/predictions", null, null, 200);
    replicateCall(http, base, "POST", "/predictions/" + id + "/cancel", null, null, 200);
    replicateCall(http, base, "GET", "/predictions/no-such-prediction", null, null, 404);
    replicateCall(http, base, "POST", "/models/o/m/predictions", "{\"input\":{}}", "wait=1", 201);
    replicateCall(http, base, "POST", "/predictions", "{\"version\":\"\",\"input\":{}}", null, 422);
    return null;
  }

  private static JsonNode replicateCall(
      HttpClient http,
      URI base,
      String method,
      String path,
      String body,
      String prefer,
      int expectedStatus)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", "Bearer stand-in-token")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) request.header("Content-Type", "application/json");
    if (prefer != null) request.header("Prefer", prefer);
    HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(method + " " + path).isEqualTo(expectedStatus);
    return JSON.readTree(answer.body());
  }

  private static String provider(String path) {
    if (path.startsWith("/predictions") || path.startsWith("/models/")) return "replicate";
    if (path.startsWith("/api/v1/jobs")) return "unstructured-platform";
    if (path.startsWith("/api/asset_generator")) return "creatify-asset-generator";
    if (path.startsWith("/api/inspiration")) return "creatify-inspiration";
    return "creative-api";
  }

  /** The exchanges as a V4 pact file, the format the verifier reads. */
  private Path writePact(String provider, List<Exchange> exchanges) throws Exception {
    ObjectNode pact = JSON.createObjectNode();
    pact.putObject("consumer").put("name", "genjobs-stand-ins");
    pact.putObject("provider").put("name", provider);
    ArrayNode interactions = pact.putArray("interactions");
    int n = 0;
    for (Exchange e : exchanges) {
      n++;
      ObjectNode i = interactions.addObject();
      i.put("type", "Synchronous/HTTP").put("key", provider + "-" + n).put("pending", false);
      i.put("description", "stand-in exchange " + n + ": " + e.method() + " " + e.path());
      ObjectNode request = i.putObject("request").put("method", e.method()).put("path", e.path());
      ObjectNode query = request.putObject("query");
      e.query().forEach((k, v) -> query.set(k, JSON.valueToTree(v)));
      ObjectNode headers = request.putObject("headers");
      String contentType = null;
      for (Map.Entry<String, List<String>> h : e.headers().entrySet()) {
        String name = h.getKey().toLowerCase(java.util.Locale.ROOT);
        if (name.equals("content-length") || name.equals("host") || name.equals("connection")) {
          continue;
        }
        headers.set(name, JSON.valueToTree(h.getValue()));
        if (name.equals("content-type")) contentType = h.getValue().get(0);
      }
      if (e.requestBody() != null && e.requestBody().length > 0) {
        body(request, new String(e.requestBody(), StandardCharsets.UTF_8), contentType);
      }
      ObjectNode response = i.putObject("response").put("status", e.status());
      response.putObject("headers").putArray("content-type").add("application/json");
      body(response, e.responseBody(), "application/json");
    }
    for (Delivery d : DELIVERIES.getOrDefault(provider, List.of())) {
      n++;
      ObjectNode m = interactions.addObject();
      m.put("type", "Asynchronous/Messages").put("key", provider + "-" + n).put("pending", false);
      m.put("description", "stand-in webhook delivery " + n + ": " + d.webhook());
      ObjectNode contents = m.putObject("contents");
      contents.set("content", JSON.readTree(d.body()));
      contents.put("contentType", "application/json").put("encoded", false);
      m.putObject("metadata").put("webhook", d.webhook());
    }
    pact.putObject("metadata").putObject("pactSpecification").put("version", "4.0");
    Path file = dir.resolve("stand-ins-" + provider + ".json");
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), pact);
    return file;
  }

  private static void body(ObjectNode message, String text, String contentType) throws Exception {
    ObjectNode body = message.putObject("body");
    boolean json = contentType != null && contentType.contains("json");
    JsonNode content = json ? JSON.readTree(text) : JSON.getNodeFactory().textNode(text);
    body.set("content", content);
    body.put("contentType", contentType == null ? "application/octet-stream" : contentType);
    body.put("encoded", false);
  }
}
