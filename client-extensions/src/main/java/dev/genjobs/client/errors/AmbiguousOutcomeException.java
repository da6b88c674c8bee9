package dev.genjobs.client.errors;

import dev.genjobs.client.Provider;
import java.time.Instant;

/**
 * A job-creating request may or may not have created a job: it reached the provider, but no
 * definite answer came back (read timeout, broken connection, 5xx without {@code Retry-After}). It
 * is not retried, because a repeat can start and bill a second job. Look the job up first (list
 * jobs, or wait for the webhook) using {@link #sentAt()} and {@link #requestSummary()}.
 */
public class AmbiguousOutcomeException extends GenJobsException {

  private final Instant sentAt;
  private final String requestSummary;
  private final String ledgerId;

  public AmbiguousOutcomeException(
      Provider provider, String operation, Instant sentAt, String requestSummary, Throwable cause) {
    super(
        provider,
        operation,
        prefix(provider, operation)
            + "outcome unknown, the job may have been created (sent at "
            + sentAt
            + ", "
            + requestSummary
            + "); not retried to avoid a duplicate job. Cause: "
            + cause.getMessage(),
        cause);
    this.sentAt = sentAt;
    this.requestSummary = requestSummary;
    this.ledgerId = null;
  }

  private AmbiguousOutcomeException(AmbiguousOutcomeException e, String ledgerId) {
    super(
        e.provider().orElse(null),
        e.operation().orElse(null),
        e.getMessage()
            + " Ledger record "
            + ledgerId
            + ": resolve with client.jobs().bind or abandon.",
        e.getCause());
    this.sentAt = e.sentAt;
    this.requestSummary = e.requestSummary;
    this.ledgerId = ledgerId;
    setStackTrace(e.getStackTrace());
  }

  /** This exception with the job ledger's record of the create, for resolving it. */
  public AmbiguousOutcomeException withLedgerId(String ledgerId) {
    return new AmbiguousOutcomeException(this, ledgerId);
  }

  /**
   * The ledger record of this create ({@code client.jobs().get(id)}): resolve it with {@code
   * bind(id, jobId)} once the job is found, or {@code abandon(id)}.
   */
  public java.util.Optional<String> ledgerId() {
    return java.util.Optional.ofNullable(ledgerId);
  }

  /** When the request was sent, to narrow a lookup of recent jobs. */
  public Instant sentAt() {
    return sentAt;
  }

  /** What was sent (model, webhook, file names), without secrets, to recognise the job. */
  public String requestSummary() {
    return requestSummary;
  }
}
