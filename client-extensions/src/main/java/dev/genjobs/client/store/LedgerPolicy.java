package dev.genjobs.client.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How a client works a durable ledger's work (polls, webhook confirmations, create deadlines,
 * retention: executions of the store's engine, db-scheduler for the JDBC store). Immutable.
 *
 * @param workEvery how often this instance checks for due work (250 ms): the most a poll can be
 *     late because of the engine when nothing else is due; a poll scheduled on this instance (a
 *     webhook making a poll due now) starts at once
 * @param endedRecheckEvery how often waits on this instance re-read the ledger for jobs another
 *     instance saw end (1 s)
 * @param pollsDue whether this client runs due work (true); false for a process that only creates,
 *     reads or resolves records (a command-line call) and leaves the work to others
 * @param retention how long an ended record (ENDED, ABANDONED, REFUSED) is kept after it ended (30
 *     days); deleted after by a recurring execution
 * @param workThreads how many executions run at once on this instance (8). A poll holds its thread
 *     for one GET (bounded by the read timeout), so this caps the polls in flight per instance; the
 *     engine adds one thread that checks for due work and one for housekeeping (heartbeats, dead
 *     executions)
 * @param heartbeatEvery how often this instance marks the executions it runs as alive (15 s); an
 *     instance that missed {@value #MISSED_HEARTBEATS} in a row is dead, and another instance takes
 *     its executions over (about a minute by default). db-scheduler's own default (5 min, 6 missed)
 *     would leave a killed instance's polls for half an hour
 */
public record LedgerPolicy(
    Duration workEvery,
    Duration endedRecheckEvery,
    boolean pollsDue,
    Duration retention,
    int workThreads,
    Duration heartbeatEvery) {

  /** Heartbeats an instance may miss before its executions are taken over. */
  public static final int MISSED_HEARTBEATS = 4;

  /** The default heartbeat. */
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);

  /** The default retention of ended records. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

  /** The default number of executions at once per instance. */
  public static final int DEFAULT_WORK_THREADS = 8;

  public LedgerPolicy {
    Objects.requireNonNull(workEvery, "workEvery");
    Objects.requireNonNull(endedRecheckEvery, "endedRecheckEvery");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(heartbeatEvery, "heartbeatEvery");
    if (heartbeatEvery.compareTo(Duration.ofMillis(100)) < 0) {
      throw new IllegalArgumentException("heartbeatEvery must be at least 100 ms");
    }
    if (workEvery.isNegative()
        || workEvery.isZero()
        || endedRecheckEvery.isNegative()
        || endedRecheckEvery.isZero()) {
      throw new IllegalArgumentException("intervals must be positive");
    }
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention must be positive");
    }
    if (workThreads < 1 || workThreads > 64) {
      throw new IllegalArgumentException("workThreads must be between 1 and 64");
    }
  }

  public static LedgerPolicy defaults() {
    return new LedgerPolicy(
        Duration.ofMillis(250),
        Duration.ofSeconds(1),
        true,
        DEFAULT_RETENTION,
        DEFAULT_WORK_THREADS,
        DEFAULT_HEARTBEAT);
  }

  /** This policy checking for due work every {@code workEvery}. */
  public LedgerPolicy withWorkEvery(Duration workEvery) {
    return new LedgerPolicy(
        workEvery, endedRecheckEvery, pollsDue, retention, workThreads, heartbeatEvery);
  }

  public LedgerPolicy withEndedRecheckEvery(Duration endedRecheckEvery) {
    return new LedgerPolicy(
        workEvery, endedRecheckEvery, pollsDue, retention, workThreads, heartbeatEvery);
  }

  /** This policy keeping ended records for {@code retention} after they ended. */
  public LedgerPolicy withRetention(Duration retention) {
    return new LedgerPolicy(
        workEvery, endedRecheckEvery, pollsDue, retention, workThreads, heartbeatEvery);
  }

  /** This policy running at most {@code workThreads} executions at once. */
  public LedgerPolicy withWorkThreads(int workThreads) {
    return new LedgerPolicy(
        workEvery, endedRecheckEvery, pollsDue, retention, workThreads, heartbeatEvery);
  }

  /**
   * This policy with heartbeats every {@code heartbeatEvery}: a dead instance's executions are
   * taken over after about {@value #MISSED_HEARTBEATS} times that.
   */
  public LedgerPolicy withHeartbeatEvery(Duration heartbeatEvery) {
    return new LedgerPolicy(
        workEvery, endedRecheckEvery, pollsDue, retention, workThreads, heartbeatEvery);
  }

  /** This policy without running due work: the process records and reads, others work. */
  public LedgerPolicy withoutPolling() {
    return new LedgerPolicy(
        workEvery, endedRecheckEvery, false, retention, workThreads, heartbeatEvery);
  }
}
