package dev.genjobs.client.store.jdbc.scenarios;

import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import dev.genjobs.client.store.jdbc.testing.EmbeddedPostgresDb;

class PostgresIntentResolvedWithoutResumeTest extends IntentResolvedWithoutResumeContract {
  private final EmbeddedPostgresDb.Database database = EmbeddedPostgresDb.newDatabase();

  @Override
  String ledgerLocation() {
    return database.jdbcUrl();
  }

  @Override
  JobStore openLedger() {
    return JdbcJobStore.create(database.dataSource());
  }
}
