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
import dev.genjobs.client.creatify.InspirationJobRequest;
import dev.genjobs.client.creatify.Template;
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
import java.util.TimeZone;
import kotlin.jvm.functions.Function1;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Creatify Inspiration as genjobs-java uses it: templates (with the input schema the client checks
 * inputs against), job creation from a template, and the job until it is done.
 */
@ExtendWith({PactConsumerTestExt.class, NameTheInteraction.class})
@PactTestFor(
    providerName = CreatifyInspirationContractTest.PROVIDER,
    pactVersion = PactSpecVersion.V4)
class CreatifyInspirationContractTest {

  static final String PROVIDER = "creatify-inspiration";

  /** Status values seen across Creatify jobs (the spec types status as a plain string). */
  private static final String STATUS = "pending|in_queue|running|done|failed|rejected";

  private static final String TIMESTAMP = "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX";
  private static final Instant CREATED_AT = Instant.parse("2026-01-15T10:00:00.123456Z");
  private static final Instant UPDATED_AT = Instant.parse("2026-01-15T10:03:00.654321Z");

  private static final String TEMPLATE = "5d2c7a90-1b3e-4f6a-9c8d-00000000000a";
  private static final String NEW_JOB = "c1a2b3d4-e5f6-4a7b-8c9d-000000000001";
  private static final String RUNNING_JOB = "c1a2b3d4-e5f6-4a7b-8c9d-000000000002";
  private static final String DONE_JOB = "c1a2b3d4-e5f6-4a7b-8c9d-000000000003";
  private static final String FAILED_JOB = "c1a2b3d4-e5f6-4a7b-8c9d-000000000004";
  private static final String UNKNOWN_JOB = "c1a2b3d4-e5f6-4a7b-8c9d-00000000dead";
  private static final String PRODUCT_URL = "https://shop.example.com/products/1";
  private static final String VIDEO_URL = "https://cdn.creatify.ai/out/c1a2b3d4/0.mp4";
  private static final URI WEBHOOK = URI.create("https://hooks.example.com/genjobs/creatify");
  private static final String TEMPLATE_STATE =
      "template " + TEMPLATE + " exists and takes a product_url";

  // --- templates ------------------------------------------------------------------------------

