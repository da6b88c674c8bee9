package dev.genjobs.client.observability;

import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.PollTicket;
import dev.genjobs.client.webhooks.WebhookResult;
import java.time.Duration;
import java.util.List;

/**
 * Told what the client does, for metrics, traces and health: provider calls, jobs created and
 * ended, polls and webhook deliveries. Every method has a no-op default, so an implementation
 * overrides only what it needs; {@link #NONE} is the default and costs nothing. Set one with {@code
 * ClientOptions.builder().observer(...)}; {@code genjobs-micrometer} has one for Micrometer.
 *
 * <p>Methods run on the thread doing the work (a caller's thread for calls, watcher or HTTP threads
 * for polls and results), so they must be quick and must not block. An exception thrown here is
 * logged and ignored: observing never changes what the client does.
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

  /**
   * A provider call made without blocking (the watcher's polls: one attempt, no retries) starts;
   * its {@link Call#ended} runs on whichever thread completes it. By default the same as {@link
   * #callStarted}; override when {@code callStarted} binds anything to the calling thread.
   */
  default Call asyncCallStarted(Operation operation) {
    return callStarted(operation);
  }

  /** A job-creating call returned a job id: the job runs at the provider from now on. */
  default void jobCreated(Provider provider, String jobId) {}

  /**
   * A poll of a watched job came back: {@code snapshot} on success, {@code failure} otherwise;
   * {@link PollTicket#lateness()} is how long after its planned time it was sent.
   */
  default void pollCompleted(PollTicket ticket, JobSnapshot snapshot, Throwable failure) {}

  /**
   * The watcher published a job's result: {@code terminal} is its final snapshot, or {@code
   * failure} why watching it ended (an error polling cannot heal). Once per watched job.
   */
  default void jobEnded(Provider provider, String jobId, JobSnapshot terminal, Throwable failure) {}

  /**
   * A webhook delivery arrived; the returned {@link Delivery} is told the verdict when it has been
   * handled (after the confirming GET, on whichever thread finished it).
   */
  default Delivery webhookReceived() {
    return Delivery.NONE;
  }

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

  /** One webhook delivery. */
  interface Delivery {

    /** Observes nothing. */
    Delivery NONE = new Delivery() {};

    /** Handled with {@code result}, or failed unexpectedly with {@code failure}; once. */
    default void handled(WebhookResult result, Throwable failure) {}
  }
}
