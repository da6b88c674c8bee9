package dev.genjobs.client.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.jobs.OutputFile;
import dev.genjobs.client.store.Attempt;
import dev.genjobs.client.store.InputFingerprint;
import dev.genjobs.client.store.JobFilter;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.LedgerState;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link JobStore} promises; run against memory, H2 and PostgreSQL. */
abstract class JobStoreContract {

  static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123456Z");

  JobStore store;

  /** A store on a fresh, empty ledger. */
  abstract JobStore newStore() throws Exception;

  /** Another store on the same ledger, as a second instance of a service would have. */
  abstract JobStore sameLedgerAgain() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = newStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  static JobRecord intent(String summary, Instant createdAt) {
    return JobRecord.builder()
        .ledgerId(UUID.randomUUID().toString())
        .provider(Provider.CREATIVE_API)
        .operation("generate")
        .state(LedgerState.INTENT)
        .requestSummary(summary)
        .requestFingerprint("f".repeat(64))
        .correlationToken(UUID.randomUUID().toString())
        .expectWebhook(true)
        .createdAt(createdAt)
        .addAttempt(new Attempt(createdAt, "create-sent", "POST generate", "instance-a"))
        .build();
  }

  static JobRecord active(JobRecord r, String jobId, Instant nextPoll) {
    return r.toBuilder()
        .state(LedgerState.ACTIVE)
        .providerJobId(jobId)
        .status(JobStatus.QUEUED, "pending")
        .nextPollAt(nextPoll)
        .build();
  }

  @Test
  void aStoredRecordReadsBackExactlyWithItsOutputsAndHistory() {
    JobRecord r =
        intent("model=flux, input keys=[prompt]", T0).toBuilder()
            .state(LedgerState.ENDED)
            .providerJobId("job-1")
            .status(JobStatus.FAILED, "failed")
            .failureReason("content policy")
            .outputUrls(List.of(URI.create("https://cdn.example/a.png")))
            .outputFiles(List.of(new OutputFile("file-1", "node-1", "partition", "hi_res")))
            .endedAt(T0.plusSeconds(30))
            .updatedAt(T0.plusSeconds(30))
            .addAttempt(new Attempt(T0.plusSeconds(1), "created", "job-1", "instance-a"))
            .build();

    store.insert(r);

    assertThat(store.get(r.ledgerId())).contains(r);
    assertThat(store.get("no-such-id")).isEmpty();
  }

  @Test
  void aRecordKeepsItsInputFingerprintCreateDeadlineAndCandidates() {
    JobRecord r =
        intent("request_data={...}, files=[a.pdf]", T0).toBuilder()
            .inputFingerprint(
                InputFingerprint.builder()
                    .field("request_data.template_id", "hi_res_partition")
                    .fileNames("files", List.of("a.pdf", "b.pdf"))
                    .build())
            .createDeadlineAt(T0.plusSeconds(3600).plusNanos(123_000))
            .state(LedgerState.AMBIGUOUS)
            .candidateJobIds(List.of("job-1", "job-2"))
            .build();

    store.insert(r);
    JobRecord read = store.get(r.ledgerId()).orElseThrow();

    assertThat(read).isEqualTo(r);
    assertThat(read.inputFingerprint().fields())
        .containsOnlyKeys("files", "request_data.template_id");
    assertThat(read.createDeadlineAt()).contains(T0.plusSeconds(3600).plusNanos(123_000));
    assertThat(read.candidateJobIds()).containsExactly("job-1", "job-2");

    // Bound: the candidates go, and the record is written with none.
    JobRecord bound =
        store.replace(read, read.toBuilder().candidateJobIds(List.of()).build()).orElseThrow();
    assertThat(store.get(r.ledgerId()).orElseThrow().candidateJobIds()).isEmpty();
    assertThat(bound.inputFingerprint()).isEqualTo(r.inputFingerprint());
  }

  @Test
  void aRecordWithoutFingerprintOrDeadlineReadsBackWithoutThem() {
    JobRecord r = intent("written before fingerprints", T0);

    store.insert(r);
    JobRecord read = store.get(r.ledgerId()).orElseThrow();

    assertThat(read.inputFingerprint()).isEqualTo(InputFingerprint.none());
    assertThat(read.createDeadlineAt()).isEmpty();
    assertThat(read.candidateJobIds()).isEmpty();
  }

