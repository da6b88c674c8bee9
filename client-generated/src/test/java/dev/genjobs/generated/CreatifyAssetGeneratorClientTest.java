package dev.genjobs.generated;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.genjobs.generated.creatify.assetgenerator.api.AssetGeneratorApi;
import dev.genjobs.generated.creatify.assetgenerator.model.APIAIToolsFlowAsset;
import dev.genjobs.generated.creatify.assetgenerator.model.AssetGeneratorModel;
import dev.genjobs.generated.creatify.assetgenerator.model.AssetGeneratorRequest;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The generated Creatify Asset Generator client against a loopback server. */
class CreatifyAssetGeneratorClientTest {

  private static final Map<String, String> AUTH =
      Map.of("X-API-ID", "api-id-123", "X-API-KEY", "api-key-456");
  private static final UUID TASK_ID = UUID.fromString("5c7d9e0f-1a2b-4c3d-9e8f-0a1b2c3d4e5f");
  private static final UUID OTHER_TASK_ID = UUID.fromString("6d8e0f1a-2b3c-4d5e-8f9a-1b2c3d4e5f60");
  private static final String MODEL = "kling-video/v1.6/pro/image-to-video";

  @RegisterExtension static WireMockExtension wireMock = GeneratedClients.loopbackWireMock();

  private final AssetGeneratorApi api =
      GeneratedClients.target(AssetGeneratorApi.class, wireMock, AUTH);

