package dev.genjobs.client.store.jdbc.scenarios;

import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRandomCrashAroundSendTest extends RandomCrashAroundSendContract {
  @TempDir Path directory;

  @Override
  String ledgerLocation() {
    return "embedded:" + directory;
  }

  @Override
  Connection connect() throws SQLException {
    return DriverManager.getConnection(JdbcJobStore.sqliteUrl(directory));
  }

  @Override
  JobStore openLedger() {
    return JdbcJobStore.embedded(directory);
  }
}
