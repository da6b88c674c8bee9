package dev.genjobs.client.store.jdbc.scenarios;

import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import dev.genjobs.client.store.jdbc.testing.EmbeddedPostgresDb;
import java.sql.Connection;
import java.sql.SQLException;

/** On PostgreSQL with fsync and synchronous commits on ({@link EmbeddedPostgresDb}). */
class PostgresRandomCrashAroundSendTest extends RandomCrashAroundSendContract {
  private final EmbeddedPostgresDb.Database database = EmbeddedPostgresDb.newDatabase();

  @Override
  String ledgerLocation() {
    return database.jdbcUrl();
  }

  @Override
  Connection connect() throws SQLException {
    return database.dataSource().getConnection();
  }

  @Override
  JobStore openLedger() {
    return JdbcJobStore.create(database.dataSource());
  }
}
