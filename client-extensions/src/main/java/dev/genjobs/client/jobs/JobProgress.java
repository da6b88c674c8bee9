package dev.genjobs.client.jobs;

import java.time.Duration;
import java.util.Objects;

/**
 * One observation during a wait.
 *
 * @param snapshot what the provider said
 * @param previous what it said at the poll before, or null on the first
 * @param attempt the number of this poll, from 1
 * @param elapsed time since the wait started
 */
public record JobProgress(
    JobSnapshot snapshot, JobSnapshot previous, int attempt, Duration elapsed) {

  /** The normalized status before this poll, or null on the first. */
  public JobStatus previousStatus() {
    return previous == null ? null : previous.status();
  }

  /** Whether the normalized status moved (e.g. QUEUED to RUNNING). */
  public boolean statusChanged() {
    return previousStatus() != snapshot.status();
  }

  /**
   * Whether the provider sent a status value the library does not know (counted as RUNNING); map it
   * with {@code ClientOptions.Builder.statusMapping} if it means the job ended.
   */
  public boolean unrecognizedStatus() {
    return !snapshot.statusRecognized();
  }

  /** Whether the provider's own status moved, e.g. {@code pending} to {@code in_queue}. */
  public boolean rawStatusChanged() {
    return previous == null || !Objects.equals(previous.rawStatus(), snapshot.rawStatus());
  }
}
