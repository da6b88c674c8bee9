package dev.genjobs.client.jobs;

import dev.genjobs.client.errors.ApiException;
import dev.genjobs.client.errors.ConnectionException;
import dev.genjobs.client.errors.MalformedResponseException;
import dev.genjobs.client.errors.RequestTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one set of rules for following a job, whoever follows it: the in-process {@link JobWatcher}
 * and the durable ledger's polls (on db-scheduler) both ask this class what a poll's answer means
 * and when the next poll is due; neither has rules of its own.
 *
 * <table>
 *   <caption>What a poll's answer means</caption>
 *   <tr><th>answer</th><th>verdict</th><th>next poll</th><th>error budget</th></tr>
 *   <tr><td>a final status</td><td>{@link Ended}</td><td>none</td><td>-</td></tr>
 *   <tr><td>a running status</td><td>{@link Continue}</td><td>one jittered interval after this
 *       poll was due ({@link PollPolicy#nextDueAt})</td><td>reset</td></tr>
 *   <tr><td>429, or 503 with Retry-After</td><td>{@link Continue}</td><td>after Retry-After,
 *       capped at {@link PollPolicy#maxPushback()}</td><td>not counted</td></tr>
 *   <tr><td>5xx, 408, timeout (whole answer), connection, unreadable body</td><td>{@link
 *       Continue}, or {@link GiveUp} once {@link PollPolicy#maxConsecutiveErrors()} failed in a
 *       row</td><td>the next interval</td><td>counted</td></tr>
 *   <tr><td>missing key, 401, 403, 404, other 4xx, invalid id or configuration</td><td>{@link
 *       GiveUp} at once: no later poll can change the answer</td><td>none</td><td>-</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public final class PollRules {

  private final PollPolicy policy;

  public PollRules(PollPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  public PollPolicy policy() {
    return policy;
  }

  /** What one poll's answer means for the job's follow. */
  public sealed interface Verdict permits Ended, Continue, GiveUp {}

  /** The job reached a final status: follow no more, publish {@code snapshot}. */
  public record Ended(JobSnapshot snapshot) implements Verdict {}

  /**
   * Keep following: the next poll is due at {@code nextDueAt} for {@code reason}; {@code
   * consecutiveFailures} is the error budget spent so far (0 after an answer). {@code snapshot} is
   * the running job's status, or null when the poll failed.
   */
  public record Continue(
      Instant nextDueAt,
      PollTicket.Reason reason,
      int consecutiveFailures,
      JobSnapshot snapshot,
      Throwable failure)
      implements Verdict {}

  /**
   * Stop following without a result: {@code cause} is why (an error polling cannot heal, or the
   * error budget spent), and the follow ends with it.
   */
  public record GiveUp(RuntimeException cause) implements Verdict {}

  /**
   * When the first poll of a job is due: one jittered interval after its creation, or, when a
   * webhook was requested, after {@link PollPolicy#webhookFallback()} (a webhook that arrives first
   * costs no poll at all).
   *
   * @param random in [0, 1), for the jitter
   */
  public Instant firstDueAt(Instant now, boolean expectWebhook, double random) {
    return now.plus(expectWebhook ? policy.webhookFallback() : policy.jitteredInterval(1, random));
  }

  /**
   * What the answer to poll number {@code poll} (1-based), due at {@code dueAt}, means.
   *
   * @param failuresBefore polls that failed in a row before this one
   * @param snapshot the answer, or null when the poll failed
   * @param failure why the poll failed (a typed exception, possibly wrapped), or null
   * @param now when the answer was handled
   * @param random in [0, 1), for the jitter
   */
  public Verdict decide(
      int poll,
      Instant dueAt,
      int failuresBefore,
      JobSnapshot snapshot,
      Throwable failure,
      Instant now,
      double random) {
    Throwable cause = unwrap(failure);
    if (cause == null) {
      Objects.requireNonNull(snapshot, "snapshot or failure");
      if (snapshot.isTerminal()) return new Ended(snapshot);
      return new Continue(
          policy.nextDueAt(poll, dueAt, now, random),
          PollTicket.Reason.SCHEDULED,
          0,
          snapshot,
          null);
    }
    return switch (kindOf(cause)) {
      case PRESSURE ->
          new Continue(
              now.plus(pushback(cause)),
              PollTicket.Reason.AFTER_PRESSURE,
              failuresBefore,
              null,
              cause);
      case TRANSIENT ->
          failuresBefore + 1 >= policy.maxConsecutiveErrors()
              ? new GiveUp(asRuntime(cause))
              : new Continue(
                  policy.nextDueAt(poll, dueAt, now, random),
                  PollTicket.Reason.AFTER_FAILURE,
                  failuresBefore + 1,
                  null,
                  cause);
      case PERMANENT -> new GiveUp(asRuntime(cause));
    };
  }

  /**
   * How long the provider asked us to hold off (429, or 503 with {@code Retry-After}), capped at
   * {@link PollPolicy#maxPushback()}; null when it did not push back. A provider's Retry-After of a
   * day must not park a job a user waits for: past the cap we ask again.
   */
  public Duration pushback(Throwable failure) {
    Duration asked = requestedPushback(failure);
    if (asked == null) return null;
    return asked.compareTo(policy.maxPushback()) > 0 ? policy.maxPushback() : asked;
  }

  /** The pushback the provider asked for, uncapped, or null: for the per-provider limiter. */
  static Duration requestedPushback(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause == null || kindOf(cause) != FailureKind.PRESSURE) return null;
    return ((ApiException) cause).retryAfter().orElse(ProviderLimiter.DEFAULT_PUSHBACK);
  }

  /** What kind of failure a poll met. */
  public enum FailureKind {
    /** The provider asks us to slow down: not the job's fault, not counted. */
    PRESSURE,
    /** May heal by itself: counted against the consecutive-error budget. */
    TRANSIENT,
    /** Cannot heal by polling again (missing key, 401, 403, 404, bad id): ends the follow. */
    PERMANENT
  }

  public static FailureKind kindOf(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof ApiException api) {
      int s = api.status();
      if (s == 429 || (s == 503 && api.retryAfter().isPresent())) return FailureKind.PRESSURE;
      if (s == 408 || s >= 500) return FailureKind.TRANSIENT;
      return FailureKind.PERMANENT;
    }
    if (cause instanceof ConnectionException
        || cause instanceof RequestTimeoutException
        || cause instanceof MalformedResponseException) {
      return FailureKind.TRANSIENT;
    }
    return FailureKind.PERMANENT;
  }

  static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  private static RuntimeException asRuntime(Throwable t) {
    return t instanceof RuntimeException r ? r : new CompletionException(t);
  }
}
