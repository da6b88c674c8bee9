package dev.genjobs.client.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the client keeps its job ledger: every create intent, its outcome, and the job's life until
 * it ends. The extension point for durability, like Feign's {@code Client}: {@link
 * InMemoryJobStore} (the default, gone with the process) or the JDBC store of {@code
 * genjobs-store-jdbc} (an H2 file, or PostgreSQL shared by several instances).
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
   * Leases polls that are due: open records with {@link JobRecord#nextPollAt()} at or before {@code
   * now} whose lease is free or expired. Each returned record is leased to {@code owner} until
   * {@code now + lease}; no other caller gets it before then, in this process or another. The owner
   * polls, then stores the result and the next due time with {@link #replace}, which also releases
   * the lease.
   */
  List<JobRecord> claimDuePolls(String owner, Instant now, Duration lease, int max);

  /**
   * Deletes records that ended (ENDED, ABANDONED, REFUSED) before {@code cutoff}; open records are
   * never deleted. Returns how many were deleted. Called by the ledger's retention work; a store
   * that keeps everything may leave this as is.
   */
  default int deleteEndedBefore(Instant cutoff) {
    return 0;
  }

  /**
   * Work this store runs at a time on whichever instance is alive, or empty (memory): then intents
   * left by a crash are resolved by {@code resume()}.
   */
  default Optional<DurableWork> durableWork() {
    return Optional.empty();
  }

  /** Releases what the store owns (a connection pool it opened). */
  @Override
  default void close() {}
}
