package dev.genjobs.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genjobs.client.Provider;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code genjobs.verify-live.interval} set, every configured provider is checked at start-up
 * against the stand-ins; the last result shows in health and in a gauge per provider.
 */
@SpringBootTest(
    classes = TestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "genjobs.creatify.api-id=test-id",
      "genjobs.creatify.api-key=test-key",
      "genjobs.creative-api.api-key=test-key",
      "genjobs.verify-live.interval=1h",
      "management.endpoint.health.show-details=always"
    })
class VerifyLiveScheduleTest {

  @DynamicPropertySource
  static void standIns(DynamicPropertyRegistry registry) {
    registry.add("genjobs.creatify.base-url", StandInsForTests::baseUrl);
    registry.add("genjobs.creative-api.base-url", StandInsForTests::baseUrl);
  }

  @Autowired VerifyLiveSchedule schedule;
  @Autowired MeterRegistry meters;
  @Autowired Environment environment;

  @Test
  void theConfiguredProvidersAreCheckedAtStartUpAndShowInHealthAndGauges() throws Exception {
    schedule.firstRun().get(60, TimeUnit.SECONDS);

    assertThat(schedule.providers())
        // In id order, as providers are registered.
        .containsExactly(
            Provider.CREATIFY_ASSET_GENERATOR,
            Provider.CREATIFY_INSPIRATION,
            Provider.CREATIVE_API);
    assertThat(
            meters
                .get("genjobs.verify_live.findings")
                .tag("provider", "creatify-inspiration")
                .gauge()
                .value())
        .isZero();
    JsonNode health = health().path("components").path("genjobsVerifyLive");
    assertThat(health.path("status").asText()).isEqualTo("UP");
    JsonNode inspiration = health.path("details").path("creatify-inspiration");
    assertThat(inspiration.path("conforms").asBoolean()).isTrue();
    assertThat(inspiration.path("answersChecked").asInt()).isPositive();
    assertThat(health.path("details").has("unstructured-platform")).isFalse();
  }

  @Test
  void offByDefault() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                GenJobsAutoConfiguration.class, GenJobsVerifyLiveAutoConfiguration.class))
        .withPropertyValues("genjobs.creative-api.api-key=test-key")
        .run(context -> assertThat(context).doesNotHaveBean(VerifyLiveSchedule.class));
  }

  private JsonNode health() throws Exception {
    URI uri =
        URI.create(
            "http://127.0.0.1:"
                + environment.getProperty("local.server.port")
                + "/actuator/health");
    String body =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
            .body();
    return new ObjectMapper().readTree(body);
  }
}
