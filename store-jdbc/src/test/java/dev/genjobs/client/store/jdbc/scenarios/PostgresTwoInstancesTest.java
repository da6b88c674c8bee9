package dev.genjobs.client.store.jdbc.scenarios;

import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import dev.genjobs.client.store.jdbc.testing.EmbeddedPostgresDb;

class PostgresTwoInstancesTest extends TwoInstancesContract {
  private final EmbeddedPostgresDb.Database database = EmbeddedPostgresDb.newDatabase();

  @Override
  JobStore openLedger() {
    return JdbcJobStore.open(database.jdbcUrl(), "postgres", "");
  }
}
