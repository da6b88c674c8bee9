package dev.genjobs.client.jobs;

import dev.genjobs.client.Provider;
import dev.genjobs.client.errors.ApiException;
import dev.genjobs.client.errors.GenJobsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * poll, not a parked thread, so thousands of jobs need only a few threads. A job has one poll loop
 * however many callers wait for it; each wait has its own future, timeout and listener, and polling
 * stops when the job ends or the last wait is gone. Webhooks end a wait early through {@link
 * #confirm(Provider, String)}.
 */
public final class JobWatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(JobWatcher.class);
  private static final int REMEMBERED_FINISHED_JOBS = 100_000;

  /** Outcome of a webhook confirmation. */
  public enum Confirmation {
    /** The provider confirmed the job ended: its waits completed. */
    COMPLETED,
    /** The provider says the job is still running: the waits go on. */
    STILL_RUNNING,
    /** The confirming GET failed (e.g. 404): the waits failed with that error. */
    FAILED,
    /** The job's waits had already ended: a repeated delivery, nothing was called. */
    DUPLICATE,
    /** Nobody waits for this job: the delivery is not for us, nothing was called. */
    UNKNOWN_JOB
  }

  private final ScheduledExecutorService scheduler;
  private final PollPolicy defaultPolicy;
  private final Clock clock;
  private final Object lock = new Object();
  private final Map<String, Watch> watches = new ConcurrentHashMap<>();
  private final Set<String> finished =
      Collections.newSetFromMap(
          Collections.synchronizedMap(
              new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                  return size() > REMEMBERED_FINISHED_JOBS;
                }
              }));

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
    this.defaultPolicy = defaultPolicy;
    this.clock = clock;
  }

  public PollPolicy defaultPolicy() {
    return defaultPolicy;
  }

  /**
   * Waits for a job. The future completes with the terminal snapshot, or exceptionally with {@link
   * JobTimeoutException} or the error that stopped polling. Cancelling it ends this wait only; the
   * job keeps running at the provider.
   *
   * @param expectWebhook when this wait starts the poll loop, delay the first poll by {@link
   *     PollPolicy#webhookFallback()}
   */
  public CompletableFuture<JobSnapshot> watch(
      JobBackend backend,
      String jobId,
      Duration timeout,
      PollPolicy policy,
      ProgressListener listener,
      boolean expectWebhook) {
    String key = key(backend.provider(), jobId);
    Waiter waiter = new Waiter(listener, clock.instant());
    Watch watch;
    boolean started;
    synchronized (lock) {
      Watch existing = watches.get(key);
      started = existing == null;
      watch = started ? new Watch(key, backend, jobId, policy) : existing;
      if (started) watches.put(key, watch);
      watch.waiters.add(waiter);
    }
    waiter.future.whenComplete((r, e) -> leave(watch, waiter));
    waiter.timeoutTask =
        scheduler.schedule(
            () ->
                waiter.future.completeExceptionally(
                    new JobTimeoutException(backend.provider(), jobId, timeout, watch.last)),
            timeout.toMillis(),
            TimeUnit.MILLISECONDS);
    if (started) {
      watch.schedule(
          expectWebhook
              ? policy.webhookFallback()
              : policy.jitteredInterval(1, ThreadLocalRandom.current().nextDouble()));
    }
    return waiter.future;
  }

  private void leave(Watch watch, Waiter waiter) {
    ScheduledFuture<?> t = waiter.timeoutTask;
    if (t != null) t.cancel(false);
    synchronized (lock) {
      watch.waiters.remove(waiter);
      if (watch.waiters.isEmpty()) {
        watch.cancelPendingPoll();
        watches.remove(watch.key, watch);
        if (watch.ended.get()) finished.add(watch.key);
      }
    }
  }

  /**
   * A webhook said this job changed. Confirms with one GET (the payload is never trusted) and ends
   * the waits if the job ended. Repeated and concurrent deliveries cost no extra call.
   */
  public Confirmation confirm(Provider provider, String jobId) {
    String key = key(provider, jobId);
    Watch watch = watches.get(key);
    if (watch == null) {
      return finished.contains(key) ? Confirmation.DUPLICATE : Confirmation.UNKNOWN_JOB;
    }
    if (watch.ended.get() || !watch.confirming.compareAndSet(false, true)) {
      return Confirmation.DUPLICATE;
    }
    try {
      watch.cancelPendingPoll();
      watch.pollNow();
      if (!watch.ended.get()) return Confirmation.STILL_RUNNING;
      return watch.failed ? Confirmation.FAILED : Confirmation.COMPLETED;
    } finally {
      watch.confirming.set(false);
    }
  }

  /** Whether someone waits for this job. */
  public boolean isWatching(Provider provider, String jobId) {
    return watches.containsKey(key(provider, jobId));
  }

  /** The provider of a watched job id, for webhooks that do not say which provider sent them. */
  public Optional<Provider> providerOf(String jobId) {
    for (Provider p : Provider.values()) {
      if (watches.containsKey(key(p, jobId)) || finished.contains(key(p, jobId))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Jobs with a poll loop right now. */
  public int activeWatches() {
    return watches.size();
  }

  private static String key(Provider provider, String jobId) {
    return provider.name() + ":" + jobId;
  }

  /** Stops every poll loop; pending waits are cancelled. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    watches.values().forEach(w -> w.waiters.forEach(waiter -> waiter.future.cancel(false)));
  }

  /** One caller's wait: its own future, timeout and listener. */
  private static final class Waiter {
    final ProgressListener listener;
    final Instant started;
    final CompletableFuture<JobSnapshot> future = new CompletableFuture<>();
    volatile ScheduledFuture<?> timeoutTask;

    Waiter(ProgressListener listener, Instant started) {
      this.listener = listener;
      this.started = started;
    }
  }

  /** One job's poll loop, shared by all its waiters. */
  private final class Watch {
    final String key;
    final JobBackend backend;
    final String jobId;
    final PollPolicy policy;
    final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    final AtomicInteger polls = new AtomicInteger();
    final AtomicBoolean confirming = new AtomicBoolean();
    final AtomicBoolean ended = new AtomicBoolean();
    volatile boolean failed;
    volatile ScheduledFuture<?> pending;
    volatile JobSnapshot last;
    int consecutiveErrors;

    Watch(String key, JobBackend backend, String jobId, PollPolicy policy) {
      this.key = key;
      this.backend = backend;
      this.jobId = jobId;
      this.policy = policy;
    }

    void schedule(Duration delay) {
      if (ended.get() || waiters.isEmpty()) return;
      pending = scheduler.schedule(this::pollNow, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    void cancelPendingPoll() {
      ScheduledFuture<?> p = pending;
      if (p != null) p.cancel(false);
    }

    synchronized void pollNow() {
      if (ended.get() || waiters.isEmpty()) return;
      int attempt = polls.incrementAndGet();
      JobSnapshot snapshot;
      try {
        snapshot = backend.fetch(jobId);
        consecutiveErrors = 0;
      } catch (ApiException e) {
        boolean transientStatus = e.status() >= 500 || e.status() == 429 || e.status() == 408;
        if (transientStatus) retryLater(attempt, e);
        else fail(e); // 401, 404...: polling again cannot help
        return;
      } catch (GenJobsException e) {
        retryLater(attempt, e);
        return;
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
      JobSnapshot previous = last;
      last = snapshot;
      Instant now = clock.instant();
      for (Waiter w : waiters) {
        try {
          w.listener.onProgress(
              new JobProgress(snapshot, previous, attempt, Duration.between(w.started, now)));
        } catch (RuntimeException e) {
          LOG.warn("progress listener failed for {} job {}", backend.provider(), jobId, e);
        }
      }
      if (snapshot.isTerminal()) {
        ended.set(true);
        waiters.forEach(w -> w.future.complete(snapshot));
      } else {
        schedule(policy.jitteredInterval(attempt + 1, ThreadLocalRandom.current().nextDouble()));
      }
    }

    private void fail(RuntimeException e) {
      failed = true;
      ended.set(true);
      waiters.forEach(w -> w.future.completeExceptionally(e));
    }

    private void retryLater(int attempt, GenJobsException e) {
      if (++consecutiveErrors >= policy.maxConsecutiveErrors()) {
        fail(e);
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
  }
}
