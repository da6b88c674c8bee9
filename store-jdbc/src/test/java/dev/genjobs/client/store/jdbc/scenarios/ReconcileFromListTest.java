package dev.genjobs.client.store.jdbc.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.store.Attempt;
import dev.genjobs.client.store.InputFingerprint;
import dev.genjobs.client.store.JobFilter;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.JobStoreException;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import dev.genjobs.client.store.jdbc.testing.DelegatingStore;
import dev.genjobs.client.store.jdbc.testing.EmbeddedPostgresDb;
import dev.genjobs.client.store.jdbc.testing.LedgerClients;
import dev.genjobs.client.unstructured.CreateJobRequest;
import dev.genjobs.client.upload.UploadFile;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Unstructured has no webhooks, but lists its jobs with their workflow and input files: an
 * ambiguous create is bound to the one job in its window whose listed inputs match the record's
 * input fingerprint and that no record owns. Creation time alone never binds: a job another client
 * made in the same window with other inputs (a foreign job) is never bound; two matching jobs keep
 * the record AMBIGUOUS with both listed as candidates. On the embedded ledger and on PostgreSQL.
 */
class ReconcileFromListTest {

  @TempDir Path directory;

  private ProviderStandIns standIns;
  private JdbcJobStore ledger;
  private GenJobsClient withoutLedger;

  private void start(String database) {
    standIns =
        ProviderStandIns.start(
            StandInOptions.builder().stepDuration(Duration.ofMillis(50)).build());
    ledger =
        database.equals("postgres")
            ? JdbcJobStore.create(EmbeddedPostgresDb.newDatabase().dataSource())
            : JdbcJobStore.embedded(directory);
    // A client of the same account without a ledger: its jobs are foreign to the ledger.
    withoutLedger =
        GenJobsClient.create(
            LedgerClients.options(standIns.baseUrl(), ledger, "x").jobStore(null).build());
  }

