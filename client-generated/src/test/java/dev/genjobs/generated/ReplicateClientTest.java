package dev.genjobs.generated;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.genjobs.generated.replicate.api.ModelsApi;
import dev.genjobs.generated.replicate.api.PredictionsApi;
import dev.genjobs.generated.replicate.model.PaginatedPredictions;
import dev.genjobs.generated.replicate.model.Prediction;
import dev.genjobs.generated.replicate.model.PredictionRequest;
import dev.genjobs.generated.replicate.model.ProblemDetails;
import dev.genjobs.generated.replicate.model.VersionPredictionRequest;
import feign.FeignException;
import java.io.IOException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The generated Replicate client against a loopback server. */
class ReplicateClientTest {

  private static final String TOKEN = "r8_test-token";
  private static final String PREDICTION_ID = "gm3qorzdhgbfurvjtvhg6dckhu";
  private static final String VERSION =
      "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa";

  @RegisterExtension static WireMockExtension wireMock = GeneratedClients.loopbackWireMock();

  private final Map<String, String> auth = Map.of("Authorization", "Bearer " + TOKEN);
  private final PredictionsApi predictions =
      GeneratedClients.target(PredictionsApi.class, wireMock, auth);
  private final ModelsApi models = GeneratedClients.target(ModelsApi.class, wireMock, auth);

  @Test
  void givenOurTags_whenGenerating_thenPredictionOperationsAreInPredictionsApi() {
    assertThat(Arrays.stream(PredictionsApi.class.getMethods()).map(Method::getName).distinct())
        .containsExactlyInAnyOrder(
            "predictionsCreate",
            "predictionsCreateWithHttpInfo",
            "predictionsGet",
            "predictionsGetWithHttpInfo",
            "predictionsList",
            "predictionsListWithHttpInfo",
            "predictionsCancel",
            "predictionsCancelWithHttpInfo");
  }

  @Test
  void givenVersionAndPreferWait_whenCreating_thenSendsBearerPreferAndJson() {
    wireMock.stubFor(
        post("/predictions")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(predictionJson("succeeded", "\"hello Alice\""))));

    Prediction created =
        predictions.predictionsCreate(
            "wait=5",
            new VersionPredictionRequest()
                .version(VERSION)
                .putInputItem("text", "Alice")
                .webhook("https://hooks.example/replicate")
                .webhookEventsFilter(List.of("completed")));

    wireMock.verify(
        postRequestedFor(urlEqualTo("/predictions"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .withHeader("Prefer", equalTo("wait=5"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(
                equalToJson(
                    """
                    {
                      "version": "%s",
                      "input": {"text": "Alice"},
                      "webhook": "https://hooks.example/replicate",
                      "webhook_events_filter": ["completed"]
                    }
                    """
                        .formatted(VERSION))));
    assertThat(created.getId()).isEqualTo(PREDICTION_ID);
    assertThat(created.getStatus()).isEqualTo("succeeded");
    assertThat(created.getOutput()).isEqualTo("hello Alice");
  }

  @Test
  void givenNoPreferAndNoEventsFilter_whenCreating_thenNoPreferHeaderAndTheFilterIsAnEmptyList() {
    wireMock.stubFor(
        post("/predictions")
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody(predictionJson("starting", "null"))));

    Prediction created =
        predictions.predictionsCreate(
            null, new VersionPredictionRequest().version(VERSION).putInputItem("text", "Alice"));

    // The generator initialises optional lists to an empty list, which NON_NULL still sends:
    // callers who want Replicate's default events must set the filter to null (as here below).
    wireMock.verify(
        postRequestedFor(urlEqualTo("/predictions"))
            .withoutHeader("Prefer")
            .withRequestBody(
                equalToJson(
                    """
                    {"version": "%s", "input": {"text": "Alice"}, "webhook_events_filter": []}
                    """
                        .formatted(VERSION))));
    assertThat(created.getStatus()).isEqualTo("starting");
    assertThat(created.getOutput()).isNull();
  }

  @Test
  void givenEventsFilterSetToNull_whenCreating_thenBodyHasNoFilterKey() {
    wireMock.stubFor(
        post("/predictions")
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody(predictionJson("starting", "null"))));

    predictions.predictionsCreate(
        null,
        new VersionPredictionRequest()
            .version(VERSION)
            .putInputItem("text", "Alice")
            .webhookEventsFilter(null));

    wireMock.verify(
        postRequestedFor(urlEqualTo("/predictions"))
            .withRequestBody(
                equalToJson(
                    """
                    {"version": "%s", "input": {"text": "Alice"}}
                    """
                        .formatted(VERSION))));
  }

  @Test
  void givenOfficialModel_whenCreating_thenPostsToTheModelsPredictionsPath() {
    wireMock.stubFor(
        post("/models/black-forest-labs/flux-schnell/predictions")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        predictionJson(
                            "succeeded", "[\"https://replicate.delivery/xezq/out-0.webp\"]"))));

