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
