package dev.genjobs.client.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.genjobs.client.store.ActiveJobs;
import dev.genjobs.client.store.DurableWork;
import dev.genjobs.client.store.JobFilter;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.JobStoreException;
import dev.genjobs.client.store.jdbc.internal.Dialect;
import dev.genjobs.client.store.jdbc.internal.LedgerSql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job ledger in a relational database: an embedded SQLite file for one process, PostgreSQL for
 * a service with several instances sharing it. The schema is created and upgraded by Flyway on
 * start (the same migrations for every database, with their own history table {@value
 * #SCHEMA_HISTORY_TABLE}, so they sit beside an application's own Flyway schema).
 *
 * <pre>{@code
 * JobStore local = JdbcJobStore.embedded(Path.of("/var/lib/myapp/genjobs"));  // one process
 * JobStore pg = JdbcJobStore.open("jdbc:postgresql://db/app", "app", password); // many instances
 * JobStore own = JdbcJobStore.create(applicationDataSource);                    // your pool
 * }</pre>
 *
 * Every write is one explicit transaction that has committed when the call returns, whatever the
 * pool's auto-commit setting. Thread-safe. {@link #close()} closes the pool only when this store
 * opened it.
 */
public final class JdbcJobStore implements JobStore {

  /** Where the migrations are, for applications that run them with their own Flyway. */
  public static final String MIGRATIONS_LOCATION =
      "classpath:dev/genjobs/client/store/jdbc/migration";

  private static final Logger LOG = LoggerFactory.getLogger(JdbcJobStore.class);

  /** The Flyway history table of the ledger's schema. */
  public static final String SCHEMA_HISTORY_TABLE = "genjobs_schema_history";

  /** The H2 database file (plus H2's suffix) under the directory given to {@link #h2(Path)}. */
  public static final String H2_FILE_NAME = "genjobs-ledger";

  /** Records deleted per transaction by {@link #deleteEndedBefore}. */
  private static final int DELETE_BATCH = 1000;

  private final DataSource dataSource;
  private final HikariDataSource ownedPool;
  private final Dialect dialect;
  private final String description;
  private final DbSchedulerWork durableWork;

  private JdbcJobStore(
      DataSource dataSource, HikariDataSource ownedPool, boolean migrate, String description) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.ownedPool = ownedPool;
    try {
      if (migrate) migrate(dataSource);
      try (Connection c = dataSource.getConnection()) {
        this.dialect = Dialect.of(c);
      }
    } catch (SQLException | RuntimeException e) {
      if (ownedPool != null) ownedPool.close();
      throw new JobStoreException("cannot open the job ledger at " + description, e);
    }
    this.description = description;
    this.durableWork = new DbSchedulerWork(this, dataSource, dialect);
  }

  @Override
  public int deleteEndedBefore(Instant cutoff) {
    int total = 0;
    int deleted;
    do {
      deleted =
          write(
              "delete records ended before " + cutoff,
              c -> LedgerSql.deleteEnded(c, dialect, cutoff, DELETE_BATCH));
      total += deleted;
    } while (deleted == DELETE_BATCH);
    return total;
  }

  /** Durable work on db-scheduler, in this ledger's database. */
  @Override
  public Optional<DurableWork> durableWork() {
    return Optional.of(durableWork);
  }

  /**
   * A store on the application's own {@link DataSource} (e.g. Spring's), migrated on creation. The
   * data source stays the application's: {@link #close()} does not close it.
   */
  public static JdbcJobStore create(DataSource dataSource) {
    return new JdbcJobStore(refuseLockingSqlitePool(dataSource), null, true, describe(dataSource));
  }

  /**
   * Like {@link #create(DataSource)}, without running the migrations: for applications that apply
   * {@link #MIGRATIONS_LOCATION} with their own Flyway.
   */
  public static JdbcJobStore createWithoutMigrating(DataSource dataSource) {
    return new JdbcJobStore(refuseLockingSqlitePool(dataSource), null, false, describe(dataSource));
  }

  /**
   * Refuses an application's SQLite pool that would lock every writer out: sqlite-jdbc begins a
   * transaction the moment auto-commit is turned off, and with {@code transaction_mode=IMMEDIATE}
   * (as {@link #sqliteUrl} sets) that transaction takes the write lock. An idle pooled connection
   * in manual mode then holds it, and every other connection's write, this pool's or another
   * process's ({@code genjobs jobs resolve}), waits {@code busy_timeout} and fails with {@code
   * SQLITE_BUSY}. With auto-commit on the store still runs each write in a transaction of its own.
   */
  private static DataSource refuseLockingSqlitePool(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      String url = c.getMetaData().getURL();
      if ("SQLite".equalsIgnoreCase(c.getMetaData().getDatabaseProductName())
          && !c.getAutoCommit()
          && url != null
          && url.toLowerCase(java.util.Locale.ROOT).contains("transaction_mode=immediate")) {
        throw new IllegalArgumentException(
            "an SQLite ledger's pool must auto-commit: "
                + redact(url)
                + " begins an IMMEDIATE transaction on every connection in manual-commit mode, so an"
                + " idle one holds the write lock and the others' writes fail with SQLITE_BUSY."
                + " Set autoCommit=true on the pool (HikariConfig.setAutoCommit(true)), or use"
                + " JdbcJobStore.sqlite(directory)");
      }
    } catch (SQLException e) {
      // Not reachable now: the store's first use reports it, naming what failed.
    }
    return dataSource;
  }

  /** The SQLite database file under the directory given to {@link #sqlite(Path)}. */
  public static final String SQLITE_FILE_NAME = "genjobs-ledger.sqlite";

  /**
   * The embedded single-process ledger in {@code directory} (created if missing): the CLI's
   * default. Today {@link #sqlite(Path)}; see there why.
   */
  public static JdbcJobStore embedded(Path directory) {
    Path h2Ledger = directory.resolve(H2_FILE_NAME + ".mv.db");
    if (Files.exists(h2Ledger) && !Files.exists(directory.resolve(SQLITE_FILE_NAME))) {
      // Not migrated silently: its open records may belong to a process still running on it.
      LOG.warn(
          "{} holds a job ledger of an earlier version (H2); the embedded ledger is now SQLite and"
              + " starts empty. Read the old one with JdbcJobStore.h2(directory).",
          directory);
    }
    return sqlite(directory);
  }

  /**
   * An embedded SQLite database in {@code directory} (created if missing), file {@value
   * #SQLITE_FILE_NAME}. Every acknowledged write survives the process being killed at any instant
   * (and the machine losing power): a commit returns only after SQLite appended it to its
   * write-ahead log and synced the log ({@code journal_mode=WAL}, {@code synchronous=FULL}). Other
   * processes on the same machine may read and write it at the same time, e.g. {@code genjobs jobs
   * list} while the service runs; writers take turns ({@code busy_timeout}).
   */
  public static JdbcJobStore sqlite(Path directory) {
    createDirectory(directory);
    return open(sqliteUrl(directory), "", "");
  }

  /**
   * The JDBC URL {@link #sqlite(Path)} opens, with its durability settings: for an application that
   * makes its own pool or runs {@link #MIGRATIONS_LOCATION} with its own Flyway.
   */
  public static String sqliteUrl(Path directory) {
    return "jdbc:sqlite:"
        + directory.toAbsolutePath().resolve(SQLITE_FILE_NAME)
        + "?journal_mode=WAL&synchronous=FULL"
        // A writer waits up to 10 s for another to finish instead of failing at once.
        + "&busy_timeout=10000"
        // BEGIN IMMEDIATE: a transaction that reads, then writes (a claim) takes the write
        // lock up front, so it cannot fail half-way when another connection wrote in between.
        + "&transaction_mode=IMMEDIATE";
  }

  /**
   * An embedded H2 database in {@code directory} (created if missing), file {@value #H2_FILE_NAME}.
   * Not durable across a crash: on this URL the store-level kill probe (SIGKILL 0–300 ms after an
   * acknowledged insert) lost 1 of 4,208 acknowledged rows in 30 rounds, and H2 never syncs a
   * commit to disk; use {@link #embedded(Path)}. Kept to read ledgers made before SQLite became the
   * default. Other processes on the same machine may open it at the same time (H2's automatic mixed
   * mode), e.g. {@code genjobs jobs list} while the service runs.
   */
  public static JdbcJobStore h2(Path directory) {
    createDirectory(directory);
    String url =
        // async: H2's file system that a Thread.interrupt() in the caller cannot close (the
        // default one closes the whole database when a thread is interrupted during I/O).
        "jdbc:h2:async:"
            + directory.toAbsolutePath().resolve(H2_FILE_NAME)
            // WRITE_DELAY=0: H2 writes commits as soon as it can (otherwise it batches them for
            // up to 500 ms); not before the call returns, as the kill probe showed.
            + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=10000";
    return open(url, "sa", "");
  }

  private static void createDirectory(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new JobStoreException("cannot create the ledger directory " + directory, e);
    }
  }

  /**
   * A store on a database by JDBC URL ({@code jdbc:postgresql://…} or {@code jdbc:h2:…}), with a
   * small HikariCP pool this store owns.
   */
  public static JdbcJobStore open(String jdbcUrl, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setPoolName("genjobs-ledger");
    config.setMaximumPoolSize(jdbcUrl.startsWith("jdbc:postgresql:") ? 8 : 4);
    config.setMinimumIdle(1);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new JobStoreException("cannot connect to the job ledger at " + redact(jdbcUrl), e);
    }
    return new JdbcJobStore(pool, pool, true, redact(jdbcUrl));
  }

  private static void migrate(DataSource dataSource) {
    Flyway.configure(JdbcJobStore.class.getClassLoader())
        .dataSource(dataSource)
        .locations(MIGRATIONS_LOCATION)
        .table(SCHEMA_HISTORY_TABLE)
        // The application's schema may already hold its own tables: start our history at 0.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }

  /** Whether this store runs on PostgreSQL. */
  public boolean isPostgreSql() {
    return dialect == Dialect.POSTGRESQL;
  }

  @Override
  public void insert(JobRecord record) {
    write(
        "store " + record.ledgerId(),
        c -> {
          try {
            LedgerSql.insert(c, dialect, record);
          } catch (SQLException e) {
            if (dialect.isUniqueViolation(e)) {
              throw new IllegalStateException(
                  "the ledger already has a record with ledger id "
                      + record.ledgerId()
                      + ", its correlation token or its provider job id",
                  e);
            }
            throw e;
          }
          // The work a new record needs commits with it: an intent's resolution at its create
          // deadline, a record's first poll.
          durableWork.intentStored(c, record);
          durableWork.pollScheduleChanged(c, Optional.empty(), record);
          return null;
        });
  }

  @Override
  public Optional<JobRecord> replace(JobRecord current, JobRecord next) {
    if (!next.ledgerId().equals(current.ledgerId())) {
      throw new IllegalArgumentException("replace cannot change the ledger id");
    }
    JobRecord versioned = next.toBuilder().version(current.version() + 1).build();
    return write(
        "update " + current.ledgerId(),
        c -> {
          try {
            if (!LedgerSql.replace(c, dialect, current.version(), versioned)) {
              return Optional.empty();
            }
            // The next poll and the record that expects it commit together, or neither does.
            durableWork.pollScheduleChanged(c, Optional.of(current), versioned);
            return Optional.of(versioned);
          } catch (SQLException e) {
            if (dialect.isUniqueViolation(e)) {
              throw new IllegalStateException(
                  next.provider().displayName()
                      + " job "
                      + next.providerJobId().orElse("?")
                      + " already belongs to another ledger record",
                  e);
            }
            throw e;
          }
        });
  }

  @Override
  public Optional<JobRecord> get(String ledgerId) {
    return run("read " + ledgerId, c -> LedgerSql.get(c, dialect, ledgerId));
  }

  @Override
  public List<JobRecord> list(JobFilter filter) {
    return run("list " + filter, c -> LedgerSql.list(c, dialect, filter));
  }

  @Override
  public List<ActiveJobs> countActive() {
    return run("count active records", LedgerSql::countActive);
  }

  interface SqlWork<T> {
    T apply(Connection c) throws SQLException;
  }

  /**
   * A read. On a connection that is not in auto-commit (a pool configured so) the read's
   * transaction is ended here, so it holds no snapshot or lock once the connection is back.
   */
  private <T> T run(String what, SqlWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      T result = work.apply(c);
      if (!c.getAutoCommit()) c.commit();
      return result;
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /**
   * A write: one explicit transaction that has committed when this returns, whatever the pool's
   * auto-commit setting. A pool with {@code autoCommit=false} would otherwise roll every write back
   * when the connection is returned, silently; with auto-commit on, the write's statements would
   * commit one by one.
   */
  <T> T write(String what, SqlWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      if (autoCommit) {
        try {
          c.setAutoCommit(false);
        } catch (SQLException e) {
          backToAutoCommit(c, e);
          throw e;
        }
      }
      try {
        T result = work.apply(c);
        // Leaving manual mode commits. Not commit(): sqlite-jdbc's commit() begins the next
        // transaction at once (in IMMEDIATE mode taking the write lock again), so under another
        // writer's lock it waited the busy timeout and failed a write that had committed.
        if (autoCommit) c.setAutoCommit(true);
        else c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollBack(c, e);
        if (autoCommit) backToAutoCommit(c, e);
        throw e;
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /** Rolls back a failed write's transaction, if one is open; keeps the write's own failure. */
  private static void rollBack(Connection c, Exception failure) {
    try {
      if (!c.getAutoCommit()) c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Returns a connection whose write failed to auto-commit, the mode the pool hands it out in.
   * sqlite-jdbc changes its mode before it runs the statement that can fail (BEGIN, under another
   * writer's lock): without this, the pool got back a connection in manual mode with no
   * transaction, on which every later read and write failed ("cannot commit - no transaction is
   * active") and a write's statements committed one by one.
   */
  private static void backToAutoCommit(Connection c, Exception failure) {
    try {
      if (!c.getAutoCommit()) c.setAutoCommit(true);
    } catch (SQLException e) {
      failure.addSuppressed(e); // sqlite-jdbc: in auto-commit now, though no COMMIT was due
    }
  }

  private JobStoreException failure(String what, SQLException e) {
    return new JobStoreException(
        "job ledger (" + description + "): " + what + " failed: " + e.getMessage(), e);
  }

  private static String describe(DataSource ds) {
    try (Connection c = ds.getConnection()) {
      return redact(c.getMetaData().getURL());
    } catch (SQLException | RuntimeException e) {
      return ds.getClass().getSimpleName();
    }
  }

  /** A JDBC URL without its query or properties, where credentials may be. */
  static String redact(String url) {
    if (url == null) return "?";
    int cut = url.length();
    for (char ch : new char[] {'?', ';'}) {
      int i = url.indexOf(ch);
      if (i >= 0) cut = Math.min(cut, i);
    }
    String base = url.substring(0, cut);
    int at = base.indexOf('@');
    int scheme = base.indexOf("//");
    if (at > 0 && scheme >= 0 && at > scheme)
      base = base.substring(0, scheme + 2) + base.substring(at + 1);
    return base;
  }

  @Override
  public void close() {
    if (ownedPool != null) ownedPool.close();
  }

  @Override
  public String toString() {
    return "JdbcJobStore{" + dialect + ", " + description + "}";
  }
}
