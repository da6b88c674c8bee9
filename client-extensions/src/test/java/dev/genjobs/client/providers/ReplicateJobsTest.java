package dev.genjobs.client.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.genjobs.client.testing.JobStands.json;
import static dev.genjobs.client.testing.JobStands.q;
import static dev.genjobs.client.testing.JobStands.stubSequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.genjobs.client.errors.ApiException;
import dev.genjobs.client.errors.InvalidInputException;
import dev.genjobs.client.errors.NotFoundException;
import dev.genjobs.client.errors.RateLimitException;
import dev.genjobs.client.errors.UnauthorizedException;
import dev.genjobs.client.errors.UnprocessableEntityException;
import dev.genjobs.client.jobs.CreatesJobs;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobRequest;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.jobs.ListsRecentJobs.ListedJob;
import dev.genjobs.client.replicate.PredictionRequest;
import dev.genjobs.client.replicate.PredictionRequest.Event;
import dev.genjobs.client.replicate.ReplicateClient;
import dev.genjobs.client.replicate.ReplicateModule;
import dev.genjobs.client.store.InMemoryJobStore;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.testing.JobStands;
import dev.genjobs.client.testing.Stand;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replicate predictions over HTTP: create by model and by version (with {@code Prefer: wait}),
 * statuses, failure reasons, output shapes, cancel, errors as problem details, local checks, the
 * provider-neutral create, and the job list that reconciles a lost create.
 */
class ReplicateJobsTest {

  static final String TOKEN = "test-replicate-token-7d41c2";
  static final String VERSION_ID =
      "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa";

  private Stand stand;
  private ReplicateClient replicate;

  @BeforeEach
  void setUp() {
    stand = JobStands.stand(o -> o.key(ReplicateModule.API_TOKEN, TOKEN));
    replicate = stand.client().provider(ReplicateClient.class);
  }

  @AfterEach
  void tearDown() {
    stand.close();
  }

  /** A prediction body as Replicate documents it, with {@code extra} fields at the end. */
  static String prediction(String id, String status, String extra) {
    return q(
        "{'id':'"
            + id
            + "','model':'acme/fox-gen','version':'"
            + VERSION_ID
            + "','input':{'prompt':'a fox'},'logs':'','error':null,'status':'"
            + status
            + "','source':'api','data_removed':false,'created_at':'2026-12-05T06:00:00.000Z',"
            + "'urls':{'get':'https://api.replicate.com/v1/predictions/"
            + id
            + "','cancel':'https://api.replicate.com/v1/predictions/"
            + id
            + "/cancel'}"
            + (extra.isEmpty() ? "" : "," + extra)
            + "}");
  }

  private static MappingBuilder getPrediction(String id) {
    return get(urlPathEqualTo("/predictions/" + id));
  }

