package dev.genjobs.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.webhooks.WebhookReceiver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The webhook endpoint does not hold a servlet thread while it confirms a delivery with the
 * provider: with a single request thread, a second request is answered while the first delivery's
 * confirming GET is still held by the provider. Answering synchronously, the second request would
 * queue behind the first. This is the in-process watcher's path (no ledger); with the durable
 * ledger a delivery is answered at once ({@code CONFIRMATION_DUE}) and its GET runs as ledger work.
 */
@SpringBootTest(
    classes = TestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "genjobs.creative-api.api-key=test-key",
      "genjobs.ledger.enabled=false",
      "genjobs.poll.initial-interval=10m",
      "genjobs.poll.webhook-fallback=10m",
      "genjobs.read-timeout=20s",
      "genjobs.webhooks.path=/hooks/genjobs",
      "server.tomcat.threads.max=1",
      "server.tomcat.threads.min-spare=1"
    })
class WebhookEndpointAsyncTest {

  private static final CountDownLatch CONFIRMATION_RECEIVED = new CountDownLatch(1);
  private static final CountDownLatch RELEASE_CONFIRMATION = new CountDownLatch(1);
  private static final ExecutorService PROVIDER_THREADS = Executors.newCachedThreadPool();
  private static final HttpServer PROVIDER = startProvider();

  @Autowired GenJobsClient client;
  @Autowired Environment environment;

  private final HttpClient http = HttpClient.newHttpClient();

  /** Creative API stand-in: one job, whose GET is held until the test releases it. */
  private static HttpServer startProvider() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/generate",
          exchange -> reply(exchange, "{\"jobId\":\"held-1\",\"status\":\"created\"}"));
      server.createContext(
          "/get",
          exchange -> {
            CONFIRMATION_RECEIVED.countDown();
            try {
              RELEASE_CONFIRMATION.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            reply(exchange, "{\"jobId\":\"held-1\",\"status\":\"completed\"}");
          });
      server.setExecutor(PROVIDER_THREADS);
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void reply(HttpExchange exchange, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @DynamicPropertySource
  static void provider(DynamicPropertyRegistry registry) {
    registry.add(
        "genjobs.creative-api.base-url",
        () -> "http://127.0.0.1:" + PROVIDER.getAddress().getPort());
  }

  @AfterAll
  static void stopProvider() {
    RELEASE_CONFIRMATION.countDown();
    PROVIDER.stop(0);
    PROVIDER_THREADS.shutdownNow();
  }

  private URI app(String path) {
    return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
  }

  private HttpRequest delivery(String provider, String json) {
    return HttpRequest.newBuilder(app("/hooks/genjobs/" + provider))
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  @Test
  void aDeliveryWaitingForItsConfirmationDoesNotHoldTheOnlyRequestThread() throws Exception {
    client
        .creative()
        .generate(
            GenerateRequest.builder()
                .model("flux-pro")
                .input("prompt", "a fox")
                .webhook(app("/hooks/genjobs/creative-api"))
                .build())
        .awaitAsync(Duration.ofSeconds(60));

    CompletableFuture<HttpResponse<String>> held =
        http.sendAsync(
            delivery("creative-api", "{\"jobId\":\"held-1\",\"status\":\"completed\"}"),
            HttpResponse.BodyHandlers.ofString());
    assertThat(CONFIRMATION_RECEIVED.await(10, TimeUnit.SECONDS))
        .as("the delivery's confirming GET reached the provider")
        .isTrue();

    // The only request thread is free: this is answered while the first is still confirming.
    HttpResponse<String> other =
        http.send(delivery("no-such-provider", "{}"), HttpResponse.BodyHandlers.ofString());
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(held).isNotDone();

    RELEASE_CONFIRMATION.countDown();
    HttpResponse<String> confirmed = held.get(10, TimeUnit.SECONDS);
    assertThat(confirmed.statusCode()).isEqualTo(200);
    assertThat(confirmed.headers().firstValue(WebhookReceiver.OUTCOME_HEADER))
        .hasValue("COMPLETED");
  }
}
