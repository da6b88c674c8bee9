package dev.genjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genjobs.cli.CliRunner.Result;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StatusCommandTest {

  private final CliRunner cli = CliRunner.against(StandIns.succeeding());

  @Test
  void jobThatHasNotFailedExitsZero() {
    String id = cli.createImageJob();

    Result r = cli.run("--json", "status", "--provider", "creative-api", id);

    JsonNode job = r.json();
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(job.path("id").asText()).isEqualTo(id);
    assertThat(job.path("status").asText()).isIn("QUEUED", "RUNNING", "SUCCEEDED");
  }

  @Test
  void failedJobExitsOneWithTheProviderReason() {
    CliRunner failing = CliRunner.against(StandIns.failing());
    String id = failing.createImageJob();
    failing.run("await", "-q", "--provider", "creative-api", id);

    Result r = failing.run("--json", "status", "--provider", "creative-api", id);

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.json().path("status").asText()).isEqualTo("FAILED");
    assertThat(r.json().path("failure_reason").asText()).contains("content policy violation");
  }

  @Test
  void unknownJobIsAProviderError() {
    Result r =
        cli.run("status", "--provider", "unstructured-platform", UUID.randomUUID().toString());

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err().lines()).singleElement().asString().contains("HTTP 404");
  }

  @Test
  void idThatCannotBeAJobIdIsInvalidInput() {
    Result r = cli.run("status", "--provider", "creatify-asset-generator", "not-a-uuid");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("/id");
  }

  @Test
  void statusWithoutProviderIsBadUsage() {
    Result r = cli.run("status", UUID.randomUUID().toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("status needs --provider");
  }
}
