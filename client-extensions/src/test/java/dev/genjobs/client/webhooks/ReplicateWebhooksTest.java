package dev.genjobs.client.webhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.genjobs.client.testing.JobStands.json;
import static dev.genjobs.client.testing.JobStands.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.jobs.JobBackend;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.replicate.PredictionRequest;
import dev.genjobs.client.replicate.ReplicateClient;
import dev.genjobs.client.replicate.ReplicateModule;
import dev.genjobs.client.testing.JobStands;
import dev.genjobs.client.testing.Stand;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replicate's webhook deliveries: recognised by their body (and no other provider's body taken for
 * one), verified per Standard Webhooks with {@code REPLICATE_WEBHOOK_SECRET} before anything is
 * read, confirmed with one GET. Polls are a minute away, so every GET here is a confirmation.
 */
class ReplicateWebhooksTest {

  static final String TOKEN = "test-replicate-token-7d41c2";
  static final String SECRET =
      "whsec_" + Base64.getEncoder().encodeToString("replicate-test-signing-key-0001".getBytes());
  static final URI HOOK = URI.create("https://app.example/hooks/replicate");
  static final URI REPLICATE_PATH = URI.create("https://app.example/webhooks/replicate");

  private static final ObjectMapper JSON = new ObjectMapper();

  private Stand stand;
  private GenJobsClient client;
  private ReplicateClient replicate;

  @BeforeEach
  void setUp() {
    stand =
        JobStands.stand(
            b ->
                b.pollPolicy(JobStands.webhookOnlyPolls())
                    .key(ReplicateModule.API_TOKEN, TOKEN)
                    .key(ReplicateModule.WEBHOOK_SECRET, SECRET));
    client = stand.client();
    replicate = client.provider(ReplicateClient.class);
  }

  @AfterEach
  void tearDown() {
    stand.close();
  }

  private static String prediction(String id, String status) {
    return q(
        "{'id':'"
            + id
            + "','model':'acme/fox-gen','version':'5c7d5dc6','input':{'prompt':'a fox'},"
            + "'output':'https://cdn.example/wh.png','error':null,'status':'"
            + status
            + "','created_at':'2026-12-05T06:00:00Z',"
            + "'urls':{'get':'https://api.replicate.com/v1/predictions/"
            + id
            + "','cancel':'https://api.replicate.com/v1/predictions/"
            + id
            + "/cancel'}}");
  }

  private CompletableFuture<JobSnapshot> createWithWebhookAndAwait(String id) {
    stand.stubFor(
        post(urlPathEqualTo("/models/acme/fox-gen/predictions"))
            .willReturn(json(201, prediction(id, "starting"))));
    return replicate
        .create(
            PredictionRequest.builder()
                .model("acme/fox-gen")
                .input("prompt", "a fox")
                .webhook(HOOK)
                .build())
        .awaitAsync(Duration.ofSeconds(30));
  }

  private Map<String, List<String>> signed(String webhookId, long timestamp, byte[] body) {
    return Map.of(
        "webhook-id", List.of(webhookId),
        "webhook-timestamp", List.of(Long.toString(timestamp)),
        "webhook-signature",
            List.of(StandardWebhooks.signature(SECRET, webhookId, timestamp, body)),
        "Content-Type", List.of("application/json"));
  }

  private long now() {
    return stand.clock().instant().getEpochSecond();
  }

  private WebhookResult deliver(byte[] body, Map<String, List<String>> headers) {
    return client.webhooks().handle(ReplicateModule.PROVIDER, REPLICATE_PATH, body, headers);
  }

