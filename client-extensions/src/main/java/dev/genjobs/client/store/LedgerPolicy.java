package dev.genjobs.client.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How a client works a shared ledger: how long a claimed poll stays leased to it, how often it
 * claims due polls, and how often it re-reads the ledger for jobs other instances ended. Immutable.
 *
 * @param lease how long a claimed poll is ours; an instance that dies holds its polls this long at
 *     most before another takes them over (30 s)
 * @param claimEvery how often due polls are claimed (250 ms): the most a poll can be late because
 *     of the ledger
 * @param endedRecheckEvery how often waits on this instance re-read the ledger for jobs another
 *     instance saw end (1 s)
 * @param claimBatch at most this many polls claimed at once (500)
 * @param pollsDue whether this client claims and polls due jobs (true); false for a process that
 *     only creates, reads or resolves records (a command-line call) and leaves watching to others
 * @param retention how long an ended record (ENDED, ABANDONED, REFUSED) is kept after it ended (30
 *     days); deleted after by a recurring task of the store's durable work (the JDBC store)
 * @param workThreads how many durable work executions (create deadlines, retention) run at once on
 *     this instance (2); the store's engine adds one thread that checks for due work and one for
 *     housekeeping (heartbeats, dead executions)
 */
public record LedgerPolicy(
    Duration lease,
    Duration claimEvery,
    Duration endedRecheckEvery,
    int claimBatch,
    boolean pollsDue,
    Duration retention,
    int workThreads) {

  /** The default retention of ended records. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

  /** The default number of durable work executions at once per instance. */
  public static final int DEFAULT_WORK_THREADS = 2;

  public LedgerPolicy(
      Duration lease, Duration claimEvery, Duration endedRecheckEvery, int claimBatch) {
    this(
        lease,
        claimEvery,
        endedRecheckEvery,
        claimBatch,
        true,
        DEFAULT_RETENTION,
        DEFAULT_WORK_THREADS);
  }

  public LedgerPolicy {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(claimEvery, "claimEvery");
    Objects.requireNonNull(endedRecheckEvery, "endedRecheckEvery");
    if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("lease must be at least 1 s");
    }
    if (claimEvery.isNegative()
        || claimEvery.isZero()
        || endedRecheckEvery.isNegative()
        || endedRecheckEvery.isZero()) {
      throw new IllegalArgumentException("intervals must be positive");
    }
    if (claimBatch < 1) throw new IllegalArgumentException("claimBatch must be at least 1");
    Objects.requireNonNull(retention, "retention");
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention must be positive");
    }
    if (workThreads < 1 || workThreads > 64) {
      throw new IllegalArgumentException("workThreads must be between 1 and 64");
    }
  }

  public static LedgerPolicy defaults() {
    return new LedgerPolicy(
        Duration.ofSeconds(30), Duration.ofMillis(250), Duration.ofSeconds(1), 500);
  }

  public LedgerPolicy withLease(Duration lease) {
    return new LedgerPolicy(
        lease, claimEvery, endedRecheckEvery, claimBatch, pollsDue, retention, workThreads);
  }

  public LedgerPolicy withClaimEvery(Duration claimEvery) {
    return new LedgerPolicy(
        lease, claimEvery, endedRecheckEvery, claimBatch, pollsDue, retention, workThreads);
  }

  public LedgerPolicy withEndedRecheckEvery(Duration endedRecheckEvery) {
    return new LedgerPolicy(
        lease, claimEvery, endedRecheckEvery, claimBatch, pollsDue, retention, workThreads);
  }

  /** This policy keeping ended records for {@code retention} after they ended. */
  public LedgerPolicy withRetention(Duration retention) {
    return new LedgerPolicy(
        lease, claimEvery, endedRecheckEvery, claimBatch, pollsDue, retention, workThreads);
  }

  /** This policy running at most {@code workThreads} durable work executions at once. */
  public LedgerPolicy withWorkThreads(int workThreads) {
    return new LedgerPolicy(
        lease, claimEvery, endedRecheckEvery, claimBatch, pollsDue, retention, workThreads);
  }

  /** This policy without claiming polls: the process records and reads, others watch. */
  public LedgerPolicy withoutPolling() {
    return new LedgerPolicy(
        lease, claimEvery, endedRecheckEvery, claimBatch, false, retention, workThreads);
  }
}
