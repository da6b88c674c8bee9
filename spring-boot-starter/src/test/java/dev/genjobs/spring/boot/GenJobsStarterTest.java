package dev.genjobs.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.webhooks.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter in a servlet application on a random port, against the loopback stand-ins: the client
 * is built from {@code genjobs.*}, and the webhook endpoint lives in the application's own server.
 */
@SpringBootTest(
    classes = TestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "genjobs.creatify.api-id=test-id",
      "genjobs.creatify.api-key=test-key",
      "genjobs.unstructured.api-key=test-key",
      "genjobs.creative-api.api-key=test-key",
      "genjobs.providers.replicate.keys.replicate-api-token=test-key",
      "genjobs.connect-timeout=3s",
      "genjobs.read-timeout=7s",
      "genjobs.watcher-threads=3",
      "genjobs.poll-threads=6",
      "genjobs.retry.max-attempts=2",
      "genjobs.retry.max-elapsed=20s",
      // Polling would not end a wait within the test: only a webhook can.
      "genjobs.poll.initial-interval=10m",
      "genjobs.poll.webhook-fallback=10m",
      "genjobs.webhooks.path=/hooks/genjobs",
      "management.endpoint.health.show-details=always"
    })
class GenJobsStarterTest {

  @DynamicPropertySource
  static void standIns(DynamicPropertyRegistry registry) {
    registry.add("genjobs.creatify.base-url", StandInsForTests::baseUrl);
    registry.add("genjobs.unstructured.base-url", StandInsForTests::baseUrl);
    registry.add("genjobs.creative-api.base-url", StandInsForTests::baseUrl);
    // A provider configured by id, as every provider can be.
    registry.add("genjobs.providers.replicate.base-url", StandInsForTests::baseUrl);
  }

  @Autowired GenJobsClient client;
  @Autowired io.micrometer.core.instrument.MeterRegistry meters;
  @Autowired Environment environment;

  private final HttpClient http = HttpClient.newHttpClient();

  private URI app(String path) {
    return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(app(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void propertiesBindIntoTheClientOptions() {
    ClientOptions options = client.options();

    URI standIns = URI.create(StandInsForTests.baseUrl());
    for (Provider p : Provider.values()) assertThat(options.baseUrl(p)).isEqualTo(standIns);
    assertThat(options.creativeApiKey().isPresent()).isTrue();
    assertThat(options.creatifyApiId().isPresent()).isTrue();
    assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(options.readTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(options.watcherThreads()).isEqualTo(3);
    assertThat(options.pollThreads()).isEqualTo(6);
    assertThat(options.retryPolicy().maxAttempts()).isEqualTo(2);
    assertThat(options.retryPolicy().maxElapsed()).isEqualTo(Duration.ofSeconds(20));
    assertThat(options.pollPolicy().initialInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(options.pollPolicy().webhookFallback()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void aWebhookPostedToTheApplicationsEndpointEndsTheJobsWait() throws Exception {
    Job job =
        client
            .creative()
            .generate(
                GenerateRequest.builder()
                    .model("flux-pro")
                    .input("prompt", "a fox")
                    .webhook(app("/hooks/genjobs/creative-api"))
                    .build());

    // Polls are 10 minutes apart: finishing within this timeout takes the stand-in's webhook.
    JobSnapshot done = job.await(Duration.ofSeconds(30));

    assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
  }

  @Test
  void callsAndWebhooksAreObservedIntoTheApplicationsMeterRegistry() throws Exception {
    client
        .creative()
        .generate(GenerateRequest.builder().model("flux-pro").input("prompt", "m").build());
    post("/hooks/genjobs/creative-api", "not json");

    assertThat(
            meters
                .get("genjobs.call")
                .tag("provider", "creative-api")
                .tag("operation", "generate")
                .tag("outcome", "SUCCESS")
                .timer()
                .count())
        .isPositive();
    assertThat(meters.get("genjobs.webhook").tag("verdict", "INVALID").timer().count())
        .isPositive();
    assertThat(meters.get("genjobs.jobs.in.flight").tag("provider", "creative-api").gauges())
        .isNotEmpty();
  }

  @Test
  void aDeliveryThatIsNotAJobIsRejectedWithTheHandlersVerdict() throws Exception {
    HttpResponse<String> response = post("/hooks/genjobs/creative-api", "[1, 2]");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue(WebhookReceiver.OUTCOME_HEADER)).hasValue("INVALID");
  }

  @Test
  void aDeliveryToOneProvidersPathIsNeverMatchedToAnotherProvidersJob() throws Exception {
    Job creative =
        client
            .creative()
            .generate(GenerateRequest.builder().model("flux-pro").input("prompt", "x").build());

    // The Creative API job's id, delivered to the Unstructured Platform's path.
    HttpResponse<String> response =
        post("/hooks/genjobs/unstructured-platform", "{\"id\":\"" + creative.id() + "\"}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue(WebhookReceiver.OUTCOME_HEADER))
        .hasValue("UNKNOWN_JOB");
  }

  @Test
  void aDeliveryForAnUnknownProviderIsAnswered404() throws Exception {
    HttpResponse<String> response = post("/hooks/genjobs/no-such-provider", "{\"id\":\"x\"}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue(WebhookReceiver.OUTCOME_HEADER))
        .hasValue("UNKNOWN_PROVIDER");
  }

  @Test
  void healthReportsEachConfiguredProvidersKeysAndLastCallWithoutCallingIt() throws Exception {
    client
        .creative()
        .generate(GenerateRequest.builder().model("flux-pro").input("prompt", "x").build());

    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(app("/actuator/health")).GET().build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body())
        .contains("\"genjobs\"")
        .contains("\"creative-api\":{\"keysPresent\":true,\"lastCall\":{\"operation\":\"")
        .contains("\"outcome\":\"SUCCESS\"")
        .contains("\"unstructured-platform\":{\"keysPresent\":true");
  }
}
