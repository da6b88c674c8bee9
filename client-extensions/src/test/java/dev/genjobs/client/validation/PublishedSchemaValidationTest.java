package dev.genjobs.client.validation;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.genjobs.client.testing.JobStands.json;
import static dev.genjobs.client.testing.JobStands.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.creatify.AssetGenerationRequest;
import dev.genjobs.client.creatify.InspirationJobRequest;
import dev.genjobs.client.errors.InvalidInputException;
import dev.genjobs.client.errors.InvalidInputException.Violation;
import dev.genjobs.client.testing.JobStands;
import dev.genjobs.client.testing.Stand;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inputs are checked against the JSON Schema the provider publishes (Asset Generator models,
 * Inspiration templates) before any job is created; schemas are cached for the configured TTL.
 */
class PublishedSchemaValidationTest {

  static final String MODEL = "kling-video/v1.6/pro/image-to-video";
  static final String TEMPLATE = "7f000000-0000-4000-8000-00000000bbbb";
  static final String ASSET_ID = "0d000000-0000-4000-8000-000000000001";
  static final String SCHEMA =
      "{'$schema':'https://json-schema.org/draft/2020-12/schema','type':'object',"
          + "'required':['prompt','image_url'],"
          + "'properties':{'prompt':{'type':'string','minLength':1},"
          + "'image_url':{'type':'string'},"
          + "'duration':{'type':'integer','minimum':5,'maximum':10},"
          + "'aspect_ratio':{'type':'string','enum':['16:9','9:16','1:1']}}}";

  private Stand stand;
  private GenJobsClient client;

  @BeforeEach
  void setUp() {
    stand = JobStands.stand(b -> b.schemaCacheTtl(Duration.ofMinutes(10)));
    client = stand.client();
    stand.stubFor(
        get(urlPathEqualTo("/api/asset_generator/schemas/"))
            .withQueryParam("model_name", equalTo(MODEL))
            .willReturn(
                json(q("[{'model_name':'" + MODEL + "','input_params_schema':" + SCHEMA + "}]"))));
    stand.stubFor(
        post(urlPathEqualTo("/api/asset_generator/"))
            .willReturn(
                json(
                    201,
                    q(
                        "{'id':'"
                            + ASSET_ID
                            + "','model_name':'"
                            + MODEL
                            + "','status':'initializing'}"))));
  }

  @AfterEach
  void tearDown() {
    stand.close();
  }

  private static AssetGenerationRequest.Builder validAsset() {
    return AssetGenerationRequest.builder()
        .modelName(MODEL)
        .inputParam("prompt", "a cat surfing")
        .inputParam("image_url", "https://cdn.example/cat.png")
        .inputParam("duration", 5);
  }

