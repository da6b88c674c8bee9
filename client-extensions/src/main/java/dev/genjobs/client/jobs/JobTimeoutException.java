package dev.genjobs.client.jobs;

import dev.genjobs.client.errors.GenJobsException;
import java.time.Duration;
import java.util.Optional;

/** A wait ended before the job did. The job keeps running at the provider. */
public class JobTimeoutException extends GenJobsException {

  private final transient JobSnapshot lastSnapshot;
  private final Duration timeout;

  public JobTimeoutException(
      dev.genjobs.client.Provider provider, String jobId, Duration timeout, JobSnapshot last) {
    super(
        provider,
        null,
        provider.displayName()
            + " job "
            + jobId
            + " not finished within "
            + timeout
            + (last == null
                ? ""
                : "; last status " + last.status() + " (" + last.rawStatus() + ")"),
        null);
    this.lastSnapshot = last;
    this.timeout = timeout;
  }

  public Optional<JobSnapshot> lastSnapshot() {
    return Optional.ofNullable(lastSnapshot);
  }

  public Duration timeout() {
    return timeout;
  }
}
