package dev.genjobs.client.jobs;

import dev.genjobs.client.Provider;
import dev.genjobs.client.errors.GenJobsException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A handle on a job a provider is running: its id, the snapshot from when it was created, and ways
 * to follow it to its result. Thread-safe; cheap to create from a stored id with {@code
 * client.job(id)}.
 */
public final class Job {

  private final JobBackend backend;
  private final JobWatcher watcher;
  private final JobSnapshot created;
  private final boolean webhookRequested;
  private final String ledgerId;
  private final dev.genjobs.client.store.internal.Ledger ledger;

  public Job(
      JobBackend backend, JobWatcher watcher, JobSnapshot created, boolean webhookRequested) {
    this(backend, watcher, created, webhookRequested, null, null);
  }

  /**
   * A job with a ledger record: with a durable ledger its waits are served by the ledger (any
   * instance may poll it); otherwise by the in-process watcher, and its end is recorded.
   */
  public Job(
      JobBackend backend,
      JobWatcher watcher,
      JobSnapshot created,
      boolean webhookRequested,
      String ledgerId,
      dev.genjobs.client.store.internal.Ledger ledger) {
    this.backend = backend;
    this.watcher = watcher;
    this.created = created;
    this.webhookRequested = webhookRequested;
    this.ledgerId = ledgerId;
    this.ledger = ledger;
  }

  /**
   * A handle on a job created earlier (e.g. an id from a database); its state is unknown until the
   * first {@link #refresh()} or poll.
   */
  public static Job existing(JobBackend backend, JobWatcher watcher, String jobId) {
    JobSnapshot unknown =
        JobSnapshot.builder(backend.provider(), jobId).status(JobStatus.QUEUED, null).build();
    return new Job(backend, watcher, unknown, false);
  }

  public String id() {
    return created.id();
  }

  /** Our ledger id for this job ({@code client.jobs().get(id)}), when it has a record. */
  public java.util.Optional<String> ledgerId() {
    return java.util.Optional.ofNullable(ledgerId);
  }

  public Provider provider() {
    return created.provider();
  }

  /** What the provider answered when the job was created (or first looked up). */
  public JobSnapshot created() {
    return created;
  }

  /** One GET of the job's current state. */
  public JobSnapshot refresh() {
    return backend.fetch(id());
  }

  /** Asks the provider to cancel the job; providers without a cancel operation refuse. */
  public JobSnapshot cancel() {
    return backend.cancel(id());
  }

  /**
   * Polls until the job ends or {@code timeout} passes, with the client's poll policy.
   *
   * @return the final snapshot: SUCCEEDED, FAILED (with the provider's reason) or CANCELLED
   * @throws JobTimeoutException when the job did not end in time (it keeps running)
   * @throws InterruptedException when the calling thread is interrupted; polling stops
   */
  public JobSnapshot await(Duration timeout) throws InterruptedException {
    return await(timeout, ProgressListener.NONE);
  }

  public JobSnapshot await(Duration timeout, ProgressListener listener)
      throws InterruptedException {
    CompletableFuture<JobSnapshot> future = awaitAsync(timeout, listener);
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GenJobsException g) throw g;
      throw new GenJobsException(
          provider(), null, "waiting for job " + id() + " failed", e.getCause());
    } catch (CancellationException e) {
      throw new GenJobsException(provider(), null, "wait for job " + id() + " was cancelled", e);
    }
  }

  /**
   * Like {@link #await(Duration, ProgressListener)} without blocking: the shared watcher polls.
   * Cancelling the future ends this wait (polling stops when no wait is left), not the job.
   */
  public CompletableFuture<JobSnapshot> awaitAsync(Duration timeout, ProgressListener listener) {
    if (created.isTerminal()) {
      return CompletableFuture.completedFuture(created);
    }
    if (ledgerId != null && ledger != null && ledger.servesWaits()) {
      return ledger.await(ledgerId, timeout, listener);
    }
    CompletableFuture<JobSnapshot> wait =
        watcher.watch(backend, id(), timeout, watcher.defaultPolicy(), listener, webhookRequested);
    if (ledgerId == null || ledger == null) return wait;
    // The end is in the ledger before the caller's future completes.
    CompletableFuture<JobSnapshot> recorded =
        wait.thenApply(
            s -> {
              try {
                ledger.observe(ledgerId, s, "poll");
              } catch (RuntimeException e) {
                // Recording is best effort here; the wait's result stands.
              }
              return s;
            });
    recorded.whenComplete(
        (s, e) -> {
          if (recorded.isCancelled()) wait.cancel(false);
        });
    return recorded;
  }

  public CompletableFuture<JobSnapshot> awaitAsync(Duration timeout) {
    return awaitAsync(timeout, ProgressListener.NONE);
  }

  @Override
  public String toString() {
    return "Job{" + provider().displayName() + " " + id() + "}";
  }
}