  @Test
  void
      givenInputViolatingTheModelsSchema_whenCreating_thenEveryViolationIsListedAndNothingPosted() {
    AssetGenerationRequest bad =
        AssetGenerationRequest.builder()
            .modelName(MODEL)
            .inputParam("duration", "ten")
            .inputParam("aspect_ratio", "4:3")
            .build();

    assertThatThrownBy(() -> client.assetGenerator().create(bad))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.violations())
                  .as("violations %s", e.violations())
                  .extracting(Violation::pointer)
                  .containsExactlyInAnyOrder(
                      "/input_params/prompt",
                      "/input_params/image_url",
                      "/input_params/duration",
                      "/input_params/aspect_ratio");
              assertThat(e.getMessage()).contains("nothing sent");
            });
    stand.verify(exactly(1), getRequestedFor(urlPathEqualTo("/api/asset_generator/schemas/")));
    stand.verify(exactly(0), postRequestedFor(anyUrl()));
  }

  @Test
  void givenInputViolatingTheSchema_whenCreating_thenEachViolationNamesItsOwnProblem() {
    AssetGenerationRequest bad =
        AssetGenerationRequest.builder()
            .modelName(MODEL)
            .inputParam("prompt", "")
            .inputParam("image_url", "https://cdn.example/cat.png")
            .inputParam("duration", 60)
            .build();

    assertThatThrownBy(() -> client.assetGenerator().create(bad))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.violations())
                    .as("violations %s", e.violations())
                    .extracting(Violation::pointer)
                    .containsExactlyInAnyOrder("/input_params/prompt", "/input_params/duration"));
    stand.verify(exactly(0), postRequestedFor(anyUrl()));
  }

  @Test
  void givenValidInput_whenCreating_thenTheJobIsPostedOnce() {
    var job = client.assetGenerator().create(validAsset().build());

    assertThat(job.id()).isEqualTo(ASSET_ID);
    stand.verify(exactly(1), postRequestedFor(urlPathEqualTo("/api/asset_generator/")));
  }

  @Test
  void givenTwoCreatesWithinTheTtl_whenCreating_thenTheSchemaIsFetchedOnceAndAgainAfterTheTtl() {
    client.assetGenerator().create(validAsset().build());
    stand.clock().advance(Duration.ofMinutes(9));
    client.assetGenerator().create(validAsset().build());

    stand.verify(exactly(1), getRequestedFor(urlPathEqualTo("/api/asset_generator/schemas/")));

    stand.clock().advance(Duration.ofMinutes(2));
    client.assetGenerator().create(validAsset().build());

    stand.verify(exactly(2), getRequestedFor(urlPathEqualTo("/api/asset_generator/schemas/")));
    stand.verify(exactly(3), postRequestedFor(urlPathEqualTo("/api/asset_generator/")));
  }

  @Test
  void givenInspirationTemplateSchema_whenInputViolatesIt_thenRejectedWithoutPosting() {
    stand.stubFor(
        get(urlPathEqualTo("/api/inspirations/" + TEMPLATE + "/"))
            .willReturn(
                json(
                    q(
                        "{'id':'"
                            + TEMPLATE
                            + "','name':'Unboxing','input_params_schema':{'type':'object',"
                            + "'required':['product_url'],'properties':{'product_url':"
                            + "{'type':'string'},'voice':{'type':'string'}}}}"))));
    InspirationJobRequest bad =
        InspirationJobRequest.builder().inspirationId(TEMPLATE).inputParam("voice", 3).build();

    assertThatThrownBy(() -> client.inspiration().create(bad))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.violations())
                    .as("violations %s", e.violations())
                    .extracting(Violation::pointer)
                    .containsExactlyInAnyOrder("/input_params/product_url", "/input_params/voice"));
    stand.verify(
        exactly(1), getRequestedFor(urlPathEqualTo("/api/inspirations/" + TEMPLATE + "/")));
    stand.verify(exactly(0), postRequestedFor(anyUrl()));
  }

  @Test
  void givenInspirationTemplateSchema_whenInputSatisfiesIt_thenTheJobIsPosted() {
    stand.stubFor(
        get(urlPathEqualTo("/api/inspirations/" + TEMPLATE + "/"))
            .willReturn(
                json(
                    q(
                        "{'id':'"
                            + TEMPLATE
                            + "','name':'Unboxing','input_params_schema':{'type':'object',"
                            + "'required':['product_url'],'properties':{'product_url':"
                            + "{'type':'string'}}}}"))));
    String jobId = "1b000000-0000-4000-8000-000000000001";
    stand.stubFor(
        post(urlPathEqualTo("/api/inspiration_jobs/"))
            .willReturn(
                json(
                    201,
                    q(
                        "{'id':'"
                            + jobId
                            + "','inspiration_id':'"
                            + TEMPLATE
                            + "','status':'pending'}"))));

    var job =
        client
            .inspiration()
            .create(
                InspirationJobRequest.builder()
                    .inspirationId(TEMPLATE)
                    .inputParam("product_url", "https://shop.example/p/1")
                    .build());

    assertThat(job.id()).isEqualTo(jobId);
    stand.verify(exactly(1), postRequestedFor(urlPathEqualTo("/api/inspiration_jobs/")));
  }

  /** A template whose {@code input_params_schema} is {@code schema}, and a create that succeeds. */
  private String templateWithSchema(String schema) {
    stand.stubFor(
        get(urlPathEqualTo("/api/inspirations/" + TEMPLATE + "/"))
            .willReturn(
                json(
                    q(
                        "{'id':'"
                            + TEMPLATE
                            + "','name':'Unboxing','input_params_schema':"
                            + schema
                            + "}"))));
    String jobId = "1b000000-0000-4000-8000-000000000002";
    stand.stubFor(
        post(urlPathEqualTo("/api/inspiration_jobs/"))
            .willReturn(
                json(
                    201,
                    q(
                        "{'id':'"
                            + jobId
                            + "','inspiration_id':'"
                            + TEMPLATE
                            + "','status':'pending'}"))));
    return jobId;
  }

  private static InspirationJobRequest.Builder inspirationInput(String key, Object value) {
    return InspirationJobRequest.builder().inspirationId(TEMPLATE).inputParam(key, value);
  }

  @Test
  void givenASchemaNamingAnUnknownDialect_whenInputViolatesIt_thenItIsStillCheckedAsTheDefault() {
    templateWithSchema(
        "{'$schema':'https://schemas.example/dialects/creatify-2026','type':'object',"
            + "'required':['product_url'],'properties':{'product_url':{'type':'string'}}}");

    assertThatThrownBy(() -> client.inspiration().create(inspirationInput("voice", "x").build()))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.violations())
                    .as("violations %s", e.violations())
                    .extracting(Violation::pointer)
                    .containsExactly("/input_params/product_url"));
    stand.verify(exactly(0), postRequestedFor(anyUrl()));
  }

  @Test
  void givenASchemaNamingAnUnknownDialect_whenInputSatisfiesIt_thenTheJobIsPosted() {
    String jobId =
        templateWithSchema(
            "{'$schema':'https://schemas.example/dialects/creatify-2026','type':'object',"
                + "'required':['product_url']}");

    var job =
        client.inspiration().create(inspirationInput("product_url", "https://s.example").build());

    assertThat(job.id()).isEqualTo(jobId);
  }

  @Test
  void givenADialectThatIsNotText_whenCreating_thenTheSchemaIsCheckedAsTheDefault() {
    templateWithSchema("{'$schema':{'draft':7},'type':'object','required':['product_url']}");

    assertThatThrownBy(() -> client.inspiration().create(inspirationInput("voice", "x").build()))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void givenASchemaWhosePatternIsNoRegex_whenCreating_thenTheCheckIsSkippedAndTheJobPosted() {
    String jobId =
        templateWithSchema(
            "{'type':'object','properties':{'product_url':{'type':'string','pattern':'(['}}}");

    var job =
        client.inspiration().create(inspirationInput("product_url", "https://s.example").build());

    assertThat(job.id()).isEqualTo(jobId);
    stand.verify(exactly(1), postRequestedFor(urlPathEqualTo("/api/inspiration_jobs/")));
  }

  @Test
  void givenASchemaReferringToARemoteDocument_whenCreating_thenNothingIsFetchedAndTheJobPosted() {
    String remote = stand.baseUrl() + "/schemas/product.json";
    String jobId =
        templateWithSchema(
            "{'type':'object','properties':{'product_url':{'$ref':'" + remote + "'}}}");

    var job =
        client.inspiration().create(inspirationInput("product_url", "https://s.example").build());

    assertThat(job.id()).isEqualTo(jobId);
    stand.verify(exactly(0), getRequestedFor(urlPathEqualTo("/schemas/product.json")));
  }

  @Test
  void givenASchemaWithAKeywordOfTheWrongKind_whenCreating_thenTheCheckIsSkippedAndTheJobPosted() {
    String jobId =
        templateWithSchema("{'type':'object','properties':['product_url'],'required':7}");

    var job =
        client.inspiration().create(inspirationInput("product_url", "https://s.example").build());

    assertThat(job.id()).isEqualTo(jobId);
  }
}
