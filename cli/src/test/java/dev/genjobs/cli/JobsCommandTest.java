package dev.genjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genjobs.cli.CliRunner.Result;
import dev.genjobs.client.Provider;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobsCommandTest {

  private final CliRunner cli = CliRunner.against(StandIns.succeeding());

  @TempDir Path ledger;

  @Test
  void aCreatedJobIsInTheLedgerAndResumeFollowsItToItsEnd() {
    String jobId = createCreativeJob();

    JsonNode listed = cli.run("--json", "--store", ledger.toString(), "jobs", "list").json();
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).path("jobId").asText()).isEqualTo(jobId);
    assertThat(listed.get(0).path("state").asText()).isEqualTo("ACTIVE");

    Result resumed = cli.run("--store", ledger.toString(), "jobs", "resume", "--timeout", "30s");
    assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
    assertThat(resumed.out()).contains(jobId).contains("ENDED");

    String ledgerId = listed.get(0).path("ledgerId").asText();
    JsonNode shown =
        cli.run("--json", "--store", ledger.toString(), "jobs", "show", ledgerId).json();
    assertThat(shown.path("state").asText()).isEqualTo("ENDED");
    assertThat(shown.path("status").asText()).isEqualTo("SUCCEEDED");
    List<String> events = new ArrayList<>();
    shown.path("history").forEach(h -> events.add(h.path("event").asText()));
    assertThat(events).containsSubsequence("create-intent", "created", "ended");
    assertThat(shown.toString()).doesNotContain("test-creative-key");
  }

  @Test
  void anAmbiguousRecordIsResolvedByAbandoningItAndResumeNamesItUntilThen() {
    String ledgerId = ambiguousRecord();

    Result resumed = cli.run("--store", ledger.toString(), "jobs", "resume", "--timeout", "5s");
    assertThat(resumed.exitCode()).isEqualTo(ExitStatus.JOB_UNSUCCESSFUL.code);
    assertThat(resumed.out()).contains(ledgerId).contains("AMBIGUOUS").contains("jobs resolve");

    Result resolved =
        cli.run("--json", "--store", ledger.toString(), "jobs", "resolve", ledgerId, "--abandon");
    assertThat(resolved.exitCode()).as(resolved.toString()).isZero();
    assertThat(resolved.json().path("state").asText()).isEqualTo("ABANDONED");
  }

  @Test
  void anIntentWhoseCreateMayStillBeAnsweredIsShownInFlightAndCannotBeResolvedYet() {
    String ledgerId = record(LedgerState.INTENT, Instant.now());

    Result resumed = cli.run("--store", ledger.toString(), "jobs", "resume", "--timeout", "5s");
    assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
    assertThat(resumed.out())
        .contains(ledgerId)
        .contains("in flight")
        .doesNotContain("jobs resolve " + ledgerId);

    Result resolved =
        cli.run("--store", ledger.toString(), "jobs", "resolve", ledgerId, "--abandon");
    assertThat(resolved.exitCode()).isEqualTo(ExitStatus.USAGE.code);
    assertThat(resolved.err()).contains("may still be in flight");
    JsonNode shown =
        cli.run("--json", "--store", ledger.toString(), "jobs", "show", ledgerId).json();
    assertThat(shown.path("state").asText()).isEqualTo("INTENT");
  }

  @Test
  void awaitRecordsTheEndOfAJobTheLedgerRecords() {
    String jobId = createCreativeJob();

    Result awaited =
        cli.run(
            "--store",
            ledger.toString(),
            "await",
            "--provider",
            "creative-api",
            "--timeout",
            "30s",
            jobId);
    assertThat(awaited.exitCode()).as(awaited.toString()).isZero();

    JsonNode listed = cli.run("--json", "--store", ledger.toString(), "jobs", "list").json();
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).path("state").asText()).isEqualTo("ENDED");
    assertThat(listed.get(0).path("status").asText()).isEqualTo("SUCCEEDED");
  }

  @Test
  void resolvingARecordThatDoesNotExistIsAUsageError() {
    Result r = cli.run("--store", ledger.toString(), "jobs", "resolve", "nope", "--abandon");
    assertThat(r.exitCode()).isEqualTo(ExitStatus.USAGE.code);
    assertThat(r.err()).contains("nope");
  }

  /** {@code genjobs create} of one Creative API job with the ledger; returns its job id. */
  private String createCreativeJob() {
    Result created =
        cli.run(
            "--json",
            "--store",
            ledger.toString(),
            "create",
            "--provider",
            "creative-api",
            "--model",
            "flux-pro",
            "-i",
            "prompt=a fox");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    return created.json().path("id").asText();
  }

  private String ambiguousRecord() {
    return record(LedgerState.AMBIGUOUS, Instant.now());
  }

  private String record(LedgerState state, Instant createdAt) {
    try (JdbcJobStore store = JdbcJobStore.embedded(ledger)) {
      JobRecord r =
          JobRecord.builder()
              .ledgerId(java.util.UUID.randomUUID().toString())
              .provider(Provider.CREATIVE_API)
              .operation("generate")
              .state(state)
              .requestSummary("model=flux-pro")
              .requestFingerprint("0".repeat(64))
              .correlationToken("t-" + System.nanoTime())
              .failureReason(state == LedgerState.AMBIGUOUS ? "read timed out after sending" : null)
              .createdAt(createdAt)
              .build();
      store.insert(r);
      return r.ledgerId();
    }
  }
}
