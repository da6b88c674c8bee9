package dev.genjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genjobs.cli.CliRunner.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadCommandTest {

  private final CliRunner cli = CliRunner.against(StandIns.succeeding());

  /** A finished Unstructured job: its id and the file id of its output. */
  private String[] finishedJob(Path dir) throws Exception {
    Path pdf = Files.write(dir.resolve("report.pdf"), "%PDF".getBytes(StandardCharsets.US_ASCII));
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
    Result done = cli.run("--json", "await", "-q", "--provider", "unstructured-platform", id);
    assertThat(done.exitCode()).as(done.toString()).isZero();
    return new String[] {id, done.json().path("output_files").get(0).path("file_id").asText()};
  }

  @Test
  void outputFileOfAFinishedJobIsWrittenToTheGivenPath(@TempDir Path dir) throws Exception {
    String[] job = finishedJob(dir);
    Path target = dir.resolve("elements.json");

    Result r =
        cli.run("--json", "download", job[0], "--file-id", job[1], "--output", target.toString());

    JsonNode saved = r.json();
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(Files.readString(target)).contains("Quarterly report");
    assertThat(saved.path("path").asText()).isEqualTo(target.toString());
    assertThat(saved.path("bytes").asLong()).isEqualTo(Files.size(target));
  }

  @Test
  void directoryAsOutputGetsAFileNamedAfterTheFileId(@TempDir Path dir) throws Exception {
    String[] job = finishedJob(dir);

    Result r = cli.run("download", job[0], "--file-id", job[1], "-o", dir.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(dir.resolve(job[1])).exists();
    assertThat(r.out()).startsWith("saved " + job[1] + " to ");
  }

  @Test
  void outputIntoAMissingDirectoryIsBadUsageBeforeAnyRequest(@TempDir Path dir) {
    Result r =
        cli.run(
            "download",
            "0d8f4c2b-3e1a-4b5c-8d7e-6f5a4b3c2d1e",
            "--file-id",
            "x.json",
            "--output",
            dir.resolve("no/such/dir/x.json").toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("does not exist");
  }

  @Test
  void outputOfAJobThatHasNoneIsAProviderError(@TempDir Path dir) {
    Result r =
        cli.run(
            "download",
            "0d8f4c2b-3e1a-4b5c-8d7e-6f5a4b3c2d1e",
            "--file-id",
            "x.json",
            "--output",
            dir.resolve("x.json").toString());

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(dir.resolve("x.json")).doesNotExist();
  }

  @Test
  void fileIdIsRequired() {
    Result r = cli.run("download", "0d8f4c2b-3e1a-4b5c-8d7e-6f5a4b3c2d1e", "--output", "x.json");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--file-id");
  }
}
