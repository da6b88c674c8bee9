package dev.genjobs.client.store.jdbc.durability;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.genjobs.client.Provider;
import dev.genjobs.client.store.Attempt;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;

/**
 * The writer of the store-level kill probe, run in its own JVM and killed (SIGKILL) by {@link
 * KillProbe}. Prints {@code READY}, waits for a line on stdin (so the parent can start the next
 * child while it checks the previous one), opens the store, then inserts intents one after another
 * and prints {@code ACK <ledger id> <insert µs>} after each {@code insert} returned: an
 * acknowledged write, the moment the client would send its create.
 *
 * <pre>
 * embedded &lt;directory&gt;    the default single-process store's database (JdbcJobStore.sqliteUrl)
 * url &lt;jdbc url&gt; &lt;user&gt;   a database by URL (PostgreSQL), through a pool with autoCommit=false
 * </pre>
 */
public final class KillProbeChild {

  public static void main(String[] args) throws Exception {
    // Warm up on a throw-away ledger in memory before the parent says go (SQLite's native library,
    // the pool, JSON mapping), so a round measures the store, not start-up. The store under test is
    // opened only after go, when the previous writer is dead: it finds what that writer left.
    warmUp();
    System.out.println(
        "READY cpu "
            + ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L)
            + " ms");
    System.out.flush();
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    long opening = System.nanoTime();
    JobStore store = open(args);
    System.out.println("OPENED " + (System.nanoTime() - opening) / 1000);
    while (true) {
      JobRecord intent = intent();
      long started = System.nanoTime();
      store.insert(intent);
      long micros = (System.nanoTime() - started) / 1000;
      System.out.println("ACK " + intent.ledgerId() + " " + micros);
      System.out.flush();
    }
  }

  /** The ledger's migration scripts in version order, read from this module's classes. */
  private static java.util.List<String> migrations() throws Exception {
    java.net.URI dir =
        KillProbeChild.class.getResource("/dev/genjobs/client/store/jdbc/migration").toURI();
    // A directory of classes, or a jar (ChildJvmCommand runs the children from jars).
    try (java.nio.file.FileSystem jar =
            dir.getScheme().equals("jar")
                ? java.nio.file.FileSystems.newFileSystem(dir, java.util.Map.of())
                : null;
        java.util.stream.Stream<Path> files = java.nio.file.Files.list(Path.of(dir))) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.matches("V\\d+__.*\\.sql"))
          .sorted(
              java.util.Comparator.comparingInt(
                  n -> Integer.parseInt(n.substring(1, n.indexOf("__")))))
          .toList();
    }
  }

  private static void warmUp() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:sqlite::memory:");
    config.setMaximumPoolSize(1);
    config.setMinimumIdle(1);
    config.setIdleTimeout(0);
    try (HikariDataSource memory = new HikariDataSource(config)) {
      // The pool keeps its one connection, so the in-memory database lives on between uses.
      // Every migration, in order, as Flyway would apply them.
      try (Connection c = memory.getConnection();
          Statement st = c.createStatement()) {
        for (String script : migrations()) {
          String schema;
          try (InputStream in =
              KillProbeChild.class.getResourceAsStream(
                  "/dev/genjobs/client/store/jdbc/migration/" + script)) {
            schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          for (String sql : schema.replaceAll("(?m)^--.*$", "").split(";")) {
            if (!sql.isBlank()) st.execute(sql);
          }
        }
      }
      try (JobStore warm = JdbcJobStore.createWithoutMigrating(memory)) {
        warm.insert(intent());
      }
    }
  }

  /**
   * The store on the database the parent migrated, without Flyway's check: in a cold JVM the check
   * costs more than a round, and the rows go through the same {@code insert} on the same URL.
   */
  static JobStore open(String[] args) {
    HikariConfig config = new HikariConfig();
    switch (args[0]) {
      case "embedded" -> config.setJdbcUrl(JdbcJobStore.sqliteUrl(Path.of(args[1])));
      case "url" -> {
        config.setJdbcUrl(args[1]);
        config.setUsername(args[2]);
        // A pool that does not auto-commit: an acknowledged insert must have committed anyway.
        config.setAutoCommit(false);
      }
      default -> throw new IllegalArgumentException("unknown store kind " + args[0]);
    }
    config.setMaximumPoolSize(1);
    return JdbcJobStore.createWithoutMigrating(new HikariDataSource(config));
  }

  static JobRecord intent() {
    Instant now = Instant.now();
    return JobRecord.builder()
        .ledgerId(UUID.randomUUID().toString())
        .provider(Provider.CREATIVE_API)
        .operation("generate")
        .state(LedgerState.INTENT)
        .requestSummary("kill probe")
        .requestFingerprint("f".repeat(64))
        .correlationToken(UUID.randomUUID().toString().replace("-", ""))
        .expectWebhook(false)
        .createdAt(now)
        .addAttempt(new Attempt(now, "create-intent", "generate", "kill-probe"))
        .build();
  }

  private KillProbeChild() {}
}
