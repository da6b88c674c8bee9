package dev.genjobs.client.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.internal.Dialect;
import dev.genjobs.client.store.jdbc.internal.DurableScheduler;
import dev.genjobs.client.store.jdbc.testing.EmbeddedPostgresDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * db-scheduler, the engine durable work moves to, runs on every database the ledger supports, on
 * the table our migrations create: a due execution runs once and is gone when it completed.
 */
class DurableSchedulerTest {

  @TempDir Path directory;

  @Test
  void runsOnTheEmbeddedSqliteLedger() throws Exception {
    try (HikariDataSource pool = pool(JdbcJobStore.sqliteUrl(directory), "", true)) {
      JdbcJobStore.create(pool).close(); // migrates
      runsADueExecutionOnce(pool);
    }
  }

  @Test
  void runsOnPostgreSqlThroughAPoolThatDoesNotAutoCommit() throws Exception {
    EmbeddedPostgresDb.Database database = EmbeddedPostgresDb.newDatabase();
    try (HikariDataSource pool = pool(database.jdbcUrl(), "postgres", false)) {
      JdbcJobStore.create(pool).close();
      runsADueExecutionOnce(pool);
    }
  }

  @Test
  void runsOnH2() throws Exception {
    try (HikariDataSource pool =
        pool("jdbc:h2:file:" + directory.resolve("h2") + ";LOCK_TIMEOUT=10000", "sa", true)) {
      JdbcJobStore.create(pool).close();
      runsADueExecutionOnce(pool);
    }
  }

  @Test
  void aRecordsNextPollIsScheduledInTheTransactionThatStoresItAndMovesWithIt() throws Exception {
    // Auto-commit on: an SQLite pool in manual-commit mode is refused (SqlitePoolModeTest).
    try (HikariDataSource pool = pool(JdbcJobStore.sqliteUrl(directory), "", true);
        JdbcJobStore store = JdbcJobStore.create(pool)) {
      pollScheduleFollowsTheRecord(store, pool);
    }
  }

  @Test
  void theSameOnPostgreSql() throws Exception {
    EmbeddedPostgresDb.Database database = EmbeddedPostgresDb.newDatabase();
    try (HikariDataSource pool = pool(database.jdbcUrl(), "postgres", false);
        JdbcJobStore store = JdbcJobStore.create(pool)) {
      pollScheduleFollowsTheRecord(store, pool);
    }
  }

  private static void pollScheduleFollowsTheRecord(JdbcJobStore store, DataSource pool)
      throws Exception {
    Instant t0 = Instant.parse("2026-12-05T10:00:00Z");
    JobRecord intent = JobStoreContract.intent("poll schedule", t0);
    store.insert(intent);
    assertThat(polls(pool)).as("an intent has no poll").isEmpty();

    Instant first = t0.plusSeconds(1);
    JobRecord active =
        store.replace(intent, JobStoreContract.active(intent, "job-1", first)).orElseThrow();
    assertThat(polls(pool)).containsExactly(intent.ledgerId() + "@" + first.toEpochMilli());

    Instant second = t0.plusSeconds(3);
    JobRecord polled =
        store.replace(active, active.toBuilder().nextPollAt(second).build()).orElseThrow();
    assertThat(polls(pool))
        .as("the poll for the old time is gone, the one for the new time is there")
        .containsExactly(intent.ledgerId() + "@" + second.toEpochMilli());

    // A compare-and-set that loses schedules nothing.
    assertThat(store.replace(active, active.toBuilder().nextPollAt(t0.plusSeconds(9)).build()))
        .isEmpty();
    assertThat(polls(pool)).containsExactly(intent.ledgerId() + "@" + second.toEpochMilli());

    store
        .replace(
            polled,
            polled.toBuilder()
                .state(LedgerState.ENDED)
                .status(JobStatus.SUCCEEDED, "done")
                .nextPollAt(null)
                .endedAt(second)
                .build())
        .orElseThrow();
    assertThat(polls(pool)).as("an ended record has no poll").isEmpty();
  }

  private static List<String> polls(DataSource dataSource) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT task_instance FROM "
                    + DurableScheduler.TABLE
                    + " WHERE task_name = '"
                    + DbSchedulerWork.POLL
                    + "'")) {
      while (rs.next()) out.add(rs.getString(1));
      if (!c.getAutoCommit()) c.commit();
    }
    return out;
  }

  private static void runsADueExecutionOnce(DataSource dataSource) throws Exception {
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch completed = new CountDownLatch(2);
    OneTimeTask<Void> poll =
        Tasks.oneTime("probe-poll").execute((instance, context) -> ran.add(instance.getId()));
    Dialect dialect;
    try (Connection c = dataSource.getConnection()) {
      dialect = Dialect.of(c);
    }
    Scheduler scheduler =
        DurableScheduler.builder(dataSource, dialect, List.of(poll), 2)
            .pollingInterval(Duration.ofMillis(100))
            .addSchedulerListener(
                new AbstractSchedulerListener() {
                  @Override
                  public void onExecutionComplete(ExecutionComplete complete) {
                    completed.countDown();
                  }
                })
            .build();
    try {
      scheduler.start();
      scheduler.schedule(poll.instance("job-1"), Instant.now());
      scheduler.schedule(poll.instance("job-2"), Instant.now());

      assertThat(completed.await(30, TimeUnit.SECONDS)).as("both executions completed").isTrue();
    } finally {
      scheduler.stop();
    }
    assertThat(ran).containsExactlyInAnyOrder("job-1", "job-2");
    assertThat(rows(dataSource)).as("completed one-time executions are deleted").isZero();
  }

  private static int rows(DataSource dataSource) throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + DurableScheduler.TABLE)) {
      rs.next();
      int n = rs.getInt(1);
      if (!c.getAutoCommit()) c.commit();
      return n;
    }
  }

  private static HikariDataSource pool(String url, String user, boolean autoCommit) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setAutoCommit(autoCommit);
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }
}