    Prediction created =
        models.modelsPredictionsCreate(
            "black-forest-labs",
            "flux-schnell",
            "wait",
            new PredictionRequest()
                .putInputItem("prompt", "a lighthouse")
                .webhookEventsFilter(null));

    wireMock.verify(
        postRequestedFor(urlEqualTo("/models/black-forest-labs/flux-schnell/predictions"))
            .withHeader("Prefer", equalTo("wait"))
            .withRequestBody(equalToJson("{\"input\": {\"prompt\": \"a lighthouse\"}}")));
    assertThat(created.getOutput())
        .isEqualTo(List.of("https://replicate.delivery/xezq/out-0.webp"));
  }

  @Test
  void givenThePublishedExample_whenGettingPrediction_thenEveryDocumentedFieldDecodes() {
    // The prediction object as the published predictions.get description shows it.
    wireMock.stubFor(
        get("/predictions/" + PREDICTION_ID)
            .willReturn(
                okJson(
                    """
                    {
                      "id": "gm3qorzdhgbfurvjtvhg6dckhu",
                      "model": "replicate/hello-world",
                      "version": "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa",
                      "input": {"text": "Alice"},
                      "logs": "",
                      "output": "hello Alice",
                      "error": null,
                      "status": "succeeded",
                      "created_at": "2023-09-08T16:19:34.765994Z",
                      "data_removed": false,
                      "started_at": "2023-09-08T16:19:34.779176Z",
                      "completed_at": "2023-09-08T16:19:34.791859Z",
                      "metrics": {"predict_time": 0.012683},
                      "urls": {
                        "cancel": "https://api.replicate.com/v1/predictions/gm3qorzdhgbfurvjtvhg6dckhu/cancel",
                        "get": "https://api.replicate.com/v1/predictions/gm3qorzdhgbfurvjtvhg6dckhu"
                      }
                    }
                    """)));

    Prediction prediction = predictions.predictionsGet(PREDICTION_ID);

    wireMock.verify(
        getRequestedFor(urlEqualTo("/predictions/" + PREDICTION_ID))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    assertThat(prediction.getModel()).isEqualTo("replicate/hello-world");
    assertThat(prediction.getVersion()).isEqualTo(VERSION);
    assertThat(prediction.getInput()).containsEntry("text", "Alice");
    assertThat(prediction.getLogs()).isEmpty();
    assertThat(prediction.getError()).isNull();
    assertThat(prediction.getDataRemoved()).isFalse();
    assertThat(prediction.getCreatedAt())
        .isEqualTo(OffsetDateTime.parse("2023-09-08T16:19:34.765994Z"));
    assertThat(prediction.getCompletedAt())
        .isEqualTo(OffsetDateTime.parse("2023-09-08T16:19:34.791859Z"));
    assertThat(prediction.getMetrics().getPredictTime()).isEqualByComparingTo("0.012683");
    assertThat(prediction.getUrls().getGet())
        .isEqualTo(URI.create("https://api.replicate.com/v1/predictions/" + PREDICTION_ID));
    assertThat(prediction.getUrls().getStream()).isNull();
  }

  @Test
  void givenStatusNotDocumented_whenGettingPrediction_thenRawStatusIsKept() {
    wireMock.stubFor(
        get("/predictions/" + PREDICTION_ID).willReturn(okJson(predictionJson("queued", "null"))));

    Prediction prediction = predictions.predictionsGet(PREDICTION_ID);

    assertThat(prediction.getStatus()).isEqualTo("queued");
  }

  @Test
  void givenUndocumentedMetric_whenGettingPrediction_thenItIsKeptAsAnAdditionalProperty() {
    wireMock.stubFor(
        get("/predictions/" + PREDICTION_ID)
            .willReturn(
                okJson(
                    predictionJson("succeeded", "{\"text\": \"hi\"}")
                        .replace(
                            "\"metrics\": {\"predict_time\": 1.5}",
                            "\"metrics\": {\"predict_time\": 1.5, \"image_count\": 4}"))));

    Prediction prediction = predictions.predictionsGet(PREDICTION_ID);

    assertThat(prediction.getOutput()).isEqualTo(Map.of("text", "hi"));
    assertThat(prediction.getMetrics().getPredictTime())
        .isEqualByComparingTo(new BigDecimal("1.5"));
    assertThat(prediction.getMetrics().getAdditionalProperties()).containsEntry("image_count", 4);
  }

  @Test
  void givenCancel_whenCanceling_thenPostsToCancelAndDecodesCanceledPrediction() {
    wireMock.stubFor(
        post("/predictions/" + PREDICTION_ID + "/cancel")
            .willReturn(okJson(predictionJson("canceled", "null"))));

    Prediction canceled = predictions.predictionsCancel(PREDICTION_ID);

    wireMock.verify(
        postRequestedFor(urlEqualTo("/predictions/" + PREDICTION_ID + "/cancel"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    assertThat(canceled.getStatus()).isEqualTo("canceled");
  }

  @Test
  void givenAPage_whenListing_thenDecodesResultsAndTheNextPageUrl() {
    wireMock.stubFor(
        get("/predictions")
            .willReturn(
                okJson(
                    """
                    {
                      "next": "https://api.replicate.com/v1/predictions?cursor=cD0yMDIz",
                      "previous": null,
                      "results": [%s]
                    }
                    """
                        .formatted(predictionJson("processing", "null")))));

    PaginatedPredictions page = predictions.predictionsList();

    assertThat(page.getNext())
        .isEqualTo(URI.create("https://api.replicate.com/v1/predictions?cursor=cD0yMDIz"));
    assertThat(page.getPrevious()).isNull();
    assertThat(page.getResults()).extracting(Prediction::getStatus).containsExactly("processing");
  }

  @Test
  void givenInvalidInput_whenCreating_thenFeignExceptionCarriesProblemDetails() throws IOException {
    wireMock.stubFor(
        post("/predictions")
            .willReturn(
                aResponse()
                    .withStatus(422)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody(
                        """
                        {"title": "Input validation failed", "detail": "- input: prompt is required",
                         "status": 422, "invalid_fields": [{"field": "input", "type": "required"}]}
                        """)));

    FeignException failure =
        catchThrowableOfType(
            FeignException.class,
            () ->
                predictions.predictionsCreate(
                    null,
                    new VersionPredictionRequest().version(VERSION).webhookEventsFilter(null)));

    assertThat(failure.status()).isEqualTo(422);
    ProblemDetails body =
        GeneratedClients.MAPPER.readValue(failure.contentUTF8(), ProblemDetails.class);
    assertThat(body.getTitle()).isEqualTo("Input validation failed");
    assertThat(body.getStatus()).isEqualTo(422);
    assertThat(body.getAdditionalProperties()).containsKey("invalid_fields");
  }

  @Test
  void givenAWebhookDelivery_whenReadingItsBody_thenItIsThePrediction() throws IOException {
    // The callback declared on the create operations has Prediction as its payload.
    Prediction delivered =
        GeneratedClients.MAPPER.readValue(
            predictionJson("succeeded", "\"hello Alice\""), Prediction.class);

    assertThat(delivered.getId()).isEqualTo(PREDICTION_ID);
    assertThat(delivered.getStatus()).isEqualTo("succeeded");
  }

  /** A prediction as Replicate answers it; output is a raw JSON value. */
  private static String predictionJson(String status, String output) {
    return """
        {
          "id": "%s",
          "model": "replicate/hello-world",
          "version": "%s",
          "input": {"text": "Alice"},
          "logs": null,
          "output": %s,
          "error": null,
          "status": "%s",
          "source": "api",
          "data_removed": false,
          "created_at": "2026-12-05T06:00:00.123456Z",
          "started_at": null,
          "completed_at": null,
          "metrics": {"predict_time": 1.5},
          "urls": {
            "get": "https://api.replicate.com/v1/predictions/%1$s",
            "cancel": "https://api.replicate.com/v1/predictions/%1$s/cancel",
            "web": "https://replicate.com/p/%1$s"
          }
        }
        """
        .formatted(PREDICTION_ID, VERSION, output, status);
  }
}
