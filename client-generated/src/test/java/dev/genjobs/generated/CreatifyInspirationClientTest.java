package dev.genjobs.generated;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.genjobs.generated.creatify.inspiration.api.InspirationJobsApi;
import dev.genjobs.generated.creatify.inspiration.api.InspirationsApi;
import dev.genjobs.generated.creatify.inspiration.model.APICommunityRecipeMediaJob;
import dev.genjobs.generated.creatify.inspiration.model.APIGenerationRequest;
import dev.genjobs.generated.creatify.inspiration.model.Inspiration;
import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The generated Creatify Inspiration client against a loopback server. */
class CreatifyInspirationClientTest {

  private static final Map<String, String> AUTH =
      Map.of("X-API-ID", "api-id-123", "X-API-KEY", "api-key-456");
  private static final UUID JOB_ID = UUID.fromString("9b2f6c1e-3d0a-4c5e-8f21-7a6b5c4d3e2f");
  private static final UUID INSPIRATION_ID =
      UUID.fromString("1f0e2d3c-4b5a-4968-8776-a5b4c3d2e1f0");

  @RegisterExtension static WireMockExtension wireMock = GeneratedClients.loopbackWireMock();

  private final InspirationJobsApi jobs =
      GeneratedClients.target(InspirationJobsApi.class, wireMock, AUTH);

