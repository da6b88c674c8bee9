package dev.genjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.genjobs.cli.CliRunner.Result;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code genjobs --provider replicate create|await|cancel} through the generic {@code CreatesJobs}
 * path, against a small Replicate stub on 127.0.0.1 (the JDK's HTTP server: the Replicate stand-in
 * is not available yet, and it keeps this module free of another test dependency).
 */
class ReplicateCommandsTest {

  private static final String TOKEN = "r8_cli-test-token";
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpServer server;
  private CliRunner cli;
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger polls = new AtomicInteger();

  /** One request the stub received. */
  record Recorded(String method, String path, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  @BeforeEach
  void startStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
    cli =
        CliRunner.withEnv(
            Map.of(
                "REPLICATE_API_TOKEN",
                TOKEN,
                "REPLICATE_BASE_URL",
                "http://127.0.0.1:" + server.getAddress().getPort()));
  }

  @AfterEach
  void stopStub() {
    server.stop(0);
  }

  private static String prediction(String id, String status, String output) {
    return ("{'id':'ID','model':'acme/fox-gen','version':'5c7d5dc6','input':{'prompt':'a fox'},"
            + "'output':OUTPUT,'error':null,'status':'STATUS','data_removed':false,"
            + "'created_at':'2026-12-05T06:00:00Z','urls':{'get':'https://api.replicate.com/v1/"
            + "predictions/ID','cancel':'https://api.replicate.com/v1/predictions/ID/cancel'}}")
        .replace('\'', '"')
        .replace("ID", id)
        .replace("STATUS", status)
        .replace("OUTPUT", output);
  }

  private void answer(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    Recorded r = new Recorded(method, path, Map.copyOf(exchange.getRequestHeaders()), body);
    requests.add(r);
    int status = 200;
    String answer;
    if (method.equals("POST") && path.equals("/models/acme/fox-gen/predictions")) {
      status = 201;
      answer =
          r.header("Prefer") != null
              ? prediction("p-sync", "succeeded", "[\"https://cdn.example/sync.png\"]")
              : prediction("p-cli", "starting", "null");
    } else if (method.equals("GET") && path.equals("/predictions/p-cli")) {
      answer =
          polls.incrementAndGet() < 2
              ? prediction("p-cli", "processing", "null")
              : prediction("p-cli", "succeeded", "[\"https://cdn.example/fox.png\"]");
    } else if (method.equals("POST") && path.equals("/predictions/p-cli/cancel")) {
      answer = prediction("p-cli", "canceled", "null");
    } else {
      status = 404;
      answer = "{\"title\":\"Not found\",\"detail\":\"no such path\",\"status\":404}";
    }
    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private Result create(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--json",
                "--provider",
                "replicate",
                "create",
                "--model",
                "acme/fox-gen",
                "-i",
                "prompt=a fox"));
    args.addAll(List.of(extra));
    return cli.run(args.toArray(String[]::new));
  }

  @Test
  void createThenAwaitFollowsThePredictionToItsOutput() throws Exception {
    Result created = create();
    String id = created.json().path("id").asText();
    Result awaited = cli.run("--json", "--provider", "replicate", "await", "--timeout", "10s", id);

    assertThat(created.exitCode()).as(created.toString()).isZero();
    assertThat(id).isEqualTo("p-cli");
    assertThat(created.json().path("status").asText()).isEqualTo("QUEUED");
    assertThat(created.json().path("raw_status").asText()).isEqualTo("starting");
    assertThat(awaited.exitCode()).as(awaited.toString()).isZero();
    assertThat(awaited.json().path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(awaited.out()).contains("https://cdn.example/fox.png");
    Recorded post = requests.get(0);
    assertThat(post.path()).isEqualTo("/models/acme/fox-gen/predictions");
    assertThat(post.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(post.header("Prefer")).isNull();
    JsonNode sent = JSON.readTree(post.body());
    assertThat(sent.path("input").path("prompt").asText()).isEqualTo("a fox");
    assertThat(sent.has("webhook_events_filter")).isFalse();
    assertThat(sent.has("version")).isFalse();
  }

  @Test
  void createWithWaitGetsTheFinalAnswerWithoutAPoll() {
    Result created = create("--wait", "30s");

    assertThat(created.exitCode()).as(created.toString()).isZero();
    assertThat(created.json().path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(created.out()).contains("https://cdn.example/sync.png");
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).header("Prefer")).isEqualTo("wait=30");
  }

  @Test
  void cancelStopsThePrediction() {
    Result cancelled = cli.run("--json", "--provider", "replicate", "cancel", "p-cli");

    assertThat(cancelled.exitCode()).as(cancelled.toString()).isZero();
    assertThat(cancelled.json().path("status").asText()).isEqualTo("CANCELLED");
    assertThat(cancelled.json().path("raw_status").asText()).isEqualTo("canceled");
    assertThat(requests).extracting(Recorded::path).containsExactly("/predictions/p-cli/cancel");
  }

  @Test
  void aWaitOutsideReplicatesRangeIsRefusedBeforeAnythingIsSent() {
    Result r = create("--wait", "90s");

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("/Prefer");
    assertThat(requests).isEmpty();
  }

  @Test
  void createWithoutAModelNamesWhatReplicateNeeds() {
    Result r = cli.run("--provider", "replicate", "create", "-i", "prompt=a fox");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--model", "model or version");
    assertThat(requests).isEmpty();
  }
}
