package dev.genjobs.contracts.consumer;

import static dev.genjobs.contracts.consumer.ContractClients.CONSUMER;
import static dev.genjobs.contracts.consumer.ContractClients.RATE_LIMITED;
import static dev.genjobs.contracts.consumer.ContractClients.RETRY_AFTER_SECONDS;
import static dev.genjobs.contracts.consumer.ContractClients.REVOKED_KEY;
import static dev.genjobs.contracts.consumer.ContractClients.jsonContentType;
import static dev.genjobs.contracts.consumer.ContractClients.retryAfterSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.HttpRequestBuilder;
import au.com.dius.pact.consumer.dsl.Matcher;
import au.com.dius.pact.consumer.dsl.Matchers;
import au.com.dius.pact.consumer.dsl.PactBuilder;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslJsonRootValue;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.consumer.junit5.ProviderType;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Interaction;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.RetryPolicy;
import dev.genjobs.client.errors.NotFoundException;
import dev.genjobs.client.errors.RateLimitException;
import dev.genjobs.client.errors.UnauthorizedException;
import dev.genjobs.client.errors.UnprocessableEntityException;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.jobs.ListsRecentJobs.ListedJob;
import dev.genjobs.client.replicate.PredictionRequest;
import dev.genjobs.client.replicate.ReplicateClient;
import dev.genjobs.client.replicate.ReplicateModule;
import dev.genjobs.client.webhooks.StandardWebhooks;
import dev.genjobs.client.webhooks.WebhookResult;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replicate as genjobs-java uses it: create a prediction by official model or by model version
 * (optionally with {@code Prefer: wait}), get it, cancel it, list predictions (reconciling a lost
 * create), the problem-details errors of each, and the signed webhook delivery.
 */
@ExtendWith({PactConsumerTestExt.class, NameTheInteraction.class})
@PactTestFor(providerName = ReplicateContractTest.PROVIDER, pactVersion = PactSpecVersion.V4)
class ReplicateContractTest {

  static final String PROVIDER = "replicate";

  static final String TOKEN = "r8_replicate-test-token";
  static final String WEBHOOK_SECRET =
      "whsec_" + Base64.getEncoder().encodeToString("replicate-contract-signing-key".getBytes());

  /** The status enum of the overlay's Prediction, as the client maps it. */
  private static final String STATUS = "starting|processing|succeeded|failed|canceled";

  private static final String OWNER = "black-forest-labs";
  private static final String MODEL = "flux-schnell";
  private static final String VERSION =
      "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa";
  private static final String STARTING = "gm3qorzdhgbfurvjtvhg6dckhu";
  private static final String SUCCEEDED = "rrr4z55ocneqzikepnug6xezpe";
  private static final String FAILED = "ufawqhfynnddngldkgtslldrkq";
  private static final String UNKNOWN = "doesnotexist0000000000000a";
  private static final String IMAGE_URL = "https://replicate.delivery/xezq/out-0.webp";
  private static final String CREATED_AT = "2026-12-05T06:00:00.123Z";
  private static final String ISO_INSTANT = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z";
  static final String WEBHOOK_DELIVERY = "a signed webhook delivery for a finished prediction";

  // --- create by model ------------------------------------------------------------------------

