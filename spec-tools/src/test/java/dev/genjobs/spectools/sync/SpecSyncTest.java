package dev.genjobs.spectools.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.genjobs.spectools.SpecFile;
import dev.genjobs.spectools.diff.Classification;
import dev.genjobs.spectools.diff.SpecChange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sync against a loopback server standing in for the provider's docs site. */
class SpecSyncTest {

  private static final String PUBLISHED =
      """
      openapi: 3.0.3
      info: {title: Jobs, version: 1.0.0}
      servers: [{url: 'https://api.example.test'}]
      paths:
        /jobs/:
          post:
            operationId: create_job
            requestBody:
              required: true
              content:
                multipart/form-data:
                  schema: {$ref: '#/components/schemas/Body_create_job'}
            responses:
              '200':
                description: ok
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/JobInformation'}
      components:
        schemas:
          Body_create_job:
            type: object
            required: [request_data]
            properties:
              request_data: {type: string}
          JobInformation:
            type: object
            required: [id, status]
            properties:
              id: {type: string}
              status: {$ref: '#/components/schemas/JobStatus'}
          JobStatus:
            type: string
            enum: [SCHEDULED, IN_PROGRESS, COMPLETED]
      """;

  private static final String OVERLAY =
      """
      overlay: 1.0.0
      info: {title: ours, version: 1.0.0}
      actions:
        - target: $.paths
          description: the docs describe GET /jobs/{id}
          update:
            /jobs/{id}:
              get:
                operationId: get_job
                parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                responses:
                  '200':
                    description: ok
                    content:
                      application/json:
                        schema: {$ref: '#/components/schemas/JobInformation'}
      """;

  private static final Clock NOV_29 =
      Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path specs;
  private HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  private record Answer(int status, byte[] body) {}

