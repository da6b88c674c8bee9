package dev.genjobs.client.store.jdbc.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.store.Attempt;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import dev.genjobs.client.store.jdbc.testing.LedgerClients;
import dev.genjobs.client.webhooks.WebhookResult;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delivery carrying a record's correlation token (which can leak: it is in the webhook URL) binds
 * a job to that record only after the confirming GET shows the job exists at the provider.
 */
class ForgedWebhookTest {

  @TempDir Path directory;

  @Test
  void aTokenTaggedDeliveryNamingAMadeUpJobBindsNothing() throws Exception {
    try (ProviderStandIns standIns =
            ProviderStandIns.start(
                StandInOptions.builder().stepDuration(Duration.ofMillis(50)).build());
        JdbcJobStore ledger = JdbcJobStore.embedded(directory);
        GenJobsClient client = LedgerClients.client(standIns.baseUrl(), ledger, "receiver")) {
      JobRecord ambiguous = ambiguousCreativeApiRecord();
      ledger.insert(ambiguous);

      WebhookResult result =
          client
              .webhooks()
              .handle(
                  URI.create("http://hooks.test/in?genjobs_ref=" + ambiguous.correlationToken()),
                  "{\"jobId\":\"made-up-42\",\"status\":\"completed\"}"
                      .getBytes(StandardCharsets.UTF_8),
                  Map.of());

      assertThat(result.outcome()).isEqualTo(WebhookResult.Outcome.CONFIRMATION_FAILED);
      JobRecord after = ledger.get(ambiguous.ledgerId()).orElseThrow();
      assertThat(after.state()).isEqualTo(LedgerState.AMBIGUOUS);
      assertThat(after.providerJobId()).isEmpty();
    }
  }

  private static JobRecord ambiguousCreativeApiRecord() {
    Instant now = Instant.now();
    return JobRecord.builder()
        .ledgerId(UUID.randomUUID().toString())
        .provider(Provider.CREATIVE_API)
        .operation("generate")
        .state(LedgerState.AMBIGUOUS)
        .requestSummary("model=flux-pro")
        .requestFingerprint("0".repeat(64))
        .correlationToken(UUID.randomUUID().toString().replace("-", ""))
        .expectWebhook(true)
        .createdAt(now)
        .failureReason("read timed out after sending")
        .addAttempt(new Attempt(now, "ambiguous", "read timed out", "elsewhere"))
        .build();
  }
}
