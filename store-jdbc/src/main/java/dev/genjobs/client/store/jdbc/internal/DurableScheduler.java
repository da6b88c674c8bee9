package dev.genjobs.client.store.jdbc.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.Task;
import java.util.List;
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
   * {@code threads} executing at once, every change committed even on a pool whose connections do
   * not auto-commit, instants written as UTC, and SQLite's SQL on SQLite.
   */
  public static SchedulerBuilder builder(
      DataSource dataSource, Dialect dialect, List<Task<?>> tasks, int threads) {
    SchedulerBuilder b =
        Scheduler.create(dataSource, tasks)
            .tableName(TABLE)
            .threads(threads)
            .commitWhenAutocommitDisabled(true)
            .alwaysPersistTimestampInUTC();
    if (dialect == Dialect.SQLITE) b.jdbcCustomization(new SqliteJdbcCustomization());
    return b;
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
