package dev.genjobs.micrometer;

import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.PollTicket;
import dev.genjobs.client.observability.CallOutcome;
import dev.genjobs.client.observability.ClientObserver;
import dev.genjobs.client.observability.Operation;
import dev.genjobs.client.webhooks.WebhookResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link ClientObserver} for Micrometer. Provider calls and webhook deliveries are {@link
 * Observation}s, so a registry with a meter handler gets timers and counters and one with a tracing
 * handler gets spans; poll lateness and time to result are timers on a {@link MeterRegistry}, when
 * one is given. Jobs in flight are gauges: {@link GenJobsMeterBinder}. Every name and tag: {@link
 * GenJobsMeters}.
 *
 * <pre>{@code
 * ObservationRegistry observations = ...; MeterRegistry meters = ...;
 * GenJobsClient client = GenJobsClient.create(ClientOptions.builder()
 *     .observer(MicrometerClientObserver.builder(observations).meterRegistry(meters).build())
 *     ...build());
 * new GenJobsMeterBinder(client).bindTo(meters);
 * }</pre>
 */
public final class MicrometerClientObserver implements ClientObserver {

  private static final Observation.Event RETRY = Observation.Event.of(GenJobsMeters.RETRY_EVENT);
  private static final Observation.Event AMBIGUOUS =
      Observation.Event.of(GenJobsMeters.AMBIGUOUS_EVENT);

  private final ObservationRegistry observations;
  private final MeterRegistry meters;
  private final Clock clock;
  private final Map<String, Instant> createdAt;

  private MicrometerClientObserver(Builder b) {
    this.observations = b.observations;
    this.meters = b.meters;
    this.clock = b.clock;
    int max = b.maxTrackedJobs;
    // Jobs created here whose result has not come yet; the oldest are forgotten past the cap (a
    // job nobody waits for never reports a result).
    this.createdAt =
        Collections.synchronizedMap(
            new LinkedHashMap<>() {
              @Override
              protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                return size() > max;
              }
            });
  }

  public static Builder builder(ObservationRegistry observations) {
    return new Builder(observations);
  }

  private static String key(Provider provider, String jobId) {
    return provider.id() + ":" + jobId;
  }

  @Override
  public Call callStarted(Operation operation) {
    return observe(operation, true);
  }

  /** Polls: started on one thread, ended on another, so no scope is opened. */
  @Override
  public Call asyncCallStarted(Operation operation) {
    return observe(operation, false);
  }

  private Call observe(Operation operation, boolean onThisThread) {
    Observation observation =
        Observation.createNotStarted(GenJobsMeters.CALL, observations)
            .contextualName(operation.provider().specFolder() + " " + operation.name())
            .lowCardinalityKeyValue(GenJobsMeters.PROVIDER, operation.provider().specFolder())
            .lowCardinalityKeyValue(GenJobsMeters.OPERATION, operation.name())
            .start();
    // The call runs on this thread right after: the scope makes it the current observation, so
    // a tracer parents anything the call does under it.
    Observation.Scope scope = onThisThread ? observation.openScope() : null;
    return new Call() {
      @Override
      public void retrying(int attempt, Throwable failure, Duration wait) {
        observation.event(RETRY);
      }

      @Override
      public void ended(CallOutcome outcome) {
        try {
          observation.lowCardinalityKeyValue(GenJobsMeters.OUTCOME, outcome.result().name());
          observation.lowCardinalityKeyValue(
              GenJobsMeters.HTTP_STATUS,
              outcome.httpStatus().isPresent()
                  ? String.valueOf(outcome.httpStatus().getAsInt())
                  : outcome.result() == CallOutcome.Result.SUCCESS
                      ? GenJobsMeters.HTTP_STATUS_SUCCESS
                      : GenJobsMeters.NONE);
          if (outcome.result() == CallOutcome.Result.AMBIGUOUS) {
            observation.event(AMBIGUOUS);
          }
          if (outcome.failure() != null) observation.error(outcome.failure());
        } finally {
          if (scope != null) scope.close();
          observation.stop();
        }
      }
    };
  }

  @Override
  public void jobCreated(Provider provider, String jobId) {
    createdAt.put(key(provider, jobId), clock.instant());
  }

  @Override
  public void pollCompleted(PollTicket ticket, JobSnapshot snapshot, Throwable failure) {
    if (meters == null) return;
    ticket
        .lateness()
        .ifPresent(
            lateness ->
                Timer.builder(GenJobsMeters.POLL_LATENESS)
                    .description("How long after its planned time a poll was sent")
                    .tag(GenJobsMeters.PROVIDER, ticket.provider().specFolder())
                    .tag(GenJobsMeters.REASON, ticket.reason().name())
                    .register(meters)
                    .record(lateness.isNegative() ? Duration.ZERO : lateness));
  }

  @Override
  public void jobEnded(Provider provider, String jobId, JobSnapshot terminal, Throwable failure) {
    Instant created = createdAt.remove(key(provider, jobId));
    if (meters == null || created == null) return;
    Timer.builder(GenJobsMeters.TIME_TO_RESULT)
        .description("From a job's creation to its result, for jobs created by this client")
        .tag(GenJobsMeters.PROVIDER, provider.specFolder())
        .tag(
            GenJobsMeters.STATUS,
            terminal != null ? terminal.status().name() : GenJobsMeters.STATUS_ERROR)
        .register(meters)
        .record(Duration.between(created, clock.instant()));
  }

  @Override
  public Delivery webhookReceived() {
    Observation observation =
        Observation.createNotStarted(GenJobsMeters.WEBHOOK, observations).start();
    return new Delivery() {
      @Override
      public void handled(WebhookResult result, Throwable failure) {
        observation.lowCardinalityKeyValue(
            GenJobsMeters.VERDICT,
            result != null ? result.outcome().name() : GenJobsMeters.STATUS_ERROR);
        observation.lowCardinalityKeyValue(
            GenJobsMeters.PROVIDER,
            result != null && result.provider() != null
                ? result.provider().specFolder()
                : GenJobsMeters.NONE);
        if (failure != null) observation.error(failure);
        observation.stop();
      }
    };
  }

  public static final class Builder {
    private final ObservationRegistry observations;
    private MeterRegistry meters;
    private Clock clock = Clock.systemUTC();
    private int maxTrackedJobs = 100_000;

    private Builder(ObservationRegistry observations) {
      this.observations = Objects.requireNonNull(observations, "observations");
    }

    /** Where poll lateness and time to result are recorded; without one they are not. */
    public Builder meterRegistry(MeterRegistry meters) {
      this.meters = meters;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Jobs remembered between creation and result, for time to result (default 100,000). */
    public Builder maxTrackedJobs(int maxTrackedJobs) {
      if (maxTrackedJobs < 0) throw new IllegalArgumentException("maxTrackedJobs < 0");
      this.maxTrackedJobs = maxTrackedJobs;
      return this;
    }

    public MicrometerClientObserver build() {
      return new MicrometerClientObserver(this);
    }
  }
}