  @Pact(consumer = CONSUMER)
  V4Pact getTemplate(PactBuilder builder) {
    return builder
        .given(TEMPLATE_STATE)
        .expectsToReceiveHttpInteraction(
            "a request for template " + TEMPLATE, templateInteraction())
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "getTemplate")
  void aTemplateCarriesItsInputSchema(MockServer server) {
    try (GenJobsClient client = ContractClients.client(server, Provider.CREATIFY_INSPIRATION)) {
      Template template = client.inspiration().template(TEMPLATE);

      assertThat(template.id()).isEqualTo(TEMPLATE);
      assertThat(template.inputParamsSchema().path("required").get(0).asText())
          .isEqualTo("product_url");
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact listTemplates(PactBuilder builder) {
    PactDslJsonBody element = PactDslJsonArray.arrayMinLike(1);
    templateFields(element);
    return builder
        .given(TEMPLATE_STATE)
        .expectsToReceiveHttpInteraction(
            "a request for the templates",
            get("/api/inspirations/", CREATIFY_KEY, r -> r.status(200).body(element.closeObject())))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "listTemplates")
  void templatesAreListed(MockServer server) {
    try (GenJobsClient client = ContractClients.client(server, Provider.CREATIFY_INSPIRATION)) {
      assertThat(client.inspiration().templates())
          .extracting(Template::id)
          .containsExactly(TEMPLATE);
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact listTemplatesWithRevokedKey(PactBuilder builder) {
    return builder
        .given("the API key revoked-key has been revoked")
        .expectsToReceiveHttpInteraction(
            "a request for the templates with a revoked API key",
            get(
                "/api/inspirations/",
                REVOKED_KEY,
                r -> r.status(401).body(detail("Invalid API key."))))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "listTemplatesWithRevokedKey")
  void aRevokedKeyIsUnauthorised(MockServer server) {
    try (GenJobsClient client =
        ContractClients.clientWithRevokedKey(server, Provider.CREATIFY_INSPIRATION)) {
      assertThatThrownBy(() -> client.inspiration().templates())
          .isInstanceOf(UnauthorizedException.class);
    }
  }

  // --- jobs -----------------------------------------------------------------------------------

  /** The client fetches the template's schema, checks the input against it, then creates. */
  @Pact(consumer = CONSUMER)
  V4Pact createJob(PactBuilder builder) {
    return createJob(builder, null);
  }

  @Pact(consumer = CONSUMER)
  V4Pact createJobWithWebhook(PactBuilder builder) {
    return createJob(builder, WEBHOOK);
  }

  @Test
  @PactTestFor(pactMethod = "createJobWithWebhook")
  void createSendsTheWebhookUrl(MockServer server) {
    try (GenJobsClient client = ContractClients.client(server, Provider.CREATIFY_INSPIRATION)) {
      Job job =
          client
              .inspiration()
              .create(
                  InspirationJobRequest.builder()
                      .inspirationId(TEMPLATE)
                      .inputParam("product_url", PRODUCT_URL)
                      .webhookUrl(WEBHOOK)
                      .build());

      assertThat(job.id()).isEqualTo(NEW_JOB);
    }
  }

  private static V4Pact createJob(PactBuilder builder, URI webhook) {
    PactDslJsonBody request = new PactDslJsonBody();
    request
        .uuid("inspiration_id", TEMPLATE)
        .object("input_params")
        .stringMatcher("product_url", "https?://\\S+", PRODUCT_URL)
        .closeObject();
    if (webhook != null) request.stringMatcher("webhook_url", "https://\\S+", webhook.toString());
    return builder
        .given(TEMPLATE_STATE)
        .expectsToReceiveHttpInteraction(
            "a request for template " + TEMPLATE, templateInteraction())
        .given(TEMPLATE_STATE)
        .expectsToReceiveHttpInteraction(
            "a request to create a job from template "
                + TEMPLATE
                + (webhook == null ? "" : ", reported to a webhook"),
            i ->
                i.withRequest(
                        r ->
                            auth(r.method("POST").path("/api/inspiration_jobs/"), CREATIFY_KEY)
                                .header("Content-Type", jsonContentType())
                                .body(request))
                    .willRespondWith(r -> r.status(201).body(job(NEW_JOB, "pending"))))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "createJob")
  void createChecksTheInputThenReturnsAPendingJob(MockServer server) {
    try (GenJobsClient client = ContractClients.client(server, Provider.CREATIFY_INSPIRATION)) {
      Job job =
          client
              .inspiration()
              .create(
                  InspirationJobRequest.builder()
                      .inspirationId(TEMPLATE)
                      .inputParam("product_url", PRODUCT_URL)
                      .build());

      assertThat(job.id()).isEqualTo(NEW_JOB);
      assertThat(job.created().status()).isEqualTo(JobStatus.QUEUED);
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact getRunningJob(PactBuilder builder) {
    return getJob(
        builder, "job " + RUNNING_JOB + " is running", RUNNING_JOB, job(RUNNING_JOB, "running"));
  }

  @Test
  @PactTestFor(pactMethod = "getRunningJob")
  void aRunningJobIsRunning(MockServer server) {
    assertThat(refresh(server, RUNNING_JOB).status()).isEqualTo(JobStatus.RUNNING);
  }

  @Pact(consumer = CONSUMER)
  V4Pact getDoneJob(PactBuilder builder) {
    PactDslJsonBody body = job(DONE_JOB, "done");
    // Documented as a string "list of generated assets": JSON text of URLs.
    body.stringType("output", "[\"" + VIDEO_URL + "\"]");
    return getJob(builder, "job " + DONE_JOB + " is done with one video", DONE_JOB, body);
  }

  @Test
  @PactTestFor(pactMethod = "getDoneJob")
  void aDoneJobCarriesItsVideoUrl(MockServer server) {
    JobSnapshot snapshot = refresh(server, DONE_JOB);

    assertThat(snapshot.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(snapshot.outputUrls()).containsExactly(URI.create(VIDEO_URL));
  }

  @Pact(consumer = CONSUMER)
  V4Pact getFailedJob(PactBuilder builder) {
    PactDslJsonBody body = job(FAILED_JOB, "failed");
    body.stringType("failed_reason", "The product page could not be read");
    return getJob(builder, "job " + FAILED_JOB + " has failed", FAILED_JOB, body);
  }

  @Test
  @PactTestFor(pactMethod = "getFailedJob")
  void aFailedJobCarriesItsReason(MockServer server) {
    JobSnapshot snapshot = refresh(server, FAILED_JOB);

    assertThat(snapshot.status()).isEqualTo(JobStatus.FAILED);
    assertThat(snapshot.failureReason()).contains("The product page could not be read");
  }

  @Pact(consumer = CONSUMER)
  V4Pact getUnknownJob(PactBuilder builder) {
    return builder
        .given("no job with id " + UNKNOWN_JOB + " exists")
        .expectsToReceiveHttpInteraction(
            "a request for job " + UNKNOWN_JOB + " answered 404",
            get(
                "/api/inspiration_jobs/" + UNKNOWN_JOB + "/",
                CREATIFY_KEY,
                r -> r.status(404).body(detail("Not found."))))
        .toPact();
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
            "a request for job " + RUNNING_JOB + " answered 429 with Retry-After",
            get(
                "/api/inspiration_jobs/" + RUNNING_JOB + "/",
                CREATIFY_KEY,
                r ->
                    r.status(429)
                        .header("Retry-After", retryAfterSeconds())
                        .body(detail("Request was throttled. Expected available in 12 seconds."))))
        .toPact();
  }

  /** The watcher moves its next poll back by Retry-After: the client must read it. */
  @Test
  @PactTestFor(pactMethod = "getJobWhileRateLimited")
  void aRateLimitedPollSaysWhenToComeBack(MockServer server) {
    assertThatThrownBy(() -> refresh(server, RUNNING_JOB))
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e ->
                assertThat(e.retryAfter())
                    .contains(Duration.ofSeconds(Long.parseLong(RETRY_AFTER_SECONDS))));
  }

  // --- webhook --------------------------------------------------------------------------------

  /**
   * What Creatify POSTs to {@code webhook_url} when a job ends (the job object), as the client's
   * webhook handler reads it: {@code id}, and {@code inspiration_id}, which tells it is an
   * Inspiration job. The state is confirmed with a GET, never taken from the payload; the other
   * fields are stated because the spec requires them.
   */
  @Pact(consumer = CONSUMER)
  V4Pact webhookDelivery(PactBuilder builder) {
    PactDslJsonBody payload = job(DONE_JOB, "done");
    return builder
        .expectsToReceiveMessageInteraction(
            "a webhook delivery for a finished job",
            m -> m.withContents(c -> c.withContent(payload)))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "webhookDelivery", providerType = ProviderType.ASYNCH)
  void theWebhookHandlerFindsTheJobInTheDelivery(V4Interaction.AsynchronousMessage delivery) {
    try (GenJobsClient client = ContractClients.offline(Provider.CREATIFY_INSPIRATION)) {
      WebhookResult result =
          client.webhooks().handle(delivery.contentsAsBytes(), ContractClients.JSON_HEADERS);

      assertThat(result.outcome()).isEqualTo(WebhookResult.Outcome.UNKNOWN_JOB);
      assertThat(result.provider()).isEqualTo(Provider.CREATIFY_INSPIRATION);
      assertThat(result.jobId()).isEqualTo(DONE_JOB);
    }
  }

  // --- helpers --------------------------------------------------------------------------------

  private static Function1<HttpInteractionBuilder, HttpInteractionBuilder> templateInteraction() {
    PactDslJsonBody template = new PactDslJsonBody();
    templateFields(template);
    return get(
        "/api/inspirations/" + TEMPLATE + "/", CREATIFY_KEY, r -> r.status(200).body(template));
  }

  private static void templateFields(PactDslJsonBody body) {
    body.uuid("id", TEMPLATE)
        .stringType("name", "Product showcase")
        .stringType("description", "A 15 second ad from a product page")
        .stringType("gen_type", "video")
        .stringMatcher("preview_image", "https://\\S+", "https://cdn.creatify.ai/t/showcase.jpg")
        .numberType("credit_cost", 5)
        .minArrayLike("categories", 1, PactDslJsonRootValue.stringType("ecommerce"), 1)
        .minArrayLike("labels", 1, PactDslJsonRootValue.stringType("product"), 1)
        // The schema the client validates input_params against: literal, it is the test's input.
        .object("input_params_schema")
        .stringValue("$schema", "http://json-schema.org/draft-07/schema#")
        .stringValue("type", "object")
        .array("required")
        .stringValue("product_url")
        .closeArray()
        .asBody()
        .object("properties")
        .object("product_url")
        .stringValue("type", "string")
        .stringValue("format", "uri")
        .closeObject()
        .closeObject()
        .closeObject();
  }

  private static PactDslJsonBody job(String id, String status) {
    PactDslJsonBody body = new PactDslJsonBody();
    body.uuid("id", id)
        .stringValue("inspiration_id", TEMPLATE)
        .stringType("gen_type", "video")
        .stringMatcher("status", STATUS, status)
        .stringType("failed_reason", "")
        .stringType("input_params", "{\"product_url\":\"" + PRODUCT_URL + "\"}")
        .stringType("output", "")
        .datetime("created_at", TIMESTAMP, CREATED_AT, TimeZone.getTimeZone("UTC"))
        .datetime("updated_at", TIMESTAMP, UPDATED_AT, TimeZone.getTimeZone("UTC"));
    return body;
  }

  private static V4Pact getJob(PactBuilder builder, String state, String id, PactDslJsonBody body) {
    return builder
        .given(state)
        .expectsToReceiveHttpInteraction(
            "a request for job " + id,
            get("/api/inspiration_jobs/" + id + "/", CREATIFY_KEY, r -> r.status(200).body(body)))
        .toPact();
  }

  private static JobSnapshot refresh(MockServer server, String id) {
    try (GenJobsClient client = ContractClients.client(server, Provider.CREATIFY_INSPIRATION)) {
      return client.inspiration().job(id).refresh();
    }
  }
}
