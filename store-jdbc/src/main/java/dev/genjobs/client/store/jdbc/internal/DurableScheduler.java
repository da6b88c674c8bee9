package dev.genjobs.client.store.jdbc.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.Task;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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

  private DurableScheduler() {}

  /**
   * A scheduler builder on {@code dataSource} with what every database needs: our table, at most
   * {@code threads} executing at once (on daemon threads), every change committed even on a pool
   * whose connections do not auto-commit, instants written as UTC, and SQLite's SQL on SQLite.
   */
  public static SchedulerBuilder builder(
      DataSource dataSource, Dialect dialect, List<Task<?>> tasks, int threads) {
    AtomicInteger n = new AtomicInteger();
    SchedulerBuilder b =
        Scheduler.create(dataSource, tasks)
            .tableName(TABLE)
            .threads(threads)
            .commitWhenAutocommitDisabled(true)
            .jdbcCustomization(customization(dialect));
    if (dialect == Dialect.POSTGRESQL) {
      // One SELECT … FOR UPDATE SKIP LOCKED picks a batch (db-scheduler's recommendation for
      // PostgreSQL at volume), instead of reading due rows and taking each with its own UPDATE,
      // which instances racing for the same rows repeat. A batch is at most one per thread, so a
      // picked poll does not wait long behind others on this instance.
      b = b.pollUsingLockAndFetch(0.5, 1.0);
    }
    return b
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

  /**
   * Deletes the execution {@code taskName}/{@code instanceId} on the transaction {@code c} unless
   * an instance is running it (that one completes and is removed by db-scheduler itself). Plain SQL
   * on db-scheduler's documented table: its client's {@code cancel} throws for a running execution
   * and for a missing one, and both are normal here.
   */
  public static void deleteIfNotPicked(Connection c, String taskName, String instanceId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM " + TABLE + " WHERE task_name = ? AND task_instance = ? AND picked = ?")) {
      ps.setString(1, taskName);
      ps.setString(2, instanceId);
      ps.setBoolean(3, false);
      ps.executeUpdate();
    }
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
