package dev.genjobs.client.jobs;

import dev.genjobs.client.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One poll of one job, as the watcher's hooks see it.
 *
 * @param provider whose job
 * @param jobId the provider's job id
 * @param attempt this job's poll number in the current watch, from 1
 * @param reason why the poll is made
 * @param dueAt when the schedule wanted it sent
 * @param sentAt when it was sent, or null before that
 */
public record PollTicket(
    Provider provider, String jobId, int attempt, Reason reason, Instant dueAt, Instant sentAt) {

  /** Why a poll is made. */
  public enum Reason {
    /** The poll policy's next interval passed. */
    SCHEDULED,
    /** A webhook said the job changed: confirm with the provider. */
    WEBHOOK,
    /** The provider asked us to slow down (429, or 503 with Retry-After) and that time passed. */
    AFTER_PRESSURE,
    /** The previous poll failed (5xx, timeout, connection) and counts against the error budget. */
    AFTER_FAILURE
  }

  PollTicket sent(Instant at) {
    return new PollTicket(provider, jobId, attempt, reason, dueAt, at);
  }

  /** How late the poll went out ({@code sentAt - dueAt}), once sent. */
  public Optional<Duration> lateness() {
    return sentAt == null ? Optional.empty() : Optional.of(Duration.between(dueAt, sentAt));
  }
}
