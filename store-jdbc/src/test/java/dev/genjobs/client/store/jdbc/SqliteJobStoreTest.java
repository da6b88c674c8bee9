package dev.genjobs.client.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.store.JobStore;
import java.nio.file.Path;
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
}
