package dev.genjobs.spectools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A published document edited in place is compared with the content the lock records (from the
 * repository's objects): breaking changes fail the build, each named; compatible ones are printed.
 */
class InPlaceEditsTest {

  private static final String PUBLISHED =
      """
      openapi: 3.0.3
      info: {title: Acme, version: 1.0.0}
      paths:
        /jobs:
          post:
            operationId: createJob
            requestBody:
              required: true
              content:
                application/json:
                  schema:
                    type: object
                    required: [model]
                    properties:
                      model: {type: string}
            responses:
              '200':
                description: ok
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        jobId: {type: string}
      """;

  @TempDir Path repo;
  @TempDir Path effective;
  private Path specs;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  @BeforeEach
  void layout() throws IOException {
    specs = repo.resolve("specs");
    Files.createDirectories(specs.resolve("acme/1.0.0"));
    Files.writeString(specs.resolve("acme/1.0.0/openapi.yaml"), PUBLISHED);
  }

  /** Records the published text in a git repository and locks it, as a committed clone has it. */
  private void lockInGit() throws Exception {
    assumeThat(git("init", "-q")).as("git is installed").isZero();
    assertThat(git("add", "-A")).isZero();
    SpecPipeline.lock(specs, List.of(), out);
  }

  private int git(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    try {
      return new ProcessBuilder(command)
          .directory(repo.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor();
    } catch (IOException e) {
      return -1; // no git on this machine
    }
  }

  private void editInPlace(String from, String to) throws IOException {
    Path file = specs.resolve("acme/1.0.0/openapi.yaml");
    String text = Files.readString(file);
    assertThat(text).contains(from);
    Files.writeString(file, text.replace(from, to));
  }

  private SpecPipeline.Effective build() throws IOException {
    return SpecPipeline.effectiveSpecs(specs, effective, out);
  }

  @Test
  void aBreakingEditInPlaceFailsNamingEachChange() throws Exception {
    lockInGit();
    editInPlace("required: [model]", "required: [model, project]");
    editInPlace(
        "model: {type: string}", "model: {type: string}\n                project: {type: string}");
    editInPlace("jobId: {type: string}", "id: {type: string}");

    assertThatThrownBy(this::build)
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("specs/acme/1.0.0/openapi.yaml: edited in place since the lock")
        .hasMessageContaining("POST /jobs request body.project: new required field")
        .hasMessageContaining("POST /jobs response 200 body.jobId: response field removed")
        .hasMessageContaining("./mvnw genjobs:sync -Dgenjobs.provider=acme");
  }

  @Test
  void aCompatibleEditInPlacePassesAndIsPrinted() throws Exception {
    lockInGit();
    editInPlace(
        "jobId: {type: string}",
        "jobId: {type: string}\n                  credits: {type: number}");

    build();

    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("edited in place: COMPATIBLE POST /jobs response 200 body.credits");
  }

  @Test
  void anEditWhoseRecordedContentIsNotInTheRepositoryFailsSayingSo() throws Exception {
    SpecPipeline.lock(specs, List.of(), out); // no repository: nothing holds the recorded text
    editInPlace("jobId: {type: string}", "jobId: {type: integer}");

    assertThatThrownBy(this::build)
        .hasMessageContaining("edited in place since the lock was written")
        .hasMessageContaining("is not in this repository, so what changed cannot be told");
  }

  @Test
  void theGitBlobIdIsGitsOwn() {
    // `printf 'hello\n' | git hash-object --stdin`
    assertThat(InPlaceEdits.gitBlobId("hello\n".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("ce013625030ba8dba906f756967f9e9ca394464a");
  }
}
