package dev.genjobs.client.store.jdbc.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.store.Attempt;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import dev.genjobs.client.store.jdbc.testing.DelegatingStore;
import dev.genjobs.client.store.jdbc.testing.LedgerClients;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ended records are deleted after the ledger's retention by a recurring task of the durable work
 * (db-scheduler), which runs once when work first starts on a ledger and hourly after.
 */
class RetentionTest {

  @TempDir Path directory;

  @Test
  void endedRecordsPastTheRetentionAreDeletedByTheRecurringTask() throws Exception {
    try (ProviderStandIns standIns =
            ProviderStandIns.start(
                StandInOptions.builder().stepDuration(Duration.ofMillis(50)).build());
        JdbcJobStore ledger = JdbcJobStore.embedded(directory)) {
      Instant now = Instant.now();
      JobRecord old = ended("old", now.minus(Duration.ofDays(3)));
      JobRecord recent = ended("recent", now.minus(Duration.ofHours(2)));
      ledger.insert(old);
      ledger.insert(recent);
      CountDownLatch retentionRan = new CountDownLatch(1);
      DelegatingStore watched =
          new DelegatingStore(ledger) {
            @Override
            public int deleteEndedBefore(Instant cutoff) {
              int deleted = super.deleteEndedBefore(cutoff);
              retentionRan.countDown();
              return deleted;
            }
          };

      try (GenJobsClient client =
          GenJobsClient.create(
              LedgerClients.options(standIns.baseUrl(), watched, "keeper")
                  .ledgerPolicy(LedgerClients.fastLedger().withRetention(Duration.ofDays(1)))
                  .build())) {
        assertThat(retentionRan.await(30, TimeUnit.SECONDS)).as("retention ran").isTrue();
      }

      assertThat(ledger.get(old.ledgerId())).isEmpty();
      assertThat(ledger.get(recent.ledgerId())).isPresent();
    }
  }

  private static JobRecord ended(String name, Instant endedAt) {
    Instant created = endedAt.minus(Duration.ofMinutes(5));
    return JobRecord.builder()
        .ledgerId(UUID.randomUUID().toString())
        .provider(Provider.CREATIVE_API)
        .operation("generate")
        .state(LedgerState.ENDED)
        .requestSummary(name)
        .requestFingerprint("0".repeat(64))
        .correlationToken(UUID.randomUUID().toString().replace("-", ""))
        .providerJobId("job-" + name)
        .status(JobStatus.SUCCEEDED, "done")
        .createdAt(created)
        .updatedAt(endedAt)
        .endedAt(endedAt)
        .addAttempt(new Attempt(created, "create-intent", "generate", "elsewhere"))
        .build();
  }
}
