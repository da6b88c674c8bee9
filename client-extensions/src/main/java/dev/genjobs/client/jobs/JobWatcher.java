package dev.genjobs.client.jobs;

import dev.genjobs.client.Provider;
import dev.genjobs.client.RequestLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches jobs until they end. A wait is a scheduled poll, not a parked thread: polls go out with
 * {@link JobBackend#fetchAsync(String)} and their answers are handled when they arrive, so the
 * scheduler's few threads only keep time and one slow or hanging provider delays nobody else's
 * polls or timeouts. A job has one poll loop however many callers wait for it; each wait has its
 * own future, timeout and listener, and polling stops when the job ends or the last wait is gone.
 *
 * <p>What a poll's answer or failure means, and when the next poll is due, is {@link PollRules}'s
 * decision, the same one the durable ledger's polls ask for; this class only keeps time and waits.
 *
 * <p>Seams (see {@link WatchHooks}): {@code startPoll} is the one place a poll is started, after
 * the provider's limiter and {@link WatchHooks#claimPoll}; {@link #confirmAsync} is the one place a
 * webhook confirmation enters; {@code publish} is the one place a job's result is published ({@link
 * WatchHooks#jobEnded} first, then the waits complete).
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
    /** The confirming GET failed for good (e.g. 404): the waits failed with that error. */
    FAILED,
    /**
     * The confirming GET could not be made now (provider pushback, a passing 5xx or timeout): the
     * waits go on and polling continues; the provider should deliver again.
     */
    NOT_CONFIRMED,
    /** The job's waits had already ended, or a confirmation is under way: nothing was called. */
    DUPLICATE,
    /** Nobody waits for this job: the delivery is not for us, nothing was called. */
    UNKNOWN_JOB
  }

  private final WatchScheduler scheduler;
  private final PollPolicy defaultPolicy;
  private final PollRules rules;
  private final WatchHooks hooks;
  // One per provider, made on its first poll: providers are an open set.
  private final Map<Provider, ProviderLimiter> limiters = new ConcurrentHashMap<>();
  private final Map<Provider, RequestLimits> limits;
  // The providers this watcher has watched a job of, to find a watched job id's provider.
  private final Set<Provider> providersSeen = ConcurrentHashMap.newKeySet();
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

  /** A watcher on {@code threads} scheduler threads, no limits and no hooks. */
  public JobWatcher(int threads, PollPolicy defaultPolicy, Clock clock) {
    this(builder().scheduler(WatchScheduler.threads(threads, clock)).pollPolicy(defaultPolicy));
  }

  private JobWatcher(Builder b) {
    this.scheduler = Objects.requireNonNull(b.scheduler, "scheduler");
    this.defaultPolicy = b.pollPolicy;
    this.rules = new PollRules(b.pollPolicy);
    this.hooks = b.hooks;
    this.limits = Map.copyOf(b.limits);
  }

  public static Builder builder() {
    return new Builder();
  }

  public PollPolicy defaultPolicy() {
    return defaultPolicy;
  }

  /** The scheduler this watcher keeps time on. */
  public WatchScheduler scheduler() {
    return scheduler;
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
    Waiter waiter = new Waiter(listener, scheduler.now());
    Watch watch;
    while (true) {
      watch = watches.computeIfAbsent(key, k -> new Watch(k, backend, jobId, policy));
      synchronized (watch) {
        if (watch.removed) {
          watches.remove(key, watch);
          continue;
        }
        watch.waiters.add(waiter);
        if (!watch.started) {
          watch.started = true;
          Instant now = scheduler.now();
          Instant first =
              watch.rules.firstDueAt(now, expectWebhook, ThreadLocalRandom.current().nextDouble());
          scheduleLocked(watch, Duration.between(now, first), PollTicket.Reason.SCHEDULED);
        }
      }
      break;
    }
    Watch joined = watch;
    waiter.timeoutTask =
        scheduler.schedule(
            () ->
                waiter.future.completeExceptionally(
                    new JobTimeoutException(backend.provider(), jobId, timeout, joined.last)),
            timeout);
    waiter.future.whenComplete((r, e) -> leave(joined, waiter));
    return waiter.future;
  }

  private void leave(Watch watch, Waiter waiter) {
    WatchScheduler.Cancellable t = waiter.timeoutTask;
    if (t != null) t.cancel();
    synchronized (watch) {
      watch.waiters.remove(waiter);
      if (watch.waiters.isEmpty() && !watch.removed) {
        // Nobody waits any more: stop polling. A poll in flight is left to finish; its answer
        // still settles any webhook confirmation waiting for it.
        watch.removed = true;
        cancelPendingLocked(watch);
        watches.remove(watch.key, watch);
      }
    }
  }

  /**
   * A webhook said this job changed: confirms with one GET (the payload is never trusted) and ends
   * the waits if the job ended. This is the one place a webhook confirmation enters. A scheduled
   * poll due meanwhile is folded into the confirmation (one loop per job, never two); a delivery
   * while a confirmation is under way costs no extra call.
   */
  public CompletableFuture<Confirmation> confirmAsync(Provider provider, String jobId) {
    String key = key(provider, jobId);
    Watch watch = watches.get(key);
    CompletableFuture<Confirmation> verdict;
    PollTicket ticket = null;
    if (watch == null) {
      verdict = CompletableFuture.completedFuture(noWatchVerdict(key));
    } else {
      synchronized (watch) {
        if (watch.removed) {
          verdict = CompletableFuture.completedFuture(noWatchVerdict(key));
        } else if (watch.inFlight != null
            && (watch.inFlight.reason() == PollTicket.Reason.WEBHOOK || watch.confirmAfterPoll)) {
          verdict = CompletableFuture.completedFuture(Confirmation.DUPLICATE);
        } else {
          verdict = new CompletableFuture<>();
          watch.confirmations.add(verdict);
          if (watch.inFlight != null) {
            // A scheduled poll is under way; it may have left before the job ended, so confirm
            // with one more GET as soon as it is back.
            watch.confirmAfterPoll = true;
          } else {
            cancelPendingLocked(watch);
            ticket = beginLocked(watch, PollTicket.Reason.WEBHOOK, scheduler.now());
          }
        }
      }
    }
    if (ticket != null) startPoll(watch, ticket);
    verdict.thenAccept(
        v -> {
          try {
            hooks.webhookConfirmation(provider, jobId, v);
          } catch (RuntimeException e) {
            LOG.warn("webhookConfirmation hook failed for {} job {}", provider, jobId, e);
          }
        });
    return verdict;
  }

  /** {@link #confirmAsync} for callers that can block: waits for the confirming GET. */
  public Confirmation confirm(Provider provider, String jobId) {
    try {
      return confirmAsync(provider, jobId).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Confirmation.NOT_CONFIRMED;
    } catch (ExecutionException e) {
      return Confirmation.NOT_CONFIRMED;
    }
  }

  private Confirmation noWatchVerdict(String key) {
    return finished.contains(key) ? Confirmation.DUPLICATE : Confirmation.UNKNOWN_JOB;
  }

  /** Whether someone waits for this job. */
  public boolean isWatching(Provider provider, String jobId) {
    return watches.containsKey(key(provider, jobId));
  }

  /** The provider of a watched job id, for webhooks that do not say which provider sent them. */
  public Optional<Provider> providerOf(String jobId) {
    for (Provider p : providersSeen) {
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

  /**
   * Watched jobs of {@code provider} whose last seen status is {@code lastStatus} ({@code null}:
   * not polled yet), for a jobs-in-flight gauge. Counts the watches at the moment of the call.
   */
  public int activeWatches(Provider provider, JobStatus lastStatus) {
    int n = 0;
    for (Watch w : watches.values()) {
      if (!w.backend.provider().equals(provider) || w.ended) continue;
      JobSnapshot last = w.last;
      JobStatus status = last == null ? null : last.status();
      if (status == lastStatus) n++;
    }
    return n;
  }

  private static String key(Provider provider, String jobId) {
    return provider.id() + ":" + jobId;
  }

  private ProviderLimiter limiter(Provider provider) {
    return limiters.computeIfAbsent(
        provider,
        p -> new ProviderLimiter(scheduler, limits.getOrDefault(p, RequestLimits.DEFAULT)));
  }

  /** Stops every poll loop; pending waits are cancelled. */
  @Override
  public void close() {
    scheduler.close();
    for (Watch w : watches.values()) {
      List<Waiter> waiters;
      synchronized (w) {
        waiters = new ArrayList<>(w.waiters);
      }
      waiters.forEach(waiter -> waiter.future.cancel(false));
    }
  }

  // ---- the poll loop ----------------------------------------------------------------------

  private void scheduleLocked(Watch watch, Duration delay, PollTicket.Reason reason) {
    cancelPendingLocked(watch);
    long generation = watch.generation;
    watch.dueAt = scheduler.now().plus(delay);
    watch.pendingReason = reason;
    watch.pending = scheduler.schedule(() -> due(watch, generation), delay);
  }

  /** Calls off the scheduled poll; a task already firing sees the new generation and stops. */
  private static void cancelPendingLocked(Watch watch) {
    watch.generation++;
    if (watch.pending != null) {
      watch.pending.cancel();
      watch.pending = null;
    }
  }

  private void due(Watch watch, long generation) {
    PollTicket ticket;
    synchronized (watch) {
      if (watch.removed || generation != watch.generation || watch.inFlight != null) return;
      watch.pending = null;
      ticket = beginLocked(watch, watch.pendingReason, watch.dueAt);
    }
    startPoll(watch, ticket);
  }

  private PollTicket beginLocked(Watch watch, PollTicket.Reason reason, Instant dueAt) {
    watch.generation++;
    PollTicket ticket =
        new PollTicket(watch.backend.provider(), watch.jobId, ++watch.polls, reason, dueAt, null);
    watch.inFlight = ticket;
    return ticket;
  }

  /**
   * Seam 1: the one place a poll starts. The provider's limiter lets it through (now or later), the
   * hooks may claim or skip it, then one non-blocking GET goes out.
   */
  private void startPoll(Watch watch, PollTicket ticket) {
    ProviderLimiter limiter = limiter(ticket.provider());
    limiter.submit(
        () -> {
          if (isAbandoned(watch)) {
            limiter.release(null);
            finishPoll(watch, ticket, null, null, true);
            return;
          }
          CompletionStage<Boolean> claim;
          try {
            claim = hooks.claimPoll(ticket);
          } catch (RuntimeException e) {
            claim = CompletableFuture.failedFuture(e);
          }
          claim.whenComplete(
              (go, claimFailure) -> {
                if (claimFailure != null || !Boolean.TRUE.equals(go)) {
                  if (claimFailure != null) {
                    LOG.warn("claimPoll hook failed for {}; poll skipped", ticket, claimFailure);
                  }
                  limiter.release(null);
                  finishPoll(watch, ticket, null, null, true);
                  return;
                }
                send(
                    limiter,
                    watch.backend,
                    ticket,
                    (sent, snapshot, cause) -> finishPoll(watch, sent, snapshot, cause, false));
              });
        });
  }

  /** What to do with a poll's answer: the ticket as sent, and the snapshot or the failure. */
  @FunctionalInterface
  private interface PollAnswer {
    void accept(PollTicket sent, JobSnapshot snapshot, Throwable failure);
  }

  /**
   * Sends one GET the limiter has let through, and releases the limiter when it is back (passing on
   * the provider's pushback, if any) before {@code then} sees the answer.
   */
  private void send(
      ProviderLimiter limiter, JobBackend backend, PollTicket ticket, PollAnswer then) {
    PollTicket sent = ticket.sent(scheduler.now());
    CompletableFuture<JobSnapshot> answer;
    try {
      answer = backend.fetchAsync(ticket.jobId());
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenComplete(
        (snapshot, failure) -> {
          Throwable cause = PollRules.unwrap(failure);
          limiter.release(rules.pushback(cause));
          then.accept(sent, snapshot, cause);
        });
  }

  /**
   * One GET for a poll someone else schedules and has already claimed (the durable ledger's leased
   * polls and its webhook confirmations). It waits for the provider's limiter like the watcher's
   * own polls, so the user's {@code RequestLimits} and the provider's pushback cover every GET this
   * client makes, and it is reported to {@link WatchHooks#pollCompleted}, so poll metrics and
   * lateness do too. {@link WatchHooks#claimPoll} is not asked: the caller holds the claim.
   *
   * @param ticket the poll as the caller scheduled it; {@code sentAt} is set when it goes out
   * @return completes with the snapshot, or exceptionally with the GET's typed exception, once the
   *     limiter let the GET go and its answer is back
   */
  public CompletableFuture<JobSnapshot> pollOnce(JobBackend backend, PollTicket ticket) {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(ticket, "ticket");
    ProviderLimiter limiter = limiter(ticket.provider());
    CompletableFuture<JobSnapshot> result = new CompletableFuture<>();
    limiter.submit(
        () ->
            send(
                limiter,
                backend,
                ticket,
                (sent, snapshot, cause) -> {
                  try {
                    hooks.pollCompleted(sent, snapshot, cause);
                  } catch (RuntimeException e) {
                    LOG.warn("pollCompleted hook failed for {}", sent, e);
                  }
                  if (cause == null) result.complete(snapshot);
                  else result.completeExceptionally(cause);
                }));
    return result;
  }

  private static boolean isAbandoned(Watch watch) {
    synchronized (watch) {
      return watch.removed && watch.confirmations.isEmpty();
    }
  }

  /** A poll's answer (or failure, or skip) decides what happens next. */
  private void finishPoll(
      Watch watch, PollTicket ticket, JobSnapshot snapshot, Throwable failure, boolean skipped) {
    if (!skipped) {
      try {
        hooks.pollCompleted(ticket, snapshot, failure);
      } catch (RuntimeException e) {
        LOG.warn("pollCompleted hook failed for {}", ticket, e);
      }
    }
    Instant now = scheduler.now();
    List<CompletableFuture<Confirmation>> settle = List.of();
    Confirmation verdict = null;
    List<Waiter> toNotify = List.of();
    JobSnapshot previous = null;
    List<Waiter> toEnd = null;
    RuntimeException endFailure = null;
    PollTicket next = null;
    synchronized (watch) {
      watch.inFlight = null;
      if (skipped) {
        if (!watch.removed) {
          // Skipped by a hook: the next poll is due one interval on, by the same rule as ever.
          Instant due =
              watch.policy.nextDueAt(
                  watch.polls, ticket.dueAt(), now, ThreadLocalRandom.current().nextDouble());
          scheduleLocked(watch, Duration.between(now, due), PollTicket.Reason.SCHEDULED);
        }
        if (watch.confirmAfterPoll) {
          watch.confirmAfterPoll = false;
          if (!watch.removed) {
            cancelPendingLocked(watch);
            next = beginLocked(watch, PollTicket.Reason.WEBHOOK, now);
          }
        } else if (ticket.reason() == PollTicket.Reason.WEBHOOK) {
          settle = drain(watch.confirmations);
          verdict = Confirmation.NOT_CONFIRMED;
        }
      } else {
        PollRules.Verdict decided =
            watch.rules.decide(
                watch.polls,
                ticket.dueAt(),
                watch.consecutiveFailures,
                snapshot,
                failure,
                now,
                ThreadLocalRandom.current().nextDouble());
        if (snapshot != null) {
          previous = watch.last;
          watch.last = snapshot.withoutBody();
          toNotify = new ArrayList<>(watch.waiters);
        }
        boolean confirmNext = watch.confirmAfterPoll && snapshot != null && !watch.removed;
        watch.confirmAfterPoll = false;
        if (decided instanceof PollRules.Ended) {
          toEnd = endLocked(watch);
          settle = drain(watch.confirmations);
          verdict = Confirmation.COMPLETED;
        } else if (decided instanceof PollRules.GiveUp giveUp) {
          settle = drain(watch.confirmations);
          verdict = Confirmation.FAILED;
          endFailure = giveUp.cause();
          toEnd = endLocked(watch);
        } else if (decided instanceof PollRules.Continue next0) {
          watch.consecutiveFailures = next0.consecutiveFailures();
          if (confirmNext) {
            // A webhook arrived while this poll was out: it may have left before the job ended.
            next = beginLocked(watch, PollTicket.Reason.WEBHOOK, now);
          } else {
            settle = drain(watch.confirmations);
            verdict = snapshot != null ? Confirmation.STILL_RUNNING : Confirmation.NOT_CONFIRMED;
            if (failure != null) {
              LOG.debug("{} failed ({}), polling again at {}", ticket, failure, next0.nextDueAt());
            }
            if (!watch.removed) {
              scheduleLocked(watch, Duration.between(now, next0.nextDueAt()), next0.reason());
            }
          }
        }
      }
    }
    if (snapshot != null) notifyListeners(watch, toNotify, snapshot, previous, ticket, now);
    CompletableFuture<Void> published =
        toEnd == null
            ? CompletableFuture.completedFuture(null)
            : publish(watch, toEnd, snapshot, endFailure);
    // A webhook's verdict is given once the waits it settled have completed.
    List<CompletableFuture<Confirmation>> confirmations = settle;
    Confirmation settled = verdict;
    published.whenComplete((ok, e) -> confirmations.forEach(c -> c.complete(settled)));
    if (next != null) startPoll(watch, next);
  }

  private List<Waiter> endLocked(Watch watch) {
    watch.ended = true;
    cancelPendingLocked(watch);
    if (!watch.removed) {
      watch.removed = true;
      watches.remove(watch.key, watch);
    }
    finished.add(watch.key);
    return new ArrayList<>(watch.waiters);
  }

  /**
   * Seam 3: the one place a job's result is published. {@link WatchHooks#jobEnded} first (a ledger
   * records it), then every wait completes.
   */
  private CompletableFuture<Void> publish(
      Watch watch, List<Waiter> waiters, JobSnapshot terminal, RuntimeException failure) {
    CompletionStage<Void> recorded;
    try {
      recorded =
          hooks.jobEnded(
              watch.backend.provider(), watch.jobId, failure == null ? terminal : null, failure);
    } catch (RuntimeException e) {
      recorded = CompletableFuture.failedFuture(e);
    }
    return recorded
        .handle(
            (ok, hookFailure) -> {
              if (hookFailure != null) {
                LOG.warn(
                    "jobEnded hook failed for {} job {}",
                    watch.backend.provider(),
                    watch.jobId,
                    hookFailure);
              }
              for (Waiter w : waiters) {
                if (failure == null) w.future.complete(terminal);
                else w.future.completeExceptionally(failure);
              }
              return (Void) null;
            })
        .toCompletableFuture();
  }

  private static void notifyListeners(
      Watch watch,
      List<Waiter> waiters,
      JobSnapshot snapshot,
      JobSnapshot previous,
      PollTicket ticket,
      Instant now) {
    for (Waiter w : waiters) {
      try {
        w.listener.onProgress(
            new JobProgress(
                snapshot, previous, ticket.attempt(), Duration.between(w.started, now)));
      } catch (RuntimeException e) {
        LOG.warn(
            "progress listener failed for {} job {}", watch.backend.provider(), watch.jobId, e);
      }
    }
  }

  private static <T> List<T> drain(List<T> list) {
    if (list.isEmpty()) return List.of();
    List<T> copy = new ArrayList<>(list);
    list.clear();
    return copy;
  }

  // ---- state -----------------------------------------------------------------------------

  /** One caller's wait: its own future, timeout and listener. */
  private static final class Waiter {
    final ProgressListener listener;
    final Instant started;
    final CompletableFuture<JobSnapshot> future = new CompletableFuture<>();
    volatile WatchScheduler.Cancellable timeoutTask;

    Waiter(ProgressListener listener, Instant started) {
      this.listener = listener;
      this.started = started;
    }
  }

  /** One job's poll loop, shared by all its waiters. Guarded by its own monitor. */
  private static final class Watch {
    final String key;
    final JobBackend backend;
    final String jobId;
    final PollPolicy policy;
    final PollRules rules;
    final Set<Waiter> waiters = new LinkedHashSet<>();
    final List<CompletableFuture<Confirmation>> confirmations = new ArrayList<>();
    boolean started;
    boolean removed;
    boolean ended;

    /** Bumped whenever the scheduled poll is replaced; a stale task sees it and does nothing. */
    long generation;

    WatchScheduler.Cancellable pending;
    Instant dueAt;
    PollTicket.Reason pendingReason;

    /** The poll under way, or null: at most one per job. */
    PollTicket inFlight;

    /** A webhook arrived while a scheduled poll was under way: confirm right after it. */
    boolean confirmAfterPoll;

    int polls;
    int consecutiveFailures;

    /**
     * The last answer without its body ({@link JobSnapshot#withoutBody()}): what a wait's timeout
     * and the next progress event's {@code previous} show. Kept slim because it is held for every
     * watched job between polls; the whole answer went to the listeners when it arrived.
     */
    volatile JobSnapshot last;

    Watch(String key, JobBackend backend, String jobId, PollPolicy policy) {
      this.key = key;
      this.backend = backend;
      this.jobId = jobId;
      this.policy = policy;
      this.rules = new PollRules(policy);
    }
  }

  /** Builds a {@link JobWatcher}; the scheduler is required. */
  public static final class Builder {
    private WatchScheduler scheduler;
    private PollPolicy pollPolicy = PollPolicy.defaults();
    private WatchHooks hooks = WatchHooks.NONE;
    private final Map<Provider, RequestLimits> limits = new java.util.HashMap<>();

    private Builder() {}

    public Builder scheduler(WatchScheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler);
      return this;
    }

    public Builder pollPolicy(PollPolicy pollPolicy) {
      this.pollPolicy = Objects.requireNonNull(pollPolicy);
      return this;
    }

    public Builder hooks(WatchHooks hooks) {
      this.hooks = Objects.requireNonNull(hooks);
      return this;
    }

    /** Limits on polls to {@code provider} (a plan's quota). */
    public Builder requestLimits(Provider provider, RequestLimits limits) {
      this.limits.put(provider, Objects.requireNonNull(limits));
      return this;
    }

    public Builder requestLimits(Map<Provider, RequestLimits> limits) {
      this.limits.putAll(limits);
      return this;
    }

    public JobWatcher build() {
      return new JobWatcher(this);
    }
  }
}
