package dev.genjobs.client.store;

import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.JobStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the client keeps its job ledger: every create intent, its outcome, and the job's life until
 * it ends. The extension point for durability, like Feign's {@code Client}: {@link
 * InMemoryJobStore} (the default, gone with the process) or the JDBC store of {@code
 * genjobs-store-jdbc} (an embedded SQLite file, or PostgreSQL shared by several instances).
 *
 * <p>Records change only through {@link #replace}: a compare-and-set on {@link
 * JobRecord#version()}, so concurrent writers (another thread, another instance) never overwrite
 * each other; the loser re-reads and decides again. Implementations are thread-safe.
 */
public interface JobStore extends AutoCloseable {

  /**
   * Stores a new record, typically the write-ahead intent before a create is sent.
   *
   * @throws IllegalStateException if a record with its ledger id, correlation token, or provider
   *     job id already exists
   */
  void insert(JobRecord record);

  /**
   * Replaces {@code current} with {@code next} if the stored record still has {@code current}'s
   * version. {@code next} is stored with version {@code current.version() + 1}.
   *
   * @return the stored record, or empty when someone changed it first (read it again)
   * @throws IllegalStateException if {@code next} would give a provider job id to a second record
   */
  Optional<JobRecord> replace(JobRecord current, JobRecord next);

  /** The record with this ledger id. */
  Optional<JobRecord> get(String ledgerId);

  /** Records matching {@code filter}, newest first, at most {@link JobFilter#limit()}. */
  List<JobRecord> list(JobFilter filter);

  /**
   * ACTIVE records counted by provider and last seen status, for the jobs-in-flight gauge of a
   * durable ledger (read at each scrape, so cheap: the JDBC store counts in one grouped query). By
   * default counted from {@link #list}.
   */
  default List<ActiveJobs> countActive() {
    record Key(Provider provider, JobStatus status) {}
    Map<Key, Integer> counts = new LinkedHashMap<>();
    for (JobRecord r :
        list(JobFilter.builder().states(LedgerState.ACTIVE).limit(Integer.MAX_VALUE).build())) {
      counts.merge(new Key(r.provider(), r.status().orElse(null)), 1, Integer::sum);
    }
    return counts.entrySet().stream()
        .map(e -> new ActiveJobs(e.getKey().provider(), e.getKey().status(), e.getValue()))
        .toList();
  }

  /**
   * Deletes records that ended (ENDED, ABANDONED, REFUSED) before {@code cutoff}; open records are
   * never deleted. Returns how many were deleted. Called by the ledger's retention work; a store
   * that keeps everything may leave this as is.
   */
  default int deleteEndedBefore(Instant cutoff) {
    return 0;
  }

  /**
   * Work this store runs at a time on whichever instance is alive, or empty (memory): then the
   * in-process watcher polls, and intents left by a crash are resolved by {@code resume()}.
   *
   * <p>A store that offers durable work also owns the schedule: whenever {@link #insert} or {@link
   * #replace} stores an open record whose {@link JobRecord#nextPollAt()} changed, the same
   * transaction schedules that poll ({@link DurableWork.Handlers#pollDue}); when {@link #insert}
   * stores an intent, the same transaction schedules its resolution at {@link
   * JobRecord#createDeadlineAt()} ({@link DurableWork.Handlers#createDeadlinePassed}). A record and
   * the work it needs are never apart, whoever crashes when.
   */
  default Optional<DurableWork> durableWork() {
    return Optional.empty();
  }

  /** Releases what the store owns (a connection pool it opened). */
  @Override
  default void close() {}
}
