package dev.genjobs.client.store.jdbc.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.store.Attempt;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import dev.genjobs.client.store.jdbc.testing.DelegatingStore;
import dev.genjobs.client.store.jdbc.testing.EmbeddedPostgresDb;
import dev.genjobs.client.store.jdbc.testing.Eventually;
import dev.genjobs.client.store.jdbc.testing.LedgerClients;
import dev.genjobs.client.store.jdbc.testing.RecordedCreates;
import dev.genjobs.client.store.jdbc.testing.TcpProxy;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger's database stops answering at the moment the provider answers a create. PostgreSQL:
 * the client reaches it through a TCP proxy, which the stand-in cuts as it answers the POST (every
 * connection dropped, new ones refused). The embedded store: another writer holds the file's write
 * lock from that moment, longer than the client's busy timeout. The job exists at the provider;
 * once the database answers again, it is in its record and followed to its end, without a resume.
 * ({@link OutcomeStoredLaterTest}: the same with writes the test's store refuses.)
 */
class DatabaseDownWhenTheAnswerArrivesTest {

  @Test
  void postgresqlStopsAnsweringTheJobIsRecordedAndFollowedOnceItIsBack() throws Exception {
    EmbeddedPostgresDb.Database database = EmbeddedPostgresDb.newDatabase();
    RecordedCreates provider = new RecordedCreates();
    int port = URI.create(database.jdbcUrl().substring("jdbc:".length())).getPort();
    try (TcpProxy proxy = new TcpProxy(port);
        JdbcJobStore direct = JdbcJobStore.create(database.dataSource());
        ProviderStandIns standIns =
            ProviderStandIns.start(
                StandInOptions.builder()
                    .stepDuration(Duration.ofMillis(200))
                    .listener(
                        e -> {
                          provider.onExchange(e);
                          if (e.method().equals("POST")) proxy.cut();
                        })
                    .build());
        HikariDataSource pool = pool(database.jdbcUrl(), port, proxy.port());
        WritesSeen writes = new WritesSeen(JdbcJobStore.create(pool));
        GenJobsClient client = LedgerClients.client(standIns.baseUrl(), writes, "instance")) {

      Job job = client.creative().generate(LedgerClients.generate(null, 1));
      String ledgerId = job.ledgerId().orElseThrow();

      // The outage hit the answer: the record has no job yet, and storing it keeps failing.
      Eventually.await(
          "the client tried to store the answer, and failed, more than once",
          Duration.ofSeconds(20),
          () -> writes.failedFor(ledgerId) >= 2);
      JobRecord during = direct.get(ledgerId).orElseThrow();
      assertThat(during.state()).isEqualTo(LedgerState.INTENT);
      assertThat(during.providerJobId()).isEmpty();

      proxy.restore();
      thenRecordedAndFollowed(direct, provider, job);
    }
  }

  @Test
  void theEmbeddedLedgerIsLockedByAnotherWriterTheJobIsRecordedAndFollowedOnceItIsFree(
      @TempDir Path directory) throws Exception {
    RecordedCreates provider = new RecordedCreates();
    // Another process's write transaction (a backup, a command on the same file) holds SQLite's
    // write lock from the moment the provider answers: the client's write of the answer waits
    // its busy timeout and fails, as with a database that does not answer. The client's store is
    // the embedded one's URL with a busy timeout of 1 s instead of 10: the same failure, 9 s
    // sooner.
    Connection otherWriter = DriverManager.getConnection(JdbcJobStore.sqliteUrl(directory));
    String clientUrl =
        JdbcJobStore.sqliteUrl(directory).replace("busy_timeout=10000", "busy_timeout=1000");
    assertThat(clientUrl).contains("busy_timeout=1000&");
    try (JdbcJobStore direct = JdbcJobStore.embedded(directory);
        Connection locked = otherWriter;
        ProviderStandIns standIns =
            ProviderStandIns.start(
                StandInOptions.builder()
                    .stepDuration(Duration.ofMillis(200))
                    .listener(
                        e -> {
                          provider.onExchange(e);
                          if (e.method().equals("POST")) takeTheWriteLock(locked);
                        })
                    .build());
        WritesSeen writes = new WritesSeen(JdbcJobStore.open(clientUrl, "", ""));
        GenJobsClient client = LedgerClients.client(standIns.baseUrl(), writes, "instance")) {

      Job job = client.creative().generate(LedgerClients.generate(null, 1));
      String ledgerId = job.ledgerId().orElseThrow();

      assertThat(writes.failedFor(ledgerId)).as("storing the answer failed").isPositive();
      JobRecord during = direct.get(ledgerId).orElseThrow();
      assertThat(during.state()).isEqualTo(LedgerState.INTENT);
      assertThat(during.providerJobId()).isEmpty();

      releaseTheWriteLock(locked); // the other writer is done
      thenRecordedAndFollowed(direct, provider, job);
    }
  }

  /** Once the database answers again: the job is in its record, followed to its end, once. */
  private static void thenRecordedAndFollowed(JobStore direct, RecordedCreates provider, Job job)
      throws Exception {
    String ledgerId = job.ledgerId().orElseThrow();
    // Recorded by the client's own retries once the database answers; nobody calls resume().
    Eventually.await(
        "the job is in its record",
        Duration.ofSeconds(30),
        () -> direct.get(ledgerId).orElseThrow().providerJobId().isPresent(),
        () -> direct.get(ledgerId));
    JobSnapshot end = job.await(Duration.ofSeconds(30));

    assertThat(end.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(provider.creates).as("created once").hasSize(1);
    JobRecord r = direct.get(ledgerId).orElseThrow();
    assertThat(r.state()).isEqualTo(LedgerState.ENDED);
    assertThat(r.providerJobId()).contains(provider.creates.get(0).jobId()).contains(job.id());
    assertThat(r.attempts().stream().map(Attempt::event).filter("created"::equals)).hasSize(1);
    assertThat(r.attempts().stream().map(Attempt::event).filter("ended"::equals)).hasSize(1);
    assertThat(provider.getsByJob.getOrDefault(job.id(), 0))
        .as("followed by polls once the database was back")
        .isPositive();
  }

  /** BEGIN IMMEDIATE: SQLite's write lock, held until {@link #releaseTheWriteLock}. */
  private static void takeTheWriteLock(Connection c) {
    execute(c, "BEGIN IMMEDIATE");
  }

  // Explicit statements on an auto-commit connection: in its own transaction mode, the driver
  // begins the next transaction (and, IMMEDIATE, takes the lock again) as soon as one ends.
  private static void releaseTheWriteLock(Connection c) {
    execute(c, "ROLLBACK");
  }

  private static void execute(Connection c, String sql) {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** The application's pool, through the proxy; it gives up on a connection after 1 s. */
  private static HikariDataSource pool(String jdbcUrl, int port, int proxyPort) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl.replace(":" + port + "/", ":" + proxyPort + "/"));
    config.setUsername("postgres");
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(1000);
    config.setValidationTimeout(500);
    return new HikariDataSource(config);
  }

  /** The client's store, counting its reads and writes of each record that failed. */
  private static final class WritesSeen extends DelegatingStore {
    private final Map<String, AtomicInteger> failed = new ConcurrentHashMap<>();

    WritesSeen(JobStore delegate) {
      super(delegate);
    }

    int failedFor(String ledgerId) {
      AtomicInteger n = failed.get(ledgerId);
      return n == null ? 0 : n.get();
    }

    @Override
    public Optional<JobRecord> get(String ledgerId) {
      try {
        return super.get(ledgerId);
      } catch (RuntimeException e) {
        failed.computeIfAbsent(ledgerId, k -> new AtomicInteger()).incrementAndGet();
        throw e;
      }
    }

    @Override
    public Optional<JobRecord> replace(JobRecord current, JobRecord next) {
      try {
        return super.replace(current, next);
      } catch (RuntimeException e) {
        failed.computeIfAbsent(current.ledgerId(), k -> new AtomicInteger()).incrementAndGet();
        throw e;
      }
    }
  }
}
