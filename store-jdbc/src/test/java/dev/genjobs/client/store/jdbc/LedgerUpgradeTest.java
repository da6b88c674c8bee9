package dev.genjobs.client.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.store.InputFingerprint;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.testing.EmbeddedPostgresDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ledger written before V3 (no input fingerprint, no stored create deadline, no candidates) is
 * upgraded in place on every supported database: its rows read back without them, and can be
 * written with them.
 */
class LedgerUpgradeTest {

  static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123456Z");

  @TempDir Path directory;

  @Test
  void aSqliteLedgerOfVersion2IsUpgradedWithItsRows() throws Exception {
    String url = JdbcJobStore.sqliteUrl(directory);
    upgradesWithItsRows(url, "", "", true);
  }

  @Test
  void anH2LedgerOfVersion2IsUpgradedWithItsRows() throws Exception {
    String url = "jdbc:h2:" + directory.toAbsolutePath().resolve("upgrade");
    upgradesWithItsRows(url, "sa", "", false);
  }

  @Test
  void aPostgreSqlLedgerOfVersion2IsUpgradedWithItsRows() throws Exception {
    upgradesWithItsRows(EmbeddedPostgresDb.newDatabase().jdbcUrl(), "postgres", "", false);
  }

  private static void upgradesWithItsRows(String url, String user, String password, boolean sqlite)
      throws Exception {
    Flyway.configure(JdbcJobStore.class.getClassLoader())
        .dataSource(url, user, password)
        .locations(JdbcJobStore.MIGRATIONS_LOCATION)
        .table(JdbcJobStore.SCHEMA_HISTORY_TABLE)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .target("2")
        .load()
        .migrate();
    String ledgerId = UUID.randomUUID().toString();
    try (Connection c = DriverManager.getConnection(url, user, password);
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO genjobs_job (ledger_id, version, provider, operation, state,"
                    + " request_summary, request_fingerprint, correlation_token, expect_webhook,"
                    + " created_at, updated_at) VALUES (?, 0, 'UNSTRUCTURED', 'create_job',"
                    + " 'AMBIGUOUS', 'files=[a.pdf]', ?, ?, FALSE, ?, ?)")) {
      ps.setString(1, ledgerId);
      ps.setString(2, "0".repeat(64));
      ps.setString(3, UUID.randomUUID().toString().replace("-", ""));
      for (int i = 4; i <= 5; i++) {
        if (sqlite) ps.setLong(i, ChronoUnit.MICROS.between(Instant.EPOCH, T0));
        else ps.setObject(i, T0.atOffset(ZoneOffset.UTC));
      }
      ps.executeUpdate();
    }

    try (JdbcJobStore upgraded = JdbcJobStore.open(url, user, password)) {
      JobRecord old = upgraded.get(ledgerId).orElseThrow();
      assertThat(old.state()).isEqualTo(LedgerState.AMBIGUOUS);
      assertThat(old.createdAt()).isEqualTo(T0);
      assertThat(old.inputFingerprint()).isEqualTo(InputFingerprint.none());
      assertThat(old.createDeadlineAt()).isEmpty();
      assertThat(old.candidateJobIds()).isEmpty();
      // V5: the former enum constant name became the provider's id, so filters by id find it.
      assertThat(old.provider()).isEqualTo(dev.genjobs.client.Provider.UNSTRUCTURED);
      assertThat(
              upgraded.list(
                  dev.genjobs.client.store.JobFilter.builder()
                      .provider(dev.genjobs.client.Provider.UNSTRUCTURED)
                      .build()))
          .extracting(JobRecord::ledgerId)
          .contains(ledgerId);

      JobRecord withNewFields =
          old.toBuilder()
              .inputFingerprint(InputFingerprint.builder().field("model", "m").build())
              .createDeadlineAt(T0.plusSeconds(5))
              .candidateJobIds(java.util.List.of("job-1"))
              .build();
      upgraded.replace(old, withNewFields).orElseThrow();
      assertThat(upgraded.get(ledgerId).orElseThrow())
          .isEqualTo(withNewFields.toBuilder().version(1).build());
    }
  }
}
