package dev.genjobs.client.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.JobStoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default ledger: SQLite in a directory. */
class SqliteJobStoreTest extends JobStoreContract {

  @TempDir Path directory;

  @Override
  JobStore newStore() {
    return JdbcJobStore.embedded(directory);
  }

  @Override
  JobStore sameLedgerAgain() {
    return JdbcJobStore.embedded(directory);
  }

  @Test
  void theLedgerOutlivesTheStoreThatWroteIt() {
    var r = intent("survives", T0);
    store.insert(r);
    store.close();

    try (JdbcJobStore reopened = JdbcJobStore.embedded(directory)) {
      assertThat(reopened.get(r.ledgerId())).contains(r);
      assertThat(reopened.toString()).contains("SQLITE");
    }
    store = JdbcJobStore.embedded(directory);
  }

  @Test
  void aWriteRefusedByAnotherWritersLockLeavesItsConnectionFitForTheNextCalls() throws Exception {
    store.close();
    // One connection, so the one the refused write used is the one the next calls get; a short
    // busy timeout, so the refusal comes at once.
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(
        JdbcJobStore.sqliteUrl(directory).replace("busy_timeout=10000", "busy_timeout=100"));
    config.setMaximumPoolSize(1);
    var existing = intent("before the lock", T0);
    try (HikariDataSource pool = new HikariDataSource(config);
        JdbcJobStore ledger = JdbcJobStore.create(pool);
        Connection otherWriter = DriverManager.getConnection(JdbcJobStore.sqliteUrl(directory))) {
      ledger.insert(existing);
      try (Statement s = otherWriter.createStatement()) {
        s.execute("BEGIN IMMEDIATE"); // a backup, or another process's transaction
      }

      assertThatThrownBy(() -> ledger.insert(intent("refused", T0)))
          .isInstanceOf(JobStoreException.class);

      try (Statement s = otherWriter.createStatement()) {
        s.execute("ROLLBACK");
      }
      assertThat(ledger.get(existing.ledgerId())).contains(existing);
      var after = intent("after the lock", T0);
      ledger.insert(after);
      assertThat(ledger.get(after.ledgerId())).contains(after);
    }
    store = JdbcJobStore.embedded(directory);
  }
}
