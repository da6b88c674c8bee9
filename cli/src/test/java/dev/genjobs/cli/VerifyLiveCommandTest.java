package dev.genjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genjobs.cli.CliRunner.Result;
import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.standins.AnswerRewriter;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code genjobs verify-live} against the stand-ins: exit 0 as they answer; with one answer
 * drifting from the spec (one fixture per kind of finding), exit 7 naming the finding and where it
 * is.
 */
class VerifyLiveCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The drift the stand-ins serve in the current test: none unless a test sets one. */
  private static volatile AnswerRewriter drift = (method, path, answer) -> answer;

  private static ProviderStandIns standIns;
  private static CliRunner cli;
  private static String creativeJob;

  @BeforeAll
  static void start() {
    standIns =
        ProviderStandIns.start(
            StandInOptions.builder()
                .answers((method, path, answer) -> drift.rewrite(method, path, answer))
                .build());
    Map<String, String> env = CliRunner.allKeys(standIns);
    cli = CliRunner.withEnv(env);
    try (GenJobsClient client = GenJobsClient.create(ClientOptions.builder().env(env).build())) {
      creativeJob =
          client
              .creative()
              .generate(GenerateRequest.builder().model("flux-pro").input("prompt", "x").build())
              .id();
    }
  }

  @AfterAll
  static void stop() {
    standIns.close();
  }

  @AfterEach
  void noDrift() {
    drift = (method, path, answer) -> answer;
  }

  @Test
  void everyProviderAsTheStandInsAnswerConformsAndExitsZero() {
    Result r = cli.run("verify-live");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("creatify-inspiration (spec 1.0.0): 2 answers checked, conforms")
        .contains("unstructured-platform (spec 3.0.5): 1 answer checked, conforms")
        .contains("note: getJob not asked: no job id");
  }

  @Test
  void jsonSaysWhatWasCheckedForCi() {
    Result r =
        cli.run("--json", "verify-live", "--provider", "creative-api", "--job-id", creativeJob);

    JsonNode doc = r.json();
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(doc.path("conforms").asBoolean()).isTrue();
    assertThat(doc.path("answers_checked").asInt()).isEqualTo(1);
    assertThat(doc.path("providers").get(0).path("provider").asText()).isEqualTo("creative-api");
  }

  static Stream<Arguments> driftFixtures() {
    return Stream.of(
        Arguments.of("undeclared_field", "/priority", onCreativeJob(j -> j.put("priority", 3))),
        Arguments.of("type_mismatch", "/date", onCreativeJob(j -> j.put("date", "yesterday"))),
        Arguments.of(
            "value_outside_enum", "/status", onCreativeJob(j -> j.put("status", "queued"))),
        Arguments.of(
            "missing_required_field",
            "/0/name",
            onBody("/api/inspirations/", "[{\"id\":\"6f1c2a4e-0a7b-4c8e-9f3d-2b5a7c9e1d40\"}]")),
        Arguments.of(
            "undeclared_status",
            "",
            (AnswerRewriter)
                (method, path, answer) -> path.equals("/get") ? answer.withStatus(418) : answer),
        Arguments.of(
            "undeclared_content_type",
            "",
            (AnswerRewriter)
                (method, path, answer) ->
                    path.equals("/get")
                        ? answer.withHeader("Content-Type", "text/plain").withBody("busy")
                        : answer));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("driftFixtures")
  void driftExitsSevenNamingTheFinding(String kind, String pointer, AnswerRewriter fixture) {
    drift = fixture;

    Result r =
        cli.run(
            "--json",
            "verify-live",
            "--provider",
            kind.equals("missing_required_field") ? "creatify-inspiration" : "creative-api",
            "--job-id",
            kind.equals("missing_required_field")
                ? "c1a2b3d4-e5f6-4a7b-8c9d-000000000001"
                : creativeJob);

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitStatus.DRIFT.code);
    JsonNode findings = r.json().path("providers").get(0).path("findings");
    assertThat(findings)
        .as(r.out())
        .anySatisfy(
            f -> {
              assertThat(f.path("kind").asText()).isEqualTo(kind);
              assertThat(f.path("pointer").asText()).isEqualTo(pointer);
            });
  }

  @Test
  void aFindingIsATableRowForPeople() {
    drift = onCreativeJob(j -> j.put("status", "queued"));

    Result r = cli.run("verify-live", "--provider", "creative-api", "--job-id", creativeJob);

    assertThat(r.exitCode()).isEqualTo(7);
    assertThat(r.out())
        .contains("creative-api (spec 1.0.0): 1 answer checked, 1 finding")
        .containsPattern("OPERATION\\s+STATUS\\s+POINTER\\s+FINDING\\s+EXPECTED\\s+SEEN")
        .containsPattern(
            "getJob\\s+200\\s+/status\\s+value outside the enum\\s+one of .*\"queued\"");
  }

  @Test
  void noKeyAndNoSignedUrlIsPrinted() {
    Map<String, String> env = CliRunner.allKeys(standIns);
    String key = env.get(ClientOptions.CREATIVE_API_KEY);
    drift =
        onCreativeJob(
            j -> j.put("download", "https://cdn.example/o.png?X-Amz-Signature=s3cr3t&k=" + key));

    Result r =
        cli.run("--json", "verify-live", "--provider", "creative-api", "--job-id", creativeJob);

    assertThat(r.exitCode()).isEqualTo(7);
    for (String secret : env.values()) {
      if (secret.startsWith("http")) continue; // the base URLs
      assertThat(r.out() + r.err()).doesNotContain(secret);
    }
    assertThat(r.out()).doesNotContain("s3cr3t").contains("https://cdn.example/o.png?…");
  }

  @Test
  void aJobIdWithoutAProviderIsBadUsage() {
    Result r = cli.run("verify-live", "--job-id", "x");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--job-id needs --provider");
  }

  @Test
  void aMissingKeyForTheNamedProviderExitsSix() {
    Map<String, String> env = new HashMap<>(CliRunner.allKeys(standIns));
    env.remove(ClientOptions.CREATIVE_API_KEY);

    Result r = CliRunner.withEnv(env).run("verify-live", "--provider", "creative-api");

    assertThat(r.exitCode()).isEqualTo(6);
  }

  @Test
  void withoutAProviderOnlyThoseWithKeysAreCheckedAndTheOthersNamed() {
    Map<String, String> env = new HashMap<>(CliRunner.allKeys(standIns));
    env.remove(ClientOptions.CREATIVE_API_KEY);

    Result r = CliRunner.withEnv(env).run("verify-live");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("creative-api: not checked (CREATIVE_API_KEY is not set)");
  }

  private static AnswerRewriter onCreativeJob(Consumer<ObjectNode> change) {
    return (method, path, answer) -> {
      if (!path.equals("/get") || answer.status() != 200) return answer;
      try {
        ObjectNode job = (ObjectNode) JSON.readTree(answer.body());
        change.accept(job);
        return answer.withBody(job.toString());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }

  private static AnswerRewriter onBody(String at, String body) {
    return (method, path, answer) -> path.equals(at) ? answer.withBody(body) : answer;
  }
}
