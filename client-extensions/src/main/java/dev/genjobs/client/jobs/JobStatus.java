package dev.genjobs.client.jobs;

/**
 * A job's state, the same for every provider. The provider's own value is kept next to it as {@link
 * JobSnapshot#rawStatus()}; a raw value this library does not know yet maps to {@link #RUNNING}, so
 * a provider adding a status never breaks a wait.
 */
public enum JobStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
