package dev.genjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genjobs.cli.CliRunner.Result;
import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.Provider;
import dev.genjobs.client.RetryPolicy;
import dev.genjobs.client.store.InputFingerprint;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class JobsCommandTest {

  private final CliRunner cli = CliRunner.against(StandIns.succeeding());

  @TempDir Path ledger;

  @Test
  void aCreatedJobIsInTheLedgerAndResumeFollowsItToItsEnd() {
    String jobId = cli.createImageJob("--store", ledger.toString());

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
    assertThat(shown.toString()).doesNotContain("test-creative-api-key");
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
    String jobId = cli.createImageJob("--store", ledger.toString());

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

  @Test
  void showPrintsTheInputFingerprintBesideTheProvidersJobsInTheRecordsWindow(@TempDir Path dir)
      throws Exception {
    String matching = createUnstructuredJobWithoutLedger(dir, "a.pdf");
    String other = createUnstructuredJobWithoutLedger(dir, "other.pdf");
    String ledgerId = ambiguousUnstructuredRecord("a.pdf");

    Result shown = cli.run("--json", "--store", ledger.toString(), "jobs", "show", ledgerId);

    assertThat(shown.exitCode()).as(shown.toString()).isZero();
    JsonNode record = shown.json();
    assertThat(record.path("inputFingerprint").path("files").asText())
        .isEqualTo(InputFingerprint.hash(List.of("a.pdf")));
    assertThat(record.path("inputFingerprint").path("request_data.template_id").asText())
        .isEqualTo(InputFingerprint.hash("hi_res_partition"));
    assertThat(record.path("inputFingerprint").toString()).doesNotContain("a.pdf");
    Map<String, JsonNode> listed = new HashMap<>();
    record.path("providerJobs").forEach(j -> listed.put(j.path("jobId").asText(), j));
    assertThat(listed).containsKeys(matching, other);
    assertThat(listed.get(matching).path("matchesInputs").asBoolean()).isTrue();
    assertThat(listed.get(matching).path("inputFingerprint").path("files").asText())
        .isEqualTo(InputFingerprint.hash(List.of("a.pdf")));
    assertThat(listed.get(other).path("matchesInputs").asBoolean()).isFalse();
    assertThat(listed.get(matching).path("ownedBy").isNull()).isTrue();
  }

  @Test
  void resumeListsTheCandidatesOfARecordThatTwoListedJobsMatch(@TempDir Path dir) throws Exception {
    String first = createUnstructuredJobWithoutLedger(dir, "a.pdf");
    String second = createUnstructuredJobWithoutLedger(dir, "a.pdf");
    String ledgerId = ambiguousUnstructuredRecord("a.pdf");

    Result resumed = cli.run("--store", ledger.toString(), "jobs", "resume", "--timeout", "5s");

    assertThat(resumed.exitCode()).isEqualTo(ExitStatus.JOB_UNSUCCESSFUL.code);
    assertThat(resumed.out())
        .contains(ledgerId)
        .contains("candidates: ")
        .contains(first)
        .contains(second)
        .contains("jobs resolve " + ledgerId);
  }

  @Test
  void resolvingWithAJobIdTheProviderDoesNotHaveIsRefusedAndBindsNothing() {
    String ledgerId = record(LedgerState.AMBIGUOUS, Instant.now().minusSeconds(60));

    Result resolved =
        cli.run(
            "--store", ledger.toString(), "jobs", "resolve", ledgerId, "--job-id", "job-made-up");

    assertThat(resolved.exitCode()).isEqualTo(ExitStatus.USAGE.code);
    assertThat(resolved.err()).contains("Creative API has no job job-made-up");
    JsonNode shown =
        cli.run("--json", "--store", ledger.toString(), "jobs", "show", ledgerId).json();
    assertThat(shown.path("state").asText()).isEqualTo("AMBIGUOUS");
    assertThat(shown.path("jobId").isNull()).isTrue();
  }

  @Test
  void whenTheProviderCannotBeAskedResolveBindsNothingAndSaysSo() throws Exception {
    String ledgerId = record(LedgerState.AMBIGUOUS, Instant.now().minusSeconds(60));
    Map<String, String> env = CliRunner.allKeys(null);
    env.put("CREATIVE_API_BASE_URL", "http://127.0.0.1:" + closedPort());
    StringWriter err = new StringWriter();
    CommandLine unreachable =
        GenJobsCli.commandLine(
            () ->
                ClientOptions.builder()
                    .env(env)
                    .retryPolicy(
                        RetryPolicy.builder()
                            .maxAttempts(2)
                            .initialBackoff(Duration.ofMillis(10))
                            .maxBackoff(Duration.ofMillis(20))
                            .maxElapsed(Duration.ofSeconds(1))
                            .build()));
    unreachable.setErr(new PrintWriter(err, true));
    unreachable.setOut(new PrintWriter(new StringWriter(), true));

    int exit =
        unreachable.execute(
            "--store", ledger.toString(), "jobs", "resolve", ledgerId, "--job-id", "job-1");

    assertThat(exit).as(err.toString()).isEqualTo(ExitStatus.PROVIDER_ERROR.code);
    assertThat(err.toString())
        .contains("could not check that Creative API job job-1 exists")
        .contains("nothing was bound");
    JsonNode shown =
        cli.run("--json", "--store", ledger.toString(), "jobs", "show", ledgerId).json();
    assertThat(shown.path("state").asText()).isEqualTo("AMBIGUOUS");
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void resolvingWithAJobTheProviderHasBindsIt() {
    String jobId = cli.createImageJob();
    String ledgerId = record(LedgerState.AMBIGUOUS, Instant.now().minusSeconds(60));

    Result resolved =
        cli.run(
            "--json", "--store", ledger.toString(), "jobs", "resolve", ledgerId, "--job-id", jobId);

    assertThat(resolved.exitCode()).as(resolved.toString()).isZero();
    assertThat(resolved.json().path("jobId").asText()).isEqualTo(jobId);
    assertThat(resolved.json().path("state").asText()).isIn("ACTIVE", "ENDED");
  }

  private String createUnstructuredJobWithoutLedger(Path dir, String fileName) throws Exception {
    Path file = Files.write(dir.resolve(fileName), "%PDF-1.7".getBytes(StandardCharsets.US_ASCII));
    Result created =
        cli.run(
            "--json",
            "create",
            "--provider",
            "unstructured-platform",
            "--template-id",
            "hi_res_partition",
            "--file",
            file.toString());
    assertThat(created.exitCode()).as(created.toString()).isZero();
    return created.json().path("id").asText();
  }

  /** An AMBIGUOUS Unstructured record of a template job on {@code fileName}, made just now. */
  private String ambiguousUnstructuredRecord(String fileName) {
    Instant now = Instant.now();
    try (JdbcJobStore store = JdbcJobStore.embedded(ledger)) {
      JobRecord r =
          JobRecord.builder()
              .ledgerId(UUID.randomUUID().toString())
              .provider(Provider.UNSTRUCTURED)
              .operation("create_job")
              .state(LedgerState.AMBIGUOUS)
              .requestSummary("request_data={\"template_id\":\"hi_res_partition\"}")
              .requestFingerprint("0".repeat(64))
              .inputFingerprint(
                  InputFingerprint.builder()
                      .field("request_data.template_id", "hi_res_partition")
                      .fileNames("files", List.of(fileName))
                      .build())
              .createDeadlineAt(now.plusSeconds(10))
              .correlationToken("t-" + System.nanoTime())
              .failureReason("read timed out after sending")
              .createdAt(now.minusSeconds(5))
              .build();
      store.insert(r);
      return r.ledgerId();
    }
  }

  private String ambiguousRecord() {
    return record(LedgerState.AMBIGUOUS, Instant.now());
  }

  private String record(LedgerState state, Instant createdAt) {
    try (JdbcJobStore store = JdbcJobStore.embedded(ledger)) {
      JobRecord r =
          JobRecord.builder()
              .ledgerId(UUID.randomUUID().toString())
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
