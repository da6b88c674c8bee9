package dev.genjobs.client.jobs;

import dev.genjobs.client.Provider;
import dev.genjobs.client.core.ClientContext;
import dev.genjobs.client.errors.GenJobsException;
import dev.genjobs.client.errors.InvalidInputException;
import dev.genjobs.client.errors.MissingCredentialsException;
import dev.genjobs.client.errors.NotFoundException;
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
   * dashboard or list). The job is followed from now on. Before binding, one GET at the record's
   * provider checks that the job exists there.
   *
   * @throws IllegalArgumentException if the provider has no such job (404) or the id is not one of
   *     its job ids: nothing is bound
   * @throws IllegalStateException if the record cannot be bound (resolved already, its create may
   *     still be answered, or the job belongs to another record): nothing is bound
   * @throws GenJobsException if the check could not be made (the provider or the network failed, or
   *     a key is missing): nothing is bound
   */
  public Job bind(String ledgerId, String providerJobId) {
    JobRecord r = ledger.requireBindable(ledgerId, providerJobId);
    if (r.providerJobId().filter(providerJobId::equals).isEmpty()) {
      requireExistsAtProvider(r.provider(), providerJobId);
    }
    return handle(ledger.bind(ledgerId, providerJobId, "bound by hand, checked by GET"));
  }

  /** {@link #bind}: the name {@code jobs resolve --job-id} uses. */
  public Job resolve(String ledgerId, String providerJobId) {
    return bind(ledgerId, providerJobId);
  }

  // A typo'd or made-up job id would otherwise leave the record ACTIVE on a job that is not there,
  // and the create's real job, if any, unrecorded.
  private void requireExistsAtProvider(Provider provider, String jobId) {
    try {
      context.backend(provider).fetch(jobId);
    } catch (NotFoundException e) {
      throw new IllegalArgumentException(
          provider.displayName()
              + " has no job "
              + jobId
              + " (404 Not Found): nothing was bound; check the id in the provider's job list"
              + " (genjobs jobs show <ledger-id>) or dashboard");
    } catch (InvalidInputException e) {
      throw new IllegalArgumentException(
          jobId
              + " is not a "
              + provider.displayName()
              + " job id ("
              + ledger.scrub(e.getMessage())
              + "): nothing was bound",
          e);
    } catch (MissingCredentialsException e) {
      throw e; // says which key to set; nothing was bound
    } catch (RuntimeException e) {
      throw new GenJobsException(
          provider,
          "bind",
          "could not check that "
              + provider.displayName()
              + " job "
              + jobId
              + " exists ("
              + ledger.scrub(String.valueOf(e.getMessage()))
              + "): nothing was bound; try again when the provider answers",
          e);
    }
  }

  /**
   * One job of a provider's list beside a ledger record, for a person matching the record by eye.
   *
   * @param matchesInputs whether the record's input fingerprint agrees with every input the list
   *     shows of this job
   * @param ownerLedgerId the record this job is already bound to, if any: it is not a candidate
   */
  public record ListedBesideRecord(
      ListsRecentJobs.ListedJob job, boolean matchesInputs, Optional<String> ownerLedgerId) {}

  /**
   * The provider's own list of the jobs it created in a record's window (from its intent to its
   * create deadline, with clock tolerance), each with its input fingerprint where the list shows
   * inputs. Empty when the record's provider does not list its jobs.
   *
   * @throws RuntimeException when the list cannot be read (the provider's error)
   */
  public Optional<List<ListedBesideRecord>> providerJobsAround(String ledgerId) {
    JobRecord r =
        get(ledgerId)
            .orElseThrow(() -> new IllegalArgumentException("no ledger record " + ledgerId));
    if (!(context.backend(r.provider()) instanceof ListsRecentJobs lister)) {
      return Optional.empty();
    }
    List<ListedBesideRecord> out = new ArrayList<>();
    for (ListsRecentJobs.ListedJob j : lister.jobsCreatedBetween(windowStart(r), windowEnd(r))) {
      out.add(
          new ListedBesideRecord(
              j,
              r.inputFingerprint().agreesWith(j.exposedInputs()),
              ledger.findByJob(r.provider(), j.jobId()).map(JobRecord::ledgerId)));
    }
    return Optional.of(out);
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
   * created in its window (intent to create deadline), whose listed inputs agree with the record's
   * input fingerprint, and that belongs to no record, when exactly one such job exists and no other
   * ambiguous record matches it too. Creation time alone never binds: a job another client created
   * in the same window with the same key differs in its inputs. Anything less certain stays
   * AMBIGUOUS, with the matching jobs stored as its candidates for {@code jobs resolve}.
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
    byProvider.forEach(
        (provider, records) -> {
          ListsRecentJobs lister = (ListsRecentJobs) context.backend(provider);
          Instant from = records.stream().map(this::windowStart).min(Instant::compareTo).get();
          Instant to = records.stream().map(this::windowEnd).max(Instant::compareTo).get();
          List<ListsRecentJobs.ListedJob> listed;
          try {
            listed = lister.jobsCreatedBetween(from, to);
          } catch (RuntimeException e) {
            LOG.warn(
                "cannot list {} jobs to reconcile: {}",
                provider.displayName(),
                ledger.scrub(e.toString()));
            return;
          }
          List<ListsRecentJobs.ListedJob> unowned =
              listed.stream().filter(j -> ledger.findByJob(provider, j.jobId()).isEmpty()).toList();
          Map<String, List<ListsRecentJobs.ListedJob>> matching = new HashMap<>();
          for (JobRecord r : records) matching.put(r.ledgerId(), candidates(r, unowned));
          for (JobRecord r : records) {
            List<ListsRecentJobs.ListedJob> mine = matching.get(r.ledgerId());
            boolean contested =
                mine.size() == 1
                    && records.stream()
                        .filter(o -> o != r)
                        .anyMatch(o -> matching.get(o.ledgerId()).contains(mine.get(0)));
            try {
              if (mine.size() == 1 && !contested) {
                ledger.bind(r.ledgerId(), mine.get(0).jobId(), "reconciled from the job list");
              } else {
                ledger.recordCandidates(
                    r.ledgerId(), mine.stream().map(ListsRecentJobs.ListedJob::jobId).toList());
              }
            } catch (RuntimeException e) {
              LOG.debug("reconciling {} failed: {}", r.ledgerId(), e.toString());
            }
          }
        });
  }

  /** Listed jobs in {@code r}'s window whose listed inputs agree with its input fingerprint. */
  private List<ListsRecentJobs.ListedJob> candidates(
      JobRecord r, List<ListsRecentJobs.ListedJob> unowned) {
    Instant from = windowStart(r);
    Instant to = windowEnd(r);
    return unowned.stream()
        .filter(j -> !j.createdAt().isBefore(from) && j.createdAt().isBefore(to))
        .filter(j -> r.inputFingerprint().agreesWith(j.exposedInputs()))
        .toList();
  }

  // A create's job is made between its intent and its deadline; the provider's clock may differ.
  private Instant windowStart(JobRecord r) {
    return r.createdAt().minus(CLOCK_TOLERANCE);
  }

  private Instant windowEnd(JobRecord r) {
    return ledger.createDeadlineOf(r).plus(CLOCK_TOLERANCE);
  }
}
