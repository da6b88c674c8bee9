package dev.genjobs.client.jobs;

import dev.genjobs.client.Provider;
import dev.genjobs.client.core.ClientContext;
import dev.genjobs.client.store.JobFilter;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.internal.Ledger;
import dev.genjobs.client.store.internal.LedgerSnapshots;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job ledger as users see it ({@code client.jobs()}): every job this client (or, with a shared
 * store, any instance) created, from the intent stored before the request was sent to the job's
 * end.
 *
 * <pre>{@code
 * for (Job job : client.jobs().resume()) job.awaitAsync(Duration.ofMinutes(30));  // after a restart
 * client.jobs().list(JobFilter.builder().states(LedgerState.AMBIGUOUS).build());   // to resolve
 * client.jobs().bind(ledgerId, "the-job-id-found-at-the-provider");                // it did start
 * client.jobs().abandon(ledgerId);                                                 // it did not
 * }</pre>
 */
public final class Jobs {

  private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);

  /** How far a provider's clock may be from ours when matching listed jobs to intents. */
  private static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(5);

  private final ClientContext context;
  private final Ledger ledger;
  private final BiFunction<Provider, String, Job> existing;

  public Jobs(ClientContext context, BiFunction<Provider, String, Job> existing) {
    this.context = context;
    this.ledger = context.ledger();
    this.existing = existing;
  }

  /** Records matching {@code filter}, newest first. */
  public List<JobRecord> list(JobFilter filter) {
    return ledger.store().list(filter);
  }

  /** The record with this ledger id. */
  public Optional<JobRecord> get(String ledgerId) {
    return ledger.store().get(ledgerId);
  }

  /**
   * Picks up where a stopped process left off: creates interrupted between intent and answer become
   * AMBIGUOUS (never re-sent), ambiguous creates of providers that list their jobs are reconciled
   * from the list, and every record with a running job gets a handle to wait on. With a durable
   * store, polling of those jobs has already restarted with the client.
   */
  public List<Job> resume() {
    ledger.resolveInterruptedIntents();
    reconcileFromProviderLists();
    List<Job> handles = new ArrayList<>();
    for (JobRecord r :
        list(JobFilter.builder().states(LedgerState.ACTIVE).limit(100_000).build())) {
      handles.add(handle(r));
    }
    return handles;
  }

  /**
   * Whether {@code r} is an intent whose create may still be in flight (younger than the create
   * deadline): it needs no resolving yet, and {@link #bind} and {@link #abandon} refuse it.
   */
  public boolean inFlight(JobRecord r) {
    return ledger.inFlight(r);
  }

  /** The record of {@code provider}'s job {@code providerJobId}, if this ledger has one. */
  public Optional<JobRecord> ofProviderJob(Provider provider, String providerJobId) {
    return list(
            JobFilter.builder().provider(provider).providerJobId(providerJobId).limit(1).build())
        .stream()
        .findFirst();
  }

  /** A handle on the job of a record that has one (ACTIVE or ENDED). */
  public Job job(String ledgerId) {
    JobRecord r =
        get(ledgerId)
            .orElseThrow(() -> new IllegalArgumentException("no ledger record " + ledgerId));
    if (r.providerJobId().isEmpty()) {
      throw new IllegalStateException(
          "record " + ledgerId + " is " + r.state() + " and has no provider job id");
    }
    return handle(r);
  }

  /**
   * Resolves an ambiguous create: it did start {@code providerJobId} (found in the provider's
   * dashboard or list). The job is followed from now on. Fails if the job belongs to another
   * record.
   */
  public Job bind(String ledgerId, String providerJobId) {
    return handle(ledger.bind(ledgerId, providerJobId, "bound by hand"));
  }

  /**
   * Resolves an open record by giving up on it; its waits fail. Nothing is sent to the provider.
   */
  public JobRecord abandon(String ledgerId) {
    return ledger.abandon(ledgerId, "abandoned by hand");
  }

  private Job handle(JobRecord r) {
    JobBackend backend = context.backend(r.provider());
    JobSnapshot last =
        r.state() == LedgerState.ENDED
            ? LedgerSnapshots.of(r)
            : JobSnapshot.builder(r.provider(), r.providerJobId().orElseThrow())
                .status(
                    r.status().filter(s -> !s.isTerminal()).orElse(JobStatus.QUEUED),
                    r.rawStatus().orElse(null))
                .observedAt(r.updatedAt())
                .build();
    return new Job(backend, context.watcher(), last, r.expectWebhook(), r.ledgerId(), ledger);
  }

  /**
   * For providers that list their jobs: an ambiguous record is bound to the one listed job that was
   * created around its intent and belongs to no record, when exactly one such job exists and no
   * other ambiguous record could claim it. Anything less certain stays AMBIGUOUS.
   */
  private void reconcileFromProviderLists() {
    List<JobRecord> ambiguous =
        list(JobFilter.builder().states(LedgerState.AMBIGUOUS).limit(10_000).build());
    Map<Provider, List<JobRecord>> byProvider = new HashMap<>();
    for (JobRecord r : ambiguous) {
      if (context.backend(r.provider()) instanceof ListsRecentJobs) {
        byProvider.computeIfAbsent(r.provider(), p -> new ArrayList<>()).add(r);
      }
    }
    Duration window =
        context.options().retryPolicy().maxElapsed().plus(context.options().readTimeout());
    byProvider.forEach(
        (provider, records) -> {
          ListsRecentJobs lister = (ListsRecentJobs) context.backend(provider);
          Instant from =
              records.stream().map(JobRecord::createdAt).min(Instant::compareTo).orElseThrow();
          Instant to =
              records.stream().map(JobRecord::createdAt).max(Instant::compareTo).orElseThrow();
          List<ListsRecentJobs.ListedJob> listed;
          try {
            listed =
                lister.jobsCreatedBetween(
                    from.minus(CLOCK_TOLERANCE), to.plus(window).plus(CLOCK_TOLERANCE));
          } catch (RuntimeException e) {
            LOG.warn("cannot list {} jobs to reconcile: {}", provider.displayName(), e.toString());
            return;
          }
          List<ListsRecentJobs.ListedJob> unowned =
              listed.stream().filter(j -> ledger.findByJob(provider, j.jobId()).isEmpty()).toList();
          for (JobRecord r : records) {
            List<ListsRecentJobs.ListedJob> mine = candidates(r, unowned, window);
            boolean contested =
                mine.size() == 1
                    && records.stream()
                        .filter(o -> o != r)
                        .anyMatch(o -> candidates(o, unowned, window).contains(mine.get(0)));
            if (mine.size() == 1 && !contested) {
              try {
                ledger.bind(r.ledgerId(), mine.get(0).jobId(), "reconciled from the job list");
              } catch (RuntimeException e) {
                LOG.debug("reconciling {} failed: {}", r.ledgerId(), e.toString());
              }
            }
          }
        });
  }

  private static List<ListsRecentJobs.ListedJob> candidates(
      JobRecord r, List<ListsRecentJobs.ListedJob> unowned, Duration window) {
    Instant from = r.createdAt().minus(CLOCK_TOLERANCE);
    Instant to = r.createdAt().plus(window).plus(CLOCK_TOLERANCE);
    return unowned.stream()
        .filter(j -> !j.createdAt().isBefore(from) && j.createdAt().isBefore(to))
        .toList();
  }
}
