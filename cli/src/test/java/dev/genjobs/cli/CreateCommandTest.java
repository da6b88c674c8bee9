package dev.genjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.genjobs.cli.CliRunner.Result;
import dev.genjobs.client.ClientOptions;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreateCommandTest {

  private final CliRunner cli = CliRunner.against(StandIns.succeeding());

  @Test
  void creativeJobIsCreatedFromKeyValueInputs() {
    Result r =
        cli.run(
            "--json",
            "create",
            "--provider",
            "creative-api",
            "--model",
            "flux-pro",
            "-i",
            "prompt=a red fox in snow");

    JsonNode job = r.json();
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(job.path("provider").asText()).isEqualTo("creative-api");
    assertThat(job.path("id").asText()).isNotBlank();
    assertThat(job.path("status").asText()).isEqualTo("QUEUED");
    assertThat(job.path("raw_status").asText()).isEqualTo("created");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void createdJobIsPrintedForPeopleWithoutJson() {
    Result r =
        cli.run(
            "create", "--provider", "creative-api", "--model", "flux-pro", "-i", "prompt=a fox");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .containsPattern("id:\\s+\\S+")
        .contains("provider:  creative-api")
        .contains("status:    QUEUED (created)");
  }

  @Test
  void assetGeneratorTakesTypedValuesTheModelSchemaChecks() {
    Result r =
        cli.run(
            "create",
            "--json",
            "--provider",
            "creatify-asset-generator",
            "--model",
            "kling-video/v1.6/pro/image-to-video",
            "-i",
            "image_url=https://example.com/cat.png",
            "-i",
            "prompt=the cat waves",
            "-i",
            "duration:=5");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.json().path("raw_status").asText()).isEqualTo("initializing");
  }

  @Test
  void inputTheModelSchemaRejectsIsInvalidInputWithEveryViolationOnOneLine() {
    Result r =
        cli.run(
            "create",
            "--provider",
            "creatify-asset-generator",
            "--model",
            "kling-video/v1.6/pro/image-to-video",
            "-i",
            "duration=5");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .contains("invalid input, nothing sent")
        .contains("/input_params")
        .contains("duration");
    assertThat(r.err()).doesNotContain("\tat ", "Exception");
  }

  @Test
  void inspirationJobTakesItsInputAsJson() {
    Result r =
        cli.run(
            "--json",
            "create",
            "--provider",
            "creatify-inspiration",
            "--template-id",
            dev.genjobs.standins.creatify.InspirationStandIn.TEMPLATE_ID,
            "--input-json",
            "{\"product_url\": \"https://shop.example/item\"}");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.json().path("provider").asText()).isEqualTo("creatify-inspiration");
  }

  @Test
  void inputJsonIsReadFromAFileAfterAnAtSign(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("input.json");
    Files.writeString(
        input, "{\"product_url\": \"https://shop.example/item\", \"language\": \"de\"}");

    Result r =
        cli.run(
            "create",
            "--provider",
            "creatify-inspiration",
            "--template-id",
            dev.genjobs.standins.creatify.InspirationStandIn.TEMPLATE_ID,
            "--input-json",
            "@" + input);

    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  @Test
  void unstructuredJobUploadsItsFiles(@TempDir Path dir) throws Exception {
    Path pdf = dir.resolve("report.pdf");
    Files.write(pdf, "%PDF-1.7".getBytes(StandardCharsets.US_ASCII));

    Result r =
        cli.run(
            "--json",
            "create",
            "--provider",
            "unstructured-platform",
            "--template-id",
            "hi_res_partition",
            "--file",
            pdf.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.json().path("raw_status").asText()).isEqualTo("SCHEDULED");
  }

  @Test
  void fileThatDoesNotExistIsBadUsage(@TempDir Path dir) {
    Result r =
        cli.run(
            "create",
            "--provider",
            "unstructured-platform",
            "--template-id",
            "hi_res_partition",
            "--file",
            dir.resolve("missing.pdf").toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("missing.pdf: not a readable file");
  }

  @Test
  void optionTheProviderHasNoUseForIsRefused() {
    Result r =
        cli.run(
            "create",
            "--provider",
            "creative-api",
            "--model",
            "flux-pro",
            "-i",
            "prompt=x",
            "--file",
            "report.pdf");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--file does not apply to --provider creative-api");
  }

  @Test
  void modelIsRequiredForModelProviders() {
    Result r = cli.run("create", "--provider", "creative-api", "-i", "prompt=x");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("needs --model");
  }

  @Test
  void missingInputIsReportedByTheLibraryCheck() {
    Result r = cli.run("create", "--provider", "creative-api", "--model", "flux-pro");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("/input");
  }

  @Test
  void inputWithoutEqualsSignIsBadUsage() {
    Result r =
        cli.run("create", "--provider", "creative-api", "--model", "flux-pro", "-i", "prompt");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--input expects KEY=VALUE or KEY:=JSON, got 'prompt'");
  }

  @Test
  void createWithoutProviderIsBadUsage() {
    Result r = cli.run("create", "--model", "flux-pro", "-i", "prompt=x");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("create needs --provider");
  }

  @Test
  void unknownProviderIsBadUsageNamingTheKnownOnes() {
    Result r = cli.run("create", "--provider", "openai", "--model", "x");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .contains("unknown provider 'openai'")
        .contains(
            "creative-api",
            "creatify-asset-generator",
            "creatify-inspiration",
            "unstructured-platform");
  }

  @Test
  void missingKeyExitsSixNamingTheVariableBeforeAnyRequest() {
    Map<String, String> env = CliRunner.allKeys(StandIns.succeeding());
    env.remove(ClientOptions.CREATIVE_API_KEY);
    long requestsBefore = StandIns.succeeding().requestCount();

    Result r =
        CliRunner.withEnv(env)
            .run("create", "--provider", "creative-api", "--model", "flux-pro", "-i", "prompt=x");

    assertThat(r.exitCode()).isEqualTo(6);
    assertThat(r.err()).contains("set CREATIVE_API_KEY in the environment");
    assertThat(r.out()).isEmpty();
    assertThat(StandIns.succeeding().requestCount()).isEqualTo(requestsBefore);
  }

  @Test
  void creatifyNeedsBothItsVariables() {
    Map<String, String> env = CliRunner.allKeys(StandIns.succeeding());
    env.remove(ClientOptions.CREATIFY_API_ID);

    Result r = CliRunner.withEnv(env).run("models");

    assertThat(r.exitCode()).isEqualTo(6);
    assertThat(r.err()).contains("CREATIFY_API_ID");
  }

  @Test
  void baseUrlFlagPointsTheProviderElsewhere() {
    Result r =
        CliRunner.withEnv(CliRunner.allKeys(null))
            .run(
                "--base-url",
                StandIns.succeeding().baseUrl().toString(),
                "create",
                "--provider",
                "creative-api",
                "--model",
                "flux-pro",
                "-i",
                "prompt=x");

    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  @Test
  void baseUrlThatIsNotHttpIsBadUsage() {
    Result r =
        cli.run(
            "--base-url",
            "ftp://example.com",
            "create",
            "--provider",
            "creative-api",
            "--model",
            "flux-pro",
            "-i",
            "prompt=x");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--base-url must be an http(s) URL");
  }

  @Test
  void serverErrorAnsweringACreateIsAnAmbiguousOutcome() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = "{\"status\":\"error\",\"message\":\"upstream died\"}".getBytes();
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(500, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      Result r =
          cli.run(
              "--base-url",
              "http://127.0.0.1:" + server.getAddress().getPort(),
              "create",
              "--provider",
              "creative-api",
              "--model",
              "flux-pro",
              "-i",
              "prompt=x");

      assertThat(r.exitCode()).isEqualTo(5);
      assertThat(r.err().lines())
          .singleElement()
          .asString()
          .contains("outcome unknown, the job may have been created");
    } finally {
      server.stop(0);
    }
  }

  /**
   * The spec allows any string as a template schema's {@code $schema}; one the validator does not
   * know once made this command exit 70 (internal error).
   */
  @Test
  void templateSchemaNamingADialectTheValidatorDoesNotKnowStillCreatesTheJob() throws Exception {
    String template = "7f000000-0000-4000-8000-00000000cccc";
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          String body =
              path.equals("/api/inspirations/" + template + "/")
                  ? "{\"id\":\""
                      + template
                      + "\",\"name\":\"Showcase\",\"input_params_schema\":{\"$schema\":"
                      + "\"https://schemas.example/dialects/creatify-2026\",\"type\":\"object\","
                      + "\"required\":[\"product_url\"]}}"
                  : "{\"id\":\"1b000000-0000-4000-8000-000000000003\",\"inspiration_id\":\""
                      + template
                      + "\",\"status\":\"pending\"}";
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(
              path.startsWith("/api/inspiration_jobs/") ? 201 : 200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    try {
      Result r =
          cli.run(
              "--json",
              "--base-url",
              "http://127.0.0.1:" + server.getAddress().getPort(),
              "create",
              "--provider",
              "creatify-inspiration",
              "--template-id",
              template,
              "--input-json",
              "{\"product_url\": \"https://shop.example/item\"}");

      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.json().path("id").asText()).isEqualTo("1b000000-0000-4000-8000-000000000003");
    } finally {
      server.stop(0);
    }
  }
}
