package dev.genjobs.client.jobs;

import dev.genjobs.client.errors.GenJobsException;

/** A job ended FAILED or CANCELLED; carries the final snapshot and the provider's reason. */
public class JobFailedException extends GenJobsException {

  private final transient JobSnapshot snapshot;

  public JobFailedException(JobSnapshot snapshot) {
    super(
        snapshot.provider(),
        null,
        snapshot.provider().displayName()
            + " job "
            + snapshot.id()
            + " ended "
            + snapshot.status()
            + " ("
            + snapshot.rawStatus()
            + ")"
            + snapshot.failureReason().map(r -> ": " + r).orElse(""),
        null);
    this.snapshot = snapshot;
  }

  public JobSnapshot snapshot() {
    return snapshot;
  }
}
