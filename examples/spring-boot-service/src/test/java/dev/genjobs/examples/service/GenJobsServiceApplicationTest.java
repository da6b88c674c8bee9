package dev.genjobs.examples.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
          "creative-api", "creatify-asset-generator", "creatify-inspiration", "unstructured-platform"
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
}