  @Pact(consumer = CONSUMER)
  V4Pact createByModel(PactBuilder builder) {
    return builder
        .given("the official model black-forest-labs/flux-schnell is available")
        .expectsToReceiveHttpInteraction(
            "a request to create a prediction of black-forest-labs/flux-schnell",
            i ->
                i.withRequest(r -> createByModelRequest(r, TOKEN, MODEL, null))
                    .willRespondWith(r -> r.status(201).body(prediction(STARTING, "starting"))))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "createByModel")
  void createByModelReturnsAStartingPrediction(MockServer server) {
    try (GenJobsClient client = client(server, TOKEN)) {
      Job job = replicate(client).create(fox().model(OWNER + "/" + MODEL).build());

      assertThat(job.id()).isEqualTo(STARTING);
      assertThat(job.created().status()).isEqualTo(JobStatus.QUEUED);
      assertThat(job.created().rawStatus()).isEqualTo("starting");
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact createByModelWaiting(PactBuilder builder) {
    PactDslJsonBody body = prediction(SUCCEEDED, "succeeded");
    body.stringMatcher("output", "https://\\S+", IMAGE_URL);
    return builder
        .given("the official model black-forest-labs/flux-schnell is available")
        .expectsToReceiveHttpInteraction(
            "a request to create a prediction of black-forest-labs/flux-schnell, waiting up to"
                + " 60 s for its output",
            i ->
                i.withRequest(r -> createByModelRequest(r, TOKEN, MODEL, 60))
                    .willRespondWith(r -> r.status(201).body(body)))
        .toPact();
  }

  /** A final answer to a synchronous create ends the job: no poll follows. */
  @Test
  @PactTestFor(pactMethod = "createByModelWaiting")
  void aSynchronousCreateAnsweredFinalNeedsNoPoll(MockServer server) throws Exception {
    try (GenJobsClient client = client(server, TOKEN)) {
      Job job =
          replicate(client)
              .create(fox().model(OWNER + "/" + MODEL).waitFor(Duration.ofSeconds(60)).build());

      // No GET is declared: a poll would fail this test as an unexpected request.
      JobSnapshot done = job.await(Duration.ofSeconds(1));
      assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(done.outputUrls()).containsExactly(URI.create(IMAGE_URL));
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact createByUnknownModel(PactBuilder builder) {
    return builder
        .given("no model black-forest-labs/no-such-model exists")
        .expectsToReceiveHttpInteraction(
            "a request to create a prediction of an unknown model",
            i ->
                i.withRequest(r -> createByModelRequest(r, TOKEN, "no-such-model", null))
                    .willRespondWith(
                        r -> r.status(404).body(problem(404, "Not found", "Model not found"))))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "createByUnknownModel")
  void anUnknownModelIsNotFound(MockServer server) {
    try (GenJobsClient client = client(server, TOKEN)) {
      assertThatThrownBy(
              () -> replicate(client).create(fox().model(OWNER + "/no-such-model").build()))
          .isInstanceOf(NotFoundException.class)
          .hasMessageContaining("Model not found");
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact createByModelWithInvalidInput(PactBuilder builder) {
    return builder
        .given("the official model black-forest-labs/flux-schnell is available")
        .expectsToReceiveHttpInteraction(
            "a request to create a prediction of black-forest-labs/flux-schnell with an input it"
                + " refuses",
            i ->
                i.withRequest(r -> createByModelRequest(r, TOKEN, MODEL, null, "num_outputs"))
                    .willRespondWith(
                        r ->
                            r.status(422)
                                .body(
                                    problem(
                                        422,
                                        "Input validation failed",
                                        "- input.num_outputs: Must be less than or equal to 4"))))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "createByModelWithInvalidInput")
  void anInputTheModelRefusesIsUnprocessable(MockServer server) {
    try (GenJobsClient client = client(server, TOKEN)) {
      assertThatThrownBy(
              () ->
                  replicate(client)
                      .create(
                          fox().model(OWNER + "/" + MODEL).input("num_outputs", "eight").build()))
          .isInstanceOfSatisfying(
              UnprocessableEntityException.class,
              e -> assertThat(e.error().message()).contains("Must be less than or equal to 4"));
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact createByModelWithRevokedToken(PactBuilder builder) {
    return builder
        .given("the API token revoked-key has been revoked")
        .expectsToReceiveHttpInteraction(
            "a request to create a prediction with a revoked API token",
            i ->
                i.withRequest(r -> createByModelRequest(r, REVOKED_KEY, MODEL, null))
                    .willRespondWith(r -> r.status(401).body(unauthenticated())))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "createByModelWithRevokedToken")
  void aRevokedTokenIsUnauthorised(MockServer server) {
    try (GenJobsClient client = client(server, REVOKED_KEY)) {
      assertThatThrownBy(() -> replicate(client).create(fox().model(OWNER + "/" + MODEL).build()))
          .isInstanceOf(UnauthorizedException.class)
          .hasMessageContaining("You did not pass a valid authentication token");
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact createByModelWhileRateLimited(PactBuilder builder) {
    return builder
        .given(RATE_LIMITED)
        .expectsToReceiveHttpInteraction(
            "a request to create a prediction answered 429 with Retry-After",
            i ->
                i.withRequest(r -> createByModelRequest(r, TOKEN, MODEL, null))
                    .willRespondWith(
                        r ->
                            r.status(429)
                                .header("Retry-After", retryAfterSeconds())
                                .body(
                                    problem(
                                        429, "Request was throttled", "Request was throttled"))))
        .toPact();
  }

  /** A 429 means the create was not taken: a definite refusal with when to come back. */
  @Test
  @PactTestFor(pactMethod = "createByModelWhileRateLimited")
  void aRateLimitedCreateSaysWhenToComeBack(MockServer server) {
    try (GenJobsClient client = client(server, TOKEN)) {
      assertThatThrownBy(() -> replicate(client).create(fox().model(OWNER + "/" + MODEL).build()))
          .isInstanceOfSatisfying(
              RateLimitException.class,
              e ->
                  assertThat(e.retryAfter())
                      .contains(Duration.ofSeconds(Long.parseLong(RETRY_AFTER_SECONDS))));
    }
  }

  // --- create by version ----------------------------------------------------------------------

  @Pact(consumer = CONSUMER)
  V4Pact createByVersion(PactBuilder builder) {
    return builder
        .given("the model version " + VERSION + " is available")
        .expectsToReceiveHttpInteraction(
            "a request to create a prediction of a model version, reported to a webhook on"
                + " completion, waiting up to 5 s",
            i ->
                i.withRequest(
                        r -> {
                          PactDslJsonBody body = input("prompt");
                          body.stringValue("version", VERSION)
                              .stringMatcher(
                                  "webhook", "https://\\S+", "https://hooks.example.com/replicate")
                              .array("webhook_events_filter")
                              .stringValue("completed")
                              .closeArray();
                          return r.method("POST")
                              .path("/predictions")
                              .header("Authorization", bearer(TOKEN))
                              .header("Content-Type", jsonContentType())
                              .header(
                                  "Prefer", Matchers.regexp("wait=([1-9]|[1-5][0-9]|60)", "wait=5"))
                              .body(body);
                        })
                    .willRespondWith(r -> r.status(201).body(prediction(STARTING, "starting"))))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "createByVersion")
  void createByVersionSendsTheVersionWebhookAndEvents(MockServer server) {
    try (GenJobsClient client = client(server, TOKEN)) {
      Job job =
          replicate(client)
              .create(
                  fox()
                      .version(VERSION)
                      .webhook(URI.create("https://hooks.example.com/replicate"))
                      .webhookEventsFilter(Set.of(PredictionRequest.Event.COMPLETED))
                      .waitFor(Duration.ofSeconds(5))
                      .build());

      assertThat(job.id()).isEqualTo(STARTING);
      assertThat(job.created().isTerminal()).isFalse();
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact createByUnknownVersion(PactBuilder builder) {
    return builder
        .given("no model version " + VERSION + " exists")
        .expectsToReceiveHttpInteraction(
            "a request to create a prediction of an unknown model version",
            i ->
                i.withRequest(
                        r -> {
                          PactDslJsonBody body = input("prompt");
                          body.stringValue("version", VERSION);
                          return r.method("POST")
                              .path("/predictions")
                              .header("Authorization", bearer(TOKEN))
                              .header("Content-Type", jsonContentType())
                              .body(body);
                        })
                    .willRespondWith(
                        r ->
                            r.status(422)
                                .body(
                                    problem(
                                        422,
                                        "Invalid version or not permitted",
                                        "The specified version does not exist (or perhaps you"
                                            + " don't have permission to use it?)"))))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "createByUnknownVersion")
  void anUnknownVersionIsUnprocessable(MockServer server) {
    try (GenJobsClient client = client(server, TOKEN)) {
      assertThatThrownBy(() -> replicate(client).create(fox().version(VERSION).build()))
          .isInstanceOf(UnprocessableEntityException.class)
          .hasMessageContaining("The specified version does not exist");
    }
  }

  // --- get ------------------------------------------------------------------------------------

  @Pact(consumer = CONSUMER)
  V4Pact getSucceeded(PactBuilder builder) {
    PactDslJsonBody body = prediction(SUCCEEDED, "succeeded");
    body.minArrayLike(
        "output", 1, PactDslJsonRootValue.stringMatcher("https://\\S+", IMAGE_URL), 1);
    return getPrediction(
        builder, "prediction " + SUCCEEDED + " has succeeded with one image", SUCCEEDED, 200, body);
  }

  @Test
  @PactTestFor(pactMethod = "getSucceeded")
  void aSucceededPredictionCarriesItsOutputUrls(MockServer server) {
    JobSnapshot snapshot = refresh(server, SUCCEEDED);

    assertThat(snapshot.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(snapshot.outputUrls()).containsExactly(URI.create(IMAGE_URL));
  }

  @Pact(consumer = CONSUMER)
  V4Pact getFailed(PactBuilder builder) {
    PactDslJsonBody body = prediction(FAILED, "failed");
    body.stringType("error", "CUDA out of memory");
    return getPrediction(builder, "prediction " + FAILED + " has failed", FAILED, 200, body);
  }

  @Test
  @PactTestFor(pactMethod = "getFailed")
  void aFailedPredictionCarriesItsError(MockServer server) {
    JobSnapshot snapshot = refresh(server, FAILED);

    assertThat(snapshot.status()).isEqualTo(JobStatus.FAILED);
    assertThat(snapshot.failureReason()).contains("CUDA out of memory");
  }

  @Pact(consumer = CONSUMER)
  V4Pact getUnknown(PactBuilder builder) {
    return getPrediction(
        builder,
        "no prediction with id " + UNKNOWN + " exists",
        UNKNOWN,
        404,
        problem(404, "Not found", "Prediction not found"));
  }

  @Test
  @PactTestFor(pactMethod = "getUnknown")
  void anUnknownPredictionIsNotFound(MockServer server) {
    assertThatThrownBy(() -> refresh(server, UNKNOWN))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("Prediction not found");
  }

  @Pact(consumer = CONSUMER)
  V4Pact getWhileRateLimited(PactBuilder builder) {
    return builder
        .given(RATE_LIMITED)
        .expectsToReceiveHttpInteraction(
            "a request for prediction " + STARTING + " answered 429 with Retry-After",
            i ->
                i.withRequest(
                        r ->
                            r.method("GET")
                                .path("/predictions/" + STARTING)
                                .header("Authorization", bearer(TOKEN)))
                    .willRespondWith(
                        r ->
                            r.status(429)
                                .header("Retry-After", retryAfterSeconds())
                                .body(
                                    problem(
                                        429, "Request was throttled", "Request was throttled"))))
        .toPact();
  }

  /** The watcher moves its next poll back by Retry-After: the client must read it. */
  @Test
  @PactTestFor(pactMethod = "getWhileRateLimited")
  void aRateLimitedPollSaysWhenToComeBack(MockServer server) {
    assertThatThrownBy(() -> refresh(server, STARTING))
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e ->
                assertThat(e.retryAfter())
                    .contains(Duration.ofSeconds(Long.parseLong(RETRY_AFTER_SECONDS))));
  }

  @Pact(consumer = CONSUMER)
  V4Pact getWithRevokedToken(PactBuilder builder) {
    return builder
        .given("the API token revoked-key has been revoked")
        .expectsToReceiveHttpInteraction(
            "a request for prediction " + STARTING + " with a revoked API token",
            i ->
                i.withRequest(
                        r ->
                            r.method("GET")
                                .path("/predictions/" + STARTING)
                                .header("Authorization", bearer(REVOKED_KEY)))
                    .willRespondWith(r -> r.status(401).body(unauthenticated())))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "getWithRevokedToken")
  void aRevokedTokenCannotRead(MockServer server) {
    try (GenJobsClient client = client(server, REVOKED_KEY)) {
      assertThatThrownBy(() -> replicate(client).job(STARTING).refresh())
          .isInstanceOf(UnauthorizedException.class);
    }
  }

  // --- cancel ---------------------------------------------------------------------------------

  @Pact(consumer = CONSUMER)
  V4Pact cancel(PactBuilder builder) {
    return builder
        .given("prediction " + STARTING + " is processing")
        .expectsToReceiveHttpInteraction(
            "a request to cancel prediction " + STARTING,
            i ->
                i.withRequest(
                        r ->
                            r.method("POST")
                                .path("/predictions/" + STARTING + "/cancel")
                                .header("Authorization", bearer(TOKEN)))
                    .willRespondWith(r -> r.status(200).body(prediction(STARTING, "canceled"))))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "cancel")
  void aCancelledPredictionIsCancelled(MockServer server) {
    try (GenJobsClient client = client(server, TOKEN)) {
      JobSnapshot snapshot = replicate(client).job(STARTING).cancel();

      assertThat(snapshot.status()).isEqualTo(JobStatus.CANCELLED);
      assertThat(snapshot.rawStatus()).isEqualTo("canceled");
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact cancelUnknown(PactBuilder builder) {
    return builder
        .given("no prediction with id " + UNKNOWN + " exists")
        .expectsToReceiveHttpInteraction(
            "a request to cancel prediction " + UNKNOWN + " answered 404",
            i ->
                i.withRequest(
                        r ->
                            r.method("POST")
                                .path("/predictions/" + UNKNOWN + "/cancel")
                                .header("Authorization", bearer(TOKEN)))
                    .willRespondWith(
                        r -> r.status(404).body(problem(404, "Not found", "Prediction not found"))))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "cancelUnknown")
  void cancellingAnUnknownPredictionIsNotFound(MockServer server) {
    try (GenJobsClient client = client(server, TOKEN)) {
      assertThatThrownBy(() -> replicate(client).job(UNKNOWN).cancel())
          .isInstanceOf(NotFoundException.class);
    }
  }

  // --- list -----------------------------------------------------------------------------------

  @Pact(consumer = CONSUMER)
  V4Pact list(PactBuilder builder) {
    PactDslJsonBody body = new PactDslJsonBody();
    body.nullValue("next").nullValue("previous");
    body.minArrayLike("results", 1, prediction(SUCCEEDED, "succeeded"), 1);
    return builder
        .given("prediction " + SUCCEEDED + " was created at " + CREATED_AT)
        .expectsToReceiveHttpInteraction(
            "a request for the most recent predictions",
            i ->
                i.withRequest(
                        r ->
                            r.method("GET")
                                .path("/predictions")
                                .header("Authorization", bearer(TOKEN)))
                    .willRespondWith(r -> r.status(200).body(body)))
        .toPact();
  }

  /** A create whose answer was lost is found again in the list, by time, model and input. */
  @Test
  @PactTestFor(pactMethod = "list")
  void theListShowsWhenWhatAndWithWhichInputEachPredictionWasCreated(MockServer server) {
    try (GenJobsClient client = client(server, TOKEN)) {
      Instant created = Instant.parse(CREATED_AT);
      List<ListedJob> listed =
          replicate(client).jobsCreatedBetween(created.minusSeconds(60), created.plusSeconds(60));

      assertThat(listed).extracting(ListedJob::jobId).containsExactly(SUCCEEDED);
      assertThat(listed.get(0).createdAt()).isEqualTo(created);
      assertThat(listed.get(0).ranWhat()).isEqualTo(OWNER + "/" + MODEL);
      // What ran is shown; this listed prediction's input is empty, so only the model is compared.
      assertThat(listed.get(0).exposedInputs().fields()).containsOnlyKeys("model");
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact listWhileRateLimited(PactBuilder builder) {
    return builder
        .given(RATE_LIMITED)
        .expectsToReceiveHttpInteraction(
            "a request for the most recent predictions answered 429 with Retry-After",
            i ->
                i.withRequest(
                        r ->
                            r.method("GET")
                                .path("/predictions")
                                .header("Authorization", bearer(TOKEN)))
                    .willRespondWith(
                        r ->
                            r.status(429)
                                .header("Retry-After", retryAfterSeconds())
                                .body(
                                    problem(
                                        429, "Request was throttled", "Request was throttled"))))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "listWhileRateLimited")
  void aRateLimitedListIsARateLimit(MockServer server) {
    try (GenJobsClient client = client(server, TOKEN)) {
      Instant now = Instant.parse(CREATED_AT);
      assertThatThrownBy(() -> replicate(client).jobsCreatedBetween(now.minusSeconds(60), now))
          .isInstanceOf(RateLimitException.class);
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact listWithRevokedToken(PactBuilder builder) {
    return builder
        .given("the API token revoked-key has been revoked")
        .expectsToReceiveHttpInteraction(
            "a request for the most recent predictions with a revoked API token",
            i ->
                i.withRequest(
                        r ->
                            r.method("GET")
                                .path("/predictions")
                                .header("Authorization", bearer(REVOKED_KEY)))
                    .willRespondWith(r -> r.status(401).body(unauthenticated())))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "listWithRevokedToken")
  void aRevokedTokenCannotList(MockServer server) {
    try (GenJobsClient client = client(server, REVOKED_KEY)) {
      Instant now = Instant.parse(CREATED_AT);
      assertThatThrownBy(() -> replicate(client).jobsCreatedBetween(now.minusSeconds(60), now))
          .isInstanceOf(UnauthorizedException.class);
    }
  }

  // --- webhook --------------------------------------------------------------------------------

  /**
   * What Replicate POSTs to the webhook URL: the prediction, as predictions.get returns it, signed
   * per Standard Webhooks. The handler checks the signature, then reads only {@code id} (with
   * {@code urls.get}, which says the body is a prediction); the state is confirmed with a GET.
   */
  @Pact(consumer = CONSUMER)
  V4Pact webhookDelivery(PactBuilder builder) {
    PactDslJsonBody body = prediction(SUCCEEDED, "succeeded");
    body.stringMatcher("output", "https://\\S+", IMAGE_URL);
    return builder
        .expectsToReceiveMessageInteraction(
            WEBHOOK_DELIVERY, m -> m.withContents(c -> c.withContent(body)))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "webhookDelivery", providerType = ProviderType.ASYNCH)
  void theWebhookHandlerVerifiesAndFindsThePredictionInTheDelivery(
      V4Interaction.AsynchronousMessage delivery) {
    try (GenJobsClient client = client(URI.create("http://127.0.0.1:9"), TOKEN)) {
      byte[] bytes = delivery.contentsAsBytes();
      long now = Instant.now().getEpochSecond();
      Map<String, List<String>> headers =
          Map.of(
              "webhook-id", List.of("msg_contract"),
              "webhook-timestamp", List.of(Long.toString(now)),
              "webhook-signature",
                  List.of(StandardWebhooks.signature(WEBHOOK_SECRET, "msg_contract", now, bytes)),
              "Content-Type", List.of("application/json"));

      WebhookResult result =
          client
              .webhooks()
              .handle(
                  ReplicateModule.PROVIDER,
                  URI.create("https://hooks.example.com/replicate"),
                  bytes,
                  headers);

      // Not watched here, so nothing is confirmed; the signature held and the payload was read.
      assertThat(result.outcome()).isEqualTo(WebhookResult.Outcome.UNKNOWN_JOB);
      assertThat(result.provider()).isEqualTo(ReplicateModule.PROVIDER);
      assertThat(result.jobId()).isEqualTo(SUCCEEDED);
    }
  }

  // --- helpers --------------------------------------------------------------------------------

  private static Matcher bearer(String token) {
    return Matchers.regexp("Bearer \\S+", "Bearer " + token);
  }

  private static HttpRequestBuilder createByModelRequest(
      HttpRequestBuilder r,
      String token,
      String model,
      Integer waitSeconds,
      String... extraInputs) {
    PactDslJsonBody body = input("prompt", extraInputs);
    HttpRequestBuilder request =
        r.method("POST")
            .path("/models/" + OWNER + "/" + model + "/predictions")
            .header("Authorization", bearer(token))
            .header("Content-Type", jsonContentType());
    if (waitSeconds != null) {
      request.header(
          "Prefer", Matchers.regexp("wait=([1-9]|[1-5][0-9]|60)", "wait=" + waitSeconds));
    }
    return request.body(body);
  }

  /** A request body with an {@code input} object: {@code prompt} typed, any extra keys literal. */
  private static PactDslJsonBody input(String prompt, String... extraInputs) {
    PactDslJsonBody body = new PactDslJsonBody();
    PactDslJsonBody input = body.object("input");
    input.stringType(prompt, "a red fox");
    for (String extra : extraInputs) input.stringValue(extra, "eight");
    return (PactDslJsonBody) input.closeObject();
  }

  /**
   * A prediction with the fields the overlay requires; the client reads id, status, output, error,
   * model, input (as an opaque map) and created_at. The status is a literal of the enum: it is what
   * each interaction is about.
   */
  private static PactDslJsonBody prediction(String id, String status) {
    PactDslJsonBody body = new PactDslJsonBody();
    body.stringType("id", id)
        .stringType("model", OWNER + "/" + MODEL)
        .stringType("version", VERSION)
        .stringMatcher("status", STATUS, status)
        .stringMatcher("created_at", ISO_INSTANT, CREATED_AT)
        .booleanType("data_removed", false)
        .nullValue("output")
        // Empty: input is model-specific (an open object), and a key stated here would be a field
        // the spec does not declare (PactFlow's comparator closes response objects).
        .object("input")
        .closeObject();
    body.object("urls")
        .stringMatcher("get", "https://\\S+", "https://api.replicate.com/v1/predictions/" + id)
        .stringMatcher(
            "cancel", "https://\\S+", "https://api.replicate.com/v1/predictions/" + id + "/cancel")
        .closeObject();
    return body;
  }

  private static PactDslJsonBody problem(int status, String title, String detail) {
    return new PactDslJsonBody()
        .stringType("title", title)
        .stringType("detail", detail)
        .integerType("status", status);
  }

  private static PactDslJsonBody unauthenticated() {
    return problem(401, "Unauthenticated", "You did not pass a valid authentication token");
  }

  private static V4Pact getPrediction(
      PactBuilder builder, String state, String id, int status, PactDslJsonBody body) {
    builder.given(state);
    String description =
        status == 200
            ? "a request for prediction " + id
            : "a request for prediction " + id + " answered " + status;
    return builder
        .expectsToReceiveHttpInteraction(
            description,
            i ->
                i.withRequest(
                        r ->
                            r.method("GET")
                                .path("/predictions/" + id)
                                .header("Authorization", bearer(TOKEN)))
                    .willRespondWith(r -> r.status(status).body(body)))
        .toPact();
  }

  private static PredictionRequest.Builder fox() {
    return PredictionRequest.builder().input("prompt", "a red fox");
  }

  private static ReplicateClient replicate(GenJobsClient client) {
    return client.provider(ReplicateClient.class);
  }

  private static JobSnapshot refresh(MockServer server, String id) {
    try (GenJobsClient client = client(server, TOKEN)) {
      return replicate(client).job(id).refresh();
    }
  }

  /**
   * A Replicate client at the mock server: the real client, with the test token (or the revoked
   * one), the webhook signing secret, no retries (a retry would be an undeclared interaction) and
   * no sleeping. Built here rather than in {@link ContractClients} so this provider adds no shared
   * code.
   */
  private static GenJobsClient client(MockServer server, String token) {
    return client(URI.create(server.getUrl()), token);
  }

  private static GenJobsClient client(URI baseUrl, String token) {
    return GenJobsClient.create(
        ClientOptions.builder()
            .baseUrl(ReplicateModule.PROVIDER, baseUrl)
            .key(ReplicateModule.API_TOKEN, token)
            .key(ReplicateModule.WEBHOOK_SECRET, WEBHOOK_SECRET)
            .retryPolicy(RetryPolicy.none())
            .sleeper(duration -> {})
            .logHttp(false)
            .build());
  }
}
