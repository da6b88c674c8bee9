package dev.genjobs.client.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger in this process's memory: list, get and resolve work while the process runs, and
 * everything is gone when it stops. The default; use the JDBC store when jobs must outlive the
 * process.
 */
public final class InMemoryJobStore implements JobStore {

  private final Map<String, JobRecord> byLedgerId = new HashMap<>();
  private final Map<String, String> ledgerIdByToken = new HashMap<>();
  private final Map<String, String> ledgerIdByJob = new HashMap<>();

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
    return r.provider().name() + ":" + jobId;
  }

  @Override
  public synchronized int deleteEndedBefore(Instant cutoff) {
    List<JobRecord> old =
        byLedgerId.values().stream()
            .filter(r -> !r.state().isOpen())
            .filter(r -> r.endedAt().orElse(r.updatedAt()).isBefore(cutoff))
            .toList();
    for (JobRecord r : old) {
      byLedgerId.remove(r.ledgerId());
      ledgerIdByToken.remove(r.correlationToken());
      r.providerJobId().ifPresent(id -> ledgerIdByJob.remove(jobKey(r, id)));
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
