package dev.genjobs.client.store.jdbc.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.Task;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * db-scheduler on the ledger's database, the engine durable work runs on (issue 19): picking due
 * executions once across instances, heartbeats, taking over a dead instance's executions, retries.
 * Its table, {@value #TABLE}, comes from the ledger's Flyway migrations. Not API.
 */
public final class DurableScheduler {

  /** db-scheduler's table, named for us so it sits beside an application's own. */
  public static final String TABLE = "genjobs_scheduled_tasks";

  /**
   * The system property that shortens {@link #HEARTBEAT} (an ISO-8601 duration such as {@code
   * PT0.5S}). For tests only: the two-instance kill test runs its instances in child JVMs and
   * cannot wait a minute for a takeover. Not a documented setting.
   */
  static final String HEARTBEAT_PROPERTY = "genjobs.work.heartbeat";

  /** How often an instance marks the executions it runs as alive (15 s). */
  static final java.time.Duration HEARTBEAT = heartbeat();

  /** Heartbeats missed before another instance takes an execution over (~1 min). */
  static final int MISSED_HEARTBEATS = 4;

  private DurableScheduler() {}

  private static java.time.Duration heartbeat() {
    String test = System.getProperty(HEARTBEAT_PROPERTY);
    return test == null ? java.time.Duration.ofSeconds(15) : java.time.Duration.parse(test);
  }

  /**
   * A scheduler builder on {@code dataSource} with what every database needs: our table, at most
   * {@code threads} executing at once (on daemon threads), every change committed even on a pool
   * whose connections do not auto-commit, instants written as UTC, and SQLite's SQL on SQLite.
   */
  public static SchedulerBuilder builder(
      DataSource dataSource, Dialect dialect, List<Task<?>> tasks, int threads) {
    AtomicInteger n = new AtomicInteger();
    return Scheduler.create(dataSource, tasks)
        .tableName(TABLE)
        .threads(threads)
        .commitWhenAutocommitDisabled(true)
        // db-scheduler's defaults (a heartbeat every 5 min, dead after 6 missed) let a killed
        // instance's picked work wait ~30 min for another instance. Our executions are short
        // (one GET, one ledger write): a 15 s heartbeat with 4 missed (~1 min) takes over a dead
        // instance's work while a job is still worth following on time, for one UPDATE per
        // running execution every 15 s.
        .heartbeatInterval(HEARTBEAT)
        .missedHeartbeatsLimit(MISSED_HEARTBEATS)
        .jdbcCustomization(customization(dialect))
        // Daemon threads, like the rest of the client's: a command-line process that forgets to
        // close its client still exits.
        .executorService(Executors.newFixedThreadPool(threads, daemon("genjobs-work-", n)))
        .dueExecutor(Executors.newSingleThreadExecutor(daemon("genjobs-work-due-", n)))
        .housekeeperExecutor(
            Executors.newScheduledThreadPool(1, daemon("genjobs-work-housekeeper-", n)));
  }

  /**
   * A client that schedules on the connection it is given (a ledger transaction), without a
   * scheduler running in this process: the execution runs on whichever instance runs one.
   */
  public static SchedulerClient client(
      DataSource transactionConnection, Dialect dialect, List<Task<?>> tasks) {
    return SchedulerClient.Builder.create(transactionConnection, tasks)
        .tableName(TABLE)
        .jdbcCustomization(customization(dialect))
        .build();
  }

  /** The same SQL and instants for the scheduler and the client: UTC, each database's own. */
  static JdbcCustomization customization(Dialect dialect) {
    return switch (dialect) {
      case POSTGRESQL -> new PostgreSqlJdbcCustomization(false, true);
      case SQLITE -> new SqliteJdbcCustomization();
      case GENERIC -> new DefaultJdbcCustomization(true);
    };
  }

  private static ThreadFactory daemon(String prefix, AtomicInteger n) {
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * db-scheduler's portable SQL, with the row limit SQLite understands: db-scheduler 16 detects no
   * SQLite and its default limit ({@code OFFSET 0 ROWS FETCH FIRST n ROWS ONLY}) is not SQLite's.
   * Picking stays db-scheduler's optimistic one (read due rows, take each with {@code UPDATE …
   * WHERE version = ?}), which needs no {@code FOR UPDATE}; SQLite has one writer at a time anyway.
   */
  static final class SqliteJdbcCustomization extends DefaultJdbcCustomization {
    SqliteJdbcCustomization() {
      super(true);
    }

    @Override
    public String getQueryLimitPart(int limit) {
      return " LIMIT " + limit;
    }

    @Override
    public String getName() {
      return "SQLite";
    }
  }
}