  @Test
  void givenAssetRequest_whenCreatingTask_thenPostsJsonWithCreatifyAuthHeaders() {
    wireMock.stubFor(
        post("/api/asset_generator/")
            .willReturn(
                okJson(
                        """
                        {
                          "id": "5c7d9e0f-1a2b-4c3d-9e8f-0a1b2c3d4e5f",
                          "model_name": "kling-video/v1.6/pro/image-to-video",
                          "gen_type": "image_to_video",
                          "status": "initializing",
                          "failed_reason": null,
                          "assets": null,
                          "duration": 5,
                          "input_params": {"image_url": "https://cdn.example/in.png", "duration": 5},
                          "aspect_ratio": "9:16",
                          "output_nums": 1,
                          "resolution": "1080x1920",
                          "webhook_url": "https://hooks.example/assets",
                          "created_at": "2025-06-01T10:15:30Z",
                          "updated_at": "2025-06-01T10:15:30Z"
                        }
                        """)
                    .withStatus(201)));

    APIAIToolsFlowAsset task =
        api.assetGeneratorCreate(
            new AssetGeneratorRequest()
                .modelName(MODEL)
                .putInputParamsItem("image_url", "https://cdn.example/in.png")
                .putInputParamsItem("duration", 5)
                .webhookUrl(URI.create("https://hooks.example/assets")));

    wireMock.verify(
        postRequestedFor(urlEqualTo("/api/asset_generator/"))
            .withHeader("X-API-ID", equalTo("api-id-123"))
            .withHeader("X-API-KEY", equalTo("api-key-456"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(
                equalToJson(
                    """
                    {
                      "model_name": "kling-video/v1.6/pro/image-to-video",
                      "input_params": {"image_url": "https://cdn.example/in.png", "duration": 5},
                      "webhook_url": "https://hooks.example/assets"
                    }
                    """)));
    assertThat(task.getId()).isEqualTo(TASK_ID);
    assertThat(task.getModelName()).isEqualTo(MODEL);
    assertThat(task.getStatus()).isEqualTo("initializing");
    assertThat(task.getAssets()).isNull();
    assertThat(task.getCreditsUsed()).isNull();
    assertThat(task.getDuration()).isEqualTo(5);
    assertThat(task.getInputParams())
        .isEqualTo(Map.of("image_url", "https://cdn.example/in.png", "duration", 5));
    assertThat(task.getCreatedAt()).isEqualTo(OffsetDateTime.parse("2025-06-01T10:15:30Z"));
  }

  @Test
  void givenAssetsAsJsonText_whenRetrievingTask_thenAssetsIsTheRawText() {
    String assetsText = "[\"https://cdn.example/out/1.mp4\"]";
    stubRetrieve(taskJson(GeneratedClients.MAPPER.valueToTree(assetsText).toString(), "\"8\""));

    APIAIToolsFlowAsset task = api.assetGeneratorRetrieve(TASK_ID);

    wireMock.verify(
        getRequestedFor(urlEqualTo("/api/asset_generator/" + TASK_ID + "/"))
            .withHeader("X-API-ID", equalTo("api-id-123"))
            .withHeader("X-API-KEY", equalTo("api-key-456")));
    assertThat(task.getAssets()).isEqualTo(assetsText);
  }

  @Test
  void givenAssetsAsJsonList_whenRetrievingTask_thenAssetsIsAList() {
    stubRetrieve(taskJson("[\"https://cdn.example/out/1.mp4\"]", "\"8\""));

    APIAIToolsFlowAsset task = api.assetGeneratorRetrieve(TASK_ID);

    assertThat(task.getAssets()).isEqualTo(List.of("https://cdn.example/out/1.mp4"));
  }

  @Test
  void givenCreditsUsedAsString_whenRetrievingTask_thenCreditsUsedIsTheString() {
    stubRetrieve(taskJson("null", "\"8.5\""));

    APIAIToolsFlowAsset task = api.assetGeneratorRetrieve(TASK_ID);

    assertThat(task.getCreditsUsed()).isEqualTo("8.5");
  }

  @Test
  void givenCreditsUsedAsNumber_whenRetrievingTask_thenCreditsUsedIsTheNumber() {
    stubRetrieve(taskJson("null", "8.5"));

    APIAIToolsFlowAsset task = api.assetGeneratorRetrieve(TASK_ID);

    assertThat(task.getCreditsUsed()).isEqualTo(8.5);
  }

  @Test
  void givenTaskIds_whenListingTasks_thenSendsThemAsOneCommaSeparatedQuery() {
    wireMock.stubFor(
        get(urlPathEqualTo("/api/asset_generator/"))
            .willReturn(okJson("[" + taskJson("null", "\"8\"") + "]")));

    List<APIAIToolsFlowAsset> tasks = api.assetGeneratorList(TASK_ID + "," + OTHER_TASK_ID);

    wireMock.verify(
        getRequestedFor(urlPathEqualTo("/api/asset_generator/"))
            .withQueryParam("ids", equalTo(TASK_ID + "," + OTHER_TASK_ID))
            .withHeader("X-API-KEY", equalTo("api-key-456")));
    assertThat(tasks).extracting(APIAIToolsFlowAsset::getId).containsExactly(TASK_ID);
  }

  @Test
  void givenNoTaskIds_whenListingTasks_thenSendsNoIdsQueryParameter() {
    wireMock.stubFor(get(urlPathEqualTo("/api/asset_generator/")).willReturn(okJson("[]")));

    List<APIAIToolsFlowAsset> tasks = api.assetGeneratorList((String) null);

    wireMock.verify(
        getRequestedFor(urlPathEqualTo("/api/asset_generator/")).withQueryParam("ids", absent()));
    assertThat(tasks).isEmpty();
  }

  @Test
  void givenModelName_whenListingSchemas_thenFiltersByModelAndDecodesInputSchema() {
    wireMock.stubFor(
        get(urlPathEqualTo("/api/asset_generator/schemas/"))
            .willReturn(
                okJson(
                    """
                    [{
                      "model_name": "kling-video/v1.6/pro/image-to-video",
                      "input_params_schema": {
                        "$schema": "https://json-schema.org/draft/2020-12/schema",
                        "type": "object",
                        "required": ["image_url"],
                        "properties": {
                          "image_url": {"type": "string", "format": "uri"},
                          "duration": {"type": "integer", "enum": [5, 10]}
                        }
                      }
                    }]
                    """)));

    List<AssetGeneratorModel> models = api.assetGeneratorSchemasList(MODEL);

    wireMock.verify(
        getRequestedFor(urlPathEqualTo("/api/asset_generator/schemas/"))
            .withQueryParam("model_name", equalTo(MODEL))
            .withHeader("X-API-ID", equalTo("api-id-123")));
    assertThat(models)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.getModelName()).isEqualTo(MODEL);
              assertThat(m.getInputParamsSchema())
                  .containsEntry("required", List.of("image_url"))
                  .containsKey("properties");
            });
  }

  private void stubRetrieve(String body) {
    wireMock.stubFor(get("/api/asset_generator/" + TASK_ID + "/").willReturn(okJson(body)));
  }

  /** A finished task; assets and creditsUsed are raw JSON values. */
  private static String taskJson(String assets, String creditsUsed) {
    return """
        {
          "id": "%s",
          "model_name": "%s",
          "gen_type": "image_to_video",
          "status": "done",
          "failed_reason": null,
          "assets": %s,
          "credits_used": %s,
          "duration": 5,
          "input_params": {"image_url": "https://cdn.example/in.png"},
          "created_at": "2025-06-01T10:15:30Z",
          "updated_at": "2025-06-01T10:17:45Z"
        }
        """
        .formatted(TASK_ID, MODEL, assets, creditsUsed);
  }
}
