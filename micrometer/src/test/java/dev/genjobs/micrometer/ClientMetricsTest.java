package dev.genjobs.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.jobs.PollPolicy;
import dev.genjobs.client.webhooks.WebhookResult;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real client against the loopback stand-ins, observed into a {@link SimpleMeterRegistry}. */
class ClientMetricsTest {

  private ProviderStandIns standIns;
  private MeterRegistry meters;
  private GenJobsClient client;

  @BeforeEach
  void start() {
    standIns =
        ProviderStandIns.start(
            StandInOptions.builder()
                .stepDuration(Duration.ofMillis(50))
                .deliverWebhooks(false)
                .build());
    meters = new SimpleMeterRegistry();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    client =
        GenJobsClient.create(
            ClientOptions.builder()
                .baseUrlForAll(standIns.baseUrl())
                .creativeApiKey("key")
                .pollPolicy(
                    PollPolicy.builder()
                        .initialInterval(Duration.ofMillis(30))
                        .maxInterval(Duration.ofMillis(60))
                        .build())
                .observer(
                    MicrometerClientObserver.builder(observations).meterRegistry(meters).build())
                .build());
    new GenJobsMeterBinder(client).bindTo(meters);
  }

  @AfterEach
  void stop() {
    client.close();
    standIns.close();
  }

  @Test
  void aJobFollowedToItsResultRecordsCallsPollLatenessAndTimeToResult() throws Exception {
    JobSnapshot done =
        client
            .creative()
            .generate(GenerateRequest.builder().model("flux-pro").input("prompt", "a fox").build())
            .await(Duration.ofSeconds(30));

    assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(
            meters
                .get("genjobs.call")
                .tag("provider", "creative-api")
                .tag("operation", "generate")
                .tag("outcome", "SUCCESS")
                .timer()
                .count())
        .isEqualTo(1);
    // The watcher's polls are calls too.
    assertThat(
            meters
                .get("genjobs.call")
                .tag("provider", "creative-api")
                .tag("operation", "getJob")
                .tag("outcome", "SUCCESS")
                .timer()
                .count())
        .isPositive();
    assertThat(
            meters
                .get("genjobs.job.time.to.result")
                .tag("provider", "creative-api")
                .tag("status", "SUCCEEDED")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(meters.get("genjobs.poll.lateness").tag("provider", "creative-api").timers())
        .isNotEmpty();
  }

  @Test
  void aWatchedJobCountsAsInFlightUntilItsWaitEnds() {
    CompletableFuture<JobSnapshot> wait =
        client.job(Provider.CREATIVE_API, "job-not-polled-yet").awaitAsync(Duration.ofHours(1));
    double unknown =
        meters
            .get("genjobs.jobs.in.flight")
            .tag("provider", "creative-api")
            .tag("status", "UNKNOWN")
            .gauge()
            .value();

    wait.cancel(false);

    assertThat(unknown).isEqualTo(1.0);
    assertThat(
            meters
                .get("genjobs.jobs.in.flight")
                .tag("provider", "creative-api")
                .tag("status", "UNKNOWN")
                .gauge()
                .value())
        .isZero();
  }

  @Test
  void webhookDeliveriesAreCountedByVerdict() {
    WebhookResult invalid =
        client.webhooks().handle("not json".getBytes(StandardCharsets.UTF_8), Map.of());
    WebhookResult unknown =
        client
            .webhooks()
            .handle("{\"jobId\":\"nobody-waits\"}".getBytes(StandardCharsets.UTF_8), Map.of());

    assertThat(invalid.outcome()).isEqualTo(WebhookResult.Outcome.INVALID);
    assertThat(unknown.outcome()).isEqualTo(WebhookResult.Outcome.UNKNOWN_JOB);
    assertThat(meters.get("genjobs.webhook").tag("verdict", "INVALID").timer().count())
        .isEqualTo(1);
    assertThat(
            meters
                .get("genjobs.webhook")
                .tag("verdict", "UNKNOWN_JOB")
                .tag("provider", "creative-api")
                .timer()
                .count())
        .isEqualTo(1);
  }
}
