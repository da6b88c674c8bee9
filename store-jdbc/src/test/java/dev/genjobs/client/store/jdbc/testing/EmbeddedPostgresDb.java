package dev.genjobs.client.store.jdbc.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One real PostgreSQL per test JVM (zonky's binaries from the jar, no Docker), started on first use
 * and stopped at JVM exit; each test gets its own fresh database in it, so start-up is paid once.
 *
 * <p>PostgreSQL refuses to run as root; zonky 2.2 handles a root JVM itself by running the server
 * in a user namespace ({@code unshare -U}), which this machine allows.
 */
public final class EmbeddedPostgresDb {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private EmbeddedPostgresDb() {}

  /** A new, empty database on the shared server. */
  public static synchronized Database newDatabase() {
    EmbeddedPostgres pg = server();
    String name = "ledger_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return new Database(pg.getDatabase("postgres", name), pg.getJdbcUrl("postgres", name));
  }

  /** A database: its data source and its JDBC URL (user {@code postgres}, no password). */
  public record Database(DataSource dataSource, String jdbcUrl) {}

  /** Fails unless the running server syncs every commit: checked, not assumed from the config. */
  private static void requireDurable(EmbeddedPostgres pg) {
    for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
      try (Connection c = pg.getPostgresDatabase().getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SHOW " + setting)) {
        rs.next();
        if (!rs.getString(1).equals("on")) {
          throw new IllegalStateException(
              "the embedded PostgreSQL runs with " + setting + "=" + rs.getString(1));
        }
      } catch (SQLException e) {
        throw new IllegalStateException("cannot read " + setting, e);
      }
    }
  }

  private static EmbeddedPostgres server() {
    if (server == null) {
      try {
        Path work = Path.of("target", "embedded-pg").toAbsolutePath();
        server =
            EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(work.toFile())
                // Durable as in production: the crash tests and the kill probe must not pass on a
                // database that would lose commits itself. zonky turns synchronous_commit off by
                // default (a commit returns before its WAL is flushed); these put it back on.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "200")
                .setPGStartupWait(java.time.Duration.ofSeconds(60))
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
      }
      requireDurable(server);
    }
    return server;
  }
}
