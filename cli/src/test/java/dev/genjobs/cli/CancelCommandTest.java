package dev.genjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.cli.CliRunner.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CancelCommandTest {

  private final CliRunner cli = CliRunner.against(StandIns.succeeding());

  @Test
  void cancelledUnstructuredJobReportsCancelledAndStaysStopped(@TempDir Path dir) throws Exception {
    Path pdf = Files.write(dir.resolve("a.pdf"), "%PDF".getBytes(StandardCharsets.US_ASCII));
    String id =
        cli.run(
                "--json",
                "create",
                "--provider",
                "unstructured-platform",
                "--template-id",
                "hi_res_partition",
                "-f",
                pdf.toString())
            .json()
            .path("id")
            .asText();

    Result cancelled = cli.run("--json", "cancel", "--provider", "unstructured-platform", id);
    Result status = cli.run("--json", "status", "--provider", "unstructured-platform", id);

    assertThat(cancelled.exitCode()).as(cancelled.toString()).isZero();
    assertThat(cancelled.json().path("status").asText()).isEqualTo("CANCELLED");
    assertThat(status.exitCode()).isEqualTo(1);
    assertThat(status.json().path("raw_status").asText()).isEqualTo("STOPPED");
  }

  @Test
  void providerWithoutCancelIsBadUsage() {
    Result r = cli.run("cancel", "--provider", "creative-api", "job-1");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Creative API has no cancel operation");
  }
}
