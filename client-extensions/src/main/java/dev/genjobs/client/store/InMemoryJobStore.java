package dev.genjobs.client.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger in this process's memory: list, get and resolve work while the process runs, and
 * everything is gone when it stops. The default; use the JDBC store when jobs must outlive the
 * process.
 *
 * <p>Open records are all kept; of the records that ended (ENDED, ABANDONED, REFUSED) only the
 * latest {@link #DEFAULT_ENDED_KEPT} (or the number given), the oldest ended dropped first: a
 * long-running service without a store would otherwise grow by about 2 KiB per job it ever created
 * (the watch benchmark reached 1 GiB at 100,000 jobs).
 */
public final class InMemoryJobStore implements JobStore {

  /** How many ended records the default store keeps. */
  public static final int DEFAULT_ENDED_KEPT = 10_000;

  private final int endedKept;

  /** Ended records' ledger ids, oldest end first. */
  private final LinkedHashSet<String> ended = new LinkedHashSet<>();

  private final Map<String, JobRecord> byLedgerId = new HashMap<>();
  private final Map<String, String> ledgerIdByToken = new HashMap<>();
  private final Map<String, String> ledgerIdByJob = new HashMap<>();

  /** A store keeping {@value #DEFAULT_ENDED_KEPT} ended records. */
  public InMemoryJobStore() {
    this(DEFAULT_ENDED_KEPT);
  }

  /** A store keeping the latest {@code endedKept} ended records (open ones are always kept). */
  public InMemoryJobStore(int endedKept) {
    if (endedKept < 0) throw new IllegalArgumentException("endedKept must be >= 0");
    this.endedKept = endedKept;
  }

  @Override
  public synchronized void insert(JobRecord record) {
    if (byLedgerId.containsKey(record.ledgerId())) {
      throw new IllegalStateException("ledger id " + record.ledgerId() + " exists");
    }
    if (ledgerIdByToken.containsKey(record.correlationToken())) {
      throw new IllegalStateException("correlation token of " + record.ledgerId() + " exists");
    }
    record.providerJobId().ifPresent(id -> requireNewJob(record, id));
    byLedgerId.put(record.ledgerId(), record);
    ledgerIdByToken.put(record.correlationToken(), record.ledgerId());
    record
        .providerJobId()
        .ifPresent(id -> ledgerIdByJob.put(jobKey(record, id), record.ledgerId()));
    if (!record.state().isOpen()) ended(record);
  }

  /** Notes that {@code r} ended; drops the oldest ended records beyond the limit. */
  private void ended(JobRecord r) {
    if (!ended.add(r.ledgerId())) return;
    Iterator<String> oldest = ended.iterator();
    while (ended.size() > endedKept && oldest.hasNext()) {
      JobRecord gone = byLedgerId.get(oldest.next());
      oldest.remove();
      if (gone != null) remove(gone);
    }
  }

  private void remove(JobRecord r) {
    byLedgerId.remove(r.ledgerId());
    ledgerIdByToken.remove(r.correlationToken());
    r.providerJobId().ifPresent(id -> ledgerIdByJob.remove(jobKey(r, id)));
  }

  @Override
  public synchronized Optional<JobRecord> replace(JobRecord current, JobRecord next) {
    JobRecord stored = byLedgerId.get(current.ledgerId());
    if (stored == null || stored.version() != current.version()) return Optional.empty();
    if (!next.ledgerId().equals(current.ledgerId())) {
      throw new IllegalArgumentException("replace cannot change the ledger id");
    }
    next.providerJobId()
        .filter(id -> !id.equals(stored.providerJobId().orElse(null)))
        .ifPresent(id -> requireNewJob(next, id));
    JobRecord saved = next.toBuilder().version(current.version() + 1).build();
    byLedgerId.put(saved.ledgerId(), saved);
    saved.providerJobId().ifPresent(id -> ledgerIdByJob.put(jobKey(saved, id), saved.ledgerId()));
    if (!saved.state().isOpen()) ended(saved);
    return Optional.of(saved);
  }

  private void requireNewJob(JobRecord record, String jobId) {
    String owner = ledgerIdByJob.get(jobKey(record, jobId));
    if (owner != null && !owner.equals(record.ledgerId())) {
      throw new IllegalStateException(
          record.provider().displayName() + " job " + jobId + " already belongs to " + owner);
    }
  }

  private static String jobKey(JobRecord r, String jobId) {
    return r.provider().id() + ":" + jobId;
  }

  @Override
  public synchronized int deleteEndedBefore(Instant cutoff) {
    List<JobRecord> old =
        byLedgerId.values().stream()
            .filter(r -> !r.state().isOpen())
            .filter(r -> r.endedAt().orElse(r.updatedAt()).isBefore(cutoff))
            .toList();
    for (JobRecord r : old) {
      remove(r);
      ended.remove(r.ledgerId());
    }
    return old.size();
  }

  @Override
  public synchronized Optional<JobRecord> get(String ledgerId) {
    return Optional.ofNullable(byLedgerId.get(ledgerId));
  }

  @Override
  public synchronized List<JobRecord> list(JobFilter filter) {
    return byLedgerId.values().stream()
        .filter(filter::matches)
        .sorted(
            Comparator.comparing(JobRecord::createdAt)
                .reversed()
                .thenComparing(JobRecord::ledgerId))
        .limit(filter.limit())
        .toList();
  }

  @Override
  public String toString() {
    return "InMemoryJobStore";
  }
}
