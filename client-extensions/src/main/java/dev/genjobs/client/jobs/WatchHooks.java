package dev.genjobs.client.jobs;

import dev.genjobs.client.Provider;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@link JobWatcher}'s three seams, for a durable ledger (claim a poll, record a result) and
 * for metrics (poll lateness, verdicts, jobs in flight). Every method has a no-op default; all run
 * on watcher or HTTP threads and must not block: return a stage instead.
 *
 * <ol>
 *   <li>{@link #claimPoll}: the one place a poll for (provider, job id) is started. A ledger shared
 *       by several instances claims a lease here and answers false when another instance holds it.
 *   <li>{@link #pollCompleted} and {@link #webhookConfirmation}: what came back, and where a
 *       webhook confirmation entered.
 *   <li>{@link #jobEnded}: the one place a job's result is published, once, before any wait's
 *       future completes. A ledger writes the result here; a failed stage is logged and does not
 *       stop the waits from completing.
 * </ol>
 */
public interface WatchHooks {

  WatchHooks NONE = new WatchHooks() {};

  CompletionStage<Boolean> PROCEED = CompletableFuture.completedFuture(true);

  /**
   * A poll is due and about to be sent (after the provider's limiter let it through). Complete with
   * false to skip it: the job stays watched and is polled again one interval later.
   */
  default CompletionStage<Boolean> claimPoll(PollTicket ticket) {
    return PROCEED;
  }

  /**
   * A poll came back: {@code snapshot} on success, {@code failure} (a typed exception) otherwise.
   * {@code ticket.lateness()} is how late it was sent.
   */
  default void pollCompleted(PollTicket ticket, JobSnapshot snapshot, Throwable failure) {}

  /** A webhook delivery for this job was handled with this verdict. */
  default void webhookConfirmation(
      Provider provider, String jobId, JobWatcher.Confirmation verdict) {}

  /**
   * The job ended: {@code terminal} is its final snapshot, or {@code failure} is why the watch
   * ended (unhealable error, error budget spent). Called once per watch.
   */
  default CompletionStage<Void> jobEnded(
      Provider provider, String jobId, JobSnapshot terminal, Throwable failure) {
    return CompletableFuture.completedFuture(null);
  }
}
