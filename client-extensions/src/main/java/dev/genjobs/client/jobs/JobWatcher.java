package dev.genjobs.client.jobs;

import dev.genjobs.client.Provider;
import dev.genjobs.client.errors.ApiException;
import dev.genjobs.client.errors.GenJobsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches jobs until they end. All watched jobs share one small scheduler: a wait is a scheduled
 * poll, not a parked thread, so thousands of jobs need only a few threads. Webhooks complete a
 * watch early through {@link #confirm(Provider, String)}.
 */
public final class JobWatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(JobWatcher.class);

  /** Outcome of a webhook confirmation. */
  public enum Confirmation {
    /** The job was watched and the provider confirmed it ended: the wait completed. */
    COMPLETED,
    /** The job was watched, but the provider says it is still running: the wait goes on. */
    STILL_RUNNING,
    /** The wait had already ended: a repeated delivery, nothing was called. */
    DUPLICATE,
    /** No wait for this job: the delivery is not for us, nothing was called. */
    UNKNOWN_JOB
  }

  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final PollPolicy defaultPolicy;
  private final Clock clock;
  private final Map<String, Watch> watches = new ConcurrentHashMap<>();
  private final Map<String, Boolean> finished =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > 100_000;
            }
          });

  public JobWatcher(int threads, PollPolicy defaultPolicy, Clock clock) {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            threads,
            r -> {
              Thread t = new Thread(r, "genjobs-watcher");
              t.setDaemon(true);
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
    this.scheduler = executor;
    this.ownsScheduler = true;
    this.defaultPolicy = defaultPolicy;
    this.clock = clock;
  }

  public PollPolicy defaultPolicy() {
    return defaultPolicy;
  }

  /**
   * Starts watching. The returned future completes with the terminal snapshot, or exceptionally
   * with {@link JobTimeoutException} or the error that stopped polling. Cancelling it stops the
   * polls (the job itself keeps running at the provider).
   *
   * @param expectWebhook delay the first poll by {@link PollPolicy#webhookFallback()}
   */
  public CompletableFuture<JobSnapshot> watch(
      JobBackend backend,
      String jobId,
      Duration timeout,
      PollPolicy policy,
      ProgressListener listener,
      boolean expectWebhook) {
    Watch watch = new Watch(backend, jobId, timeout, policy, listener);
    String key = key(backend.provider(), jobId);
    Watch previous = watches.putIfAbsent(key, watch);
    if (previous != null) {
      // One poll loop per job; extra waiters share its result.
      return previous.future.copy();
    }
    watch.future.whenComplete((r, e) -> watch.stop());
    watch.timeoutTask =
        scheduler.schedule(
            () ->
                watch.future.completeExceptionally(
                    new JobTimeoutException(backend.provider(), jobId, timeout, watch.last)),
            timeout.toMillis(),
            TimeUnit.MILLISECONDS);
    Duration first =
        expectWebhook
            ? policy.webhookFallback()
            : policy.jitteredInterval(1, ThreadLocalRandom.current().nextDouble());
    watch.schedule(first);
    return watch.future;
  }

  /**
   * A webhook said this job changed. Confirms with one GET (the payload is never trusted) and
   * completes the wait if the job ended. Repeated and concurrent deliveries cost no extra call.
   */
  public Confirmation confirm(Provider provider, String jobId) {
    String key = key(provider, jobId);
    Watch watch = watches.get(key);
    if (watch == null) {
      return finished.containsKey(key) ? Confirmation.DUPLICATE : Confirmation.UNKNOWN_JOB;
    }
    if (watch.future.isDone() || !watch.confirming.compareAndSet(false, true)) {
      return Confirmation.DUPLICATE;
    }
    try {
      watch.cancelPendingPoll();
      watch.pollNow();
      return watch.future.isDone() ? Confirmation.COMPLETED : Confirmation.STILL_RUNNING;
    } finally {
      watch.confirming.set(false);
    }
  }

  /** Whether a wait for this job is in progress. */
  public boolean isWatching(Provider provider, String jobId) {
    return watches.containsKey(key(provider, jobId));
  }

  /** The provider of a watched job id, for webhooks that do not say which provider sent them. */
  public Optional<Provider> providerOf(String jobId) {
    for (Provider p : Provider.values()) {
      if (watches.containsKey(key(p, jobId)) || finished.containsKey(key(p, jobId))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  public int activeWatches() {
    return watches.size();
  }

  private static String key(Provider provider, String jobId) {
    return provider.name() + ":" + jobId;
  }

  @Override
  public void close() {
    if (ownsScheduler) {
      scheduler.shutdownNow();
    }
    watches.values().forEach(w -> w.future.cancel(false));
  }

  private final class Watch {
    final JobBackend backend;
    final String jobId;
    final Duration timeout;
    final PollPolicy policy;
    final ProgressListener listener;
    final Instant started;
    final CompletableFuture<JobSnapshot> future = new CompletableFuture<>();
    final AtomicInteger polls = new AtomicInteger();
    final AtomicBoolean confirming = new AtomicBoolean();
    volatile ScheduledFuture<?> pending;
    volatile ScheduledFuture<?> timeoutTask;
    volatile JobSnapshot last;
    int consecutiveErrors;

    Watch(
        JobBackend backend,
        String jobId,
        Duration timeout,
        PollPolicy policy,
        ProgressListener listener) {
      this.backend = backend;
      this.jobId = jobId;
      this.timeout = timeout;
      this.policy = policy;
      this.listener = listener;
      this.started = clock.instant();
    }

    void schedule(Duration delay) {
      if (future.isDone()) return;
      pending = scheduler.schedule(this::pollNow, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    void cancelPendingPoll() {
      ScheduledFuture<?> p = pending;
      if (p != null) p.cancel(false);
    }

    synchronized void pollNow() {
      if (future.isDone()) return;
      int attempt = polls.incrementAndGet();
      JobSnapshot snapshot;
      try {
        snapshot = backend.fetch(jobId);
        consecutiveErrors = 0;
      } catch (ApiException e) {
        if (e.status() < 500 && e.status() != 429 && e.status() != 408) {
          future.completeExceptionally(e); // 401, 404...: polling again cannot help
          return;
        }
        retryLater(attempt, e);
        return;
      } catch (GenJobsException e) {
        retryLater(attempt, e);
        return;
      } catch (RuntimeException e) {
        future.completeExceptionally(e);
        return;
      }
      JobStatus previous = last == null ? null : last.status();
      last = snapshot;
      try {
        listener.onProgress(
            new JobProgress(
                snapshot, previous, attempt, Duration.between(started, clock.instant())));
      } catch (RuntimeException e) {
        LOG.warn("progress listener failed for {} job {}", backend.provider(), jobId, e);
      }
      if (snapshot.isTerminal()) {
        future.complete(snapshot);
      } else {
        schedule(policy.jitteredInterval(attempt + 1, ThreadLocalRandom.current().nextDouble()));
      }
    }

    private void retryLater(int attempt, GenJobsException e) {
      if (++consecutiveErrors >= policy.maxConsecutiveErrors()) {
        future.completeExceptionally(e);
        return;
      }
      LOG.debug(
          "{} job {}: poll {} failed ({}), polling again later",
          backend.provider(),
          jobId,
          attempt,
          e.getMessage());
      schedule(policy.jitteredInterval(attempt + 1, ThreadLocalRandom.current().nextDouble()));
    }

    void stop() {
      cancelPendingPoll();
      ScheduledFuture<?> t = timeoutTask;
      if (t != null) t.cancel(false);
      String key = key(backend.provider(), jobId);
      watches.remove(key, this);
      finished.put(key, Boolean.TRUE);
    }
  }
}
