package dev.genjobs.examples.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import dev.genjobs.client.webhooks.StandardWebhooks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ContextConfiguration;

/**
 * The service as it runs: one job per provider against the stand-ins, the Creative API's result
 * delivered by webhook to the service's own port, and the genjobs meters in /actuator/metrics.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "management.endpoints.web.exposure.include=health,metrics")
@ContextConfiguration(initializers = StandInsInitializer.class)
class GenJobsServiceApplicationTest {

  @Autowired Environment environment;
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> send(String method, String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
    return http.send(
        HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void oneJobPerProviderEndsAndTheMetricsShowIt() throws Exception {
    HttpResponse<String> started = send("POST", "/jobs");
    assertThat(started.statusCode()).isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !send("GET", "/jobs").body().contains("\"RUNNING\""));

    String jobs = send("GET", "/jobs").body();
    assertThat(jobs).contains("SUCCEEDED").contains("\"creatify-inspiration\"").contains("FAILED");
    for (String provider :
        new String[] {
          "creative-api",
          "creatify-asset-generator",
          "creatify-inspiration",
          "unstructured-platform",
          "replicate"
        }) {
      String calls = send("GET", "/actuator/metrics/genjobs.call?tag=provider:" + provider).body();
      assertThat(calls).as(provider).contains("\"statistic\":\"COUNT\"");
      assertThat(calls).as(provider).doesNotContain("\"value\":0.0}");
    }
    assertThat(send("GET", "/actuator/metrics/genjobs.webhook?tag=verdict:COMPLETED").statusCode())
        .isEqualTo(200);
    assertThat(
            send("GET", "/actuator/metrics/genjobs.job.time.to.result?tag=status:FAILED")
                .statusCode())
        .isEqualTo(200);
    assertThat(send("GET", "/actuator/metrics/genjobs.jobs.in.flight").statusCode())
        .isEqualTo(200);
  }

  @Test
  void aSignedReplicateWebhookEndsTheJobAndAWrongSignatureIsRefusedChangingNothing()
      throws Exception {
    HttpResponse<String> started = send("POST", "/jobs/replicate");
    assertThat(started.statusCode()).isEqualTo(200);
    String id = JSON.readTree(started.body()).path("jobId").asText();
    assertThat(id).isNotBlank();

    // A forged delivery claiming the job succeeded, signed with the wrong secret.
    byte[] forged =
        ("{\"id\":\"" + id + "\",\"status\":\"succeeded\",\"output\":[\"https://evil.example/x.png\"],"
                + "\"urls\":{\"get\":\"https://api.replicate.com/v1/predictions/" + id + "\"}}")
            .getBytes(StandardCharsets.UTF_8);
    long now = Instant.now().getEpochSecond();
    String wrongSecret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
    HttpResponse<String> refused =
        deliver(forged, "msg_forged", now, StandardWebhooks.signature(wrongSecret, "msg_forged", now, forged));
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("Genjobs-Webhook-Outcome")).hasValue("SIGNATURE_REJECTED");
    HttpResponse<String> unsigned = deliver(forged, null, now, null);
    assertThat(unsigned.statusCode()).isEqualTo(401);

    // The stand-in's own delivery, signed with the secret the service is configured with, ends it:
    // within 20 s, before the polls' 30 s webhook fallback could.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !"RUNNING".equals(jobStatus("replicate", id)));
    assertThat(jobStatus("replicate", id)).isEqualTo("SUCCEEDED");
    assertThat(send("GET", "/jobs").body()).doesNotContain("evil.example");
    assertThat(
            send("GET", "/actuator/metrics/genjobs.webhook?tag=verdict:SIGNATURE_REJECTED")
                .statusCode())
        .isEqualTo(200);
    // Ended by the signed delivery (polls fall back only after 30 s without one).
    assertThat(
            send(
                    "GET",
                    "/actuator/metrics/genjobs.webhook?tag=verdict:COMPLETED&tag=provider:replicate")
                .statusCode())
        .isEqualTo(200);
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private String jobStatus(String provider, String id) throws Exception {
    for (com.fasterxml.jackson.databind.JsonNode j : JSON.readTree(send("GET", "/jobs").body())) {
      if (j.path("provider").asText().equals(provider) && j.path("jobId").asText().equals(id)) {
        return j.path("status").asText();
      }
    }
    return "ABSENT";
  }

  private HttpResponse<String> deliver(byte[] body, String id, long timestamp, String signature)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:"
                        + environment.getProperty("local.server.port")
                        + "/genjobs/webhooks/replicate"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (id != null) {
      request
          .header("webhook-id", id)
          .header("webhook-timestamp", Long.toString(timestamp))
          .header("webhook-signature", signature);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
