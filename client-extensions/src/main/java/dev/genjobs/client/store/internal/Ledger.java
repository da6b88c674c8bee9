package dev.genjobs.client.store.internal;

import dev.genjobs.client.Provider;
import dev.genjobs.client.errors.AmbiguousOutcomeException;
import dev.genjobs.client.errors.ApiException;
import dev.genjobs.client.errors.GenJobsException;
import dev.genjobs.client.jobs.JobBackend;
import dev.genjobs.client.jobs.JobProgress;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobTimeoutException;
import dev.genjobs.client.jobs.PollPolicy;
import dev.genjobs.client.jobs.PollTicket;
import dev.genjobs.client.jobs.ProgressListener;
import dev.genjobs.client.store.Attempt;
import dev.genjobs.client.store.DurableWork;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * The client's side of the job ledger: write-ahead creates, webhook matching, and (with a durable
 * store) leased polling shared by every instance on the ledger. Not API: users see {@code
 * client.jobs()}.
 *
 * <p>With a durable store the ledger, not this process's memory, decides what is polled: every
 * {@link LedgerPolicy#claimEvery()} this instance claims due polls ({@link
 * JobStore#claimDuePolls}), polls them, and stores the result with the next due time. A job ends in
 * the ledger once (a compare-and-set from an open state to ENDED); waits on this instance end when
 * this instance sees it end, or at the next re-read ({@link LedgerPolicy#endedRecheckEvery()}) when
 * another instance saw it. Re-reading was chosen over PostgreSQL's LISTEN/NOTIFY: it works on every
 * database and through any pool (NOTIFY needs one connection held open per instance and loses what
 * is sent while it reconnects, so a re-read would be needed anyway), and it costs one indexed query
 * per interval per instance however many jobs are waited on.
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
  private static final int POLLS_IN_FLIGHT = 256;

  private static final Duration OUTCOME_RETRY_FIRST = Duration.ofMillis(100);
  private static final Duration OUTCOME_RETRY_MAX = Duration.ofSeconds(30);

  private final JobStore store;
  private final boolean durable;
  private final String instance;
  private final LedgerPolicy policy;
  private final PollPolicy pollPolicy;
  private final Clock clock;
  private final Duration createDeadline;
  private final List<String> secrets;
  private final Function<Provider, JobBackend> backends;
  private final PollSender sender;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService pollers;
  private final ExecutorService confirmations;
  private final Map<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final Set<String> confirming = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean started = new AtomicBoolean();
  private final Optional<DurableWork> work;
  private volatile DurableWork.Running running;
  private volatile boolean closed;

  /**
   * @param durable whether the ledger drives polling (a store the user gave); otherwise it only
   *     records, and the in-process watcher waits as before
   * @param createDeadline how long a create call can take at most: an intent older than this
   *     without an outcome was interrupted (a crash) and is resolved like an ambiguous create
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
      PollSender sender) {
    this.store = store;
    this.durable = durable;
    this.instance = instance;
    this.policy = policy;
    this.pollPolicy = pollPolicy;
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
    AtomicInteger n = new AtomicInteger();
    this.pollers =
        durable ? Executors.newFixedThreadPool(4, daemon("genjobs-ledger-poll", n)) : null;
    // Webhook confirmations block on the database and one GET: never on the HTTP client's threads.
    java.util.concurrent.ThreadPoolExecutor webhookThreads =
        new java.util.concurrent.ThreadPoolExecutor(
            2,
            2,
            30,
            TimeUnit.SECONDS,
            new java.util.concurrent.LinkedBlockingQueue<>(),
            daemon("genjobs-ledger-webhook", new AtomicInteger()));
    webhookThreads.allowCoreThreadTimeOut(true); // no thread while no webhook arrives
    this.confirmations = webhookThreads;
  }

  /**
   * Starts claiming due polls and re-reading waited records (with a durable store). Called once
   * every provider client exists: a claim made earlier would find no client for its job, or one
   * whose fields are not set yet, and keep the job leased until the lease ran out.
   */
  public void start() {
    if (!started.compareAndSet(false, true) || closed) return;
    if (policy.pollsDue()) {
      work.ifPresent(
          w ->
              running =
                  w.run(
                      new DurableWork.Handlers() {
                        @Override
                        public void createDeadlinePassed(String ledgerId) {
                          Ledger.this.createDeadlinePassed(ledgerId);
                        }

                        @Override
                        public void retentionDue() {
                          deleteEndedRecords();
                        }
                      },
                      policy.workThreads(),
                      policy.claimEvery()));
    }
    if (durable) {
      long claim = policy.claimEvery().toMillis();
      if (policy.pollsDue()) {
        scheduler.scheduleWithFixedDelay(
            () -> guard("claiming due polls", this::claimDuePolls),
            0,
            claim,
            TimeUnit.MILLISECONDS);
      }
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
   * Whether waits are served by the ledger (a durable store) rather than the in-process watcher.
   */
  public boolean isDurable() {
    return durable;
  }

  /**
   * Whether waits are served by the ledger: a durable store and this client polling due jobs.
   * Otherwise the in-process watcher polls and the ledger records the end.
   */
  public boolean servesWaits() {
    return durable && policy.pollsDue();
  }

  public String instance() {
    return instance;
  }

  // ---------------------------------------------------------------- write-ahead creates

  /** Stores the intent to create a job; call before anything is sent. */
  public Intent intend(Provider provider, String operation, String summary, boolean webhook) {
    Instant now = clock.instant();
    String cleanSummary = scrub(summary);
    JobRecord intent =
        JobRecord.builder()
            .ledgerId(UUID.randomUUID().toString())
            .provider(provider)
            .operation(operation)
            .state(LedgerState.INTENT)
            .requestSummary(cleanSummary)
            .requestFingerprint(fingerprint(provider, operation, cleanSummary))
            .correlationToken(UUID.randomUUID().toString().replace("-", ""))
            .expectWebhook(webhook)
            .createdAt(now)
            .addAttempt(new Attempt(now, "create-intent", operation, instance))
            .build();
    // Resolved at its deadline by whichever instance runs work, if no outcome was stored by then
    // (this process died, or lost its database): no one has to call resume(). Scheduled before
    // the intent is stored, as two transactions: a process killed between them leaves a deadline
    // with no record (a no-op when it falls due), never an intent no one resolves (the random
    // crash tests found such intents when the intent was stored first).
    work.ifPresent(w -> w.resolveIntentAt(intent.ledgerId(), now.plus(createDeadline)));
    store.insert(intent);
    return new Intent(intent);
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
          intent.ledgerId(),
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
    Duration delay =
        r.expectWebhook()
            ? pollPolicy.webhookFallback()
            : pollPolicy.jitteredInterval(1, ThreadLocalRandom.current().nextDouble());
    return now.plus(delay);
  }

  // ---------------------------------------------------------------- observations

  /**
   * Stores what the provider said about a record's job. Ends the record if the job ended and it was
   * still open. Returns the stored record, or empty if it was not stored because the record had
   * already ended.
   */
  public Optional<JobRecord> observe(String ledgerId, JobSnapshot snapshot, String source) {
    Instant now = clock.instant();
    JobRecord[] changed = new JobRecord[1];
    JobRecord stored =
        transition(
            ledgerId,
            r -> {
              if (!r.state().isOpen()) return null;
              JobRecord.Builder b = r.toBuilder().updatedAt(now).lease(null, null);
              if (r.state().isUnresolved()) {
                b.state(LedgerState.ACTIVE).providerJobId(snapshot.id());
              }
              // A poll's answer: the next is due one interval after this one was due, by the
              // watcher's rule. Anything else (a webhook) starts the interval now.
              Instant due = source.equals("poll") ? r.nextPollAt().orElse(now) : now;
              Instant next =
                  pollPolicy.nextDueAt(
                      pollNumber(r, now), due, now, ThreadLocalRandom.current().nextDouble());
              applySnapshot(b, snapshot, now, next);
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
      b.state(LedgerState.ENDED).endedAt(now).nextPollAt(null).lease(null, null);
    } else {
      b.nextPollAt(durable ? nextPoll : null);
    }
  }

  /** How many polls the schedule has made by now, for the backoff: from the record's age. */
  private int pollNumber(JobRecord r, Instant now) {
    long age = Duration.between(r.createdAt(), now).toMillis();
    long sum = 0;
    int n = 1;
    while (n < 1000) {
      sum += pollPolicy.interval(n).toMillis();
      if (sum > age) return n;
      n++;
    }
    return n;
  }

  // ---------------------------------------------------------------- resolution by hand

  /**
   * Whether {@code r} is an intent whose create may still be in flight: younger than the create
   * deadline, so the process that wrote it (this one or another) may yet record its answer.
   */
  public boolean inFlight(JobRecord r) {
    return r.state() == LedgerState.INTENT
        && r.createdAt().isAfter(clock.instant().minus(createDeadline));
  }

  // Resolving an intent by hand while its create may still be answered would race that answer.
  private void refuseInFlight(JobRecord r) {
    if (inFlight(r)) {
      throw new IllegalStateException(
          "record "
              + r.ledgerId()
              + " is an INTENT whose create may still be in flight (it is younger than the"
              + " create deadline of "
              + createDeadline.toSeconds()
              + " s); it resolves itself when the answer arrives, or becomes AMBIGUOUS after "
              + r.createdAt().plus(createDeadline));
    }
  }

  /** Attaches a provider job id to an unresolved record (the job the create did start). */
  public JobRecord bind(String ledgerId, String providerJobId, String how) {
    Instant now = clock.instant();
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
              .nextPollAt(durable ? now : null)
              .updatedAt(now)
              .addAttempt(new Attempt(now, "bound", how + ": " + providerJobId, instance))
              .build();
        });
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
                        .lease(null, null)
                        .endedAt(now)
                        .updatedAt(now)
                        .addAttempt(new Attempt(now, "abandoned", scrub(why), instance))
                        .build());
    finishWaiters(r);
    return r;
  }

  /** Intents older than a create can take (a crash interrupted them) become AMBIGUOUS. */
  public List<JobRecord> resolveInterruptedIntents() {
    Instant now = clock.instant();
    List<JobRecord> interrupted =
        store.list(
            JobFilter.builder()
                .states(LedgerState.INTENT)
                .createdBefore(now.minus(createDeadline))
                .limit(10_000)
                .build());
    List<JobRecord> out = new ArrayList<>();
    for (JobRecord i : interrupted) {
      out.add(
          transition(
              i.ledgerId(),
              r ->
                  r.state() != LedgerState.INTENT
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
    CONFIRMATION_FAILED,
    DUPLICATE,
    UNKNOWN
  }

  /**
   * A webhook named {@code jobId} (and maybe carried our token). Finds the record by job id, or an
   * unresolved one by token; confirms with one GET. A job found by token is bound to the record
   * only once that GET showed the job exists at the record's provider: a token can leak, and a
   * delivery naming a made-up job must not take the record the real job belongs to.
   */
  public Delivery confirmDelivery(Provider provider, String jobId, String token) {
    Optional<JobRecord> found = findByJob(provider, jobId);
    boolean byToken = false;
    if (found.isEmpty() && token != null && !token.isBlank()) {
      found =
          store.list(JobFilter.builder().correlationToken(token).limit(1).build()).stream()
              .findFirst()
              .filter(r -> provider == null || r.provider() == provider);
      if (found.isPresent()) {
        JobRecord r = found.get();
        if (r.providerJobId().isPresent() && !r.providerJobId().get().equals(jobId)) {
          LOG.warn(
              "webhook for {} job {} carries the token of record {} which has job {}",
              r.provider(),
              jobId,
              r.ledgerId(),
              r.providerJobId().get());
          return Delivery.UNKNOWN;
        }
        byToken = r.state().isUnresolved();
      }
    }
    if (found.isEmpty()) return Delivery.UNKNOWN;
    JobRecord r = found.get();
    if (!r.state().isOpen()) return Delivery.DUPLICATE;
    if (!confirming.add(r.ledgerId())) return Delivery.DUPLICATE;
    try {
      JobSnapshot s;
      try {
        Instant now = clock.instant();
        PollTicket ticket =
            new PollTicket(
                r.provider(), jobId, pollNumber(r, now), PollTicket.Reason.WEBHOOK, now, null);
        // Bounded by the lease: a confirmation held back longer by the provider's limits is
        // better left to the next delivery or the next leased poll.
        s =
            sender
                .send(backends.apply(r.provider()), ticket)
                .get(policy.lease().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Delivery.CONFIRMATION_FAILED;
      } catch (RuntimeException | ExecutionException | TimeoutException e) {
        LOG.debug("confirming {} job {} failed: {}", r.provider(), jobId, e.getMessage());
        return Delivery.CONFIRMATION_FAILED;
      }
      if (byToken) {
        try {
          bind(r.ledgerId(), jobId, "webhook, confirmed by GET");
        } catch (IllegalStateException e) {
          // Bound meanwhile (the create's answer, another delivery) or the job is another's.
          LOG.debug("webhook for {} job {} not bound: {}", r.provider(), jobId, e.getMessage());
          boolean nowOurs =
              store
                  .get(r.ledgerId())
                  .flatMap(JobRecord::providerJobId)
                  .filter(jobId::equals)
                  .isPresent();
          if (!nowOurs) return Delivery.UNKNOWN;
        }
      }
      Optional<JobRecord> stored = observe(r.ledgerId(), s, "webhook");
      if (stored.isEmpty()) return Delivery.DUPLICATE;
      return stored.get().state() == LedgerState.ENDED
          ? Delivery.COMPLETED
          : Delivery.STILL_RUNNING;
    } finally {
      confirming.remove(r.ledgerId());
    }
  }

  /** {@link #confirmDelivery} on the ledger's own threads. */
  public CompletableFuture<Delivery> confirmDeliveryAsync(
      Provider provider, String jobId, String token) {
    return CompletableFuture.supplyAsync(
        () -> confirmDelivery(provider, jobId, token), confirmations);
  }

  /** The record of a provider job; {@code provider} may be null when the payload did not say. */
  public Optional<JobRecord> findByJob(Provider provider, String jobId) {
    JobFilter.Builder f = JobFilter.builder().providerJobId(jobId).limit(2);
    if (provider != null) f.provider(provider);
    List<JobRecord> found = store.list(f.build());
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }

  // ---------------------------------------------------------------- leased polling (durable)

  /**
   * How the ledger sends one GET. The client passes its watcher's {@link
   * dev.genjobs.client.jobs.JobWatcher#pollOnce}, so the ledger's polls and confirmations wait for
   * the same per-provider limits as the watcher's, and reach the same poll hooks (metrics).
   */
  @FunctionalInterface
  public interface PollSender {
    CompletableFuture<JobSnapshot> send(JobBackend backend, PollTicket ticket);
  }

  private void claimDuePolls() {
    if (closed) return;
    int room = POLLS_IN_FLIGHT - inFlight.size();
    if (room <= 0) return;
    List<JobRecord> claimed =
        store.claimDuePolls(
            instance, clock.instant(), policy.lease(), Math.min(room, policy.claimBatch()));
    for (JobRecord r : claimed) {
      if (inFlight.add(r.ledgerId())) poll(r);
    }
  }

  /**
   * One claimed poll: the GET goes out without holding a thread (the provider's non-blocking
   * fetch); storing its result, which blocks on the database, runs on the ledger's poll threads.
   */
  private void poll(JobRecord claimed) {
    if (closed || claimed.providerJobId().isEmpty()) {
      inFlight.remove(claimed.ledgerId());
      return;
    }
    CompletableFuture<JobSnapshot> get;
    try {
      Instant now = clock.instant();
      PollTicket ticket =
          new PollTicket(
              claimed.provider(),
              claimed.providerJobId().get(),
              pollNumber(claimed, now),
              PollTicket.Reason.SCHEDULED,
              claimed.nextPollAt().orElse(now),
              null);
      get = sender.send(backends.apply(claimed.provider()), ticket);
    } catch (RuntimeException e) {
      get = CompletableFuture.failedFuture(e);
    }
    get.whenCompleteAsync(
        (s, failure) -> {
          try {
            if (closed) return;
            Throwable cause =
                failure instanceof java.util.concurrent.CompletionException
                        && failure.getCause() != null
                    ? failure.getCause()
                    : failure;
            if (cause == null) {
              observe(claimed.ledgerId(), s, "poll");
            } else if (cause instanceof ApiException e) {
              boolean heals = e.status() >= 500 || e.status() == 429 || e.status() == 408;
              pollFailed(claimed, e, heals);
            } else if (cause instanceof GenJobsException e) {
              pollFailed(claimed, e, true);
            } else {
              LOG.warn("polling ledger record {} failed", claimed.ledgerId(), cause);
            }
          } catch (RuntimeException e) {
            LOG.warn("storing the poll of ledger record {} failed", claimed.ledgerId(), e);
          } finally {
            inFlight.remove(claimed.ledgerId());
          }
        },
        pollers);
  }

  private void pollFailed(JobRecord claimed, GenJobsException e, boolean heals) {
    if (!heals) {
      giveUp(claimed, e);
      return;
    }
    Instant now = clock.instant();
    Duration scheduled = pollPolicy.interval(pollNumber(claimed, now) + 1);
    // The provider asked us to hold off (429, 503 + Retry-After): the next poll waits that long,
    // however far it is, as the watcher's polls do.
    Duration pushback = dev.genjobs.client.jobs.JobWatcher.pushbackOf(e);
    Duration later = pushback != null && pushback.compareTo(scheduled) > 0 ? pushback : scheduled;
    transition(
        claimed.ledgerId(),
        r -> {
          if (!r.state().isOpen()) return null;
          return r.toBuilder().nextPollAt(now.plus(later)).lease(null, null).updatedAt(now).build();
        });
  }

  /**
   * A poll's answer that no later poll can change (404: the job is not there; 401, 403: the key may
   * not read it; another 4xx: the request itself is wrong) ends the follow, as it ends an
   * in-process wait: the record is ABANDONED with the answer as its reason, and no poll is due.
   * Polling on would repeat the answer every interval, forever.
   */
  private void giveUp(JobRecord claimed, GenJobsException e) {
    Instant now = clock.instant();
    String why = scrub("polling stopped: " + e.getMessage());
    JobRecord r =
        transition(
            claimed.ledgerId(),
            rec ->
                !rec.state().isOpen()
                    ? null
                    : rec.toBuilder()
                        .state(LedgerState.ABANDONED)
                        .failureReason(why)
                        .nextPollAt(null)
                        .lease(null, null)
                        .endedAt(now)
                        .updatedAt(now)
                        .addAttempt(new Attempt(now, "poll-refused", why, instance))
                        .build());
    LOG.warn("ledger record {} abandoned: {}", claimed.ledgerId(), why);
    failWaiters(claimed.ledgerId(), e);
    if (!r.state().isOpen()) finishWaiters(r);
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
          .forEach(this::finishWaiters);
    }
  }

  private void notifyWaiters(JobRecord stored, JobSnapshot snapshot) {
    Set<Waiter> ws = waiters.get(stored.ledgerId());
    if (ws != null) {
      Instant now = clock.instant();
      for (Waiter w : ws) {
        JobSnapshot previous = w.last;
        w.last = snapshot;
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
    for (int attempt = 0; attempt < 50; attempt++) {
      JobRecord current = require(ledgerId);
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

  static String fingerprint(Provider provider, String operation, String summary) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(
              sha.digest(
                  (provider.name() + "\n" + operation + "\n" + summary)
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
   * Stops claiming and polling. Leases this instance holds run out on their own (another instance
   * takes the jobs over); local waits are cancelled. The store is the caller's to close.
   */
  @Override
  public void close() {
    closed = true;
    DurableWork.Running r = running;
    if (r != null) r.close();
    // Interrupting is safe for the stores we open (H2 on its interrupt-proof async: file system;
    // PostgreSQL drops just that connection) and frees a confirmation stuck on a closed client.
    scheduler.shutdownNow();
    if (pollers != null) pollers.shutdownNow();
    confirmations.shutdownNow();
    waiters.values().forEach(set -> set.forEach(w -> w.future.cancel(false)));
  }
}
