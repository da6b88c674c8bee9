package dev.genjobs.client.store.jdbc.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.errors.GenJobsException;
import dev.genjobs.client.store.Attempt;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import dev.genjobs.client.store.jdbc.testing.LedgerClients;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resolving an ambiguous record by hand ({@code client.jobs().bind}, {@code jobs resolve --job-id})
 * first asks the record's provider for the job: a job id the provider does not have, or that
 * another record owns, is refused, and when the provider cannot answer nothing is bound.
 */
class ResolveChecksJobExistsTest {

  @TempDir Path directory;

  private ProviderStandIns standIns;
  private JdbcJobStore ledger;

  @BeforeEach
  void start() {
    standIns =
        ProviderStandIns.start(
            StandInOptions.builder().stepDuration(Duration.ofMillis(50)).build());
    ledger = JdbcJobStore.embedded(directory);
  }

  @AfterEach
  void stop() {
    ledger.close();
    standIns.close();
  }

  @Test
  void aJobIdTheProviderDoesNotHaveIsRefusedNamingTheProviderAndTheId() {
    JobRecord ambiguous = ambiguousRecord(Provider.CREATIVE_API);
    ledger.insert(ambiguous);

    try (GenJobsClient client = LedgerClients.client(standIns.baseUrl(), ledger, "resolver")) {
      assertThatThrownBy(() -> client.jobs().bind(ambiguous.ledgerId(), "job-made-up"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Creative API has no job job-made-up")
          .hasMessageContaining("404")
          .hasMessageContaining("nothing was bound");
    }

    JobRecord after = ledger.get(ambiguous.ledgerId()).orElseThrow();
    assertThat(after.state()).isEqualTo(LedgerState.AMBIGUOUS);
    assertThat(after.providerJobId()).isEmpty();
  }

  @Test
  void anUnstructuredJobIdThatIsNotThereIsRefusedToo() {
    JobRecord ambiguous = ambiguousRecord(Provider.UNSTRUCTURED);
    ledger.insert(ambiguous);
    String madeUp = UUID.randomUUID().toString();

    try (GenJobsClient client = LedgerClients.client(standIns.baseUrl(), ledger, "resolver")) {
      assertThatThrownBy(() -> client.jobs().bind(ambiguous.ledgerId(), madeUp))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Unstructured Platform has no job " + madeUp);
    }

    assertThat(ledger.get(ambiguous.ledgerId()).orElseThrow().state())
        .isEqualTo(LedgerState.AMBIGUOUS);
  }

  @Test
  void whenTheProviderCannotBeAskedNothingIsBound() {
    JobRecord ambiguous = ambiguousRecord(Provider.CREATIVE_API);
    ledger.insert(ambiguous);
    String jobId;
    try (GenJobsClient creator = unledgered()) {
      jobId = creator.creative().generate(LedgerClients.generate(null, 1)).id();
    }
    URI gone = standIns.baseUrl();
    standIns.close(); // the provider is unreachable from now on

    try (GenJobsClient client = LedgerClients.client(gone, ledger, "resolver")) {
      assertThatThrownBy(() -> client.jobs().bind(ambiguous.ledgerId(), jobId))
          .isInstanceOf(GenJobsException.class)
          .hasMessageContaining("could not check that Creative API job " + jobId + " exists")
          .hasMessageContaining("nothing was bound");
    }

    JobRecord after = ledger.get(ambiguous.ledgerId()).orElseThrow();
    assertThat(after.state()).isEqualTo(LedgerState.AMBIGUOUS);
    assertThat(after.providerJobId()).isEmpty();
  }

  @Test
  void aJobTheProviderHasIsBoundAndFollowed() {
    JobRecord ambiguous = ambiguousRecord(Provider.CREATIVE_API);
    ledger.insert(ambiguous);
    String jobId;
    try (GenJobsClient creator = unledgered()) {
      jobId = creator.creative().generate(LedgerClients.generate(null, 1)).id();
    }

    try (GenJobsClient client = LedgerClients.client(standIns.baseUrl(), ledger, "resolver")) {
      client.jobs().resolve(ambiguous.ledgerId(), jobId);
    }

    JobRecord after = ledger.get(ambiguous.ledgerId()).orElseThrow();
    assertThat(after.providerJobId()).contains(jobId);
    assertThat(after.state()).isIn(LedgerState.ACTIVE, LedgerState.ENDED);
    assertThat(after.attempts())
        .extracting(Attempt::detail)
        .contains("bound by hand, checked by GET: " + jobId);
  }

  @Test
  void aJobAnotherRecordOwnsIsRefusedNamingThatRecord() {
    JobRecord ambiguous = ambiguousRecord(Provider.CREATIVE_API);
    ledger.insert(ambiguous);

    try (GenJobsClient client = LedgerClients.client(standIns.baseUrl(), ledger, "resolver")) {
      var owned = client.creative().generate(LedgerClients.generate(null, 2));
      String owner = owned.ledgerId().orElseThrow();

      assertThatThrownBy(() -> client.jobs().bind(ambiguous.ledgerId(), owned.id()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("belongs to ledger record " + owner);
    }

    assertThat(ledger.get(ambiguous.ledgerId()).orElseThrow().providerJobId()).isEmpty();
  }

  private GenJobsClient unledgered() {
    return GenJobsClient.create(
        LedgerClients.options(standIns.baseUrl(), ledger, "x").jobStore(null).build());
  }

  private static JobRecord ambiguousRecord(Provider provider) {
    Instant createdAt = Instant.now().minusSeconds(60);
    return JobRecord.builder()
        .ledgerId(UUID.randomUUID().toString())
        .provider(provider)
        .operation(provider == Provider.CREATIVE_API ? "generate" : "create_job")
        .state(LedgerState.AMBIGUOUS)
        .requestSummary("model=flux-pro")
        .requestFingerprint("0".repeat(64))
        .correlationToken(UUID.randomUUID().toString().replace("-", ""))
        .failureReason("read timed out after sending")
        .createdAt(createdAt)
        .createDeadlineAt(createdAt.plusSeconds(5))
        .build();
  }
}
