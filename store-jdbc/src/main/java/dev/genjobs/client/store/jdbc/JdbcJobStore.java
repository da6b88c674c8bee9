package dev.genjobs.client.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.genjobs.client.store.JobFilter;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.JobStoreException;
import dev.genjobs.client.store.jdbc.internal.Dialect;
import dev.genjobs.client.store.jdbc.internal.LedgerSql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The job ledger in a relational database: an embedded H2 file for one process, PostgreSQL for a
 * service with several instances sharing it. The schema is created and upgraded by Flyway on start
 * (the same migrations for both databases, with their own history table {@value
 * #SCHEMA_HISTORY_TABLE}, so they sit beside an application's own Flyway schema).
 *
 * <pre>{@code
 * JobStore h2 = JdbcJobStore.h2(Path.of("/var/lib/myapp/genjobs"));           // one process
 * JobStore pg = JdbcJobStore.open("jdbc:postgresql://db/app", "app", password); // many instances
 * JobStore own = JdbcJobStore.create(applicationDataSource);                    // your pool
 * }</pre>
 *
 * Thread-safe. {@link #close()} closes the pool only when this store opened it.
 */
public final class JdbcJobStore implements JobStore {

  /** Where the migrations are, for applications that run them with their own Flyway. */
  public static final String MIGRATIONS_LOCATION =
      "classpath:dev/genjobs/client/store/jdbc/migration";

  /** The Flyway history table of the ledger's schema. */
  public static final String SCHEMA_HISTORY_TABLE = "genjobs_schema_history";

  /** The H2 database file (plus H2's suffix) under the directory given to {@link #h2(Path)}. */
  public static final String H2_FILE_NAME = "genjobs-ledger";

  private final DataSource dataSource;
  private final HikariDataSource ownedPool;
  private final Dialect dialect;
  private final String description;

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
  }

  /**
   * A store on the application's own {@link DataSource} (e.g. Spring's), migrated on creation. The
   * data source stays the application's: {@link #close()} does not close it.
   */
  public static JdbcJobStore create(DataSource dataSource) {
    return new JdbcJobStore(dataSource, null, true, describe(dataSource));
  }

  /**
   * Like {@link #create(DataSource)}, without running the migrations: for applications that apply
   * {@link #MIGRATIONS_LOCATION} with their own Flyway.
   */
  public static JdbcJobStore createWithoutMigrating(DataSource dataSource) {
    return new JdbcJobStore(dataSource, null, false, describe(dataSource));
  }

  /**
   * An embedded H2 database in {@code directory} (created if missing), file {@value #H2_FILE_NAME}.
   * Other processes on the same machine may open it at the same time (H2's automatic mixed mode),
   * e.g. {@code genjobs jobs list} while the service runs.
   */
  public static JdbcJobStore h2(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (java.io.IOException e) {
      throw new JobStoreException("cannot create the ledger directory " + directory, e);
    }
    String url =
        "jdbc:h2:file:"
            + directory.toAbsolutePath().resolve(H2_FILE_NAME)
            + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000";
    return open(url, "sa", "");
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
    config.setMaximumPoolSize(jdbcUrl.startsWith("jdbc:h2:") ? 4 : 8);
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

  /** Whether this store runs on PostgreSQL (polls claimed with SKIP LOCKED). */
  public boolean isPostgreSql() {
    return dialect == Dialect.POSTGRESQL;
  }

  @Override
  public void insert(JobRecord record) {
    run(
        "store " + record.ledgerId(),
        c -> {
          try {
            LedgerSql.insert(c, record);
          } catch (SQLException e) {
            if (isUniqueViolation(e)) {
              throw new IllegalStateException(
                  "the ledger already has a record with ledger id "
                      + record.ledgerId()
                      + ", its correlation token or its provider job id",
                  e);
            }
            throw e;
          }
          return null;
        });
  }

  @Override
  public Optional<JobRecord> replace(JobRecord current, JobRecord next) {
    if (!next.ledgerId().equals(current.ledgerId())) {
      throw new IllegalArgumentException("replace cannot change the ledger id");
    }
    JobRecord versioned = next.toBuilder().version(current.version() + 1).build();
    return run(
        "update " + current.ledgerId(),
        c -> {
          try {
            return LedgerSql.replace(c, current.version(), versioned)
                ? Optional.of(versioned)
                : Optional.empty();
          } catch (SQLException e) {
            if (isUniqueViolation(e)) {
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
    return run("read " + ledgerId, c -> LedgerSql.get(c, ledgerId));
  }

  @Override
  public List<JobRecord> list(JobFilter filter) {
    return run("list " + filter, c -> LedgerSql.list(c, filter));
  }

  @Override
  public List<JobRecord> claimDuePolls(String owner, Instant now, Duration lease, int max) {
    return run("claim due polls", c -> LedgerSql.claim(c, dialect, owner, now, lease, max));
  }

  private interface SqlWork<T> {
    T apply(Connection c) throws SQLException;
  }

  private <T> T run(String what, SqlWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.apply(c);
    } catch (SQLException e) {
      throw new JobStoreException(
          "job ledger (" + description + "): " + what + " failed: " + e.getMessage(), e);
    }
  }

  private static boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
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
