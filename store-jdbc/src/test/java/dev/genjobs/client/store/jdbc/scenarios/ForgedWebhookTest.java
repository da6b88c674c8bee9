package dev.genjobs.client.store.jdbc.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.JobWatcher;
import dev.genjobs.client.jobs.WatchHooks;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
        GenJobsClient client =
            GenJobsClient.create(
                LedgerClients.options(standIns.baseUrl(), ledger, "receiver")
                    .watchHooks(verdicts)
                    .build())) {
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

      // Kept durably; the confirming GET runs as work, on whichever instance runs it.
      assertThat(result.outcome()).isEqualTo(WebhookResult.Outcome.CONFIRMATION_DUE);
      assertThat(verdicts.of("made-up-42").get(30, TimeUnit.SECONDS))
          .isEqualTo(JobWatcher.Confirmation.FAILED);
      JobRecord after = ledger.get(ambiguous.ledgerId()).orElseThrow();
      assertThat(after.state()).isEqualTo(LedgerState.AMBIGUOUS);
      assertThat(after.providerJobId()).isEmpty();
    }
  }

  @Test
  void aTokenTaggedDeliveryNamingARealJobBindsItOnceTheGetConfirmedIt() throws Exception {
    try (ProviderStandIns standIns =
            ProviderStandIns.start(
                StandInOptions.builder().stepDuration(Duration.ofMillis(50)).build());
        JdbcJobStore ledger = JdbcJobStore.embedded(directory);
        GenJobsClient client =
            GenJobsClient.create(
                LedgerClients.options(standIns.baseUrl(), ledger, "receiver")
                    .watchHooks(verdicts)
                    .build());
        GenJobsClient withoutLedger =
            GenJobsClient.create(
                LedgerClients.options(standIns.baseUrl(), null, "elsewhere")
                    .jobStore(null)
                    .build())) {
      // The job the ambiguous create did start (its answer was lost).
      String jobId = withoutLedger.creative().generate(LedgerClients.generate(null, 7)).id();
      JobRecord ambiguous = ambiguousCreativeApiRecord();
      ledger.insert(ambiguous);

      WebhookResult result =
          client
              .webhooks()
              .handle(
                  URI.create("http://hooks.test/in?genjobs_ref=" + ambiguous.correlationToken()),
                  ("{\"jobId\":\"" + jobId + "\",\"status\":\"completed\"}")
                      .getBytes(StandardCharsets.UTF_8),
                  Map.of());

      assertThat(result.outcome()).isEqualTo(WebhookResult.Outcome.CONFIRMATION_DUE);
      assertThat(verdicts.of(jobId).get(30, TimeUnit.SECONDS))
          .isIn(JobWatcher.Confirmation.COMPLETED, JobWatcher.Confirmation.STILL_RUNNING);
      JobRecord after = ledger.get(ambiguous.ledgerId()).orElseThrow();
      assertThat(after.providerJobId()).contains(jobId);
      assertThat(after.state()).isIn(LedgerState.ACTIVE, LedgerState.ENDED);
      assertThat(after.attempts())
          .anyMatch(a -> a.event().equals("bound") && a.detail().contains("confirmed by GET"));
    }
  }

  /** The confirmation verdicts the ledger reports, per job id. */
  private final Verdicts verdicts = new Verdicts();

  private static final class Verdicts implements WatchHooks {
    private final Map<String, CompletableFuture<JobWatcher.Confirmation>> byJob =
        new ConcurrentHashMap<>();

    CompletableFuture<JobWatcher.Confirmation> of(String jobId) {
      return byJob.computeIfAbsent(jobId, k -> new CompletableFuture<>());
    }

    @Override
    public void webhookConfirmation(
        Provider provider, String jobId, JobWatcher.Confirmation verdict) {
      of(jobId).complete(verdict);
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
