package dev.genjobs.client.store.jdbc.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.store.Attempt;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import dev.genjobs.client.store.jdbc.testing.LedgerClients;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A durable follow ends when the provider's answer to a poll cannot change (here 404: the job is
 * not there), with the answer as the record's reason, instead of polling every interval forever.
 */
class PermanentPollFailureTest {

  @TempDir Path directory;

  @Test
  void aPermanent404EndsTheDurableRecordWithAReason() throws Exception {
    try (ProviderStandIns standIns =
            ProviderStandIns.start(
                StandInOptions.builder().stepDuration(Duration.ofMillis(50)).build());
        JdbcJobStore ledger = JdbcJobStore.embedded(directory);
        GenJobsClient client = LedgerClients.client(standIns.baseUrl(), ledger, "gives-up")) {
      JobRecord gone = activeRecordOfAJobTheProviderDoesNotHave();
      ledger.insert(gone);
      List<Job> resumed = client.jobs().resume();
      assertThat(resumed).hasSize(1);

      assertThatThrownBy(() -> resumed.get(0).await(Duration.ofSeconds(20)))
          .hasMessageContaining("404");

      JobRecord r = ledger.get(gone.ledgerId()).orElseThrow();
      assertThat(r.state()).isEqualTo(LedgerState.ABANDONED);
      assertThat(r.failureReason()).hasValueSatisfying(why -> assertThat(why).contains("404"));
      assertThat(r.nextPollAt()).as("no poll is due any more").isEmpty();
      assertThat(r.attempts()).extracting(Attempt::event).containsOnlyOnce("poll-refused");
    }
  }

  private static JobRecord activeRecordOfAJobTheProviderDoesNotHave() {
    Instant now = Instant.now();
    return JobRecord.builder()
        .ledgerId(UUID.randomUUID().toString())
        .provider(Provider.CREATIVE_API)
        .operation("generate")
        .state(LedgerState.ACTIVE)
        .requestSummary("model=flux-pro")
        .requestFingerprint("0".repeat(64))
        .correlationToken(UUID.randomUUID().toString().replace("-", ""))
        .providerJobId("no-such-job-" + UUID.randomUUID())
        .createdAt(now)
        .nextPollAt(now)
        .addAttempt(new Attempt(now, "created", "no-such-job", "elsewhere"))
        .build();
  }
}
