package dev.genjobs.client.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.jdbc.testing.EmbeddedPostgresDb;
import org.junit.jupiter.api.Test;

class PostgresJobStoreTest extends JobStoreContract {

  EmbeddedPostgresDb.Database database;

  @Override
  JobStore newStore() {
    database = EmbeddedPostgresDb.newDatabase();
    return JdbcJobStore.create(database.dataSource());
  }

  @Override
  JobStore sameLedgerAgain() {
    return JdbcJobStore.open(database.jdbcUrl(), "postgres", "");
  }

  @Test
  void runsOnPostgreSqlWithSkipLockedClaims() {
    assertThat(((JdbcJobStore) store).isPostgreSql()).isTrue();
  }

  @Test
  void migratingAnAlreadyMigratedLedgerChangesNothing() {
    var r = intent("kept", T0);
    store.insert(r);

    try (JdbcJobStore again = JdbcJobStore.create(database.dataSource())) {
      assertThat(again.get(r.ledgerId())).contains(r);
    }
  }
}
