package dev.genjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.cli.CliRunner.Result;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenJobsCliTest {

  private final CliRunner cli = CliRunner.withEnv(Map.of());

  @Test
  void helpListsEveryCommandAndEveryExitCode() {
    Result r = cli.run("--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("models", "create", "status", "await", "cancel", "download")
        .contains("Exit codes:")
        .containsPattern("0\\s+success")
        .containsPattern("1\\s+the job ended FAILED or CANCELLED")
        .containsPattern("2\\s+bad usage or invalid input")
        .containsPattern("3\\s+the provider answered with an error")
        .containsPattern("4\\s+timed out")
        .containsPattern("5\\s+outcome unknown")
        .containsPattern("6\\s+an API key is missing");
  }

  @Test
  void everyCommandsHelpListsTheExitCodes() {
    for (String command :
        new String[] {"models", "create", "status", "await", "cancel", "download"}) {
      Result r = cli.run(command, "--help");

      assertThat(r.exitCode()).as(command).isZero();
      assertThat(r.out()).as(command).contains("Exit codes:").containsPattern("6\\s+an API key");
    }
  }

  @Test
  void versionComesFromTheBuild() {
    Result r = cli.run("--version");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("genjobs ").doesNotContain("${", "unknown");
  }

  @Test
  void noCommandIsBadUsage() {
    Result r = cli.run();

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines()).singleElement().asString().contains("a command is required");
  }

  @Test
  void unknownCommandIsBadUsageOnOneLine() {
    Result r = cli.run("frobnicate");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .startsWith("genjobs: ")
        .contains("frobnicate")
        .contains("see 'genjobs --help'");
  }

  @Test
  void globalOptionsWorkBeforeOrAfterTheCommand() {
    Result before = cli.run("--provider", "nope", "status", "x");
    Result after = cli.run("status", "x", "--provider", "nope");

    assertThat(before.exitCode()).isEqualTo(2);
    assertThat(after.exitCode()).isEqualTo(2);
    assertThat(before.err()).contains("unknown provider 'nope'");
    assertThat(after.err()).contains("unknown provider 'nope'");
  }
}
