package dev.genjobs.client.webhooks;

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

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.creatify.AssetGenerationRequest;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.testing.JobStands;
import dev.genjobs.client.testing.Stand;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook deliveries: confirmed with exactly one GET, never trusted, repeats and strangers cost no
 * request. No poll happens for a minute ({@link JobStands#webhookOnlyPolls()}), so every GET seen
 * here is a webhook confirmation.
 */
class WebhookHandlerTest {

  static final URI HOOK = URI.create("https://app.example/hooks/genjobs");
  static final String ASSET_ID = "0c000000-0000-4000-8000-000000000001";
  static final String MODEL = "flux/schnell";

  private Stand stand;
  private GenJobsClient client;

  @BeforeEach
  void setUp() {
    stand = JobStands.stand(b -> b.pollPolicy(JobStands.webhookOnlyPolls()));
    client = stand.client();
    stand.stubFor(
        post(urlPathEqualTo("/generate"))
            .willReturn(json(q("{'jobId':'wh-1','status':'created'}"))));
  }

  @AfterEach
  void tearDown() {
    stand.close();
  }

  private static byte[] body(String singleQuotedJson) {
    return q(singleQuotedJson).getBytes(StandardCharsets.UTF_8);
  }

  private WebhookResult deliver(String singleQuotedJson) {
    return client
        .webhooks()
        .handle(body(singleQuotedJson), Map.of("Content-Type", List.of("application/json")));
  }

  private CompletableFuture<JobSnapshot> generateWithWebhookAndAwait() {
    return client
        .creative()
        .generate(
            GenerateRequest.builder()
                .model("flux-pro")
                .input("prompt", "a fox")
                .webhook(HOOK)
                .build())
        .awaitAsync(Duration.ofSeconds(30));
  }

  private void stubJob(String status) {
    stand.stubFor(
        get(urlPathEqualTo("/get"))
            .withQueryParam("jobId", equalTo("wh-1"))
            .willReturn(
                json(
                    q(
                        "{'jobId':'wh-1','status':'"
                            + status
                            + "','output':{'imageUrl':['https://cdn.example/wh.png']}}"))));
  }

  @Test
  void givenJobCreatedWithWebhook_whenDeliveryArrives_thenOneConfirmingGetCompletesTheWait()
      throws Exception {
    stubJob("completed");
    CompletableFuture<JobSnapshot> future = generateWithWebhookAndAwait();

    WebhookResult result = deliver("{'jobId':'wh-1','status':'completed'}");

    assertThat(result.outcome()).isEqualTo(WebhookResult.Outcome.COMPLETED);
    assertThat(result.provider()).isEqualTo(Provider.CREATIVE_API);
    assertThat(result.httpStatus()).isEqualTo(200);
    assertThat(future).isDone();
    assertThat(future.get().status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(future.get().outputUrls()).containsExactly(URI.create("https://cdn.example/wh.png"));
    stand.verify(exactly(1), postRequestedFor(urlPathEqualTo("/generate")));
    stand.verify(exactly(1), getRequestedFor(urlPathEqualTo("/get")));
    assertThat(JobStands.requestCount(stand)).isEqualTo(2);
  }

  @Test
  void givenDeliveryAlreadyHandled_whenItIsRepeated_thenDuplicateWithNoFurtherRequest()
      throws Exception {
    stubJob("completed");
    CompletableFuture<JobSnapshot> future = generateWithWebhookAndAwait();
    deliver("{'jobId':'wh-1','status':'completed'}");

    WebhookResult repeat = deliver("{'jobId':'wh-1','status':'completed'}");

    assertThat(repeat.outcome()).isEqualTo(WebhookResult.Outcome.DUPLICATE);
    assertThat(repeat.httpStatus()).isEqualTo(200);
    assertThat(future.get(20, TimeUnit.SECONDS).status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(JobStands.requestCount(stand)).isEqualTo(2);
  }

  @Test
  void givenDeliveryForAJobNobodyWatches_whenHandled_thenUnknownJob404WithNoRequest() {
    WebhookResult result = deliver("{'jobId':'never-created','status':'completed'}");

    assertThat(result.outcome()).isEqualTo(WebhookResult.Outcome.UNKNOWN_JOB);
    assertThat(result.httpStatus()).isEqualTo(404);
    assertThat(JobStands.requestCount(stand)).isZero();
  }

  @Test
  void givenPayloadClaimingCompletedButProviderSaysProcessing_whenHandled_thenStillRunning()
      throws Exception {
    stubJob("processing");
    CompletableFuture<JobSnapshot> future = generateWithWebhookAndAwait();

    WebhookResult result = deliver("{'jobId':'wh-1','status':'completed'}");

    assertThat(result.outcome()).isEqualTo(WebhookResult.Outcome.STILL_RUNNING);
    assertThat(result.httpStatus()).isEqualTo(200);
    assertThat(future).isNotDone();
    stand.verify(exactly(1), getRequestedFor(urlPathEqualTo("/get")));
  }

  @Test
  void givenBodyThatIsNotJson_whenHandled_thenInvalid400WithNoRequest() {
    WebhookResult result =
        client
            .webhooks()
            .handle("status=completed&id=1".getBytes(StandardCharsets.UTF_8), Map.of());

    assertThat(result.outcome()).isEqualTo(WebhookResult.Outcome.INVALID);
    assertThat(result.httpStatus()).isEqualTo(400);
    assertThat(result.detailText()).isPresent();
    assertThat(JobStands.requestCount(stand)).isZero();
  }

  @Test
  void givenAssetJobCreatedWithWebhookUrl_whenDeliveryArrives_thenTheJobCostsTwoRequests()
      throws Exception {
    stand.stubFor(get(urlPathEqualTo("/api/asset_generator/schemas/")).willReturn(json("[]")));
    String asset =
        "{'id':'" + ASSET_ID + "','model_name':'" + MODEL + "','gen_type':'text_to_image'";
    stand.stubFor(
        post(urlPathEqualTo("/api/asset_generator/"))
            .willReturn(json(201, q(asset + ",'status':'initializing'}"))));
    stand.stubFor(
        get(urlPathEqualTo("/api/asset_generator/" + ASSET_ID + "/"))
            .willReturn(
                json(q(asset + ",'status':'done','assets':'https://cdn.example/cat.png'}"))));
    CompletableFuture<JobSnapshot> future =
        client
            .assetGenerator()
            .create(
                AssetGenerationRequest.builder()
                    .modelName(MODEL)
                    .inputParam("prompt", "a cat")
                    .webhookUrl(HOOK)
                    .build())
            .awaitAsync(Duration.ofSeconds(30));

    WebhookResult result = deliver(asset + ",'status':'done'}");

    assertThat(result.outcome()).isEqualTo(WebhookResult.Outcome.COMPLETED);
    assertThat(result.provider()).isEqualTo(Provider.CREATIFY_ASSET_GENERATOR);
    assertThat(future.get(20, TimeUnit.SECONDS).outputUrls())
        .containsExactly(URI.create("https://cdn.example/cat.png"));
    stand.verify(exactly(1), postRequestedFor(urlPathEqualTo("/api/asset_generator/")));
    stand.verify(
        exactly(1), getRequestedFor(urlPathEqualTo("/api/asset_generator/" + ASSET_ID + "/")));
    // The only other request is the model's input schema, fetched before creating.
    assertThat(JobStands.requestCount(stand)).isEqualTo(3);
  }
}