  @BeforeEach
  void startServerAndSpecs() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          Answer a =
              answers.getOrDefault(
                  exchange.getRequestURI().getPath(), new Answer(404, new byte[0]));
          exchange.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
          if (a.body().length > 0) exchange.getResponseBody().write(a.body());
          exchange.close();
        });
    server.start();
    Path provider = Files.createDirectories(specs.resolve("jobs/1.0.0"));
    Files.writeString(provider.resolve("openapi.yaml"), PUBLISHED);
    Files.writeString(specs.resolve("jobs/genjobs.overlay.yaml"), OVERLAY);
    Files.writeString(
        specs.resolve("jobs/source.yaml"),
        "documents:\n  - url: "
            + url("/spec.yaml")
            + "\n    file: openapi.yaml\n    format: yaml\n");
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private void serve(String path, int status, String body) {
    answers.put(path, new Answer(status, body.getBytes(StandardCharsets.UTF_8)));
  }

  private SpecSync.Outcome sync() throws IOException {
    return new SpecSync(
            HttpClient.newHttpClient(), NOV_29, new PrintStream(log, true, StandardCharsets.UTF_8))
        .sync(specs, SpecSource.read(specs, "jobs"));
  }

  private String printed() {
    return log.toString(StandardCharsets.UTF_8);
  }

  private List<String> tree() throws IOException {
    try (Stream<Path> files = Files.walk(specs)) {
      return files.map(p -> specs.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void aNewVersionIsWrittenByteForByteAndItsClientRelevantChangesPrinted() throws Exception {
    String newer =
        PUBLISHED
            .replace("version: 1.0.0", "version: 1.1.0")
            .replace(
                "enum: [SCHEDULED, IN_PROGRESS, COMPLETED]",
                "enum: [SCHEDULED, IN_PROGRESS, COMPLETED, STOPPED]")
            .replace(
                "status: {$ref: '#/components/schemas/JobStatus'}",
                "status: {$ref: '#/components/schemas/JobStatus'}\n        runtime: {type: string}");
    serve("/spec.yaml", 200, newer);

    SpecSync.Outcome outcome = sync();

    SpecFile written = outcome.written().orElseThrow();
    assertThat(written.version().toString()).isEqualTo("1.1.0");
    assertThat(Files.readString(specs.resolve("jobs/1.1.0/openapi.yaml"))).isEqualTo(newer);
    assertThat(outcome.overlayProblem()).isEmpty();
    assertThat(outcome.changes())
        .extracting(SpecChange::id)
        .anySatisfy(id -> assertThat(id).contains("runtime"))
        .anySatisfy(id -> assertThat(id).contains("STOPPED"));
    assertThat(outcome.changes(Classification.BREAKING)).isEmpty();
    assertThat(printed())
        .contains("wrote specs/jobs/1.1.0/")
        .contains("overlay applied")
        .contains("STOPPED");
  }

  @Test
  void aVersionThatNowPublishesWhatTheOverlayAddsIsReportedAgainstTheLockBeforeItIsWritten()
      throws Exception {
    dev.genjobs.spectools.SpecPipeline.lock(
        specs,
        List.of(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    String newer =
        PUBLISHED
            .replace("version: 1.0.0", "version: 1.1.0")
            .replace(
                "components:",
                """
                  /jobs/{id}:
                    get:
                      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                      responses: {'200': {description: ok}}
                components:""");
    serve("/spec.yaml", 200, newer);

    sync();

    String printed = printed();
    assertThat(printed)
        .contains(
            "NEXT STEP jobs: overlay action #1 ($.paths, \"the docs describe GET /jobs/{id}\") adds"
                + " $['paths']['/jobs/{id}'], which the provider now publishes");
    assertThat(printed.indexOf("now publishes"))
        .isLessThan(printed.indexOf("wrote specs/jobs/1.1.0/"));
  }

  @Test
  void theSameBytesAgainWriteNothing() throws Exception {
    serve("/spec.yaml", 200, PUBLISHED);
    List<String> before = tree();

    SpecSync.Outcome outcome = sync();

    assertThat(outcome.written()).isEmpty();
    assertThat(tree()).isEqualTo(before);
    assertThat(printed()).contains("unchanged");
  }

  @Test
  void changedContentUnderTheSameVersionGetsADatedBuildSuffix() throws Exception {
    serve("/spec.yaml", 200, PUBLISHED.replace("title: Jobs", "title: Jobs API"));

    SpecSync.Outcome outcome = sync();

    assertThat(outcome.written().orElseThrow().version().toString()).isEqualTo("1.0.0+2026-11-29");
    assertThat(specs.resolve("jobs/1.0.0+2026-11-29/openapi.yaml")).exists();
  }

  @Test
  void aRenamedMultipartFieldIsWrittenAndReportedAsBreaking() throws Exception {
    serve(
        "/spec.yaml",
        200,
        PUBLISHED
            .replace("version: 1.0.0", "version: 2.0.0")
            .replace("request_data", "request_json"));

    SpecSync.Outcome outcome = sync();

    assertThat(specs.resolve("jobs/2.0.0/openapi.yaml")).exists();
    assertThat(outcome.changes(Classification.BREAKING))
        .extracting(SpecChange::id)
        .anySatisfy(id -> assertThat(id).contains("request_json"));
    assertThat(printed()).contains("NEXT STEP jobs").contains("accepted-breaking-changes.yaml");
  }

  @Test
  void anOverlayThatNoLongerFitsIsReportedAfterWriting() throws Exception {
    serve(
        "/spec.yaml",
        200,
        PUBLISHED
            .replace("version: 1.0.0", "version: 1.1.0")
            .replace("  /jobs/:\n", "  /v2/jobs/:\n"));
    Files.writeString(
        specs.resolve("jobs/genjobs.overlay.yaml"),
        OVERLAY
            .replace("target: $.paths", "target: $.paths['/jobs/'].post")
            .replace("/jobs/{id}:", "x-note:"));

    SpecSync.Outcome outcome = sync();

    assertThat(specs.resolve("jobs/1.1.0/openapi.yaml")).exists();
    assertThat(outcome.overlayProblem().orElseThrow())
        .contains("action #1")
        .contains("matches nothing");
  }

  @Test
  void anHttpErrorLeavesSpecsUntouched() throws Exception {
    List<String> before = tree();

    assertThatThrownBy(this::sync)
        .isInstanceOf(SyncException.class)
        .hasMessageContaining("answered HTTP 404")
        .hasMessageContaining("specs/ is untouched");
    assertThat(tree()).isEqualTo(before);
  }

  @Test
  void anUnreachableServerLeavesSpecsUntouched() throws Exception {
    List<String> before = tree();
    server.stop(0);

    assertThatThrownBy(this::sync)
        .isInstanceOf(SyncException.class)
        .hasMessageContaining("specs/ is untouched");
    assertThat(tree()).isEqualTo(before);
  }

  @Test
  void anAnswerThatIsNoSpecLeavesSpecsUntouched() throws Exception {
    serve("/spec.yaml", 200, "<!DOCTYPE html><html><body>Sign in</body></html>");
    List<String> before = tree();

    assertThatThrownBy(this::sync)
        .isInstanceOf(SyncException.class)
        .hasMessageContaining("OpenAPI 3 document")
        .hasMessageContaining("<!DOCTYPE html>");
    assertThat(tree()).isEqualTo(before);
  }

  @Test
  void anInvalidSpecLeavesSpecsUntouched() throws Exception {
    serve(
        "/spec.yaml",
        200,
        PUBLISHED
            .replace("version: 1.0.0", "version: 1.1.0")
            .replace("'#/components/schemas/JobStatus'", "'#/components/schemas/Missing'"));
    List<String> before = tree();

    assertThatThrownBy(this::sync)
        .isInstanceOf(SyncException.class)
        .hasMessageContaining("fails validation")
        .hasMessageContaining("dangling $ref");
    assertThat(tree()).isEqualTo(before);
  }

  @Test
  void fromReplacesTheUrlsOfSourceYaml() throws Exception {
    serve("/mirror.yaml", 200, PUBLISHED.replace("version: 1.0.0", "version: 1.0.1"));

    SpecSync.Outcome outcome =
        new SpecSync(
                HttpClient.newHttpClient(),
                NOV_29,
                new PrintStream(log, true, StandardCharsets.UTF_8))
            .sync(specs, SpecSource.read(specs, "jobs").from(List.of(url("/mirror.yaml"))));

    assertThat(outcome.written().orElseThrow().version().toString()).isEqualTo("1.0.1");
  }
}