  @Test
  void givenAValidSignedDelivery_whenHandled_thenOneConfirmingGetCompletesTheWait()
      throws Exception {
    CompletableFuture<JobSnapshot> wait = createWithWebhookAndAwait("wh-r1");
    stand.stubFor(
        get(urlPathEqualTo("/predictions/wh-r1"))
            .willReturn(json(prediction("wh-r1", "succeeded"))));
    byte[] body = prediction("wh-r1", "succeeded").getBytes(StandardCharsets.UTF_8);

    WebhookResult result = deliver(body, signed("msg_1", now(), body));

    assertThat(result.outcome()).isEqualTo(WebhookResult.Outcome.COMPLETED);
    assertThat(result.provider()).isEqualTo(ReplicateModule.PROVIDER);
    assertThat(wait).isDone();
    assertThat(wait.get().status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(wait.get().outputUrls()).containsExactly(URI.create("https://cdn.example/wh.png"));
    stand.verify(exactly(1), getRequestedFor(urlPathEqualTo("/predictions/wh-r1")));
  }

  @Test
  void givenAWrongMissingOrStaleSignature_whenHandled_thenRefusedWith401AndNothingChanges() {
    CompletableFuture<JobSnapshot> wait = createWithWebhookAndAwait("wh-r2");
    byte[] body = prediction("wh-r2", "succeeded").getBytes(StandardCharsets.UTF_8);
    byte[] otherBody = prediction("wh-r2", "failed").getBytes(StandardCharsets.UTF_8);
    long stale = now() - Duration.ofMinutes(10).toSeconds();

    List<Map<String, List<String>>> refused =
        List.of(
            signed("msg_2", now(), otherBody),
            Map.of("Content-Type", List.of("application/json")),
            signed("msg_3", stale, body),
            Map.of(
                "webhook-id", List.of("msg_4"),
                "webhook-timestamp", List.of(Long.toString(now())),
                "webhook-signature", List.of("v1,bm90IGEgc2lnbmF0dXJl")));

    for (Map<String, List<String>> headers : refused) {
      WebhookResult result = deliver(body, headers);
      assertThat(result.outcome()).isEqualTo(WebhookResult.Outcome.SIGNATURE_REJECTED);
      assertThat(result.httpStatus()).isEqualTo(401);
    }
    assertThat(wait).isNotDone();
    stand.verify(exactly(0), getRequestedFor(anyUrl()));
  }

  @Test
  void givenNoSigningSecret_whenADeliveryArrives_thenRefusedNamingTheVariable() {
    try (Stand unsigned =
        JobStands.stand(
            b ->
                b.pollPolicy(JobStands.webhookOnlyPolls()).key(ReplicateModule.API_TOKEN, TOKEN))) {
      byte[] body = prediction("wh-r3", "succeeded").getBytes(StandardCharsets.UTF_8);

      WebhookResult result =
          unsigned
              .client()
              .webhooks()
              .handle(ReplicateModule.PROVIDER, REPLICATE_PATH, body, signed("msg_5", now(), body));

      assertThat(result.outcome()).isEqualTo(WebhookResult.Outcome.SIGNATURE_REJECTED);
      assertThat(result.detail()).contains(ReplicateModule.WEBHOOK_SECRET);
      assertThat(result.detail()).doesNotContain(SECRET);
    }
  }

  @Test
  void givenASignedDeliveryToReplicatesPathNamingAnotherProvidersJob_thenUnknownJob() {
    stand.stubFor(
        post(urlPathEqualTo("/generate"))
            .willReturn(json(q("{'jobId':'cr-9','status':'created'}"))));
    CompletableFuture<JobSnapshot> creativeWait =
        client
            .creative()
            .generate(
                GenerateRequest.builder()
                    .model("flux-pro")
                    .input("prompt", "x")
                    .webhook(HOOK)
                    .build())
            .awaitAsync(Duration.ofSeconds(30));
    byte[] body = prediction("cr-9", "succeeded").getBytes(StandardCharsets.UTF_8);

    WebhookResult result = deliver(body, signed("msg_6", now(), body));

    assertThat(result.outcome()).isEqualTo(WebhookResult.Outcome.UNKNOWN_JOB);
    assertThat(creativeWait).isNotDone();
    stand.verify(exactly(0), getRequestedFor(anyUrl()));
  }

  /** Which providers claim {@code body}, and the job id each one read. */
  private Map<String, String> claims(String singleQuotedJson) throws Exception {
    JsonNode body = JSON.readTree(q(singleQuotedJson));
    return client.providers().stream()
        .map(client::provider)
        .filter(p -> p.webhookJobId(body).isPresent())
        .collect(Collectors.toMap(p -> p.provider().id(), p -> p.webhookJobId(body).orElseThrow()));
  }

  @Test
  void aReplicateBodyIsClaimedByReplicateAloneAndNoOtherProvidersBodyByReplicate()
      throws Exception {
    assertThat(client.providers()).hasSize(5).contains(ReplicateModule.PROVIDER);
    assertThat(claims(prediction("r-1", "succeeded")))
        .containsExactly(Map.entry("replicate", "r-1"));
    assertThat(claims("{'id':'r-2','version':'5c7d','status':'starting'}"))
        .containsExactly(Map.entry("replicate", "r-2"));
    assertThat(claims("{'id':'r-3','urls':{'get':'https://api.replicate.com/v1/predictions/r-3'}}"))
        .containsExactly(Map.entry("replicate", "r-3"));

    JobBackend replicateBackend = client.provider(ReplicateModule.PROVIDER);
    for (String other :
        List.of(
            "{'jobId':'c-1','status':'succeeded'}",
            "{'id':'i-1','inspiration_id':'insp','status':'done'}",
            "{'data':{'id':'a-1','model_name':'flux/schnell','status':'done'}}",
            "{'id':'u-1','workflow_id':'w-1','status':'COMPLETED'}",
            "{'id':'x-1','status':'done'}",
            "{'id':'','version':'v','status':'starting'}",
            "{'id':'x-2','urls':'https://x'}",
            "{'id':7,'version':'v','status':'starting'}")) {
      assertThat(replicateBackend.webhookJobId(JSON.readTree(q(other)))).as(other).isEmpty();
    }
  }
}
