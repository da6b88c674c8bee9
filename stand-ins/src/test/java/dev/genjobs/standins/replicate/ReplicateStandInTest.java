package dev.genjobs.standins.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.genjobs.client.Secret;
import dev.genjobs.client.webhooks.StandardWebhooks;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Replicate stand-in over HTTP, as a client sees it. */
class ReplicateStandInTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String TOKEN = "Bearer r8_stand-in";

  private ProviderStandIns standIns;
  private HttpServer receiver;

  private ProviderStandIns start(StandInOptions.Builder options) {
    standIns = ProviderStandIns.start(options.build());
    return standIns;
  }

  private static StandInOptions.Builder steps(Duration step) {
    return StandInOptions.builder().stepDuration(step);
  }

  @AfterEach
  void stop() {
    if (standIns != null) standIns.close();
    if (receiver != null) receiver.stop(0);
  }

  @Test
  void predictionOfAModelStartsThenSucceedsWithADownloadableOutput() throws Exception {
    start(steps(Duration.ofMillis(50)));

    Answer created =
        post(
            "/models/black-forest-labs/flux-schnell/predictions",
            "{\"input\":{\"prompt\":\"a fox\"}}",
            Map.of());

    assertThat(created.status()).isEqualTo(201);
    JsonNode p = created.body();
    assertThat(p.path("status").asText()).isEqualTo("starting");
    assertThat(p.path("model").asText()).isEqualTo("black-forest-labs/flux-schnell");
    assertThat(p.path("version").asText()).isEqualTo("hidden");
    assertThat(p.path("input").path("prompt").asText()).isEqualTo("a fox");
    assertThat(p.path("source").asText()).isEqualTo("api");
    assertThat(p.path("data_removed").asBoolean(true)).isFalse();
    assertThat(p.path("output").isNull()).isTrue();
    assertThat(p.path("started_at").isNull()).isTrue();
    String id = p.path("id").asText();
    assertThat(p.path("urls").path("get").asText())
        .isEqualTo(standIns.baseUrl() + "/predictions/" + id);
    assertThat(p.path("urls").path("cancel").asText())
        .isEqualTo(standIns.baseUrl() + "/predictions/" + id + "/cancel");

    JsonNode done = awaitStatus(id, "succeeded");

    assertThat(done.path("error").isNull()).isTrue();
    assertThat(done.path("started_at").asText()).isNotEmpty();
    assertThat(Instant.parse(done.path("completed_at").asText()))
        .isAfter(Instant.parse(done.path("created_at").asText()));
    assertThat(done.path("metrics").path("total_time").isNumber()).isTrue();
    assertThat(done.path("output")).hasSize(1);
    HttpResponse<byte[]> file =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(done.path("output").get(0).asText())).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(file.body()).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void predictionOfAVersionNamesItsModelAndVersion() throws Exception {
    start(steps(Duration.ofMillis(50)));

    JsonNode withModel =
        post(
                "/predictions",
                "{\"version\":\"stability-ai/sdxl:39ed52f2\",\"input\":{\"prompt\":\"a fox\"}}",
                Map.of())
            .body();
    JsonNode bare =
        post(
                "/predictions",
                "{\"version\":\"5c7d5dc6dd8b\",\"input\":{\"text\":\"Alice\"}}",
                Map.of())
            .body();

    assertThat(withModel.path("model").asText()).isEqualTo("stability-ai/sdxl");
    assertThat(withModel.path("version").asText()).isEqualTo("39ed52f2");
    assertThat(bare.path("model").asText()).isEqualTo(ReplicateStandIn.BARE_VERSION_MODEL);
    assertThat(bare.path("version").asText()).isEqualTo("5c7d5dc6dd8b");
    assertThat(awaitStatus(withModel.path("id").asText(), "succeeded").path("output")).isNotEmpty();
  }

  @Test
  void preferWaitAnswersOnceThePredictionHasEnded() throws Exception {
    start(steps(Duration.ofMillis(50)));

    Answer created =
        post("/predictions", "{\"version\":\"o/m:v\",\"input\":{}}", Map.of("Prefer", "wait"));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().path("status").asText()).isEqualTo("succeeded");
    assertThat(created.body().path("output")).hasSize(1);
  }

  @Test
  void preferWaitThatRunsOutAnswers202WithThePredictionStillRunning() throws Exception {
    start(steps(Duration.ofMillis(800)));

    long sent = System.nanoTime();
    Answer created = post("/models/o/m/predictions", "{\"input\":{}}", Map.of("Prefer", "wait=1"));

    // Held for the whole wait, as the provider does, then answered as the prediction is then.
    assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThan(Duration.ofMillis(900));
    assertThat(created.status()).isEqualTo(202);
    assertThat(created.body().path("status").asText()).isEqualTo("processing");
    assertThat(created.body().path("started_at").asText()).isNotEmpty();
  }

  @Test
  void failingOnDemandEndsFailedWithAnError() throws Exception {
    start(steps(Duration.ofMillis(30)).failing("replicate"));

    JsonNode p =
        post("/models/o/m/predictions", "{\"input\":{}}", Map.of("Prefer", "wait=5")).body();

    assertThat(p.path("status").asText()).isEqualTo("failed");
    assertThat(p.path("error").asText()).isNotBlank();
    assertThat(p.path("output").isNull()).isTrue();
    assertThat(p.path("completed_at").asText()).isNotEmpty();
  }

  @Test
  void cancelledPredictionStaysCanceled() throws Exception {
    start(steps(Duration.ofSeconds(30)));
    String id =
        post("/models/o/m/predictions", "{\"input\":{}}", Map.of()).body().get("id").asText();

    Answer cancelled = post("/predictions/" + id + "/cancel", "", Map.of());

    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.body().path("status").asText()).isEqualTo("canceled");
    assertThat(cancelled.body().path("completed_at").asText()).isNotEmpty();
    assertThat(get("/predictions/" + id).body().path("status").asText()).isEqualTo("canceled");
    assertThat(post("/predictions/no-such-id/cancel", "", Map.of()).status()).isEqualTo(404);
  }

  @Test
  void listIsNewestFirstInPagesOfAHundred() throws Exception {
    start(steps(Duration.ofSeconds(30)));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < ReplicateStandIn.PAGE_SIZE + 1; i++) {
      ids.add(
          post("/models/o/m/predictions", "{\"input\":{\"n\":" + i + "}}", Map.of())
              .body()
              .get("id")
              .asText());
    }

    JsonNode first = get("/predictions").body();
    JsonNode second =
        get(URI.create(first.path("next").asText()).getRawPath() + "?" + query(first)).body();

    assertThat(first.path("results")).hasSize(ReplicateStandIn.PAGE_SIZE);
    assertThat(first.path("previous").isNull()).isTrue();
    assertThat(first.path("results").get(0).path("id").asText()).isEqualTo(ids.get(ids.size() - 1));
    assertThat(second.path("results")).hasSize(1);
    assertThat(second.path("results").get(0).path("id").asText()).isEqualTo(ids.get(0));
    assertThat(second.path("next").isNull()).isTrue();
    assertThat(second.path("previous").asText()).startsWith(standIns.baseUrl() + "/predictions");
  }

  @Test
  void withoutABearerTokenEveryOperationIsUnauthenticated() throws Exception {
    start(steps(Duration.ofMillis(50)));
    for (String auth : new String[] {null, "Bearer ", "Bearer   ", "Token r8_x", "r8_x"}) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(standIns.baseUrl().resolve("/predictions")).GET();
      if (auth != null) request.header("Authorization", auth);
      HttpResponse<String> answer =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).as(String.valueOf(auth)).isEqualTo(401);
      assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      JsonNode problem = JSON.readTree(answer.body());
      assertThat(problem.path("status").asInt()).isEqualTo(401);
      assertThat(problem.path("title").asText()).isEqualTo("Unauthenticated");
      assertThat(problem.path("detail").asText()).isNotBlank();
    }
  }

  @Test
  void unknownPredictionIs404AndInvalidCreatesAre422() throws Exception {
    start(steps(Duration.ofMillis(50)));

    Answer unknown = get("/predictions/no-such-prediction");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().path("status").asInt()).isEqualTo(404);

    for (String body :
        List.of(
            "{\"version\":\"o/m:v\"}",
            "{\"version\":\"o/m:v\",\"input\":\"a fox\"}",
            "{\"input\":{}}",
            "{\"version\":\"o/m:v\",\"model\":\"o/m\",\"input\":{}}")) {
      Answer invalid = post("/predictions", body, Map.of());
      assertThat(invalid.status()).as(body).isEqualTo(422);
      assertThat(invalid.body().path("status").asInt()).isEqualTo(422);
      assertThat(invalid.body().path("detail").asText()).isNotBlank();
    }
    assertThat(post("/models/o/m/predictions", "{}", Map.of()).status()).isEqualTo(422);
    assertThat(
            post("/models/o/m/predictions", "{\"version\":\"v\",\"input\":{}}", Map.of()).status())
        .isEqualTo(422);
    assertThat(post("/predictions", "not json", Map.of()).status()).isEqualTo(400);
    assertThat(standIns.jobCount()).isZero();
  }

  @Test
  void completionIsPostedToTheWebhookSignedPerStandardWebhooks() throws Exception {
    start(steps(Duration.ofMillis(50)));
    Map<String, CompletableFuture<Delivery>> deliveries = new ConcurrentHashMap<>();
    String url = receiveWebhooks(deliveries);

    // Only start events asked for: the stand-in sends no delivery for this one.
    String unannounced =
        post(
                "/models/o/m/predictions",
                "{\"input\":{},\"webhook\":\"" + url + "\",\"webhook_events_filter\":[\"start\"]}",
                Map.of())
            .body()
            .get("id")
            .asText();
    String id =
        post(
                "/models/o/m/predictions",
                "{\"input\":{\"prompt\":\"a fox\"},\"webhook\":\""
                    + url
                    + "\",\"webhook_events_filter\":[\"start\",\"completed\"]}",
                Map.of())
            .body()
            .get("id")
            .asText();

    Delivery delivery = delivery(deliveries, id).get(10, TimeUnit.SECONDS);

    JsonNode payload = JSON.readTree(delivery.body());
    assertThat(payload.path("id").asText()).isEqualTo(id);
    assertThat(payload.path("status").asText()).isEqualTo("succeeded");
    assertThat(payload.path("output")).hasSize(1);
    String webhookId = delivery.header("webhook-id");
    String timestamp = delivery.header("webhook-timestamp");
    assertThat(webhookId).startsWith("msg_");
    assertThat(Long.parseLong(timestamp))
        .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
    assertThat(delivery.header("webhook-signature"))
        .isEqualTo(
            "v1," + hmac(ReplicateStandIn.WEBHOOK_SECRET, webhookId, timestamp, delivery.body()));
    // As a client verifies it: REPLICATE_WEBHOOK_SECRET set to the stand-in's secret.
    assertThat(
            StandardWebhooks.of(
                    Secret.of("REPLICATE_WEBHOOK_SECRET", ReplicateStandIn.WEBHOOK_SECRET),
                    Clock.systemUTC())
                .rejection(delivery.body(), delivery.headers()))
        .isEmpty();
    // Scheduled before the second's, it would have arrived first.
    assertThat(deliveries.get(unannounced)).isNull();
  }

  @Test
  void deliveriesAreSignedWithTheSecretTheOptionsGive() throws Exception {
    String secret =
        "whsec_"
            + Base64.getEncoder().encodeToString("another 32-byte secret for tests".getBytes());
    start(steps(Duration.ofMillis(30)).webhookSecret(secret));
    Map<String, CompletableFuture<Delivery>> deliveries = new ConcurrentHashMap<>();
    String url = receiveWebhooks(deliveries);

    String id =
        post(
                "/predictions",
                "{\"version\":\"o/m:v\",\"input\":{},\"webhook\":\"" + url + "\"}",
                Map.of())
            .body()
            .get("id")
            .asText();
    Delivery delivery = delivery(deliveries, id).get(10, TimeUnit.SECONDS);

    assertThat(delivery.header("webhook-signature"))
        .isEqualTo(
            "v1,"
                + hmac(
                    secret,
                    delivery.header("webhook-id"),
                    delivery.header("webhook-timestamp"),
                    delivery.body()));
  }

  // ---- helpers ----

  private record Answer(int status, JsonNode body) {}

  private record Delivery(Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  /** A loopback server completing one future per prediction id with the delivery it received. */
  private String receiveWebhooks(Map<String, CompletableFuture<Delivery>> deliveries)
      throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hooks",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
          String id = JSON.readTree(body).path("id").asText();
          delivery(deliveries, id).complete(new Delivery(headers, body));
        });
    receiver.start();
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
  }

  private static CompletableFuture<Delivery> delivery(
      Map<String, CompletableFuture<Delivery>> deliveries, String id) {
    return deliveries.computeIfAbsent(id, k -> new CompletableFuture<>());
  }

  /** HMAC-SHA256 of {@code id.timestamp.body} keyed with the base64 secret after {@code whsec_}. */
  private static String hmac(String secret, String id, String timestamp, byte[] body)
      throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
    mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(mac.doFinal(body));
  }

  /** Polls the prediction, as a client does, until it has {@code status} (10 s at most). */
  private JsonNode awaitStatus(String id, String status) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      JsonNode p = get("/predictions/" + id).body();
      if (p.path("status").asText().equals(status)) return p;
      assertThat(System.nanoTime()).as("%s still %s", id, p.path("status")).isLessThan(deadline);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // the poll interval
    }
  }

  private static String query(JsonNode page) {
    return URI.create(page.path("next").asText()).getRawQuery();
  }

  private Answer get(String pathAndQuery) throws Exception {
    return send(
        HttpRequest.newBuilder(standIns.baseUrl().resolve(pathAndQuery))
            .header("Authorization", TOKEN)
            .GET());
  }

  private Answer post(String path, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(standIns.baseUrl().resolve(path))
            .header("Authorization", TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return send(request);
  }

  private static Answer send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(answer.statusCode(), JSON.readTree(answer.body()));
  }
}
