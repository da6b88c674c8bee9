package dev.genjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genjobs.cli.CliRunner.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

class AwaitCommandTest {

  @Test
  void succeededJobPrintsItsOutputsAndProgressGoesToStderr() {
    CliRunner cli = CliRunner.against(StandIns.succeeding());
    String id = cli.createImageJob();

    Result r = cli.run("--json", "await", "--provider", "creative-api", "--timeout", "10s", id);

    JsonNode job = r.json();
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(job.path("raw_status").asText()).isEqualTo("completed");
    assertThat(job.path("output_urls")).hasSize(2);
    List<String> progress = r.err().lines().toList();
    assertThat(progress.get(0)).isEqualTo("waiting up to 10s for creative-api job " + id);
    assertThat(progress.get(1)).contains("creative-api " + id + ": ").endsWith(", poll 1");
    assertThat(progress.get(progress.size() - 1)).contains("SUCCEEDED (completed)");
  }

  @Test
  void failedJobExitsOneAndShowsTheReason() {
    CliRunner cli = CliRunner.against(StandIns.failing());
    String id = cli.createImageJob();

    Result r = cli.run("await", "--provider", "creative-api", "--timeout", "10s", id);

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.out())
        .contains("status:    FAILED (failed)")
        .contains("reason:    content policy violation");
  }

  @Test
  void jobStillRunningAtTheTimeoutExitsFour() {
    CliRunner cli = CliRunner.against(StandIns.succeeding());
    String id = cli.createImageJob();

    Result r = cli.run("await", "--provider", "creative-api", "--timeout", "5ms", id);

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
    assertThat(r.err()).contains("not finished within PT0.005S");
  }

  @Test
  void quietAwaitPrintsNoProgress() {
    CliRunner cli = CliRunner.against(StandIns.succeeding());
    String id = cli.createImageJob();

    Result r = cli.run("await", "-q", "--provider", "creative-api", id);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).isEmpty();
  }

  @Test
  void timeoutThatIsNotADurationIsBadUsage() {
    Result r =
        CliRunner.against(StandIns.succeeding())
            .run("await", "--provider", "creative-api", "--timeout", "soon", "job-1");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("'soon' is not a duration");
  }
}
