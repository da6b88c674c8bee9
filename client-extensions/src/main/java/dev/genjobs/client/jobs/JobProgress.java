package dev.genjobs.client.jobs;

import java.time.Duration;

/**
 * One observation during a wait.
 *
 * @param snapshot what the provider said
 * @param previousStatus the status before this poll, or null on the first
 * @param attempt the number of this poll, from 1
 * @param elapsed time since the wait started
 */
public record JobProgress(
    JobSnapshot snapshot, JobStatus previousStatus, int attempt, Duration elapsed) {

  public boolean statusChanged() {
    return previousStatus != snapshot.status();
  }
}
