package dev.genjobs.client.observability;

import dev.genjobs.client.Provider;
import dev.genjobs.client.core.Operation;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.webhooks.WebhookResult;
import java.time.Duration;
import java.util.List;

/**
 * Told what the client does, for metrics, traces and health: provider calls, jobs being watched,
 * polls and webhook deliveries. Every method has a no-op default, so an implementation overrides
 * only what it needs; {@link #NONE} is the default and costs nothing. Set one with {@code
 * ClientOptions.builder().observer(...)}; {@code genjobs-micrometer} has one for Micrometer.
 *
 * <p>Methods run on the thread doing the work (a caller's thread for calls, a watcher thread for
 * polls), so they must be quick and must not block. An exception thrown here is logged and ignored:
 * observing never changes what the client does.
 */
public interface ClientObserver {

  /** Observes nothing. */
  ClientObserver NONE = new ClientObserver() {};

  /**
   * A provider call starts (all its attempts, retries included). Called on the calling thread,
   * which makes the call right after; the returned {@link Call} is told how it ended, on the same
   * thread.
   */
  default Call callStarted(Operation operation) {
    return Call.NONE;
  }

  /** The client started watching a job (its first wait began). */
  default void jobWatchStarted(Provider provider, String jobId) {}

  /**
   * A poll or webhook confirmation saw a job's status change; {@code previous} is null for the
   * first status seen.
   */
  default void jobStatusChanged(
      Provider provider, String jobId, JobStatus previous, JobStatus current) {}

  /**
   * The client stopped watching a job: it ended ({@code finalStatus} is terminal), or every wait
   * ended first (timed out, cancelled, failed: {@code finalStatus} is null). {@code lastStatus} is
   * the last status seen (null if none was); {@code watched} runs from {@link #jobWatchStarted}.
   */
  default void jobWatchEnded(
      Provider provider,
      String jobId,
      JobStatus lastStatus,
      JobStatus finalStatus,
      Duration watched) {}

  /**
   * A scheduled poll runs; {@code lateness} is how long after its planned time it started (zero or
   * more), which grows when the watcher's threads cannot keep up.
   */
  default void pollStarted(Provider provider, Duration lateness) {}

  /** A webhook delivery was handled; {@link WebhookResult#outcome()} is the verdict. */
  default void webhookHandled(WebhookResult result, Duration took) {}

  /**
   * One observer telling each of {@code observers} in turn; one that throws does not stop the
   * others.
   */
  static ClientObserver composite(List<? extends ClientObserver> observers) {
    return Observers.composite(List.copyOf(observers));
  }

  /** One provider call, from its first attempt to its outcome. */
  interface Call {

    /** Observes nothing. */
    Call NONE = new Call() {};

    /** Attempt {@code attempt} failed with {@code failure}; the next starts after {@code wait}. */
    default void retrying(int attempt, Throwable failure, Duration wait) {}

    /** The call ended; called exactly once. */
    default void ended(CallOutcome outcome) {}
  }
}
