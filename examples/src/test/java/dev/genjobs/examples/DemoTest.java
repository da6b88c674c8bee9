package dev.genjobs.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.jobs.PollPolicy;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Built against the installed jars, like a user's service: one job end to end, then the demo. */
class DemoTest {

  private static ClientOptions.Builder options(ProviderStandIns standIns) {
    return ClientOptions.builder()
        .baseUrlForAll(standIns.baseUrl())
        .creatifyCredentials("id", "key")
        .unstructuredApiKey("key")
        .creativeApiKey("key")
        .key("REPLICATE_API_TOKEN", "key")
        .pollPolicy(PollPolicy.builder().initialInterval(Duration.ofMillis(30)).maxInterval(Duration.ofMillis(60)).build());
  }

  @Test
  void oneJobRunsEndToEndAgainstTheStandIn() throws Exception {
    try (ProviderStandIns standIns = ProviderStandIns.start(StandInOptions.builder().stepDuration(Duration.ofMillis(50)).build());
        GenJobsClient client = GenJobsClient.create(options(standIns).build())) {

      JobSnapshot done =
          client.creative().generate(GenerateRequest.builder().model("flux-pro").input("prompt", "a fox").build()).await(Duration.ofSeconds(10));

      assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(done.outputUrls()).isNotEmpty();
    }
  }

  @Test
  void demoPrintsEveryResultAndTheFailureReason() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ProviderStandIns standIns =
            ProviderStandIns.start(
                StandInOptions.builder().stepDuration(Duration.ofMillis(50)).failing(Provider.CREATIFY_INSPIRATION.specFolder()).build());
        GenJobsClient client = GenJobsClient.create(options(standIns).build())) {

      int exit = Demo.run(client, new PrintStream(bytes, true, StandardCharsets.UTF_8));

      String out = bytes.toString(StandardCharsets.UTF_8);
      assertThat(exit).isZero();
      assertThat(out).contains("Creative API").contains("SUCCEEDED").contains("assets [https://");
      assertThat(out).containsPattern("Creatify Inspiration\\s+FAILED\\s+reason: Rejected");
      assertThat(out).contains("downloaded");
      assertThat(out).containsPattern("Replicate\\s+SUCCEEDED");
    }
  }

  @Test
  void afterTheRunTheLedgerListsEveryJobEnded() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ProviderStandIns standIns =
            ProviderStandIns.start(
                StandInOptions.builder().stepDuration(Duration.ofMillis(50)).failing(Provider.CREATIFY_INSPIRATION.specFolder()).build());
        GenJobsClient client = GenJobsClient.create(options(standIns).build())) {
      PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
      java.time.Instant started = java.time.Instant.now();
      Demo.run(client, out);

      Demo.listLedger(client, out, java.nio.file.Path.of("target", "genjobs-ledger"), started);

      String printed = bytes.toString(StandardCharsets.UTF_8);
      assertThat(printed).contains("jobs list");
      assertThat(printed.lines().filter(l -> l.contains("  ENDED  "))).hasSize(5);
    }
  }
}
