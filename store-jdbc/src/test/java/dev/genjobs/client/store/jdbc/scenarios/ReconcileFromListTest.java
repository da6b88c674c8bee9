package dev.genjobs.client.store.jdbc.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.store.Attempt;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import dev.genjobs.client.store.jdbc.testing.LedgerClients;
import dev.genjobs.client.unstructured.CreateJobRequest;
import dev.genjobs.client.upload.UploadFile;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unstructured has no webhooks, but lists its jobs: an ambiguous create is bound to the one job the
 * provider started around its intent that no record owns; with two candidates it stays ambiguous.
 */
class ReconcileFromListTest {

  @TempDir Path directory;

  @Test
  void anAmbiguousUnstructuredCreateIsBoundToTheOneUnownedJobListedInItsWindow() throws Exception {
    try (ProviderStandIns standIns =
            ProviderStandIns.start(
                StandInOptions.builder().stepDuration(Duration.ofMillis(50)).build());
        JdbcJobStore ledger = JdbcJobStore.embedded(directory);
        GenJobsClient withoutLedger =
            GenJobsClient.create(
                LedgerClients.options(standIns.baseUrl(), ledger, "x").jobStore(null).build());
        GenJobsClient client = LedgerClients.client(standIns.baseUrl(), ledger, "resumer")) {
      JobRecord ambiguous = ambiguousUnstructuredIntent(Instant.now());
      ledger.insert(ambiguous);
      // The create did reach the provider: a job exists that the ledger does not know.
      String started = withoutLedger.unstructured().createJob(request()).id();

      client.jobs().resume();

      JobRecord resolved = ledger.get(ambiguous.ledgerId()).orElseThrow();
      assertThat(resolved.providerJobId()).contains(started);
      assertThat(resolved.state()).isIn(LedgerState.ACTIVE, LedgerState.ENDED);
      assertThat(resolved.attempts())
          .extracting(Attempt::detail)
          .anyMatch(d -> d.startsWith("reconciled from the job list"));
    }
  }

  @Test
  void withTwoUnownedCandidatesTheCreateStaysAmbiguous() throws Exception {
    try (ProviderStandIns standIns =
            ProviderStandIns.start(
                StandInOptions.builder().stepDuration(Duration.ofMillis(50)).build());
        JdbcJobStore ledger = JdbcJobStore.embedded(directory);
        GenJobsClient withoutLedger =
            GenJobsClient.create(
                LedgerClients.options(standIns.baseUrl(), ledger, "x").jobStore(null).build());
        GenJobsClient client = LedgerClients.client(standIns.baseUrl(), ledger, "resumer")) {
      JobRecord ambiguous = ambiguousUnstructuredIntent(Instant.now());
      ledger.insert(ambiguous);
      withoutLedger.unstructured().createJob(request());
      withoutLedger.unstructured().createJob(request());

      client.jobs().resume();

      assertThat(ledger.get(ambiguous.ledgerId()).orElseThrow().state())
          .isEqualTo(LedgerState.AMBIGUOUS);
    }
  }

  private static CreateJobRequest request() {
    return CreateJobRequest.builder()
        .templateId("hi_res_partition")
        .file(
            UploadFile.of(
                "a.pdf", "%PDF-1.7".getBytes(StandardCharsets.US_ASCII), "application/pdf"))
        .build();
  }

  private static JobRecord ambiguousUnstructuredIntent(Instant at) {
    return JobRecord.builder()
        .ledgerId(UUID.randomUUID().toString())
        .provider(Provider.UNSTRUCTURED)
        .operation("create_job")
        .state(LedgerState.AMBIGUOUS)
        .requestSummary("request_data={\"template_id\":\"hi_res_partition\"}, files=[a.pdf]")
        .requestFingerprint("0".repeat(64))
        .correlationToken(UUID.randomUUID().toString().replace("-", ""))
        .createdAt(at)
        .build();
  }
}