  @AfterEach
  void stop() {
    if (withoutLedger != null) withoutLedger.close();
    if (ledger != null) ledger.close();
    if (standIns != null) standIns.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "postgres"})
  void aLostCreateIsBoundToItsOwnJobAndNotToAForeignJobWithOtherInputsInItsWindow(String database)
      throws Exception {
    start(database);
    String foreign = withoutLedger.unstructured().createJob(request("other.pdf")).id();
    String ledgerId = createWhoseAnswerIsLost(request("a.pdf"));
    String own = onlyUnownedJobBesides(foreign);

    try (GenJobsClient client = LedgerClients.client(standIns.baseUrl(), ledger, "resumer")) {
      client.jobs().resume();
    }

    JobRecord resolved = ledger.get(ledgerId).orElseThrow();
    assertThat(resolved.providerJobId()).contains(own);
    assertThat(resolved.state()).isIn(LedgerState.ACTIVE, LedgerState.ENDED);
    assertThat(resolved.candidateJobIds()).isEmpty();
    assertThat(resolved.attempts())
        .extracting(Attempt::detail)
        .anyMatch(d -> d.startsWith("reconciled from the job list"));
    assertThat(ownerOf(foreign)).as("the foreign job belongs to no record").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "postgres"})
  void aForeignJobWithOtherInputsIsNeverBoundEvenWhenItIsTheOnlyJobInTheWindow(String database) {
    start(database);
    // The record's create never reached the provider; another client made a job meanwhile.
    JobRecord ambiguous = ambiguousRecord(Instant.now(), fingerprintOf("a.pdf"));
    ledger.insert(ambiguous);
    String foreign = withoutLedger.unstructured().createJob(request("other.pdf")).id();

    try (GenJobsClient client = LedgerClients.client(standIns.baseUrl(), ledger, "resumer")) {
      client.jobs().resume();
    }

    JobRecord after = ledger.get(ambiguous.ledgerId()).orElseThrow();
    assertThat(after.state()).isEqualTo(LedgerState.AMBIGUOUS);
    assertThat(after.providerJobId()).isEmpty();
    assertThat(after.candidateJobIds()).isEmpty();
    assertThat(ownerOf(foreign)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "postgres"})
  void withTwoMatchingJobsTheRecordStaysAmbiguousWithBothListedAsCandidates(String database) {
    start(database);
    JobRecord ambiguous = ambiguousRecord(Instant.now(), fingerprintOf("a.pdf"));
    ledger.insert(ambiguous);
    String first = withoutLedger.unstructured().createJob(request("a.pdf")).id();
    String second = withoutLedger.unstructured().createJob(request("a.pdf")).id();
    String foreign = withoutLedger.unstructured().createJob(request("other.pdf")).id();

    try (GenJobsClient client = LedgerClients.client(standIns.baseUrl(), ledger, "resumer")) {
      client.jobs().resume();
    }

    JobRecord after = ledger.get(ambiguous.ledgerId()).orElseThrow();
    assertThat(after.state()).isEqualTo(LedgerState.AMBIGUOUS);
    assertThat(after.providerJobId()).isEmpty();
    assertThat(after.candidateJobIds()).containsExactlyInAnyOrder(first, second);
    assertThat(after.candidateJobIds()).doesNotContain(foreign);
    assertThat(after.attempts()).extracting(Attempt::event).contains("candidates");
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "postgres"})
  void oneMatchingJobThatTwoRecordsCouldOwnIsBoundToNeither(String database) {
    start(database);
    Instant now = Instant.now();
    JobRecord one = ambiguousRecord(now, fingerprintOf("a.pdf"));
    JobRecord two = ambiguousRecord(now, fingerprintOf("a.pdf"));
    ledger.insert(one);
    ledger.insert(two);
    String job = withoutLedger.unstructured().createJob(request("a.pdf")).id();

    try (GenJobsClient client = LedgerClients.client(standIns.baseUrl(), ledger, "resumer")) {
      client.jobs().resume();
    }

    for (JobRecord r : List.of(one, two)) {
      JobRecord after = ledger.get(r.ledgerId()).orElseThrow();
      assertThat(after.state()).isEqualTo(LedgerState.AMBIGUOUS);
      assertThat(after.candidateJobIds()).containsExactly(job);
    }
    assertThat(ownerOf(job)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "postgres"})
  void aRecordWithoutAnInputFingerprintIsNeverBoundByTimeAlone(String database) {
    start(database);
    // Written before fingerprints existed: the list's inputs cannot be compared with anything.
    JobRecord old = ambiguousRecord(Instant.now(), InputFingerprint.none());
    ledger.insert(old);
    String job = withoutLedger.unstructured().createJob(request("a.pdf")).id();

    try (GenJobsClient client = LedgerClients.client(standIns.baseUrl(), ledger, "resumer")) {
      client.jobs().resume();
    }

    assertThat(ledger.get(old.ledgerId()).orElseThrow().state()).isEqualTo(LedgerState.AMBIGUOUS);
    assertThat(ownerOf(job)).isEmpty();
  }

  /**
   * Creates with a ledger client whose database fails as the answer arrives, then stops: the job
   * exists at the provider, the record is an INTENT. Its create deadline is then moved to now, as
   * if the deadline had passed while the process was down.
   */
  private String createWhoseAnswerIsLost(CreateJobRequest request) {
    String ledgerId;
    try (GenJobsClient creator =
        GenJobsClient.create(
            LedgerClients.options(standIns.baseUrl(), new OutcomesLost(ledger), "creator")
                .ledgerPolicy(LedgerClients.fastLedger().withoutPolling())
                .build())) {
      ledgerId = creator.unstructured().createJob(request).ledgerId().orElseThrow();
    }
    JobRecord intent = ledger.get(ledgerId).orElseThrow();
    assertThat(intent.state()).isEqualTo(LedgerState.INTENT);
    assertThat(intent.inputFingerprint().isEmpty()).isFalse();
    ledger
        .replace(intent, intent.toBuilder().createDeadlineAt(intent.createdAt()).build())
        .orElseThrow();
    return ledgerId;
  }

  private String onlyUnownedJobBesides(String foreign) {
    try (GenJobsClient reader =
        GenJobsClient.create(
            LedgerClients.options(standIns.baseUrl(), ledger, "reader").jobStore(null).build())) {
      List<String> others =
          reader.unstructured().listJobs(null, null).stream()
              .map(s -> s.id())
              .filter(id -> !id.equals(foreign))
              .toList();
      assertThat(others).hasSize(1);
      return others.get(0);
    }
  }

  private Optional<JobRecord> ownerOf(String jobId) {
    return ledger
        .list(
            JobFilter.builder()
                .provider(Provider.UNSTRUCTURED)
                .providerJobId(jobId)
                .limit(1)
                .build())
        .stream()
        .findFirst();
  }

  private static CreateJobRequest request(String fileName) {
    return CreateJobRequest.builder()
        .templateId("hi_res_partition")
        .file(
            UploadFile.of(
                fileName, "%PDF-1.7".getBytes(StandardCharsets.US_ASCII), "application/pdf"))
        .build();
  }

  /** What the Unstructured client keeps of {@link #request}: its template and file names. */
  private static InputFingerprint fingerprintOf(String fileName) {
    return InputFingerprint.builder()
        .field("request_data.template_id", "hi_res_partition")
        .fileNames("files", List.of(fileName))
        .build();
  }

  private static JobRecord ambiguousRecord(Instant at, InputFingerprint inputs) {
    return JobRecord.builder()
        .ledgerId(UUID.randomUUID().toString())
        .provider(Provider.UNSTRUCTURED)
        .operation("create_job")
        .state(LedgerState.AMBIGUOUS)
        .requestSummary("request_data={\"template_id\":\"hi_res_partition\"}, files=[a.pdf]")
        .requestFingerprint("0".repeat(64))
        .inputFingerprint(inputs)
        .createDeadlineAt(at.plusSeconds(10))
        .correlationToken(UUID.randomUUID().toString().replace("-", ""))
        .createdAt(at)
        .build();
  }

  /** The creator's view of the ledger: every create's answer fails to be stored. */
  private static final class OutcomesLost extends DelegatingStore {
    OutcomesLost(JobStore delegate) {
      super(delegate);
    }

    @Override
    public Optional<JobRecord> replace(JobRecord current, JobRecord next) {
      if (current.state() == LedgerState.INTENT && next.state() != LedgerState.INTENT) {
        throw new JobStoreException("connection refused (the test's database is away)", null);
      }
      return super.replace(current, next);
    }
  }
}
