package dev.genjobs.verifylive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.creatify.AssetGenerationRequest;
import dev.genjobs.client.creatify.InspirationJobRequest;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.unstructured.CreateJobRequest;
import dev.genjobs.client.upload.UploadFile;
import dev.genjobs.standins.AnswerRewriter;
import dev.genjobs.standins.AnswerRewriter.Answer;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import dev.genjobs.verifylive.Finding.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live check against the stand-ins: as they answer, every provider conforms; with one answer
 * changed the way a provider might change it, the check names that change, where it is, what the
 * spec declares and what was seen.
 */
class LiveCheckTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CREATIVE_KEY = "live-check-creative-key-7d1f";

  /** The drift the stand-ins serve in the current test: none unless a test sets one. */
  private static volatile AnswerRewriter drift = (method, path, answer) -> answer;

  private static ProviderStandIns standIns;
  private static GenJobsClient client;
  private static final Map<Provider, String> JOBS = new java.util.HashMap<>();

  @BeforeAll
  static void startStandInsAndCreateOneJobPerProvider() throws Exception {
    standIns =
        ProviderStandIns.start(
            StandInOptions.builder()
                .stepDuration(Duration.ofMillis(50))
                .answers((method, path, answer) -> drift.rewrite(method, path, answer))
                .build());
    client =
        GenJobsClient.create(
            ClientOptions.builder()
                .baseUrlForAll(standIns.baseUrl())
                .creatifyCredentials("live-check-id", "live-check-creatify-key-2b9c")
                .unstructuredApiKey("live-check-unstructured-key-4e0a")
                .creativeApiKey(CREATIVE_KEY)
                .key("REPLICATE_API_TOKEN", "live-check-replicate-token-8f2d")
                .build());
    JOBS.put(
        Provider.CREATIVE_API,
        client
            .creative()
            .generate(GenerateRequest.builder().model("flux-pro").input("prompt", "a fox").build())
            .id());
    JOBS.put(
        Provider.CREATIFY_ASSET_GENERATOR,
        client
            .assetGenerator()
            .create(
                AssetGenerationRequest.builder()
                    .modelName("flux-dev/text-to-image")
                    .inputParam("prompt", "a cat")
                    .build())
            .id());
    JOBS.put(
        Provider.CREATIFY_INSPIRATION,
        client
            .inspiration()
            .create(
                InspirationJobRequest.builder()
                    .inspirationId(dev.genjobs.standins.creatify.InspirationStandIn.TEMPLATE_ID)
                    .inputParam("product_url", "https://shop.example/item")
                    .build())
            .id());
    JOBS.put(
        Provider.UNSTRUCTURED,
        client
            .unstructured()
            .createJob(
                CreateJobRequest.builder()
                    .templateId("hi_res_partition")
                    .file(
                        UploadFile.of(
                            "report.pdf",
                            "%PDF-1.7".getBytes(StandardCharsets.US_ASCII),
                            "application/pdf"))
                    .build())
            .id());
    JOBS.put(
        Provider.of("replicate", "Replicate", "https://api.replicate.com/v1"),
        replicatePrediction());
  }

  /**
   * A Replicate prediction, created over HTTP: its client module is written separately. Once it is
   * registered, Provider.values() (and so the conformance test below) includes Replicate.
   */
  private static String replicatePrediction() throws Exception {
    var answer =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(standIns.baseUrl().resolve("/predictions"))
                    .header("Authorization", "Bearer live-check-replicate-token-8f2d")
                    .header("Content-Type", "application/json")
                    .POST(
                        java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"version\":\"o/m:v1\",\"input\":{\"prompt\":\"a fox\"}}"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(answer.body()).path("id").asText();
  }

  @AfterAll
  static void stop() {
    client.close();
    standIns.close();
  }

  @AfterEach
  void noDrift() {
    drift = (method, path, answer) -> answer;
  }

  @Test
  void everyProviderAsTheStandInsAnswerConformsToItsSpec() {
    for (Provider provider : Provider.values()) {
      LiveReport report = LiveCheck.of(client).verify(provider, JOBS.get(provider));

      assertThat(report.findings()).as("%s findings", provider).isEmpty();
      assertThat(report.problems()).as("%s problems", provider).isEmpty();
      assertThat(report.notes()).as("%s notes", provider).isEmpty();
      assertThat(report.answersChecked()).as("%s answers", provider).isPositive();
      assertThat(report.conforms()).isTrue();
    }
  }

  @Test
  void withoutAJobIdTheNewestJobInTheLedgerIsAskedAbout() {
    LiveReport report = LiveCheck.of(client).verify(Provider.CREATIFY_INSPIRATION);

    assertThat(report.notes()).isEmpty();
    assertThat(report.answersChecked()).isEqualTo(3);
    assertThat(report.conforms()).isTrue();
  }

  @Test
  void withoutAnyJobTheJobProbesAreSkippedAndSaidSo() {
    LiveReport report =
        LiveCheck.of(client.options()).verify(Provider.CREATIFY_ASSET_GENERATOR, null);

    assertThat(report.answersChecked()).isEqualTo(1);
    assertThat(report.notes())
        .hasSize(2)
        .allSatisfy(note -> assertThat(note).contains("not asked: no job id"));
  }

  @Test
  void aFieldTheSpecDoesNotDeclareIsFound() {
    driftOn("/get", job -> job.put("priority", 3));

    assertThat(check(Provider.CREATIVE_API))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Kind.UNDECLARED_FIELD);
              assertThat(f.operation()).isEqualTo("getJob");
              assertThat(f.pointer()).isEqualTo("/priority");
              assertThat(f.expected()).contains("declared: jobId, model, status");
              assertThat(f.seen()).isEqualTo("3");
            });
  }

  @Test
  void aValueOfAnotherTypeIsFound() {
    driftOn("/get", job -> job.put("date", "yesterday"));

    assertThat(check(Provider.CREATIVE_API))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Kind.TYPE_MISMATCH);
              assertThat(f.pointer()).isEqualTo("/date");
              assertThat(f.expected()).isEqualTo("number");
              assertThat(f.seen()).isEqualTo("\"yesterday\"");
            });
  }

  @Test
  void aValueOfAnotherFormatIsFound() {
    driftOnEach("/api/v1/jobs/", job -> job.put("created_at", "last tuesday"));

    assertThat(check(Provider.UNSTRUCTURED))
        .isNotEmpty()
        .allSatisfy(
            f -> {
              assertThat(f.kind()).isEqualTo(Kind.TYPE_MISMATCH);
              assertThat(f.pointer()).endsWith("/created_at");
              assertThat(f.expected()).isEqualTo("string (format date-time)");
            });
  }

  @Test
  void aStatusValueOutsideTheEnumIsFound() {
    driftOn("/get", job -> job.put("status", "queued"));

    assertThat(check(Provider.CREATIVE_API))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Kind.VALUE_OUTSIDE_ENUM);
              assertThat(f.pointer()).isEqualTo("/status");
              assertThat(f.expected()).contains("created").contains("completed");
              assertThat(f.seen()).isEqualTo("\"queued\"");
            });
  }

  @Test
  void aMissingRequiredFieldIsFound() {
    driftOn(
        "/api/asset_generator/" + JOBS.get(Provider.CREATIFY_ASSET_GENERATOR) + "/",
        task -> task.remove("status"));

    assertThat(check(Provider.CREATIFY_ASSET_GENERATOR))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Kind.MISSING_REQUIRED_FIELD);
              assertThat(f.operation()).isEqualTo("asset_generator_retrieve");
              assertThat(f.pointer()).isEqualTo("/status");
              assertThat(f.seen()).isEqualTo("(absent)");
            });
  }

  @Test
  void aStatusCodeTheSpecDoesNotDeclareIsFound() {
    drift =
        (method, path, answer) ->
            path.equals("/api/v1/jobs/")
                ? answer.withStatus(503).withHeader("Retry-After", "30")
                : answer;

    assertThat(check(Provider.UNSTRUCTURED))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Kind.UNDECLARED_STATUS);
              assertThat(f.operation()).isEqualTo("list_jobs");
              assertThat(f.pointer()).isEmpty();
              assertThat(f.expected()).contains("200").contains("429");
              assertThat(f.seen()).isEqualTo("503");
            });
  }

  @Test
  void aContentTypeTheSpecDoesNotDeclareIsFound() {
    drift =
        (method, path, answer) ->
            path.equals("/api/inspirations/")
                ? answer
                    .withHeader("Content-Type", "text/html")
                    .withBody("<html>maintenance</html>")
                : answer;

    assertThat(check(Provider.CREATIFY_INSPIRATION))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Kind.UNDECLARED_CONTENT_TYPE);
              assertThat(f.operation()).isEqualTo("inspirations_list");
              assertThat(f.expected()).contains("application/json");
              assertThat(f.seen()).isEqualTo("text/html");
            });
  }

  @Test
  void anAnswerThatIsNotTheJsonItClaimsIsReportedNotFatal() {
    drift =
        (method, path, answer) -> path.equals("/get") ? answer.withBody("{\"jobId\": ") : answer;

    LiveReport report =
        LiveCheck.of(client).verify(Provider.CREATIVE_API, JOBS.get(Provider.CREATIVE_API));

    assertThat(report.conforms()).isFalse();
    assertThat(report.findings())
        .isNotEmpty()
        .allSatisfy(f -> assertThat(f.operation()).isEqualTo("getJob"));
  }

  @Test
  void neitherAKeyNorASignedUrlIsEverShown() {
    driftOn(
        "/get",
        job ->
            job.put(
                "download",
                "https://cdn.example/out.png?X-Amz-Signature=abc123&token=" + CREATIVE_KEY));

    assertThat(check(Provider.CREATIVE_API))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.toString()).doesNotContain(CREATIVE_KEY).doesNotContain("abc123");
              assertThat(f.seen()).isEqualTo("\"https://cdn.example/out.png?…\"");
            });
  }

  private static java.util.List<Finding> check(Provider provider) {
    return LiveCheck.of(client).verify(provider, JOBS.get(provider)).findings();
  }

  /** The JSON object answered at {@code path}, changed by {@code change}. */
  private static void driftOn(String path, Consumer<ObjectNode> change) {
    drift =
        (method, at, answer) -> at.equals(path) ? answer.withBody(changed(answer, change)) : answer;
  }

  /** Each element of the JSON list answered at {@code path}, changed by {@code change}. */
  private static void driftOnEach(String path, Consumer<ObjectNode> change) {
    drift =
        (method, at, answer) -> {
          if (!at.equals(path)) return answer;
          try {
            var list = JSON.readTree(answer.body());
            list.forEach(e -> change.accept((ObjectNode) e));
            return answer.withBody(list.toString());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };
  }

  private static String changed(Answer answer, Consumer<ObjectNode> change) {
    try {
      ObjectNode body = (ObjectNode) JSON.readTree(answer.body());
      change.accept(body);
      return body.toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
