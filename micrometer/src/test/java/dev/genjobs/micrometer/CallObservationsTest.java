package dev.genjobs.micrometer;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.genjobs.client.Provider;
import dev.genjobs.client.RetryPolicy;
import dev.genjobs.client.core.CallExecutor;
import dev.genjobs.client.errors.ApiException;
import dev.genjobs.client.errors.HttpFailure;
import dev.genjobs.client.errors.ProviderError;
import dev.genjobs.client.errors.RateLimitException;
import dev.genjobs.client.observability.Operation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Provider calls as observations: names, tags, the retry and ambiguous events, and the timers and
 * counters a meter handler makes of them. Calls run through the real {@link CallExecutor} with
 * attempts that fail as the transport would; nothing sleeps.
 */
class CallObservationsTest {

  private static final String CALL = GenJobsMeters.CALL;

  private static final Operation GET_JOB = Operation.read(Provider.CREATIVE_API, "getJob");
  private static final Operation CREATE = Operation.create(Provider.UNSTRUCTURED, "create_job");

  private static CallExecutor executor(ObservationRegistry registry) {
    return new CallExecutor(
            RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(1)).build(),
            d -> {},
            Clock.systemUTC(),
            Duration.ofSeconds(1))
        .observedBy(MicrometerClientObserver.builder(registry).build());
  }

  private static ApiException status(int status) {
    return ApiException.of(
        Provider.CREATIVE_API,
        "getJob",
        new HttpFailure(status, ProviderError.none(), "", null, null));
  }

  private static MeterRegistry meteredRegistry(ObservationRegistry registry) {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    return meters;
  }

  @Test
  void aCallRetriedOnceIsOneObservationWithARetryEventAndItsOutcome() {
    TestObservationRegistry registry = TestObservationRegistry.create();
    AtomicInteger attempts = new AtomicInteger();

    executor(registry)
        .execute(
            GET_JOB,
            "GET /get",
            () -> {
              if (attempts.incrementAndGet() == 1) throw status(503);
              return "ok";
            });

    assertThat(registry)
        .hasNumberOfObservationsWithNameEqualTo(CALL, 1)
        .hasObservationWithNameEqualTo(CALL)
        .that()
        .hasBeenStarted()
        .hasBeenStopped()
        .hasLowCardinalityKeyValue("provider", "creative-api")
        .hasLowCardinalityKeyValue("operation", "getJob")
        .hasLowCardinalityKeyValue("outcome", "SUCCESS")
        .hasLowCardinalityKeyValue("http.status", "2xx")
        .hasEvent("retry");
  }

  @Test
  void retriesAndCallsBecomeACounterAndATimerWithProviderOperationOutcomeAndStatus() {
    ObservationRegistry registry = ObservationRegistry.create();
    MeterRegistry meters = meteredRegistry(registry);
    AtomicInteger attempts = new AtomicInteger();

    catchThrowable(
        () ->
            executor(registry)
                .execute(
                    GET_JOB,
                    "GET /get",
                    () -> {
                      attempts.incrementAndGet();
                      throw status(429);
                    }));

    assertThat(attempts).hasValue(3);
    assertThat(
            meters
                .get("genjobs.call.retry")
                .tag("provider", "creative-api")
                .tag("operation", "getJob")
                .counter()
                .count())
        .isEqualTo(2.0);
    assertThat(
            meters
                .get("genjobs.call")
                .tag("provider", "creative-api")
                .tag("operation", "getJob")
                .tag("outcome", "FAILURE")
                .tag("http.status", "429")
                .tag("error", RateLimitException.class.getSimpleName())
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void aCreateWithAnUnknownOutcomeCountsAsAmbiguous() {
    ObservationRegistry registry = ObservationRegistry.create();
    MeterRegistry meters = meteredRegistry(registry);

    catchThrowable(
        () ->
            executor(registry)
                .execute(
                    CREATE,
                    "POST /api/v1/jobs/",
                    () -> {
                      throw status(502);
                    }));

    assertThat(
            meters
                .get("genjobs.call.ambiguous")
                .tag("provider", "unstructured-platform")
                .tag("operation", "create_job")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(
            meters
                .get("genjobs.call")
                .tag("outcome", "AMBIGUOUS")
                .tag("http.status", "502")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void withoutARegistryNothingIsRecordedAndTheCallIsUnchanged() {
    String answer = executor(ObservationRegistry.NOOP).execute(GET_JOB, "GET /get", () -> "ok");

    assertThat(answer).isEqualTo("ok");
  }
}