  @Test
  void givenGenerationRequest_whenCreatingJob_thenPostsJsonWithCreatifyAuthHeaders() {
    wireMock.stubFor(
        post("/api/inspiration_jobs/")
            .willReturn(
                okJson(
                        jobJson(
                            "pending",
                            quoted("{\"product_url\": \"https://shop.example/p/1\"}"),
                            "\"\""))
                    .withStatus(201)));

    APICommunityRecipeMediaJob job =
        jobs.inspirationJobsCreate(
            new APIGenerationRequest()
                .inspirationId(INSPIRATION_ID)
                .putInputParamsItem("product_url", "https://shop.example/p/1")
                .putInputParamsItem("aspect_ratio", "9x16")
                .webhookUrl(URI.create("https://hooks.example/creatify")));

    wireMock.verify(
        postRequestedFor(urlEqualTo("/api/inspiration_jobs/"))
            .withHeader("X-API-ID", equalTo("api-id-123"))
            .withHeader("X-API-KEY", equalTo("api-key-456"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(
                equalToJson(
                    """
                    {
                      "inspiration_id": "1f0e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
                      "input_params": {
                        "product_url": "https://shop.example/p/1",
                        "aspect_ratio": "9x16"
                      },
                      "webhook_url": "https://hooks.example/creatify"
                    }
                    """)));
    assertThat(job.getId()).isEqualTo(JOB_ID);
    assertThat(job.getInspirationId()).isEqualTo(INSPIRATION_ID.toString());
    assertThat(job.getGenType()).isEqualTo("video");
    assertThat(job.getStatus()).isEqualTo("pending");
    assertThat(job.getCreatedAt()).isEqualTo(OffsetDateTime.parse("2025-06-01T10:15:30Z"));
  }

  @Test
  void givenRequestWithoutWebhook_whenCreatingJob_thenBodyHasNoWebhookUrlKey() {
    wireMock.stubFor(
        post("/api/inspiration_jobs/")
            .willReturn(okJson(jobJson("pending", "{}", "\"\"")).withStatus(201)));

    jobs.inspirationJobsCreate(
        new APIGenerationRequest()
            .inspirationId(INSPIRATION_ID)
            .putInputParamsItem("product_url", "https://shop.example/p/1"));

    wireMock.verify(
        postRequestedFor(urlEqualTo("/api/inspiration_jobs/"))
            .withRequestBody(
                equalToJson(
                    """
                    {
                      "inspiration_id": "1f0e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
                      "input_params": {"product_url": "https://shop.example/p/1"}
                    }
                    """))
            .withRequestBody(matchingJsonPath("$.webhook_url", absent())));
  }

  @Test
  void givenOutputAsJsonText_whenRetrievingJob_thenOutputIsTheRawText() {
    String outputText = "[{\"url\": \"https://cdn.example/out/1.mp4\", \"type\": \"video\"}]";
    stubRetrieve(jobJson("done", "{}", quoted(outputText)));

    APICommunityRecipeMediaJob job = jobs.inspirationJobsRetrieve(JOB_ID);

    wireMock.verify(
        getRequestedFor(urlEqualTo("/api/inspiration_jobs/" + JOB_ID + "/"))
            .withHeader("X-API-ID", equalTo("api-id-123"))
            .withHeader("X-API-KEY", equalTo("api-key-456")));
    assertThat(job.getOutput()).isEqualTo(outputText);
  }

  @Test
  void givenOutputAsJsonList_whenRetrievingJob_thenOutputIsAList() {
    stubRetrieve(
        jobJson(
            "done", "{}", "[{\"url\": \"https://cdn.example/out/1.mp4\", \"type\": \"video\"}]"));

    APICommunityRecipeMediaJob job = jobs.inspirationJobsRetrieve(JOB_ID);

    assertThat(job.getOutput())
        .isEqualTo(List.of(Map.of("url", "https://cdn.example/out/1.mp4", "type", "video")));
  }

  @Test
  void givenInputParamsAsJsonText_whenRetrievingJob_thenInputParamsIsTheRawText() {
    String inputText = "{\"product_url\": \"https://shop.example/p/1\"}";
    stubRetrieve(jobJson("running", quoted(inputText), "\"\""));

    APICommunityRecipeMediaJob job = jobs.inspirationJobsRetrieve(JOB_ID);

    assertThat(job.getInputParams()).isEqualTo(inputText);
  }

  @Test
  void givenInputParamsAsJsonObject_whenRetrievingJob_thenInputParamsIsAMap() {
    stubRetrieve(
        jobJson(
            "running",
            "{\"product_url\": \"https://shop.example/p/1\", \"duration\": 15}",
            "\"\""));

    APICommunityRecipeMediaJob job = jobs.inspirationJobsRetrieve(JOB_ID);

    assertThat(job.getInputParams())
        .isEqualTo(Map.of("product_url", "https://shop.example/p/1", "duration", 15));
  }

  @Test
  void givenUndocumentedResponseField_whenRetrievingJob_thenItIsKeptAsAdditionalProperty() {
    stubRetrieve(
        jobJson("failed", "{}", "\"\"")
            .replace("\"status\"", "\"progress\": 0.4, \"credits_used\": 5, \"status\""));

    APICommunityRecipeMediaJob job = jobs.inspirationJobsRetrieve(JOB_ID);

    assertThat(job.getAdditionalProperties())
        .containsEntry("progress", 0.4)
        .containsEntry("credits_used", 5);
  }

  @Test
  void givenTemplates_whenListingInspirations_thenDecodesEachTemplateAndItsInputSchema() {
    wireMock.stubFor(
        get("/api/inspirations/")
            .willReturn(
                okJson(
                    """
                    [{
                      "id": "1f0e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
                      "name": "Unboxing",
                      "description": null,
                      "gen_type": "video",
                      "input_params_schema": {
                        "type": "object",
                        "required": ["product_url"],
                        "properties": {"product_url": {"type": "string", "format": "uri"}}
                      },
                      "preview_image": "https://cdn.example/preview/unboxing.jpg",
                      "preview_video": null,
                      "credit_cost": 7.5,
                      "categories": ["ecommerce"],
                      "labels": ["new"]
                    }]
                    """)));
    InspirationsApi inspirations = GeneratedClients.target(InspirationsApi.class, wireMock, AUTH);

    List<Inspiration> templates = inspirations.inspirationsList();

    wireMock.verify(
        getRequestedFor(urlPathEqualTo("/api/inspirations/"))
            .withHeader("X-API-ID", equalTo("api-id-123"))
            .withHeader("X-API-KEY", equalTo("api-key-456")));
    assertThat(templates)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.getId()).isEqualTo(INSPIRATION_ID);
              assertThat(t.getName()).isEqualTo("Unboxing");
              assertThat(t.getDescription()).isNull();
              assertThat(t.getInputParamsSchema())
                  .containsEntry("required", List.of("product_url"));
              assertThat(t.getPreviewImage())
                  .isEqualTo(URI.create("https://cdn.example/preview/unboxing.jpg"));
              assertThat(t.getCreditCost()).isEqualByComparingTo(new BigDecimal("7.5"));
              assertThat(t.getCategories()).containsExactly("ecommerce");
            });
  }

  private void stubRetrieve(String body) {
    wireMock.stubFor(get("/api/inspiration_jobs/" + JOB_ID + "/").willReturn(okJson(body)));
  }

  /** A job as the provider answers it; inputParams and output are raw JSON values. */
  private static String jobJson(String status, String inputParams, String output) {
    return """
        {
          "id": "%s",
          "inspiration_id": "%s",
          "gen_type": "video",
          "status": "%s",
          "failed_reason": "",
          "input_params": %s,
          "webhook_url": null,
          "output": %s,
          "created_at": "2025-06-01T10:15:30Z",
          "updated_at": "2025-06-01T10:16:02Z"
        }
        """
        .formatted(JOB_ID, INSPIRATION_ID, status, inputParams, output);
  }

  private static String quoted(String text) {
    return GeneratedClients.MAPPER.valueToTree(text).toString();
  }
}