  @Test
  void aSecondRecordWithTheSameLedgerIdOrTokenIsRefused() {
    JobRecord r = intent("a", T0);
    store.insert(r);

    assertThatThrownBy(() -> store.insert(r)).isInstanceOf(IllegalStateException.class);
    JobRecord sameToken =
        intent("b", T0).toBuilder().correlationToken(r.correlationToken()).build();
    assertThatThrownBy(() -> store.insert(sameToken)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void replaceSucceedsOnlyFromTheVersionThatWasRead() {
    JobRecord r = intent("a", T0);
    store.insert(r);

    JobRecord first = store.replace(r, active(r, "job-1", T0)).orElseThrow();
    assertThat(first.version()).isEqualTo(r.version() + 1);

    // A writer that read the record before the first replace loses and must re-read.
    assertThat(store.replace(r, r.toBuilder().state(LedgerState.ABANDONED).build())).isEmpty();
    assertThat(store.get(r.ledgerId())).contains(first);
  }

  @Test
  void oneProviderJobBelongsToOneRecordOnly() {
    JobRecord a = intent("a", T0);
    JobRecord b = intent("b", T0);
    store.insert(a);
    store.insert(b);
    store.replace(a, active(a, "job-1", T0)).orElseThrow();

    assertThatThrownBy(() -> store.replace(b, active(b, "job-1", T0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("job-1");
    assertThat(store.get(b.ledgerId()).orElseThrow().state()).isEqualTo(LedgerState.INTENT);
  }

  @Test
  void listFiltersByStateProviderJobTokenAndTimeNewestFirst() {
    JobRecord old = intent("old", T0);
    JobRecord mid = intent("mid", T0.plusSeconds(10));
    JobRecord young = intent("young", T0.plusSeconds(20));
    store.insert(old);
    store.insert(mid);
    store.insert(young);
    store.replace(mid, active(mid, "job-mid", T0)).orElseThrow();

    assertThat(store.list(JobFilter.all()))
        .extracting(JobRecord::requestSummary)
        .containsExactly("young", "mid", "old");
    assertThat(store.list(JobFilter.builder().states(LedgerState.INTENT).build()))
        .extracting(JobRecord::requestSummary)
        .containsExactly("young", "old");
    assertThat(store.list(JobFilter.builder().providerJobId("job-mid").build()))
        .extracting(JobRecord::requestSummary)
        .containsExactly("mid");
    assertThat(store.list(JobFilter.builder().correlationToken(old.correlationToken()).build()))
        .extracting(JobRecord::requestSummary)
        .containsExactly("old");
    assertThat(
            store.list(
                JobFilter.builder()
                    .createdAfter(T0.plusSeconds(5))
                    .createdBefore(T0.plusSeconds(20))
                    .build()))
        .extracting(JobRecord::requestSummary)
        .containsExactly("mid");
    assertThat(store.list(JobFilter.builder().provider(Provider.UNSTRUCTURED).build())).isEmpty();
    assertThat(store.list(JobFilter.builder().limit(1).build())).hasSize(1);
    assertThat(store.list(JobFilter.builder().ledgerIds(List.of(old.ledgerId(), "x")).build()))
        .extracting(JobRecord::requestSummary)
        .containsExactly("old");
  }

  @Test
  void recordsThatEndedBeforeTheCutoffAreDeletedAndOpenOnesNever() {
    Instant cutoff = T0.minus(Duration.ofDays(30));
    JobRecord oldEnded =
        ended(intent("old ended", T0.minus(Duration.ofDays(41))), T0.minus(Duration.ofDays(40)));
    JobRecord recentEnded =
        ended(intent("recent ended", T0.minus(Duration.ofDays(2))), T0.minus(Duration.ofDays(1)));
    JobRecord oldRefused =
        intent("old refused", T0.minus(Duration.ofDays(50))).toBuilder()
            .state(LedgerState.REFUSED)
            .updatedAt(T0.minus(Duration.ofDays(50)))
            .build();
    JobRecord oldAmbiguous =
        intent("old ambiguous", T0.minus(Duration.ofDays(60))).toBuilder()
            .state(LedgerState.AMBIGUOUS)
            .updatedAt(T0.minus(Duration.ofDays(60)))
            .build();
    for (JobRecord r : List.of(oldEnded, recentEnded, oldRefused, oldAmbiguous)) store.insert(r);

    int deleted = store.deleteEndedBefore(cutoff);

    assertThat(deleted).isEqualTo(2);
    assertThat(store.list(JobFilter.builder().build()))
        .extracting(JobRecord::ledgerId)
        .containsExactlyInAnyOrder(recentEnded.ledgerId(), oldAmbiguous.ledgerId());
  }

  private static JobRecord ended(JobRecord r, Instant endedAt) {
    return active(r, "job-" + r.ledgerId(), null).toBuilder()
        .state(LedgerState.ENDED)
        .status(JobStatus.SUCCEEDED, "done")
        .endedAt(endedAt)
        .updatedAt(endedAt)
        .build();
  }

  JobRecord stored(JobRecord r) {
    JobRecord asIntent = r.toBuilder().build();
    store.insert(asIntent);
    return store.get(r.ledgerId()).orElseThrow();
  }
}
