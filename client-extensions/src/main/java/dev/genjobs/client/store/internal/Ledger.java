package dev.genjobs.client.store.internal;

import dev.genjobs.client.Provider;
import dev.genjobs.client.errors.AmbiguousOutcomeException;
import dev.genjobs.client.errors.GenJobsException;
import dev.genjobs.client.jobs.JobBackend;
import dev.genjobs.client.jobs.JobProgress;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobTimeoutException;
import dev.genjobs.client.jobs.JobWatcher;
import dev.genjobs.client.jobs.PollPolicy;
import dev.genjobs.client.jobs.PollRules;
import dev.genjobs.client.jobs.PollTicket;
import dev.genjobs.client.jobs.ProgressListener;
import dev.genjobs.client.jobs.WatchHooks;
import dev.genjobs.client.store.Attempt;
import dev.genjobs.client.store.DurableWork;
import dev.genjobs.client.store.InputFingerprint;
import dev.genjobs.client.store.JobFilter;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.LedgerPolicy;
import dev.genjobs.client.store.LedgerState;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's side of the job ledger: write-ahead creates, webhook matching, and (with a store
 * that offers {@link DurableWork}, the JDBC store on db-scheduler) the durable follow of every job
 * on the ledger by whichever instance runs work. Not API: users see {@code client.jobs()}.
 *
 * <p>With durable work the ledger, not this process's memory, decides what is polled: the store
 * schedules a poll execution in the transaction that stores a record's next poll time; the engine
 * picks each due execution on one instance ({@link #pollDue}), which sends one GET and stores what
 * {@link PollRules} decided, and with it the next poll. A webhook delivery on any instance makes
 * that job's poll due now; no thread waits for a confirming GET. A job ends in the ledger once (a
 * compare-and-set from an open state to ENDED); waits on this instance end when this instance sees
 * it end, or at the next re-read ({@link LedgerPolicy#endedRecheckEvery()}) when another instance
 * saw it. Re-reading was chosen over PostgreSQL's LISTEN/NOTIFY: it works on every database and
 * through any pool (NOTIFY needs one connection held open per instance and loses what is sent while
 * it reconnects, so a re-read would be needed anyway), and it costs one indexed query per interval
 * per instance however many jobs are waited on.
 */
public final class Ledger implements AutoCloseable {

  /** The query parameter carrying a record's correlation token on the webhook URL we send. */
  public static final String TOKEN_PARAMETER = "genjobs_ref";

  /**
   * Characters {@link Intent#tagWebhook} adds to a webhook URL ({@code ?genjobs_ref=} or {@code
   * &genjobs_ref=} and a 32-character token): providers' URL length limits must leave room for it.
   */
  public static final int WEBHOOK_TAG_LENGTH = 1 + TOKEN_PARAMETER.length() + 1 + 32;

  private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);
  private static final int RECHECK_CHUNK = 500;

  private static final Duration OUTCOME_RETRY_FIRST = Duration.ofMillis(100);
  private static final Duration OUTCOME_RETRY_MAX = Duration.ofSeconds(30);

  private final JobStore store;
  private final String instance;
  private final LedgerPolicy policy;
  private final PollPolicy pollPolicy;
  private final PollRules rules;
  private final WatchHooks hooks;
  private final Duration pollDeadline;
  private final Clock clock;
  private final Duration createDeadline;
  private final List<String> secrets;
  private final Function<Provider, JobBackend> backends;
  private final PollSender sender;
  private final ScheduledExecutorService scheduler;
  private final Map<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private final Optional<DurableWork> work;
  private volatile DurableWork.Running running;
  private volatile boolean closed;

  /**
   * @param durable whether the store is the user's (it outlives this process); with {@link
   *     JobStore#durableWork()} the ledger then follows jobs durably, otherwise the in-process
   *     watcher waits and the ledger records
   * @param createDeadline how long a create call can take at most: an intent older than this
   *     without an outcome was interrupted (a crash) and is resolved like an ambiguous create
   * @param hooks where durable polls and webhook verdicts are reported (metrics), as the watcher's
   * @param pollDeadline the longest a durable poll waits for its GET, the provider's limiter
   *     included (the GET's own deadline covers the whole answer); a poll past it counts as failed
   */
  public Ledger(
      JobStore store,
      boolean durable,
      String instance,
      LedgerPolicy policy,
      PollPolicy pollPolicy,
      Clock clock,
      Duration createDeadline,
      List<String> secrets,
      Function<Provider, JobBackend> backends,
      PollSender sender,
      WatchHooks hooks,
      Duration pollDeadline) {
    this.store = store;
    this.instance = instance;
    this.policy = policy;
    this.pollPolicy = pollPolicy;
    this.rules = new PollRules(pollPolicy);
    this.hooks = hooks;
    this.pollDeadline = pollDeadline;
    this.clock = clock;
    this.createDeadline = createDeadline;
    this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).toList();
    this.backends = backends;
    this.sender = sender;
    this.work = durable ? store.durableWork() : Optional.empty();
    ScheduledThreadPoolExecutor s =
        new ScheduledThreadPoolExecutor(1, daemon("genjobs-ledger", new AtomicInteger()));
    s.setRemoveOnCancelPolicy(true);
    s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.scheduler = s;
  }

  /**
   * Starts running due work and re-reading waited records (with durable work). Called once every
   * provider client exists: work picked earlier would find no client for its job.
   */
  public void start() {
    if (!started.compareAndSet(false, true) || closed) return;
    if (servesWaits()) {
      DurableWork w = work.orElseThrow();
      running =
          w.run(
              new DurableWork.Handlers() {
                @Override
                public void createDeadlinePassed(String ledgerId) {
                  Ledger.this.createDeadlinePassed(ledgerId);
                }

                @Override
                public void pollDue(String ledgerId, Instant dueAt, boolean retry) {
                  Ledger.this.pollDue(ledgerId, dueAt, retry);
                }

                @Override
                public Instant confirmDelivery(String ledgerId, String jobId) {
                  return Ledger.this.confirmTokenDelivery(ledgerId, jobId);
                }

                @Override
                public void retentionDue() {
                  deleteEndedRecords();
                }
              },
              policy,
              instance);
    }
    if (work.isPresent()) {
      long recheck = policy.endedRecheckEvery().toMillis();
      scheduler.scheduleWithFixedDelay(
          () -> guard("re-reading waited jobs", this::recheckWaited),
          recheck,
          recheck,
          TimeUnit.MILLISECONDS);
    }
  }

  public JobStore store() {
    return store;
  }

  /**
   * Whether the ledger follows its jobs durably (a store with durable work, the user's): records
   * carry their next poll time, and whichever instance runs work polls them.
   */
  public boolean isDurable() {
    return work.isPresent();
  }

  /**
   * Whether waits are served by the ledger: durable work, and this client running it. Otherwise the
   * in-process watcher polls and the ledger records the end.
   */
  public boolean servesWaits() {
    return work.isPresent() && policy.pollsDue();
  }

  /**
   * Jobs of {@code provider} this durable ledger follows whose last seen status is {@code
   * lastStatus} (null: not polled yet), across every instance: the jobs-in-flight gauge of a
   * durable client. One grouped count, re-read at most every {@link
   * LedgerPolicy#endedRecheckEvery()} however many gauges read it.
   */
  public int jobsInFlight(Provider provider, dev.genjobs.client.jobs.JobStatus lastStatus) {
    ActiveCounts counts = activeCounts;
    Instant now = clock.instant();
    if (counts == null || counts.readAt.plus(policy.endedRecheckEvery()).isBefore(now)) {
      counts = new ActiveCounts(now, store.countActive());
      activeCounts = counts;
    }
    return counts.rows.stream()
        .filter(a -> a.provider().equals(provider) && a.status() == lastStatus)
        .mapToInt(dev.genjobs.client.store.ActiveJobs::count)
        .sum();
  }

  private record ActiveCounts(Instant readAt, List<dev.genjobs.client.store.ActiveJobs> rows) {}

  private volatile ActiveCounts activeCounts;

  public String instance() {
    return instance;
  }

  // ---------------------------------------------------------------- write-ahead creates

  /** Stores the intent to create a job without an input fingerprint or upload. */
  public Intent intend(Provider provider, String operation, String summary, boolean webhook) {
    return intend(provider, operation, summary, InputFingerprint.none(), Duration.ZERO, webhook);
  }

  /**
   * Stores the intent to create a job; call before anything is sent.
   *
   * @param inputs the secret-free fingerprint of what is sent, matched against provider job lists
   * @param sendingAllowance how long sending the request body may take beyond the read timeout (an
   *     upload's size at the slowest rate we allow): part of the create's deadline, fixed in the
   *     record now so that any client resolving it later uses this create's deadline, not its own
   */
  public Intent intend(
      Provider provider,
      String operation,
      String summary,
      InputFingerprint inputs,
      Duration sendingAllowance,
      boolean webhook) {
    Instant now = clock.instant();
    String cleanSummary = scrub(summary);
    Instant deadline = now.plus(createDeadline).plus(sendingAllowance);
    JobRecord intent =
        JobRecord.builder()
            .ledgerId(UUID.randomUUID().toString())
            .provider(provider)
            .operation(operation)
            .state(LedgerState.INTENT)
            .requestSummary(cleanSummary)
            .requestFingerprint(fingerprint(provider, operation, cleanSummary, inputs))
            .inputFingerprint(inputs)
            .createDeadlineAt(deadline)
            .correlationToken(UUID.randomUUID().toString().replace("-", ""))
            .expectWebhook(webhook)
            .createdAt(now)
            .addAttempt(new Attempt(now, "create-intent", operation, instance))
            .build();
    // With durable work the store schedules the intent's resolution at its deadline in the same
    // transaction: whichever instance runs work resolves it if no outcome was stored by then (this
    // process died, or lost its database), without anyone calling resume().
    store.insert(intent);
    return new Intent(intent);
  }

  /**
   * When {@code r}'s create can no longer be answered: the deadline stored with its intent, or for
   * a record written before deadlines were stored, its creation plus this client's create deadline.
   */
  public Instant createDeadlineOf(JobRecord r) {
    return r.createDeadlineAt().orElseGet(() -> r.createdAt().plus(createDeadline));
  }

  /** Deletes records that ended longer than the policy's retention ago (durable work). */
  private void deleteEndedRecords() {
    Instant cutoff = clock.instant().minus(policy.retention());
    int deleted = store.deleteEndedBefore(cutoff);
    if (deleted > 0) LOG.info("deleted {} ledger records that ended before {}", deleted, cutoff);
  }

  /**
   * A create's deadline passed (durable work, on any instance): an intent still without an outcome
   * was interrupted and becomes AMBIGUOUS, as {@link #resolveInterruptedIntents} would make it.
   */
  private void createDeadlinePassed(String ledgerId) {
    // Scheduled at the record's own deadline (createDeadlineOf), which intend() stored with it.
    if (store.get(ledgerId).filter(r -> r.state() == LedgerState.INTENT).isEmpty()) return;
    Instant now = clock.instant();
    transition(
        ledgerId,
        r ->
            r.state() != LedgerState.INTENT
                ? null
                : r.toBuilder()
                    .state(LedgerState.AMBIGUOUS)
                    .failureReason(
                        "no answer was stored by the create's deadline (the process stopped or"
                            + " lost its database): the job may exist")
                    .updatedAt(now)
                    .addAttempt(new Attempt(now, "deadline-passed", "resolved by work", instance))
                    .build());
  }

  /** One create between its intent and its outcome. */
  public final class Intent {
    private final JobRecord intent;

    private Intent(JobRecord intent) {
      this.intent = intent;
    }

    public String ledgerId() {
      return intent.ledgerId();
    }

    /** {@code url} with this record's correlation token added as a query parameter. */
    public java.net.URI tagWebhook(java.net.URI url) {
      if (url == null) return null;
      String token =
          TOKEN_PARAMETER
              + "="
              + URLEncoder.encode(intent.correlationToken(), StandardCharsets.UTF_8);
      String text = url.toString();
      int hash = text.indexOf('#');
      String base = hash < 0 ? text : text.substring(0, hash);
      String fragment = hash < 0 ? "" : text.substring(hash);
      return java.net.URI.create(base + (base.contains("?") ? "&" : "?") + token + fragment);
    }

    /** The provider accepted: the job is ACTIVE (or already ENDED), polled from now on. */
    public JobRecord created(JobSnapshot snapshot) {
      Instant now = clock.instant();
      return transition(
          intent,
          r -> {
            if (!r.state().isUnresolved()) return null; // a webhook bound it first
            JobRecord.Builder b =
                r.toBuilder()
                    .state(LedgerState.ACTIVE)
                    .providerJobId(snapshot.id())
                    .updatedAt(now)
                    .addAttempt(new Attempt(now, "created", snapshot.id(), instance));
            applySnapshot(b, snapshot, now, firstPollAt(r, now));
            return b.build();
          });
    }

    /**
     * {@link #created} for when storing the outcome failed (the database unreachable as the answer
     * arrived): stores it again in the background, with backoff, until it sticks or the ledger
     * closes. The job exists at the provider; left an INTENT without its job id, no one would
     * follow it and waits on it would time out. If the ledger closes first, the intent is resolved
     * like an interrupted one (webhook token, job list, or by hand).
     */
    public void createdEventually(JobSnapshot snapshot) {
      storeOutcomeLater(this, snapshot, OUTCOME_RETRY_FIRST, 1);
    }

    /** The create may or may not have started a job. */
    public void ambiguous(AmbiguousOutcomeException e) {
      unresolved(LedgerState.AMBIGUOUS, "ambiguous", e);
    }

    /** The provider refused (or the request never left): no job exists. */
    public void refused(RuntimeException e) {
      unresolved(LedgerState.REFUSED, "refused", e);
    }

    private void unresolved(LedgerState state, String event, RuntimeException e) {
      Instant now = clock.instant();
      String why = scrub(e.getClass().getSimpleName() + ": " + e.getMessage());
      try {
        transition(
            intent.ledgerId(),
            r ->
                r.state() != LedgerState.INTENT
                    ? null
                    : r.toBuilder()
                        .state(state)
                        .failureReason(why)
                        .updatedAt(now)
                        .addAttempt(new Attempt(now, event, why, instance))
                        .build());
      } catch (RuntimeException storeFailure) {
        e.addSuppressed(storeFailure); // the intent stays: resolved on the next start
      }
    }
  }

  private void storeOutcomeLater(Intent intent, JobSnapshot snapshot, Duration delay, int attempt) {
    if (closed) return;
    Runnable retry =
        () -> {
          if (closed) return;
          try {
            intent.created(snapshot);
            LOG.info(
                "stored {} job {} in ledger record {} at attempt {}",
                intent.intent.provider().displayName(),
                snapshot.id(),
                intent.ledgerId(),
                attempt + 1);
          } catch (RuntimeException e) {
            LOG.warn(
                "storing {} job {} in ledger record {} failed again (attempt {}): {}",
                intent.intent.provider().displayName(),
                snapshot.id(),
                intent.ledgerId(),
                attempt + 1,
                scrub(e.toString()));
            Duration next = delay.multipliedBy(2);
            storeOutcomeLater(
                intent,
                snapshot,
                next.compareTo(OUTCOME_RETRY_MAX) > 0 ? OUTCOME_RETRY_MAX : next,
                attempt + 1);
          }
        };
    try {
      scheduler.schedule(retry, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Closed meanwhile: the intent stays, resolved like an interrupted one.
    }
  }

  private Instant firstPollAt(JobRecord r, Instant now) {
    return rules.firstDueAt(now, r.expectWebhook(), ThreadLocalRandom.current().nextDouble());
  }

  // ---------------------------------------------------------------- observations

  /**
   * Stores what the provider said about a record's job. Ends the record if the job ended and it was
   * still open. Returns the stored record, or empty if it was not stored because the record had
   * already ended.
   */
  public Optional<JobRecord> observe(String ledgerId, JobSnapshot snapshot, String source) {
    return observe(ledgerId, snapshot, source, null, null);
  }

  /** {@link #observe} adding {@code polled} (a durable poll's own entry) to the history. */
  private Optional<JobRecord> observe(
      String ledgerId, JobSnapshot snapshot, String source, Attempt polled, Runnable published) {
    Instant now = clock.instant();
    JobRecord[] changed = new JobRecord[1];
    JobRecord stored =
        transition(
            ledgerId,
            r -> {
              if (!r.state().isOpen()) return null;
              JobRecord.Builder b = r.toBuilder().updatedAt(now);
              if (r.state().isUnresolved()) {
                b.state(LedgerState.ACTIVE).providerJobId(snapshot.id());
              }
              // A poll's answer: the next is due one interval after this one was due, by the
              // watcher's rule. Anything else (a webhook) starts the interval now.
              Instant due = source.equals("poll") ? r.nextPollAt().orElse(now) : now;
              int poll = polled != null ? r.polls() + 1 : r.polls();
              Instant next =
                  pollPolicy.nextDueAt(
                      Math.max(1, poll), due, now, ThreadLocalRandom.current().nextDouble());
              applySnapshot(b, snapshot, now, next);
              if (polled != null) b.addAttempt(polled).pollFailures(0).polls(poll);
              if (snapshot.isTerminal()) {
                b.addAttempt(
                    new Attempt(
                        now,
                        "ended",
                        source + ": " + snapshot.status() + " (" + snapshot.rawStatus() + ")",
                        instance));
              }
              changed[0] = b.build();
              return changed[0];
            });
    if (changed[0] == null) {
      if (!stored.state().isOpen()) finishWaiters(stored);
      return Optional.empty();
    }
    // As the watcher does: the end is published (hooks) before any wait completes.
    if (published != null) published.run();
    notifyWaiters(stored, snapshot);
    return Optional.of(stored);
  }

  private void applySnapshot(
      JobRecord.Builder b, JobSnapshot snapshot, Instant now, Instant nextPoll) {
    b.status(snapshot.status(), snapshot.rawStatus())
        .failureReason(snapshot.failureReason().map(this::scrub).orElse(null))
        .outputUrls(snapshot.outputUrls())
        .outputFiles(snapshot.outputFiles());
    if (snapshot.isTerminal()) {
      b.state(LedgerState.ENDED).endedAt(now).nextPollAt(null);
    } else {
      b.nextPollAt(work.isPresent() ? nextPoll : null);
    }
  }

  // ---------------------------------------------------------------- resolution by hand

  /**
   * Whether {@code r} is an intent whose create may still be in flight: younger than the create
   * deadline, so the process that wrote it (this one or another) may yet record its answer.
   */
  public boolean inFlight(JobRecord r) {
    return r.state() == LedgerState.INTENT && clock.instant().isBefore(createDeadlineOf(r));
  }

  // Resolving an intent by hand while its create may still be answered would race that answer.
  private void refuseInFlight(JobRecord r) {
    if (inFlight(r)) {
      throw new IllegalStateException(
          "record "
              + r.ledgerId()
              + " is an INTENT whose create may still be in flight (its create deadline, "
              + createDeadlineOf(r)
              + ", has not passed); it resolves itself when the answer arrives, or becomes"
              + " AMBIGUOUS after that");
    }
  }

  /**
   * Throws unless {@code providerJobId} may be bound to record {@code ledgerId}: the record is
   * unresolved and past its create deadline, and the job belongs to no other record. Returns the
   * record; {@link #bind} checks again as it writes.
   */
  public JobRecord requireBindable(String ledgerId, String providerJobId) {
    JobRecord current = require(ledgerId);
    if (current.providerJobId().filter(providerJobId::equals).isPresent()) return current;
    refuseInFlight(current);
    if (!current.state().isUnresolved()) {
      throw new IllegalStateException(
          "record "
              + ledgerId
              + " is "
              + current.state()
              + "; only INTENT or AMBIGUOUS can be bound");
    }
    Optional<JobRecord> owner = findByJob(current.provider(), providerJobId);
    if (owner.isPresent() && !owner.get().ledgerId().equals(ledgerId)) {
      throw new IllegalStateException(
          current.provider().displayName()
              + " job "
              + providerJobId
              + " belongs to ledger record "
              + owner.get().ledgerId()
              + "; a job is bound to one record only");
    }
    return current;
  }

  /**
   * Attaches a provider job id to an unresolved record (the job the create did start). Refuses a
   * job another record owns.
   */
  public JobRecord bind(String ledgerId, String providerJobId, String how) {
    Instant now = clock.instant();
    JobRecord current = requireBindable(ledgerId, providerJobId);
    if (current.providerJobId().filter(providerJobId::equals).isPresent()) return current;
    return transition(
        ledgerId,
        r -> {
          if (!r.state().isUnresolved()) {
            throw new IllegalStateException("record " + ledgerId + " was resolved meanwhile");
          }
          return r.toBuilder()
              .state(LedgerState.ACTIVE)
              .providerJobId(providerJobId)
              .failureReason(null)
              .candidateJobIds(List.of())
              .nextPollAt(work.isPresent() ? now : null)
              .pollFailures(0)
              .updatedAt(now)
              .addAttempt(new Attempt(now, "bound", how + ": " + providerJobId, instance))
              .build();
        });
  }

  /**
   * Stores the provider jobs that could be an AMBIGUOUS record's (list reconciliation found more
   * than one, or one that another open record matches too), for a person to choose from with {@code
   * jobs resolve}; the record stays AMBIGUOUS. Nothing is written when they are unchanged.
   */
  public JobRecord recordCandidates(String ledgerId, List<String> jobIds) {
    Instant now = clock.instant();
    List<String> kept = jobIds.stream().limit(JobRecord.MAX_CANDIDATES).toList();
    return transition(
        ledgerId,
        r ->
            r.state() != LedgerState.AMBIGUOUS || r.candidateJobIds().equals(kept)
                ? null
                : r.toBuilder()
                    .candidateJobIds(kept)
                    .updatedAt(now)
                    .addAttempt(
                        new Attempt(
                            now,
                            "candidates",
                            kept.isEmpty()
                                ? "no listed job matches any more"
                                : kept.size() + " listed jobs match: " + String.join(", ", kept),
                            instance))
                    .build());
  }

  /** Gives up on an open record: the ledger stops following it, its waits fail. */
  public JobRecord abandon(String ledgerId, String why) {
    Instant now = clock.instant();
    refuseInFlight(require(ledgerId));
    JobRecord r =
        transition(
            ledgerId,
            rec ->
                !rec.state().isOpen()
                    ? null
                    : rec.toBuilder()
                        .state(LedgerState.ABANDONED)
                        .nextPollAt(null)
                        .endedAt(now)
                        .updatedAt(now)
                        .addAttempt(new Attempt(now, "abandoned", scrub(why), instance))
                        .build());
    finishWaiters(r);
    return r;
  }

  /**
   * Intents past their own create deadline (a crash interrupted them) become AMBIGUOUS. Each
   * record's deadline is the one stored with it: a large upload written by another client is not
   * cut short by this client's shorter timeouts.
   */
  public List<JobRecord> resolveInterruptedIntents() {
    Instant now = clock.instant();
    List<JobRecord> interrupted =
        store
            .list(
                JobFilter.builder()
                    .states(LedgerState.INTENT)
                    .createdBefore(now)
                    .limit(10_000)
                    .build())
            .stream()
            .filter(r -> !inFlight(r))
            .toList();
    List<JobRecord> out = new ArrayList<>();
    for (JobRecord i : interrupted) {
      out.add(
          transition(
              i.ledgerId(),
              r ->
                  r.state() != LedgerState.INTENT || inFlight(r)
                      ? null
                      : r.toBuilder()
                          .state(LedgerState.AMBIGUOUS)
                          .failureReason(
                              "the process stopped between storing the intent and storing the"
                                  + " answer: the job may exist")
                          .updatedAt(now)
                          .addAttempt(new Attempt(now, "interrupted", "found on resume", instance))
                          .build()));
    }
    return out;
  }

  // ---------------------------------------------------------------- webhooks

  /** What a webhook delivery did to the ledger. */
  public enum Delivery {
    COMPLETED,
    STILL_RUNNING,
    /**
     * Recorded: the job's confirming GET is due now on whichever instance runs the ledger's work;
     * the record ends there if the GET shows the job ended.
     */
    CONFIRMATION_DUE,
    CONFIRMATION_FAILED,
    DUPLICATE,
    UNKNOWN
  }

  /** The attempt event of a delivery that made its job's poll due now. */
  private static final String WEBHOOK_DUE = "webhook-due";

  /**
   * A webhook named {@code jobId} (and maybe carried our token). Finds the record by job id, or an
   * unresolved one by token, only within {@code provider} when the payload said which, and confirms
   * with one GET: with durable work by making that job's poll due now (whichever instance runs work
   * sends it; nothing here waits for it), otherwise with a GET sent without blocking. A job found
   * by token is bound to the record only once that GET showed the job exists at the record's
   * provider: a token can leak, and a delivery naming a made-up job must not take the record the
   * real job belongs to.
   */
  public CompletableFuture<Delivery> deliveryReceived(
      Provider provider, String jobId, String token) {
    Optional<JobRecord> found = findByJob(provider, jobId);
    if (found.isEmpty() && token != null && !token.isBlank()) {
      Optional<JobRecord> tagged =
          store.list(JobFilter.builder().correlationToken(token).limit(1).build()).stream()
              .findFirst()
              .filter(r -> provider == null || r.provider().equals(provider));
      if (tagged.isEmpty()) return done(Delivery.UNKNOWN);
      JobRecord r = tagged.get();
      if (r.providerJobId().isPresent()) {
        if (!r.providerJobId().get().equals(jobId)) {
          LOG.warn(
              "webhook for {} job {} carries the token of record {} which has job {}",
              r.provider(),
              jobId,
              r.ledgerId(),
              r.providerJobId().get());
          return done(Delivery.UNKNOWN);
        }
        found = tagged;
      } else {
        if (!r.state().isUnresolved()) return done(Delivery.UNKNOWN);
        if (work.isPresent()) {
          work.get().confirmDeliveryNow(r.ledgerId(), jobId);
          return done(Delivery.CONFIRMATION_DUE);
        }
        return confirmByGet(r, jobId, true);
      }
    }
    if (found.isEmpty()) return done(Delivery.UNKNOWN);
    JobRecord r = found.get();
    if (!r.state().isOpen()) return done(Delivery.DUPLICATE);
    if (work.isPresent()) {
      return done(makePollDueNow(r.ledgerId()) ? Delivery.CONFIRMATION_DUE : Delivery.DUPLICATE);
    }
    return confirmByGet(r, jobId, false);
  }

  /**
   * Makes the record's poll due now (the store schedules it in the same transaction), unless a
   * delivery already did and that poll has not run yet: a repeated delivery costs nothing. Returns
   * whether this delivery made a poll due.
   */
  private boolean makePollDueNow(String ledgerId) {
    Instant now = clock.instant();
    boolean[] made = new boolean[1];
    transition(
        ledgerId,
        r -> {
          made[0] = false;
          if (!r.state().isOpen()) return null;
          boolean pending =
              lastEvent(r).equals(WEBHOOK_DUE)
                  && r.nextPollAt().map(t -> !t.isAfter(now)).orElse(false);
          if (pending) return null;
          made[0] = true;
          return r.toBuilder()
              .nextPollAt(now)
              .updatedAt(now)
              .addAttempt(new Attempt(now, WEBHOOK_DUE, "confirming poll due now", instance))
              .build();
        });
    return made[0];
  }

  /**
   * Confirms a delivery with a GET that holds no thread (no durable work: the in-memory ledger),
   * then records what it showed.
   */
  private CompletableFuture<Delivery> confirmByGet(JobRecord r, String jobId, boolean byToken) {
    Instant now = clock.instant();
    PollTicket ticket =
        new PollTicket(r.provider(), jobId, r.polls() + 1, PollTicket.Reason.WEBHOOK, now, null);
    CompletableFuture<JobSnapshot> get;
    try {
      get = sender.send(backends.apply(r.provider()), ticket);
    } catch (RuntimeException e) {
      get = CompletableFuture.failedFuture(e);
    }
    return get.handle(
        (s, failure) -> {
          if (failure != null) {
            LOG.debug("confirming {} job {} failed: {}", r.provider(), jobId, failure.toString());
            return Delivery.CONFIRMATION_FAILED;
          }
          if (byToken && !bindConfirmed(r.ledgerId(), jobId)) return Delivery.UNKNOWN;
          Optional<JobRecord> stored = observeDelivered(r, jobId, s);
          if (stored.isEmpty()) return Delivery.DUPLICATE;
          return stored.get().state() == LedgerState.ENDED
              ? Delivery.COMPLETED
              : Delivery.STILL_RUNNING;
        });
  }

  /**
   * Binds {@code jobId}, which a GET just showed exists, to the unresolved record it was delivered
   * for. False when it cannot be: bound meanwhile to another job, or the job is another record's.
   */
  private boolean bindConfirmed(String ledgerId, String jobId) {
    try {
      bind(ledgerId, jobId, "webhook, confirmed by GET");
      return true;
    } catch (IllegalStateException e) {
      LOG.debug("webhook job {} not bound to record {}: {}", jobId, ledgerId, e.getMessage());
      return store
          .get(ledgerId)
          .flatMap(JobRecord::providerJobId)
          .filter(jobId::equals)
          .isPresent();
    }
  }

  /**
   * Durable work: a token-tagged delivery named {@code jobId} for the unresolved record {@code
   * ledgerId}. One GET at the record's provider; the job is bound only if it exists there. While
   * the record's create may still be answered (an intent younger than its deadline: the provider
   * can finish and deliver before its answer to the create is stored) the delivery waits: the
   * answer binds the job, or the deadline passes and the delivery binds it. Returns when to run
   * again, or null when done.
   */
  private Instant confirmTokenDelivery(String ledgerId, String jobId) {
    JobRecord r = store.get(ledgerId).orElse(null);
    if (r == null || !r.state().isUnresolved()) return null; // resolved meanwhile
    if (inFlight(r)) return r.createdAt().plus(createDeadline).plusSeconds(1);
    Instant now = clock.instant();
    PollTicket ticket =
        new PollTicket(r.provider(), jobId, r.polls() + 1, PollTicket.Reason.WEBHOOK, now, null);
    JobBackend backend = backends.apply(r.provider());
    JobSnapshot s;
    try {
      s = fetch(backend, ticket);
    } catch (Throwable failure) {
      if (PollRules.kindOf(failure) == PollRules.FailureKind.PERMANENT) {
        // 404: no such job at that provider (a forged or mistaken delivery); nothing is bound.
        LOG.warn(
            "webhook for record {} named {} job {}, which the provider does not confirm: {}",
            ledgerId,
            r.provider().displayName(),
            jobId,
            scrub(failure.toString()));
        report(r.provider(), jobId, JobWatcher.Confirmation.FAILED);
        return null;
      }
      // Passing (5xx, timeout, pushback): the engine runs this again later.
      throw new IllegalStateException(
          "confirming " + r.provider().displayName() + " job " + jobId + " failed", failure);
    }
    if (!bindConfirmed(ledgerId, jobId)) return null;
    Optional<JobRecord> stored = observeDelivered(r, jobId, s);
    report(
        r.provider(),
        jobId,
        stored.map(x -> x.state() == LedgerState.ENDED).orElse(true)
            ? JobWatcher.Confirmation.COMPLETED
            : JobWatcher.Confirmation.STILL_RUNNING);
    return null;
  }

  /** Stores what a delivery's confirming GET showed; a job it ended is published first. */
  private Optional<JobRecord> observeDelivered(JobRecord r, String jobId, JobSnapshot s) {
    return observe(
        r.ledgerId(),
        s,
        "webhook",
        null,
        s.isTerminal() ? () -> publishEnd(r.provider(), jobId, s, null) : null);
  }

  private void report(Provider provider, String jobId, JobWatcher.Confirmation verdict) {
    try {
      hooks.webhookConfirmation(provider, jobId, verdict);
    } catch (RuntimeException e) {
      LOG.warn("webhookConfirmation hook failed for {} job {}", provider, jobId, e);
    }
  }

  private static CompletableFuture<Delivery> done(Delivery d) {
    return CompletableFuture.completedFuture(d);
  }

  private static String lastEvent(JobRecord r) {
    List<Attempt> attempts = r.attempts();
    return attempts.isEmpty() ? "" : attempts.get(attempts.size() - 1).event();
  }

  /** The record of a provider job; {@code provider} may be null when the payload did not say. */
  /** The record whose creates carried this correlation token, if any. */
  public Optional<JobRecord> findByToken(String token) {
    if (token == null || token.isBlank()) return Optional.empty();
    return store.list(JobFilter.builder().correlationToken(token).limit(1).build()).stream()
        .findFirst();
  }

  public Optional<JobRecord> findByJob(Provider provider, String jobId) {
    JobFilter.Builder f = JobFilter.builder().providerJobId(jobId).limit(2);
    if (provider != null) f.provider(provider);
    List<JobRecord> found = store.list(f.build());
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }

  // ---------------------------------------------------------------- durable polls

  /**
   * How the ledger sends one GET. The client passes its watcher's {@link JobWatcher#pollOnce}, so
   * the ledger's polls and confirmations wait for the same per-provider limits as the watcher's,
   * and reach the same poll hooks (metrics, lateness).
   */
  @FunctionalInterface
  public interface PollSender {
    CompletableFuture<JobSnapshot> send(JobBackend backend, PollTicket ticket);
  }

  /**
   * Durable work: the poll of {@code ledgerId} due at {@code dueAt}, on a work thread of whichever
   * instance picked it. Sends one GET, asks {@link PollRules} what the answer means and stores it
   * with the next poll time (the store schedules that poll in the same transaction). A poll whose
   * time is no longer the record's (a webhook made one due earlier, or the job ended) does nothing.
   * A failure to store throws: the engine runs the execution again later, and it polls again.
   */
  private void pollDue(String ledgerId, Instant dueAt, boolean retry) {
    JobRecord r = store.get(ledgerId).orElse(null);
    if (r == null || !r.state().isOpen() || r.providerJobId().isEmpty()) return;
    if (!expects(r, dueAt)) return;
    String jobId = r.providerJobId().get();
    boolean webhook = lastEvent(r).equals(WEBHOOK_DUE);
    PollTicket.Reason reason =
        webhook
            ? PollTicket.Reason.WEBHOOK
            : retry || r.pollFailures() > 0
                ? PollTicket.Reason.AFTER_FAILURE
                : PollTicket.Reason.SCHEDULED;
    int poll = r.polls() + 1;
    PollTicket ticket = new PollTicket(r.provider(), jobId, poll, reason, dueAt, null);
    // Outside the poll's try: an instance without a client for this provider is not an answer
    // about the job; the execution fails and runs again later, maybe on another instance.
    JobBackend backend = backends.apply(r.provider());
    JobSnapshot snapshot = null;
    Throwable failure = null;
    try {
      snapshot = fetch(backend, ticket);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("poll of ledger record " + ledgerId + " interrupted", e);
    } catch (Throwable t) {
      failure = t;
    }
    Instant now = clock.instant();
    PollRules.Verdict verdict =
        rules.decide(
            poll,
            dueAt,
            r.pollFailures(),
            snapshot,
            failure,
            now,
            ThreadLocalRandom.current().nextDouble());
    Attempt polled =
        new Attempt(
            now,
            "polled",
            "due="
                + dueAt
                + (retry ? " retry" : "")
                + " "
                + (snapshot != null
                    ? snapshot.status() + " (" + snapshot.rawStatus() + ")"
                    : scrub(String.valueOf(failure))),
            instance);
    if (verdict instanceof PollRules.Ended ended) {
      observe(
          ledgerId,
          ended.snapshot(),
          "poll",
          polled,
          () -> publishEnd(r.provider(), jobId, ended.snapshot(), null));
      if (webhook) report(r.provider(), jobId, JobWatcher.Confirmation.COMPLETED);
    } else if (verdict instanceof PollRules.GiveUp giveUp) {
      giveUp(ledgerId, r.provider(), jobId, giveUp.cause(), polled);
      if (webhook) report(r.provider(), jobId, JobWatcher.Confirmation.FAILED);
    } else if (verdict instanceof PollRules.Continue next) {
      JobSnapshot seen = snapshot;
      JobRecord stored =
          transition(
              ledgerId,
              rec -> {
                if (!rec.state().isOpen()) return null;
                JobRecord.Builder b =
                    rec.toBuilder()
                        .updatedAt(now)
                        .pollFailures(next.consecutiveFailures())
                        .polls(rec.polls() + 1)
                        .addAttempt(polled);
                if (seen != null) {
                  b.status(seen.status(), seen.rawStatus())
                      .failureReason(seen.failureReason().map(this::scrub).orElse(null))
                      .outputUrls(seen.outputUrls())
                      .outputFiles(seen.outputFiles());
                }
                // Only the poll the record expects moves the schedule: a webhook that made an
                // earlier poll due meanwhile owns it now.
                if (expects(rec, dueAt)) b.nextPollAt(next.nextDueAt());
                return b.build();
              });
      if (seen != null) notifyWaiters(stored, seen);
      if (webhook) {
        report(
            r.provider(),
            jobId,
            seen != null
                ? JobWatcher.Confirmation.STILL_RUNNING
                : JobWatcher.Confirmation.NOT_CONFIRMED);
      }
    }
  }

  /**
   * Whether {@code r}'s next poll is the one due at {@code dueAt} (to the millisecond, as the
   * execution's id carries it).
   */
  private static boolean expects(JobRecord r, Instant dueAt) {
    return r.nextPollAt().filter(t -> t.toEpochMilli() == dueAt.toEpochMilli()).isPresent();
  }

  /**
   * One GET through the {@link PollSender}, waited for at most {@link #pollDeadline} (the limiter
   * included; the GET's own deadline covers the whole answer, body included).
   */
  private JobSnapshot fetch(JobBackend backend, PollTicket ticket) throws Throwable {
    Provider provider = backend.provider();
    CompletableFuture<JobSnapshot> answer = sender.send(backend, ticket);
    try {
      return answer.get(pollDeadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() != null ? e.getCause() : e;
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new dev.genjobs.client.errors.RequestTimeoutException(
          provider, "poll", pollDeadline, e);
    }
  }

  /**
   * A poll's answer that no later poll can change (404: the job is not there; 401, 403: the key may
   * not read it; another 4xx: the request itself is wrong), or the error budget spent, ends the
   * follow as it ends an in-process wait: the record is ABANDONED with the answer as its reason,
   * and no poll is due. Polling on would repeat the answer every interval, forever.
   */
  private void giveUp(
      String ledgerId, Provider provider, String jobId, RuntimeException cause, Attempt polled) {
    Instant now = clock.instant();
    String why = scrub("polling stopped: " + cause.getMessage());
    JobRecord r =
        transition(
            ledgerId,
            rec ->
                !rec.state().isOpen()
                    ? null
                    : rec.toBuilder()
                        .state(LedgerState.ABANDONED)
                        .failureReason(why)
                        .nextPollAt(null)
                        .endedAt(now)
                        .updatedAt(now)
                        .polls(rec.polls() + 1)
                        .addAttempt(polled)
                        .addAttempt(new Attempt(now, "poll-refused", why, instance))
                        .build());
    LOG.warn("ledger record {} abandoned: {}", ledgerId, why);
    publishEnd(provider, jobId, null, cause);
    failWaiters(ledgerId, cause);
    if (!r.state().isOpen()) finishWaiters(r);
  }

  /** Reports a durable job's end to the hooks (time to result), as the watcher's publish does. */
  private void publishEnd(
      Provider provider, String jobId, JobSnapshot terminal, RuntimeException failure) {
    try {
      hooks.jobEnded(provider, jobId, terminal, failure);
    } catch (RuntimeException e) {
      LOG.warn("jobEnded hook failed for {} job {}", provider, jobId, e);
    }
  }

  // ---------------------------------------------------------------- waits (durable)

  /** A wait for a record to end, served by the ledger. */
  public CompletableFuture<JobSnapshot> await(
      String ledgerId, Duration timeout, ProgressListener listener) {
    JobRecord r = require(ledgerId);
    if (!r.state().isOpen()) {
      CompletableFuture<JobSnapshot> done = new CompletableFuture<>();
      settle(done, r);
      return done;
    }
    Waiter w = new Waiter(listener, clock.instant());
    waiters.computeIfAbsent(ledgerId, k -> ConcurrentHashMap.newKeySet()).add(w);
    w.future.whenComplete(
        (s, e) -> {
          ScheduledFuture<?> t = w.timeout;
          if (t != null) t.cancel(false);
          waiters.computeIfPresent(
              ledgerId,
              (k, set) -> {
                set.remove(w);
                return set.isEmpty() ? null : set;
              });
        });
    w.timeout =
        scheduler.schedule(
            () ->
                w.future.completeExceptionally(
                    new JobTimeoutException(
                        r.provider(), r.providerJobId().orElse(ledgerId), timeout, w.last)),
            timeout.toMillis(),
            TimeUnit.MILLISECONDS);
    // It may have ended between the read and the registration.
    store.get(ledgerId).filter(x -> !x.state().isOpen()).ifPresent(this::finishWaiters);
    return w.future;
  }

  private void recheckWaited() {
    if (waiters.isEmpty()) return;
    List<String> ids = new ArrayList<>(waiters.keySet());
    for (int i = 0; i < ids.size(); i += RECHECK_CHUNK) {
      List<String> chunk = ids.subList(i, Math.min(ids.size(), i + RECHECK_CHUNK));
      store
          .list(
              JobFilter.builder()
                  .ledgerIds(chunk)
                  .states(LedgerState.ENDED, LedgerState.ABANDONED, LedgerState.REFUSED)
                  .limit(chunk.size())
                  .build())
          .forEach(
              r -> {
                // Ended on another instance: this one's hooks learn it here (time to result is
                // recorded where the job was created), then its waits complete.
                if (r.state() == LedgerState.ENDED && r.providerJobId().isPresent()) {
                  publishEnd(r.provider(), r.providerJobId().get(), LedgerSnapshots.of(r), null);
                }
                finishWaiters(r);
              });
    }
  }

  private void notifyWaiters(JobRecord stored, JobSnapshot snapshot) {
    Set<Waiter> ws = waiters.get(stored.ledgerId());
    if (ws != null) {
      Instant now = clock.instant();
      for (Waiter w : ws) {
        JobSnapshot previous = w.last;
        // Held per durable wait between polls: the answer's body is not (JobSnapshot#withoutBody).
        w.last = snapshot.withoutBody();
        try {
          w.listener.onProgress(
              new JobProgress(snapshot, previous, ++w.polls, Duration.between(w.started, now)));
        } catch (RuntimeException e) {
          LOG.warn("progress listener failed for ledger record {}", stored.ledgerId(), e);
        }
      }
    }
    if (!stored.state().isOpen()) finishWaiters(stored);
  }

  private void finishWaiters(JobRecord r) {
    Set<Waiter> ws = waiters.get(r.ledgerId());
    if (ws == null) return;
    for (Waiter w : List.copyOf(ws)) settle(w.future, r);
  }

  private void failWaiters(String ledgerId, RuntimeException e) {
    Set<Waiter> ws = waiters.get(ledgerId);
    if (ws == null) return;
    for (Waiter w : List.copyOf(ws)) w.future.completeExceptionally(e);
  }

  private static void settle(CompletableFuture<JobSnapshot> f, JobRecord r) {
    switch (r.state()) {
      case ENDED -> f.complete(LedgerSnapshots.of(r));
      default ->
          f.completeExceptionally(
              new GenJobsException(
                  r.provider(),
                  r.operation(),
                  "ledger record "
                      + r.ledgerId()
                      + " is "
                      + r.state()
                      + r.failureReason().map(x -> ": " + x).orElse(""),
                  null));
    }
  }

  private static final class Waiter {
    final ProgressListener listener;
    final Instant started;
    final CompletableFuture<JobSnapshot> future = new CompletableFuture<>();
    volatile ScheduledFuture<?> timeout;
    volatile JobSnapshot last;
    int polls;

    Waiter(ProgressListener listener, Instant started) {
      this.listener = listener;
      this.started = started;
    }
  }

  // ---------------------------------------------------------------- plumbing

  /**
   * Applies {@code change} to the current record until it sticks (compare-and-set); a change that
   * returns null means "nothing to do". Returns the stored record.
   */
  public JobRecord transition(String ledgerId, UnaryOperator<JobRecord> change) {
    return transition(require(ledgerId), change);
  }

  /**
   * {@link #transition(String, UnaryOperator)} from {@code known}, the record as this process last
   * stored or read it: the first compare-and-set needs no read when no one changed it since.
   */
  private JobRecord transition(JobRecord known, UnaryOperator<JobRecord> change) {
    String ledgerId = known.ledgerId();
    for (int attempt = 0; attempt < 50; attempt++) {
      JobRecord current = attempt == 0 ? known : require(ledgerId);
      JobRecord next = change.apply(current);
      if (next == null) return current;
      Optional<JobRecord> stored = store.replace(current, next);
      if (stored.isPresent()) return stored.get();
    }
    throw new IllegalStateException("ledger record " + ledgerId + " keeps changing; gave up");
  }

  private JobRecord require(String ledgerId) {
    return store
        .get(ledgerId)
        .orElseThrow(() -> new IllegalArgumentException("no ledger record " + ledgerId));
  }

  /** Removes every known secret value from text headed for the ledger. */
  public String scrub(String text) {
    if (text == null) return null;
    String out = text;
    for (String s : secrets) out = out.replace(s, "***");
    return out;
  }

  /**
   * The whole request's fingerprint: SHA-256 of provider, operation and the input fingerprint, so
   * it changes exactly when some input's hash does. Without an input fingerprint (a caller that
   * gives none) the summary stands in for it, as before fingerprints per field existed.
   */
  static String fingerprint(
      Provider provider, String operation, String summary, InputFingerprint inputs) {
    String what = inputs.isEmpty() ? summary : "inputs:" + inputs.encoded();
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(
              sha.digest(
                  (provider.id() + "\n" + operation + "\n" + what)
                      .getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void guard(String what, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      if (!closed) LOG.warn("job ledger: {} failed: {}", what, e.toString());
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name, AtomicInteger n) {
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Stops running work: executions in progress get a few seconds to finish; one that does not is
   * taken over by another instance when its heartbeats stop. Local waits are cancelled. The store
   * is the caller's to close.
   */
  @Override
  public void close() {
    closed = true;
    DurableWork.Running r = running;
    if (r != null) r.close();
    scheduler.shutdownNow();
    waiters.values().forEach(set -> set.forEach(w -> w.future.cancel(false)));
  }
}
