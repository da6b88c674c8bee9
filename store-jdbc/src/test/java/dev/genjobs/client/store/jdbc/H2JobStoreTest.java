package dev.genjobs.client.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.store.JobStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2JobStoreTest extends JobStoreContract {

  @TempDir Path directory;

  @Override
  JobStore newStore() {
    return JdbcJobStore.h2(directory);
  }

  @Override
  JobStore sameLedgerAgain() {
    return JdbcJobStore.h2(directory);
  }

  @Test
  void theLedgerOutlivesTheStoreThatWroteIt() {
    var r = intent("survives", T0);
    store.insert(r);
    store.close();

    try (JdbcJobStore reopened = JdbcJobStore.h2(directory)) {
      assertThat(reopened.get(r.ledgerId())).contains(r);
      assertThat(reopened.isPostgreSql()).isFalse();
    }
    store = JdbcJobStore.h2(directory);
  }
}
