package dev.genjobs.client.observability;

import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobWatcher;
import dev.genjobs.client.jobs.PollTicket;
import dev.genjobs.client.jobs.WatchHooks;
import java.util.concurrent.CompletionStage;

/**
 * The watcher's hooks as the client runs them: the user's {@link WatchHooks} (e.g. a ledger) first,
 * then the {@link ClientObserver} told about polls and results. Keeps observing out of the watcher
 * and leaves its one hooks slot to the user.
 */
public final class ObservingWatchHooks implements WatchHooks {

  private final WatchHooks delegate;
  private final ClientObserver observer;

  private ObservingWatchHooks(WatchHooks delegate, ClientObserver observer) {
    this.delegate = delegate;
    this.observer = observer;
  }

  /** {@code hooks} alone when nobody observes. */
  public static WatchHooks of(WatchHooks hooks, ClientObserver observer) {
    return observer == ClientObserver.NONE ? hooks : new ObservingWatchHooks(hooks, observer);
  }

  @Override
  public CompletionStage<Boolean> claimPoll(PollTicket ticket) {
    return delegate.claimPoll(ticket);
  }

  @Override
  public void pollCompleted(PollTicket ticket, JobSnapshot snapshot, Throwable failure) {
    delegate.pollCompleted(ticket, snapshot, failure);
    observer.pollCompleted(ticket, snapshot, failure);
  }

  @Override
  public void webhookConfirmation(
      Provider provider, String jobId, JobWatcher.Confirmation verdict) {
    delegate.webhookConfirmation(provider, jobId, verdict);
  }

  @Override
  public CompletionStage<Void> jobEnded(
      Provider provider, String jobId, JobSnapshot terminal, Throwable failure) {
    observer.jobEnded(provider, jobId, terminal, failure);
    return delegate.jobEnded(provider, jobId, terminal, failure);
  }
}