  @Test
  void givenCreateByModel_whenAwaited_thenPostsToTheModelsPathWithBearerAndPollsToTheOutput()
      throws Exception {
    stand.stubFor(
        post(urlPathEqualTo("/models/acme/fox-gen/predictions"))
            .willReturn(json(201, prediction("p-1", "starting", "'output':null"))));
    stubSequence(
        stand.server(),
        "replicate-by-model",
        () -> getPrediction("p-1"),
        json(prediction("p-1", "processing", "")),
        json(prediction("p-1", "succeeded", q("'output':['https://cdn.example/1.png']"))));

    Job job =
        replicate.create(
            PredictionRequest.builder().model("acme/fox-gen").input("prompt", "a fox").build());
    JobSnapshot done = job.await(Duration.ofSeconds(5));

    assertThat(job.id()).isEqualTo("p-1");
    assertThat(job.provider()).isEqualTo(ReplicateModule.PROVIDER);
    assertThat(job.created().status()).isEqualTo(JobStatus.QUEUED);
    assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(done.outputUrls()).containsExactly(URI.create("https://cdn.example/1.png"));
    stand.verify(
        exactly(1),
        postRequestedFor(urlPathEqualTo("/models/acme/fox-gen/predictions"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .withHeader("User-Agent", containing("(replicate; spec 1.0.0-a1)"))
            .withoutHeader("Prefer")
            // No webhook_events_filter (the generated model's empty list), no version.
            .withRequestBody(equalToJson(q("{'input':{'prompt':'a fox'}}"))));
    stand.verify(
        exactly(2),
        getRequestedFor(urlPathEqualTo("/predictions/p-1"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .withHeader("User-Agent", containing("genjobs-java/")));
  }

  @Test
  void givenCreateByVersionWithWebhookAndEvents_whenCreated_thenPostsThemToPredictions() {
    stand.stubFor(
        post(urlPathEqualTo("/predictions"))
            .willReturn(json(201, prediction("p-2", "starting", ""))));

    Job job =
        replicate.create(
            PredictionRequest.builder()
                .version("acme/fox-gen:" + VERSION_ID)
                .input(Map.of("prompt", "a fox", "steps", 4))
                .webhook(URI.create("https://hooks.example/replicate"))
                .webhookEventsFilter(Set.of(Event.COMPLETED, Event.START))
                .build());

    assertThat(job.id()).isEqualTo("p-2");
    stand.verify(
        exactly(1),
        postRequestedFor(urlPathEqualTo("/predictions"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .withRequestBody(matchingJsonPath("$.version", equalTo("acme/fox-gen:" + VERSION_ID)))
            .withRequestBody(
                matchingJsonPath("$.input", equalToJson(q("{'prompt':'a fox','steps':4}"))))
            .withRequestBody(
                matchingJsonPath(
                    "$.webhook_events_filter", equalToJson(q("['start','completed']"))))
            // The ledger's correlation token rides on the webhook URL.
            .withRequestBody(
                matchingJsonPath(
                    "$.webhook", containing("https://hooks.example/replicate?genjobs_ref="))));
  }

  @Test
  void givenPreferWaitAndAFinalAnswer_whenAwaited_thenNoPollIsMade() throws Exception {
    stand.stubFor(
        post(urlPathEqualTo("/models/acme/fox-gen/predictions"))
            .withHeader("Prefer", equalTo("wait=30"))
            .willReturn(
                json(
                    201,
                    prediction("p-3", "succeeded", q("'output':'https://cdn.example/3.png'")))));

    Job job =
        replicate.create(
            PredictionRequest.builder()
                .model("acme/fox-gen")
                .input("prompt", "a fox")
                .waitFor(Duration.ofSeconds(30))
                .build());
    JobSnapshot done = job.await(Duration.ofSeconds(5));

    assertThat(job.created().isTerminal()).isTrue();
    assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(done.outputUrls()).containsExactly(URI.create("https://cdn.example/3.png"));
    stand.verify(exactly(0), getRequestedFor(anyUrl()));
  }

  @Test
  void givenADurableLedgerAndAFinalAnswer_whenCreated_thenTheRecordHasEndedWithNoPollDue()
      throws Exception {
    try (Stand durable =
        JobStands.stand(
            o -> o.key(ReplicateModule.API_TOKEN, TOKEN).jobStore(new InMemoryJobStore()))) {
      durable.stubFor(
          post(urlPathEqualTo("/predictions"))
              .withHeader("Prefer", equalTo("wait=10"))
              .willReturn(
                  json(
                      201,
                      prediction("p-10", "failed", "")
                          .replace("\"error\":null", "\"error\":\"NSFW content\""))));
      ReplicateClient client = durable.client().provider(ReplicateClient.class);

      Job job =
          client.create(
              PredictionRequest.builder()
                  .version(VERSION_ID)
                  .input("prompt", "a fox")
                  .waitFor(Duration.ofSeconds(10))
                  .build());
      JobSnapshot done = job.await(Duration.ofSeconds(5));
      JobRecord record = durable.client().jobs().get(job.ledgerId().orElseThrow()).orElseThrow();

      assertThat(done.status()).isEqualTo(JobStatus.FAILED);
      assertThat(done.failureReason()).contains("NSFW content");
      assertThat(record.status()).contains(JobStatus.FAILED);
      assertThat(record.endedAt()).isPresent();
      assertThat(record.nextPollAt()).isEmpty();
      durable.verify(exactly(0), getRequestedFor(anyUrl()));
    }
  }

  @Test
  void givenUnknownStatus_whenRefreshed_thenRunningWithTheRawValueKept() {
    stand.stubFor(getPrediction("p-4").willReturn(json(prediction("p-4", "paused", ""))));

    JobSnapshot snapshot = replicate.job("p-4").refresh();

    assertThat(snapshot.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(snapshot.rawStatus()).isEqualTo("paused");
    assertThat(snapshot.statusRecognized()).isFalse();
  }

  @Test
  void givenEveryDocumentedStatus_whenRefreshed_thenEachMapsAsDocumented() {
    Map<String, JobStatus> expected =
        Map.of(
            "starting", JobStatus.QUEUED,
            "processing", JobStatus.RUNNING,
            "succeeded", JobStatus.SUCCEEDED,
            "failed", JobStatus.FAILED,
            "canceled", JobStatus.CANCELLED);
    expected.forEach(
        (raw, status) -> {
          stand.stubFor(
              getPrediction("s-" + raw).willReturn(json(prediction("s-" + raw, raw, ""))));
          JobSnapshot s = replicate.job("s-" + raw).refresh();
          assertThat(s.status()).as(raw).isEqualTo(status);
          assertThat(s.statusRecognized()).as(raw).isTrue();
        });
  }

  @Test
  void givenAFailedPrediction_whenRefreshed_thenItsErrorIsTheReason() {
    stand.stubFor(
        getPrediction("p-5")
            .willReturn(
                json(
                    prediction("p-5", "failed", "")
                        .replace("\"error\":null", "\"error\":\"CUDA out of memory\""))));
    stand.stubFor(getPrediction("p-6").willReturn(json(prediction("p-6", "failed", ""))));

    assertThat(replicate.job("p-5").refresh().failureReason()).contains("CUDA out of memory");
    assertThat(replicate.job("p-6").refresh().failureReason())
        .contains("Replicate reports the prediction failed without an error");
  }

  static Stream<Arguments> outputShapes() {
    return Stream.of(
        Arguments.of("'https://cdn.example/a.png'", List.of("https://cdn.example/a.png")),
        Arguments.of(
            "['https://cdn.example/a.png','https://cdn.example/b.png']",
            List.of("https://cdn.example/a.png", "https://cdn.example/b.png")),
        Arguments.of(
            "{'image':'https://cdn.example/a.png','extra':{'mask':'http://cdn.example/m.png'},"
                + "'seed':42,'caption':'a fox'}",
            List.of("https://cdn.example/a.png", "http://cdn.example/m.png")),
        Arguments.of("null", List.of()),
        Arguments.of("'hello Alice'", List.of()),
        Arguments.of("['a', 'b']", List.of()),
        Arguments.of("3.5", List.of()),
        Arguments.of("[{'url':'ftp://x'}, []]", List.of()));
  }

  @ParameterizedTest
  @MethodSource("outputShapes")
  void givenAnyOutputShape_whenRefreshed_thenItsHttpUrlsAreTheOutputAndNothingFails(
      String output, List<String> urls) {
    stand.stubFor(
        getPrediction("p-7")
            .willReturn(json(prediction("p-7", "succeeded", q("'output':" + output)))));

    JobSnapshot s = replicate.job("p-7").refresh();

    assertThat(s.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(s.outputUrls()).containsExactlyElementsOf(urls.stream().map(URI::create).toList());
  }

  @Test
  void givenARunningPrediction_whenCancelled_thenCancelIsPostedAndTheJobIsCancelled() {
    stand.stubFor(
        post(urlPathEqualTo("/predictions/p-8/cancel"))
            .willReturn(json(prediction("p-8", "canceled", ""))));

    JobSnapshot s = replicate.job("p-8").cancel();

    assertThat(s.status()).isEqualTo(JobStatus.CANCELLED);
    stand.verify(
        exactly(1),
        postRequestedFor(urlPathEqualTo("/predictions/p-8/cancel"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
  }

  static Stream<Arguments> problems() {
    return Stream.of(
        Arguments.of(
            401, UnauthorizedException.class, "You did not pass a valid authentication token"),
        Arguments.of(404, NotFoundException.class, "The requested resource could not be found"),
        Arguments.of(422, UnprocessableEntityException.class, "input.prompt is required"),
        Arguments.of(429, RateLimitException.class, "Request was throttled"));
  }

  @ParameterizedTest
  @MethodSource("problems")
  void givenAProblemDetailsError_whenCreating_thenTheTypedErrorCarriesItsDetail(
      int status, Class<? extends ApiException> type, String detail) {
    stand.stubFor(
        post(urlPathEqualTo("/models/acme/fox-gen/predictions"))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/problem+json")
                    .withHeader("Retry-After", "1")
                    .withBody(
                        q(
                            "{'type':'about:blank','title':'Problem','status':"
                                + status
                                + ",'detail':'"
                                + detail
                                + "'}"))));

    Throwable thrown =
        catchThrowable(
            () ->
                replicate.create(
                    PredictionRequest.builder()
                        .model("acme/fox-gen")
                        .input("prompt", "x")
                        .build()));

    assertThat(thrown).isInstanceOf(type);
    assertThat(((ApiException) thrown).status()).isEqualTo(status);
    assertThat(((ApiException) thrown).error().message()).isEqualTo(detail);
    assertThat(thrown.getMessage()).contains(detail);
  }

  @Test
  void givenAProblemDetailsError_whenReading_thenTheTypedErrorCarriesItsDetail() {
    stand.stubFor(
        getPrediction("gone")
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody(
                        q("{'title':'Not found','detail':'Prediction not found','status':404}"))));

    Throwable thrown = catchThrowable(() -> replicate.job("gone").refresh());

    assertThat(thrown).isInstanceOf(NotFoundException.class);
    assertThat(((ApiException) thrown).error().message()).isEqualTo("Prediction not found");
  }

  static Stream<Arguments> invalidRequests() {
    return Stream.of(
        Arguments.of(PredictionRequest.builder().input("prompt", "x"), "/model"),
        Arguments.of(
            PredictionRequest.builder().model("acme/fox-gen").version(VERSION_ID), "/version"),
        Arguments.of(PredictionRequest.builder().model("fox-gen"), "/model"),
        Arguments.of(PredictionRequest.builder().version("acme/fox gen:x"), "/version"),
        Arguments.of(
            PredictionRequest.builder().model("acme/fox-gen").waitFor(Duration.ZERO), "/Prefer"),
        Arguments.of(
            PredictionRequest.builder().model("acme/fox-gen").waitFor(Duration.ofSeconds(61)),
            "/Prefer"),
        Arguments.of(
            PredictionRequest.builder().model("acme/fox-gen").waitFor(Duration.ofMillis(1500)),
            "/Prefer"),
        Arguments.of(
            PredictionRequest.builder().model("acme/fox-gen").webhook(URI.create("ftp://x/y")),
            "/webhook"),
        Arguments.of(
            PredictionRequest.builder().model("acme/fox-gen").webhookEventsFilter(Set.of()),
            "/webhook_events_filter"));
  }

  @ParameterizedTest
  @MethodSource("invalidRequests")
  void givenAnInvalidRequest_whenCreating_thenRefusedNamingTheFieldAndNothingIsSent(
      PredictionRequest.Builder request, String field) {
    Throwable thrown = catchThrowable(() -> replicate.create(request.build()));

    assertThat(thrown).isInstanceOf(InvalidInputException.class);
    assertThat(((InvalidInputException) thrown).violations())
        .anySatisfy(v -> assertThat(v.pointer()).isEqualTo(field));
    stand.verify(exactly(0), anyRequestedFor(anyUrl()));
  }

  @Test
  void givenAProviderNeutralRequest_whenCreated_thenAModelGoesToItsPathAndAVersionToPredictions() {
    stand.stubFor(
        post(urlPathEqualTo("/models/acme/fox-gen/predictions"))
            .willReturn(json(201, prediction("n-1", "starting", ""))));
    stand.stubFor(
        post(urlPathEqualTo("/predictions"))
            .willReturn(json(201, prediction("n-2", "starting", ""))));
    CreatesJobs creates = replicate;

    Job byModel =
        creates.create(
            JobRequest.builder()
                .model("acme/fox-gen")
                .input(Map.of("prompt", "a fox"))
                .waitFor(Duration.ofSeconds(5))
                .build());
    Job byVersion =
        creates.create(JobRequest.builder().model("acme/fox-gen:" + VERSION_ID).build());

    assertThat(byModel.id()).isEqualTo("n-1");
    assertThat(byVersion.id()).isEqualTo("n-2");
    assertThat(creates.parts().required()).containsExactly(JobRequest.Part.MODEL);
    assertThat(creates.parts().accepted())
        .containsOnlyKeys(
            JobRequest.Part.MODEL,
            JobRequest.Part.INPUT,
            JobRequest.Part.WEBHOOK,
            JobRequest.Part.WAIT);
    stand.verify(
        exactly(1),
        postRequestedFor(urlPathEqualTo("/models/acme/fox-gen/predictions"))
            .withHeader("Prefer", equalTo("wait=5")));
    stand.verify(
        exactly(1),
        postRequestedFor(urlPathEqualTo("/predictions"))
            .withRequestBody(
                equalToJson(q("{'version':'acme/fox-gen:" + VERSION_ID + "','input':{}}"))));
    Throwable misfit =
        catchThrowable(
            () -> creates.create(JobRequest.builder().template("t-1").model("a/b").build()));
    assertThat(misfit).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void
      givenTwoListPages_whenListingAWindow_thenPredictionsInItAreListedWithTheCreatesFingerprint() {
    stand.stubFor(
        post(urlPathEqualTo("/models/acme/fox-gen/predictions"))
            .willReturn(json(201, prediction("l-0", "starting", ""))));
    Job created =
        replicate.create(
            PredictionRequest.builder().model("acme/fox-gen").input("prompt", "a fox").build());
    String next = stand.baseUrl() + "/predictions?cursor=page2";
    stand.stubFor(
        get(urlPathEqualTo("/predictions"))
            .withQueryParam("cursor", equalTo("page2"))
            .willReturn(
                json(
                    q(
                        "{'next':null,'previous':null,'results':["
                            + prediction("l-3", "succeeded", "")
                                .replace("2026-12-05T06:00:00.000Z", "2026-12-05T05:30:00Z")
                            + "]}"))));
    stand.stubFor(
        get(urlPathEqualTo("/predictions"))
            .withQueryParam("cursor", absent())
            .willReturn(
                json(
                    q(
                        "{'next':'"
                            + next
                            + "','previous':null,'results':["
                            + prediction("l-1", "processing", "")
                                .replace("2026-12-05T06:00:00.000Z", "2026-12-05T06:10:00Z")
                            + ","
                            + prediction("l-2", "succeeded", "").replace("\"a fox\"", "\"a hare\"")
                            + "]}"))));

    List<ListedJob> listed =
        replicate.jobsCreatedBetween(
            Instant.parse("2026-12-05T05:45:00Z"), Instant.parse("2026-12-05T06:05:00Z"));

    assertThat(listed).extracting(ListedJob::jobId).containsExactly("l-2");
    assertThat(listed.get(0).ranWhat()).isEqualTo("acme/fox-gen");
    var record = stand.client().jobs().get(created.ledgerId().orElseThrow()).orElseThrow();
    assertThat(record.inputFingerprint().agreesWith(listed.get(0).exposedInputs())).isFalse();
    List<ListedJob> sameInputs =
        replicate.jobsCreatedBetween(
            Instant.parse("2026-12-05T06:05:00Z"), Instant.parse("2026-12-05T06:15:00Z"));
    assertThat(sameInputs).extracting(ListedJob::jobId).containsExactly("l-1");
    assertThat(record.inputFingerprint().agreesWith(sameInputs.get(0).exposedInputs())).isTrue();
    stand.verify(
        exactly(1),
        getRequestedFor(urlPathEqualTo("/predictions")).withQueryParam("cursor", equalTo("page2")));
  }
}
