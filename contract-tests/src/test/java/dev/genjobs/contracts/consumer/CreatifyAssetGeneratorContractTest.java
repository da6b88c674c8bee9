package dev.genjobs.contracts.consumer;

import static dev.genjobs.contracts.consumer.ContractClients.CONSUMER;
import static dev.genjobs.contracts.consumer.ContractClients.CREATIFY_KEY;
import static dev.genjobs.contracts.consumer.ContractClients.RATE_LIMITED;
import static dev.genjobs.contracts.consumer.ContractClients.RETRY_AFTER_SECONDS;
import static dev.genjobs.contracts.consumer.ContractClients.REVOKED_KEY;
import static dev.genjobs.contracts.consumer.ContractClients.jsonContentType;
import static dev.genjobs.contracts.consumer.ContractClients.retryAfterSeconds;
import static dev.genjobs.contracts.consumer.CreatifyRequests.auth;
import static dev.genjobs.contracts.consumer.CreatifyRequests.detail;
import static dev.genjobs.contracts.consumer.CreatifyRequests.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.HttpInteractionBuilder;
import au.com.dius.pact.consumer.dsl.PactBuilder;
import au.com.dius.pact.consumer.dsl.PactDslJsonArray;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.consumer.junit5.ProviderType;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Interaction;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.creatify.AssetGenerationRequest;
import dev.genjobs.client.creatify.ModelSchema;
import dev.genjobs.client.errors.NotFoundException;
import dev.genjobs.client.errors.RateLimitException;
import dev.genjobs.client.errors.UnauthorizedException;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.webhooks.WebhookResult;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TimeZone;
import kotlin.jvm.functions.Function1;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Creatify's Asset Generator as genjobs-java uses it: the models and their input schemas, task
 * creation (input checked against the model's schema first) and the task until it is done.
 */
@ExtendWith({PactConsumerTestExt.class, NameTheInteraction.class})
@PactTestFor(
    providerName = CreatifyAssetGeneratorContractTest.PROVIDER,
    pactVersion = PactSpecVersion.V4)
class CreatifyAssetGeneratorContractTest {

  static final String PROVIDER = "creatify-asset-generator";

  /** The spec's status enum. */
  private static final String STATUS = "initializing|generating|done|failed";

  private static final String TIMESTAMP = "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX";
  private static final Instant CREATED_AT = Instant.parse("2026-01-15T10:00:00.123456Z");

  private static final String MODEL = "kling-video/v1.6/pro/image-to-video";
  private static final String NEW_TASK = "a7e1c9b2-3d4f-4e5a-8b6c-000000000001";
  private static final String GENERATING_TASK = "a7e1c9b2-3d4f-4e5a-8b6c-000000000002";
  private static final String DONE_TASK = "a7e1c9b2-3d4f-4e5a-8b6c-000000000003";
  private static final String FAILED_TASK = "a7e1c9b2-3d4f-4e5a-8b6c-000000000004";
  private static final String UNKNOWN_TASK = "a7e1c9b2-3d4f-4e5a-8b6c-00000000dead";
  private static final String IMAGE_URL = "https://shop.example.com/img/shoe.png";
  private static final String VIDEO_URL = "https://cdn.creatify.ai/assets/a7e1c9b2/0.mp4";
  private static final URI WEBHOOK = URI.create("https://hooks.example.com/genjobs/creatify");
  private static final String MODEL_STATE = "the model " + MODEL + " is available";

  // --- models ---------------------------------------------------------------------------------

  @Pact(consumer = CONSUMER)
  V4Pact listModels(PactBuilder builder) {
    PactDslJsonBody element = PactDslJsonArray.arrayMinLike(1);
    modelFields(element);
    return builder
        .given(MODEL_STATE)
        .expectsToReceiveHttpInteraction(
            "a request for all models",
            get(
                "/api/asset_generator/schemas/",
                CREATIFY_KEY,
                r -> r.status(200).body(element.closeObject())))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "listModels")
  void modelsCarryTheirInputSchemas(MockServer server) {
    try (GenJobsClient client = ContractClients.client(server, Provider.CREATIFY_ASSET_GENERATOR)) {
      List<ModelSchema> models = client.assetGenerator().models();

      assertThat(models).extracting(ModelSchema::modelName).containsExactly(MODEL);
      assertThat(models.get(0).inputParamsSchema().path("required").toString())
          .isEqualTo("[\"image_url\",\"prompt\"]");
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact listModelsWithRevokedKey(PactBuilder builder) {
    return builder
        .given("the API key revoked-key has been revoked")
        .expectsToReceiveHttpInteraction(
            "a request for all models with a revoked API key",
            get(
                "/api/asset_generator/schemas/",
                REVOKED_KEY,
                r -> r.status(401).body(detail("Invalid API key."))))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "listModelsWithRevokedKey")
  void aRevokedKeyIsUnauthorised(MockServer server) {
    try (GenJobsClient client =
        ContractClients.clientWithRevokedKey(server, Provider.CREATIFY_ASSET_GENERATOR)) {
      assertThatThrownBy(() -> client.assetGenerator().models())
          .isInstanceOf(UnauthorizedException.class);
    }
  }

  // --- tasks ----------------------------------------------------------------------------------

  /** The client fetches the model's schema, checks the input against it, then creates. */
  @Pact(consumer = CONSUMER)
  V4Pact createTask(PactBuilder builder) {
    return createTask(builder, null);
  }

  @Test
  @PactTestFor(pactMethod = "createTask")
  void createChecksTheInputThenReturnsAQueuedTask(MockServer server) {
    try (GenJobsClient client = ContractClients.client(server, Provider.CREATIFY_ASSET_GENERATOR)) {
      Job job = client.assetGenerator().create(shoeVideo().build());

      assertThat(job.id()).isEqualTo(NEW_TASK);
      assertThat(job.created().status()).isEqualTo(JobStatus.QUEUED);
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact createTaskWithWebhook(PactBuilder builder) {
    return createTask(builder, WEBHOOK);
  }

  @Test
  @PactTestFor(pactMethod = "createTaskWithWebhook")
  void createSendsTheWebhookUrl(MockServer server) {
    try (GenJobsClient client = ContractClients.client(server, Provider.CREATIFY_ASSET_GENERATOR)) {
      Job job = client.assetGenerator().create(shoeVideo().webhookUrl(WEBHOOK).build());

      assertThat(job.id()).isEqualTo(NEW_TASK);
    }
  }

  private static AssetGenerationRequest.Builder shoeVideo() {
    return AssetGenerationRequest.builder()
        .modelName(MODEL)
        .inputParam("image_url", IMAGE_URL)
        .inputParam("prompt", "the shoe turns slowly");
  }

  private static V4Pact createTask(PactBuilder builder, URI webhook) {
    PactDslJsonBody model = PactDslJsonArray.arrayMinLike(1);
    modelFields(model);
    PactDslJsonBody request = new PactDslJsonBody();
    request
        .stringValue("model_name", MODEL)
        .object("input_params")
        .stringMatcher("image_url", "https?://\\S+", IMAGE_URL)
        .stringType("prompt", "the shoe turns slowly")
        .closeObject();
    if (webhook != null) request.stringMatcher("webhook_url", "https://\\S+", webhook.toString());
    return builder
        .given(MODEL_STATE)
        .expectsToReceiveHttpInteraction(
            "a request for the schema of model " + MODEL,
            i ->
                i.withRequest(
                        r ->
                            auth(
                                r.method("GET")
                                    .path("/api/asset_generator/schemas/")
                                    .queryParameter("model_name", MODEL),
                                CREATIFY_KEY))
                    .willRespondWith(r -> r.status(200).body(model.closeObject())))
        .given(MODEL_STATE)
        .expectsToReceiveHttpInteraction(
            "a request to generate a video with "
                + MODEL
                + (webhook == null ? "" : ", reported to a webhook"),
            i ->
                i.withRequest(
                        r ->
                            auth(r.method("POST").path("/api/asset_generator/"), CREATIFY_KEY)
                                .header("Content-Type", jsonContentType())
                                .body(request))
                    .willRespondWith(r -> r.status(200).body(task(NEW_TASK, "initializing"))))
        .toPact();
  }

  @Pact(consumer = CONSUMER)
  V4Pact getGeneratingTask(PactBuilder builder) {
    return getTask(
        builder,
        "task " + GENERATING_TASK + " is generating",
        GENERATING_TASK,
        task(GENERATING_TASK, "generating"));
  }

  @Test
  @PactTestFor(pactMethod = "getGeneratingTask")
  void aGeneratingTaskIsRunning(MockServer server) {
    assertThat(refresh(server, GENERATING_TASK).status()).isEqualTo(JobStatus.RUNNING);
  }

  @Pact(consumer = CONSUMER)
  V4Pact getDoneTask(PactBuilder builder) {
    PactDslJsonBody body = task(DONE_TASK, "done");
    // Documented as a string holding the list of generated assets: JSON text of URLs.
    body.stringType("assets", "[\"" + VIDEO_URL + "\"]").stringType("credits_used", "5");
    return getTask(builder, "task " + DONE_TASK + " is done with one video", DONE_TASK, body);
  }

  @Test
  @PactTestFor(pactMethod = "getDoneTask")
  void aDoneTaskCarriesItsAssets(MockServer server) {
    JobSnapshot snapshot = refresh(server, DONE_TASK);

    assertThat(snapshot.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(snapshot.outputUrls()).containsExactly(URI.create(VIDEO_URL));
  }

  @Pact(consumer = CONSUMER)
  V4Pact getFailedTask(PactBuilder builder) {
    PactDslJsonBody body = task(FAILED_TASK, "failed");
    body.stringType("failed_reason", "The image could not be downloaded");
    return getTask(builder, "task " + FAILED_TASK + " has failed", FAILED_TASK, body);
  }

  @Test
  @PactTestFor(pactMethod = "getFailedTask")
  void aFailedTaskCarriesItsReason(MockServer server) {
    JobSnapshot snapshot = refresh(server, FAILED_TASK);

    assertThat(snapshot.status()).isEqualTo(JobStatus.FAILED);
    assertThat(snapshot.failureReason()).contains("The image could not be downloaded");
  }

  @Pact(consumer = CONSUMER)
  V4Pact listTasksById(PactBuilder builder) {
    PactDslJsonBody element = PactDslJsonArray.arrayMinLike(1);
    taskFields(element, DONE_TASK, "done");
    return builder
        .given("task " + DONE_TASK + " is done with one video")
        .expectsToReceiveHttpInteraction(
            "a request for tasks by id",
            i ->
                i.withRequest(
                        r ->
                            auth(
                                r.method("GET")
                                    .path("/api/asset_generator/")
                                    .queryParameter("ids", DONE_TASK),
                                CREATIFY_KEY))
                    .willRespondWith(r -> r.status(200).body(element.closeObject())))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "listTasksById")
  void tasksAreListedById(MockServer server) {
    try (GenJobsClient client = ContractClients.client(server, Provider.CREATIFY_ASSET_GENERATOR)) {
      assertThat(client.assetGenerator().list(List.of(DONE_TASK)))
          .extracting(JobSnapshot::id, JobSnapshot::status)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(DONE_TASK, JobStatus.SUCCEEDED));
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact getUnknownTask(PactBuilder builder) {
    return builder
        .given("no task with id " + UNKNOWN_TASK + " exists")
        .expectsToReceiveHttpInteraction(
            "a request for task " + UNKNOWN_TASK + " answered 404",
            get(
                "/api/asset_generator/" + UNKNOWN_TASK + "/",
                CREATIFY_KEY,
                r -> r.status(404).body(detail("Not found."))))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "getUnknownTask")
  void anUnknownTaskIsNotFound(MockServer server) {
    assertThatThrownBy(() -> refresh(server, UNKNOWN_TASK)).isInstanceOf(NotFoundException.class);
  }

  @Pact(consumer = CONSUMER)
  V4Pact getTaskWhileRateLimited(PactBuilder builder) {
    return builder
        .given(RATE_LIMITED)
        .expectsToReceiveHttpInteraction(
            "a request for task " + GENERATING_TASK + " answered 429 with Retry-After",
            get(
                "/api/asset_generator/" + GENERATING_TASK + "/",
                CREATIFY_KEY,
                r ->
                    r.status(429)
                        .header("Retry-After", retryAfterSeconds())
                        .body(detail("Request was throttled. Expected available in 12 seconds."))))
        .toPact();
  }

  /** The watcher moves its next poll back by Retry-After: the client must read it. */
  @Test
  @PactTestFor(pactMethod = "getTaskWhileRateLimited")
  void aRateLimitedPollSaysWhenToComeBack(MockServer server) {
    assertThatThrownBy(() -> refresh(server, GENERATING_TASK))
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e ->
                assertThat(e.retryAfter())
                    .contains(Duration.ofSeconds(Long.parseLong(RETRY_AFTER_SECONDS))));
  }

  // --- webhook --------------------------------------------------------------------------------

  /**
   * What Creatify POSTs to {@code webhook_url} when a task ends (the task object, per its docs), as
   * the client's webhook handler reads it: {@code id}, and {@code model_name}, which tells it is an
   * Asset Generator task. The state is confirmed with a GET, never taken from the payload; the
   * other required fields are stated because the spec requires them.
   */
  @Pact(consumer = CONSUMER)
  V4Pact webhookDelivery(PactBuilder builder) {
    PactDslJsonBody payload = new PactDslJsonBody();
    taskFields(payload, DONE_TASK, "done");
    return builder
        .expectsToReceiveMessageInteraction(
            "a webhook delivery for a finished task",
            m -> m.withContents(c -> c.withContent(payload)))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "webhookDelivery", providerType = ProviderType.ASYNCH)
  void theWebhookHandlerFindsTheTaskInTheDelivery(V4Interaction.AsynchronousMessage delivery) {
    try (GenJobsClient client = ContractClients.offline(Provider.CREATIFY_ASSET_GENERATOR)) {
      WebhookResult result =
          client.webhooks().handle(delivery.contentsAsBytes(), ContractClients.JSON_HEADERS);

      assertThat(result.outcome()).isEqualTo(WebhookResult.Outcome.UNKNOWN_JOB);
      assertThat(result.provider()).isEqualTo(Provider.CREATIFY_ASSET_GENERATOR);
      assertThat(result.jobId()).isEqualTo(DONE_TASK);
    }
  }

  // --- helpers --------------------------------------------------------------------------------

  private static void modelFields(PactDslJsonBody body) {
    body.stringType("model_name", MODEL)
        // The schema the client validates input_params against: literal, it is the test's input.
        .object("input_params_schema")
        .stringValue("$schema", "http://json-schema.org/draft-07/schema#")
        .stringValue("type", "object")
        .array("required")
        .stringValue("image_url")
        .stringValue("prompt")
        .closeArray()
        .asBody()
        .object("properties")
        .object("image_url")
        .stringValue("type", "string")
        .closeObject()
        .object("prompt")
        .stringValue("type", "string")
        .closeObject()
        .closeObject()
        .closeObject();
  }

  private static PactDslJsonBody task(String id, String status) {
    PactDslJsonBody body = new PactDslJsonBody();
    taskFields(body, id, status);
    return body;
  }

  /**
   * What the client reads of a task ({@code id}, {@code status}; {@code assets} and {@code
   * failed_reason} where a test adds them) plus what the spec requires ({@code model_name}, {@code
   * created_at}). The rest (gen_type, input_params, sizes) is not read, so not stated.
   */
  private static void taskFields(PactDslJsonBody body, String id, String status) {
    body.uuid("id", id)
        .stringType("model_name", MODEL)
        .stringMatcher("status", STATUS, status)
        .datetime("created_at", TIMESTAMP, CREATED_AT, TimeZone.getTimeZone("UTC"));
  }

  private static V4Pact getTask(
      PactBuilder builder, String state, String id, PactDslJsonBody body) {
    Function1<HttpInteractionBuilder, HttpInteractionBuilder> interaction =
        get("/api/asset_generator/" + id + "/", CREATIFY_KEY, r -> r.status(200).body(body));
    return builder
        .given(state)
        .expectsToReceiveHttpInteraction("a request for task " + id, interaction)
        .toPact();
  }

  private static JobSnapshot refresh(MockServer server, String id) {
    try (GenJobsClient client = ContractClients.client(server, Provider.CREATIFY_ASSET_GENERATOR)) {
      return client.assetGenerator().job(id).refresh();
    }
  }
}
