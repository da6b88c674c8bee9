package dev.genjobs.client.store.jdbc.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.store.Attempt;
import dev.genjobs.client.store.JobFilter;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import dev.genjobs.client.store.jdbc.testing.EmbeddedPostgresDb;
import dev.genjobs.client.store.jdbc.testing.LedgerClients;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ledger on an application's pool whose connections do not auto-commit (a usual Hikari setting,
 * and what the Spring Boot starter may hand the ledger): every write commits anyway. Without
 * explicit commits the pool rolls each write back when the connection returns, and a restarted
 * service finds an empty ledger.
 */
class PoolWithoutAutoCommitTest {

  @Test
  void intentsOutcomesAndPollsSurviveARestart() throws Exception {
    EmbeddedPostgresDb.Database database = EmbeddedPostgresDb.newDatabase();
    String ledgerId;
    String jobId;
    try (ProviderStandIns standIns =
            ProviderStandIns.start(
                StandInOptions.builder().stepDuration(Duration.ofMillis(50)).build());
        HikariDataSource pool = poolWithoutAutoCommit(database.jdbcUrl());
        JdbcJobStore ledger = JdbcJobStore.create(pool);
        GenJobsClient client = LedgerClients.client(standIns.baseUrl(), ledger, "no-autocommit")) {
      Job job = client.creative().generate(LedgerClients.generate(null, 1));
      job.await(Duration.ofSeconds(30));
      ledgerId = job.ledgerId().orElseThrow();
      jobId = job.id();
    }

    // A new pool and store: what the service sees after a restart.
    try (JdbcJobStore restarted = JdbcJobStore.open(database.jdbcUrl(), "postgres", "")) {
      JobRecord r = restarted.get(ledgerId).orElseThrow();
      assertThat(r.providerJobId()).contains(jobId);
      assertThat(r.state()).isEqualTo(LedgerState.ENDED);
      assertThat(r.status()).contains(JobStatus.SUCCEEDED);
      assertThat(r.attempts())
          .extracting(Attempt::event)
          .contains("create-intent", "created", "ended");
      assertThat(r.attempts())
          .filteredOn(a -> a.event().equals("ended"))
          .extracting(Attempt::detail)
          .allMatch(d -> d.startsWith("poll:"));
      List<JobRecord> all = restarted.list(JobFilter.builder().build());
      assertThat(all).extracting(JobRecord::ledgerId).containsExactly(ledgerId);
    }
  }

  private static HikariDataSource poolWithoutAutoCommit(String jdbcUrl) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername("postgres");
    config.setAutoCommit(false);
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }
}
