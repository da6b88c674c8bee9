package dev.genjobs.client.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.genjobs.client.store.JobFilter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application's pool on {@link JdbcJobStore#sqliteUrl}: in manual-commit mode each connection
 * holds the write lock while idle, which locks every other writer out (this pool's, another
 * process's), so the store refuses it at once and says what to set; auto-commit on works.
 */
class SqlitePoolModeTest {

  @TempDir Path directory;

  @Test
  void givenAManualCommitPool_whenCreatingTheStore_thenItIsRefusedWithWhatToSet() {
    for (int connections : new int[] {1, 4}) {
      try (HikariDataSource pool = pool(false, connections)) {
        assertThatThrownBy(() -> JdbcJobStore.create(pool))
            .as("a pool of %d", connections)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("must auto-commit")
            .hasMessageContaining("setAutoCommit(true)");
        assertThatThrownBy(() -> JdbcJobStore.createWithoutMigrating(pool))
            .isInstanceOf(IllegalArgumentException.class);
      }
    }
  }

  @Test
  void givenTheHazard_whenTwoManualCommitConnectionsWrite_thenTheSecondIsLockedOut()
      throws Exception {
    // What the refusal prevents, shown on the driver itself (with a short busy timeout).
    String url =
        JdbcJobStore.sqliteUrl(directory).replace("busy_timeout=10000", "busy_timeout=200");
    try (Connection first = DriverManager.getConnection(url);
        Connection second = DriverManager.getConnection(url)) {
      first.createStatement().execute("create table t(x int)");
      first.setAutoCommit(false); // idle from here on, as in a pool

      assertThatThrownBy(
              () -> {
                second.setAutoCommit(false);
                second.createStatement().execute("insert into t values (1)");
                second.commit();
              })
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("locked");
    }
  }

  @Test
  void givenAnAutoCommitPool_whenCreatingTheStore_thenItWorks() {
    try (HikariDataSource pool = pool(true, 4);
        JdbcJobStore store = JdbcJobStore.create(pool)) {
      assertThat(store.list(JobFilter.builder().build())).isEmpty();
    }
  }

  private HikariDataSource pool(boolean autoCommit, int connections) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(JdbcJobStore.sqliteUrl(directory));
    config.setAutoCommit(autoCommit);
    config.setMaximumPoolSize(connections);
    return new HikariDataSource(config);
  }
}
