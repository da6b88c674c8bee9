package dev.genjobs.contracts.consumer;

import static dev.genjobs.contracts.consumer.ContractClients.CONSUMER;
import static dev.genjobs.contracts.consumer.ContractClients.CREATIVE_KEY;
import static dev.genjobs.contracts.consumer.ContractClients.RATE_LIMITED;
import static dev.genjobs.contracts.consumer.ContractClients.RETRY_AFTER_SECONDS;
import static dev.genjobs.contracts.consumer.ContractClients.REVOKED_KEY;
import static dev.genjobs.contracts.consumer.ContractClients.apiKey;
import static dev.genjobs.contracts.consumer.ContractClients.jsonContentType;
import static dev.genjobs.contracts.consumer.ContractClients.retryAfterSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import au.com.dius.pact.consumer.MockServer;
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
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.errors.AmbiguousOutcomeException;
import dev.genjobs.client.errors.BadRequestException;
import dev.genjobs.client.errors.InternalServerException;
import dev.genjobs.client.errors.NotFoundException;
import dev.genjobs.client.errors.RateLimitException;
import dev.genjobs.client.errors.UnauthorizedException;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.webhooks.WebhookHandler;
import dev.genjobs.client.webhooks.WebhookResult;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Creative API as genjobs-java uses it: generate, then get the job until it ends. */
@ExtendWith({PactConsumerTestExt.class, NameTheInteraction.class})
@PactTestFor(providerName = CreativeApiContractTest.PROVIDER, pactVersion = PactSpecVersion.V4)
class CreativeApiContractTest {

  static final String PROVIDER = "creative-api";

  /** The Job status enum of the spec, as the client maps it. */
  private static final String STATUS = "created|pending|processing|completed|failed";

  private static final String CREATED_JOB = "job_7f3c2a1e01";
  private static final String PROCESSING_JOB = "job_7f3c2a1e02";
  private static final String COMPLETED_JOB = "job_7f3c2a1e03";
  private static final String FAILED_JOB = "job_7f3c2a1e04";
  private static final String UNKNOWN_JOB = "job_0000000000";
  private static final String IMAGE_URL = "https://cdn.deepixels.co/out/7f3c2a1e03/0.png";
  static final String WEBHOOK_DELIVERY = "a webhook delivery for a finished job";
  private static final URI WEBHOOK = URI.create("https://hooks.example.com/genjobs/creative-api");

  // --- generate -------------------------------------------------------------------------------

