package dev.genjobs.client.store.jdbc.durability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.store.jdbc.JdbcJobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default ledger keeps every acknowledged write across {@code kill -9} at any instant:
 * the write-ahead intent is on disk before the client sends its create.
 */
class EmbeddedStoreKillProbeTest {

  /** At least 100 rounds (issue 19); a round costs about a third of a second here. */
  static final int ROUNDS = Integer.getInteger("genjobs.killProbe.rounds", 100);

  @TempDir Path directory;

  @Test
  void everyAcknowledgedInsertSurvivesSigkillAtRandomMoments() throws Exception {
    Path ledger = Files.createDirectories(directory.resolve("ledger"));
    KillProbe probe =
        new KillProbe(
            List.of("embedded", ledger.toString()),
            () -> JdbcJobStore.embedded(ledger),
            directory.resolve("children.err").toFile(),
            19);

    KillProbe.Result result = probe.run(ROUNDS);

    System.out.println(
        "kill probe, embedded store (" + JdbcJobStore.sqliteUrl(ledger) + "): " + result);
    assertThat(result.acknowledged()).isGreaterThanOrEqualTo(ROUNDS);
    assertThat(result.lost()).as("acknowledged rows missing after SIGKILL").isEmpty();
  }
}
