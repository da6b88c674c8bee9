package dev.genjobs.client.store.jdbc.durability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.store.jdbc.JdbcJobStore;
import dev.genjobs.client.store.jdbc.testing.EmbeddedPostgresDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PostgreSQL (fsync on), through a pool whose connections do not auto-commit, every insert the
 * store acknowledged is there after the writer is killed with SIGKILL.
 */
class PostgresKillProbeTest {

  @TempDir Path directory;

  @Test
  void everyAcknowledgedInsertSurvivesSigkillOfTheWriter() throws Exception {
    EmbeddedPostgresDb.Database database = EmbeddedPostgresDb.newDatabase();
    KillProbe probe =
        new KillProbe(
            List.of("url", database.jdbcUrl(), "postgres"),
            () -> JdbcJobStore.create(database.dataSource()),
            directory.resolve("children.err").toFile(),
            19);

    KillProbe.Result result = probe.run(EmbeddedStoreKillProbeTest.ROUNDS);

    System.out.println("kill probe, PostgreSQL, pool autoCommit=false: " + result);
    assertThat(result.acknowledged()).isGreaterThanOrEqualTo(EmbeddedStoreKillProbeTest.ROUNDS);
    assertThat(result.lost()).as("acknowledged rows missing after SIGKILL").isEmpty();
  }
}