  @Pact(consumer = CONSUMER)
  V4Pact generateAccepted(PactBuilder builder) {
    return builder
        .given("the model flux-pro is available")
        .expectsToReceiveHttpInteraction(
            "a request to generate an image with flux-pro",
            i ->
                i.withRequest(r -> generateRequest(r, CREATIVE_KEY, "flux-pro"))
                    .willRespondWith(
                        r ->
                            r.status(200)
                                .body(
                                    new PactDslJsonBody()
                                        .stringType("jobId", CREATED_JOB)
                                        .stringMatcher("status", STATUS, "created"))))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "generateAccepted")
  void generateReturnsAQueuedJob(MockServer server) {
    try (GenJobsClient client = ContractClients.client(server, Provider.CREATIVE_API)) {
      Job job = client.creative().generate(foxWith("flux-pro"));

      assertThat(job.id()).isEqualTo(CREATED_JOB);
      assertThat(job.created().status()).isEqualTo(JobStatus.QUEUED);
      assertThat(job.created().rawStatus()).isEqualTo("created");
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact generateWithWebhook(PactBuilder builder) {
    return builder
        .given("the model flux-pro is available")
        .expectsToReceiveHttpInteraction(
            "a request to generate an image with flux-pro, reported to a webhook",
            i ->
                i.withRequest(r -> generateRequest(r, CREATIVE_KEY, "flux-pro", WEBHOOK))
                    .willRespondWith(
                        r ->
                            r.status(200)
                                .body(
                                    new PactDslJsonBody()
                                        .stringType("jobId", CREATED_JOB)
                                        .stringMatcher("status", STATUS, "created"))))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "generateWithWebhook")
  void generateSendsTheWebhookUrl(MockServer server) {
    try (GenJobsClient client = ContractClients.client(server, Provider.CREATIVE_API)) {
      Job job =
          client.creative().generate(foxWith("flux-pro").toBuilder().webhook(WEBHOOK).build());

      assertThat(job.id()).isEqualTo(CREATED_JOB);
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact generateWithUnknownModel(PactBuilder builder) {
    return builder
        .given("no model named no-such-model exists")
        .expectsToReceiveHttpInteraction(
            "a request to generate with an unknown model",
            i ->
                i.withRequest(r -> generateRequest(r, CREATIVE_KEY, "no-such-model"))
                    .willRespondWith(
                        r -> r.status(400).body(error("Unknown model: no-such-model"))))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "generateWithUnknownModel")
  void generateWithAnUnknownModelIsABadRequest(MockServer server) {
    try (GenJobsClient client = ContractClients.client(server, Provider.CREATIVE_API)) {
      assertThatThrownBy(() -> client.creative().generate(foxWith("no-such-model")))
          .isInstanceOf(BadRequestException.class)
          .hasMessageContaining("Unknown model: no-such-model");
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact generateWithRevokedKey(PactBuilder builder) {
    return builder
        .given("the API key revoked-key has been revoked")
        .expectsToReceiveHttpInteraction(
            "a request to generate with a revoked API key",
            i ->
                i.withRequest(r -> generateRequest(r, REVOKED_KEY, "flux-pro"))
                    .willRespondWith(r -> r.status(401).body(error("Invalid API key"))))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "generateWithRevokedKey")
  void generateWithARevokedKeyIsUnauthorised(MockServer server) {
    try (GenJobsClient client =
        ContractClients.clientWithRevokedKey(server, Provider.CREATIVE_API)) {
      assertThatThrownBy(() -> client.creative().generate(foxWith("flux-pro")))
          .isInstanceOf(UnauthorizedException.class);
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact generateWhileFailing(PactBuilder builder) {
    return builder
        .given("the generation service is failing")
        .expectsToReceiveHttpInteraction(
            "a request to generate while the service is failing",
            i ->
                i.withRequest(r -> generateRequest(r, CREATIVE_KEY, "flux-pro"))
                    .willRespondWith(r -> r.status(500).body(error("Internal server error"))))
        .toPact();
  }

  /** A 500 after a job-creating POST may have created the job: ambiguous, never retried. */
  @Test
  @PactTestFor(pactMethod = "generateWhileFailing")
  void generateAnsweredWith500IsAnAmbiguousOutcome(MockServer server) {
    try (GenJobsClient client = ContractClients.client(server, Provider.CREATIVE_API)) {
      assertThatThrownBy(() -> client.creative().generate(foxWith("flux-pro")))
          .isInstanceOf(AmbiguousOutcomeException.class)
          .hasCauseInstanceOf(InternalServerException.class);
    }
  }

  // --- get ------------------------------------------------------------------------------------

  @Pact(consumer = CONSUMER)
  V4Pact getCreatedJob(PactBuilder builder) {
    return getJob(
        builder,
        "job " + CREATED_JOB + " was just created",
        CREATED_JOB,
        200,
        job(CREATED_JOB, "created"));
  }

  @Test
  @PactTestFor(pactMethod = "getCreatedJob")
  void aCreatedJobIsQueued(MockServer server) {
    JobSnapshot snapshot = refresh(server, CREATED_JOB);

    assertThat(snapshot.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(snapshot.outputUrls()).isEmpty();
  }

  @Pact(consumer = CONSUMER)
  V4Pact getProcessingJob(PactBuilder builder) {
    return getJob(
        builder,
        "job " + PROCESSING_JOB + " is processing",
        PROCESSING_JOB,
        200,
        job(PROCESSING_JOB, "processing"));
  }

  @Test
  @PactTestFor(pactMethod = "getProcessingJob")
  void aProcessingJobIsRunning(MockServer server) {
    assertThat(refresh(server, PROCESSING_JOB).status()).isEqualTo(JobStatus.RUNNING);
  }

  @Pact(consumer = CONSUMER)
  V4Pact getCompletedJob(PactBuilder builder) {
    PactDslJsonBody body =
        job(COMPLETED_JOB, "completed")
            .object("output")
            .minArrayLike(
                "imageUrl", 1, PactDslJsonRootValue.stringMatcher("https://\\S+", IMAGE_URL), 1)
            .closeObject()
            .asBody();
    return getJob(
        builder, "job " + COMPLETED_JOB + " has finished with one image", COMPLETED_JOB, 200, body);
  }

  @Test
  @PactTestFor(pactMethod = "getCompletedJob")
  void aCompletedJobCarriesItsImageUrls(MockServer server) {
    JobSnapshot snapshot = refresh(server, COMPLETED_JOB);

    assertThat(snapshot.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(snapshot.outputUrls()).containsExactly(URI.create(IMAGE_URL));
  }

  @Pact(consumer = CONSUMER)
  V4Pact getFailedJob(PactBuilder builder) {
    return getJob(
        builder, "job " + FAILED_JOB + " has failed", FAILED_JOB, 200, job(FAILED_JOB, "failed"));
  }

  /**
   * The Creative API publishes no failure reason: the pact carries none, so the client reports its
   * documented default. (A reason the provider sends in an undeclared field, e.g. {@code error}, is
   * client behaviour the spec does not promise: client-extensions' tests cover it, not a contract.)
   */
  @Test
  @PactTestFor(pactMethod = "getFailedJob")
  void aFailedJobWithoutAPublishedReasonGetsTheDocumentedDefault(MockServer server) {
    JobSnapshot snapshot = refresh(server, FAILED_JOB);

    assertThat(snapshot.status()).isEqualTo(JobStatus.FAILED);
    assertThat(snapshot.failureReason())
        .contains("the Creative API reports the job failed without a reason");
  }

  @Pact(consumer = CONSUMER)
  V4Pact getMalformedJobId(PactBuilder builder) {
    return getJob(builder, null, "42", 400, error("Invalid jobId"));
  }

  @Test
  @PactTestFor(pactMethod = "getMalformedJobId")
  void aMalformedJobIdIsABadRequest(MockServer server) {
    assertThatThrownBy(() -> refresh(server, "42")).isInstanceOf(BadRequestException.class);
  }

  @Pact(consumer = CONSUMER)
  V4Pact getUnknownJob(PactBuilder builder) {
    return getJob(
        builder,
        "no job with id " + UNKNOWN_JOB + " exists",
        UNKNOWN_JOB,
        404,
        error("Job not found"));
  }

  @Test
  @PactTestFor(pactMethod = "getUnknownJob")
  void anUnknownJobIsNotFound(MockServer server) {
    assertThatThrownBy(() -> refresh(server, UNKNOWN_JOB)).isInstanceOf(NotFoundException.class);
  }

  @Pact(consumer = CONSUMER)
  V4Pact getJobWhileRateLimited(PactBuilder builder) {
    return builder
        .given(RATE_LIMITED)
        .expectsToReceiveHttpInteraction(
            "a request for job " + PROCESSING_JOB + " answered 429 with Retry-After",
            i ->
                i.withRequest(
                        r ->
                            r.method("GET")
                                .path("/get")
                                .queryParameter("jobId", PROCESSING_JOB)
                                .header("x-api-key", apiKey(CREATIVE_KEY)))
                    .willRespondWith(
                        r ->
                            r.status(429)
                                .header("Retry-After", retryAfterSeconds())
                                .body(error("Too many requests"))))
        .toPact();
  }

  /** The watcher moves its next poll back by Retry-After: the client must read it. */
  @Test
  @PactTestFor(pactMethod = "getJobWhileRateLimited")
  void aRateLimitedPollSaysWhenToComeBack(MockServer server) {
    assertThatThrownBy(() -> refresh(server, PROCESSING_JOB))
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e ->
                assertThat(e.retryAfter())
                    .contains(Duration.ofSeconds(Long.parseLong(RETRY_AFTER_SECONDS))));
  }

  // --- webhook --------------------------------------------------------------------------------

  /**
   * What the Creative API POSTs to the webhook URL when a job ends, as the client's {@link
   * WebhookHandler} reads it: only {@code jobId}, which names the provider and the job (the job's
   * state is then confirmed with a GET, never taken from the payload).
   */
  @Pact(consumer = CONSUMER)
  V4Pact webhookDelivery(PactBuilder builder) {
    return builder
        .expectsToReceiveMessageInteraction(
            WEBHOOK_DELIVERY,
            m ->
                m.withContents(
                    c -> c.withContent(new PactDslJsonBody().stringType("jobId", COMPLETED_JOB))))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "webhookDelivery", providerType = ProviderType.ASYNCH)
  void theWebhookHandlerFindsTheJobInTheDelivery(V4Interaction.AsynchronousMessage delivery) {
    try (GenJobsClient client = ContractClients.offline(Provider.CREATIVE_API)) {
      WebhookResult result =
          client.webhooks().handle(delivery.contentsAsBytes(), ContractClients.JSON_HEADERS);

      // Not watched here, so nothing is confirmed; the payload was understood.
      assertThat(result.outcome()).isEqualTo(WebhookResult.Outcome.UNKNOWN_JOB);
      assertThat(result.provider()).isEqualTo(Provider.CREATIVE_API);
      assertThat(result.jobId()).isEqualTo(COMPLETED_JOB);
    }
  }

  // --- helpers --------------------------------------------------------------------------------

  private static au.com.dius.pact.consumer.dsl.HttpRequestBuilder generateRequest(
      au.com.dius.pact.consumer.dsl.HttpRequestBuilder r, String key, String model) {
    return generateRequest(r, key, model, null);
  }

  private static au.com.dius.pact.consumer.dsl.HttpRequestBuilder generateRequest(
      au.com.dius.pact.consumer.dsl.HttpRequestBuilder r, String key, String model, URI webhook) {
    PactDslJsonBody body = new PactDslJsonBody();
    // The model decides the outcome in these interactions: it is a literal, the input is typed.
    body.stringValue("model", model)
        .object("input")
        .stringType("prompt", "a red fox")
        .closeObject();
    if (webhook != null) body.stringMatcher("webhook", "https://\\S+", webhook.toString());
    return r.method("POST")
        .path("/generate")
        .header("x-api-key", key.equals(REVOKED_KEY) ? REVOKED_KEY : apiKey(key))
        .header("Content-Type", jsonContentType())
        .body(body);
  }

  private static V4Pact getJob(
      PactBuilder builder, String state, String jobId, int status, PactDslJsonBody body) {
    if (state != null) builder.given(state);
    String description =
        status == 200
            ? "a request for job " + jobId
            : "a request for job " + jobId + " answered " + status;
    return builder
        .expectsToReceiveHttpInteraction(
            description,
            i ->
                i.withRequest(
                        r ->
                            r.method("GET")
                                .path("/get")
                                .queryParameter("jobId", jobId)
                                .header("x-api-key", apiKey(CREATIVE_KEY)))
                    .willRespondWith(r -> r.status(status).body(body)))
        .toPact();
  }

  /**
   * What the client reads of a job: its id, its status (a literal of the spec's enum, the status is
   * what these interactions are about) and, in the completed one, its output. The spec requires no
   * field; {@code model}, {@code date} and the echoed {@code input} are not read, so not stated.
   */
  private static PactDslJsonBody job(String jobId, String status) {
    PactDslJsonBody body = new PactDslJsonBody();
    body.stringType("jobId", jobId).stringMatcher("status", STATUS, status);
    return body;
  }

  private static PactDslJsonBody error(String message) {
    return new PactDslJsonBody().stringType("status", "error").stringType("message", message);
  }

  private static GenerateRequest foxWith(String model) {
    return GenerateRequest.builder().model(model).input("prompt", "a red fox").build();
  }

  private static JobSnapshot refresh(MockServer server, String jobId) {
    try (GenJobsClient client = ContractClients.client(server, Provider.CREATIVE_API)) {
      return client.creative().job(jobId).refresh();
    }
  }
}
