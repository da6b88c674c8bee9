package dev.genjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.cli.CliRunner.Result;
import org.junit.jupiter.api.Test;

/** {@code genjobs --provider replicate create | await | cancel} against Replicate's stand-in. */
class ReplicateAgainstItsStandInTest {

  @Test
  void aPredictionIsCreatedAwaitedToItsOutputAndAnotherCancelled() {
    CliRunner cli = CliRunner.against(StandIns.succeeding());

    Result created =
        cli.run(
            "--json",
            "--provider",
            "replicate",
            "create",
            "--model",
            "black-forest-labs/flux-schnell",
            "-i",
            "prompt=a red fox");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    String id = created.json().path("id").asText();

    Result done = cli.run("--json", "--provider", "replicate", "await", "--timeout", "10s", id);
    assertThat(done.exitCode()).as(done.toString()).isZero();
    assertThat(done.json().path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(done.json().path("raw_status").asText()).isEqualTo("succeeded");
    assertThat(done.json().path("output_urls")).isNotEmpty();

    String other =
        cli.run(
                "--json",
                "--provider",
                "replicate",
                "create",
                "--model",
                "black-forest-labs/flux-schnell",
                "-i",
                "prompt=a fox")
            .json()
            .path("id")
            .asText();
    Result cancelled = cli.run("--json", "--provider", "replicate", "cancel", other);
    assertThat(cancelled.exitCode()).as(cancelled.toString()).isZero();
    assertThat(cancelled.json().path("status").asText()).isEqualTo("CANCELLED");
  }
}
