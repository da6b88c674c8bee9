package dev.genjobs.client.retries;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.genjobs.client.RetryPolicy;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.errors.AmbiguousOutcomeException;
import dev.genjobs.client.errors.ApiException;
import dev.genjobs.client.errors.BadRequestException;
import dev.genjobs.client.errors.ConnectionException;
import dev.genjobs.client.errors.InternalServerException;
import dev.genjobs.client.errors.MalformedResponseException;
import dev.genjobs.client.errors.RateLimitException;
import dev.genjobs.client.errors.RequestTimeoutException;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.testing.Stand;
import dev.genjobs.client.unstructured.CreateJobRequest;
import dev.genjobs.client.upload.UploadFile;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The retry rules over real HTTP: reads are retried, job-creating POSTs only when the provider
 * provably did not take them. Waits are recorded, never slept; request counts are exact.
 */
class RetryOverHttpTest {

  private static final String GET_PATH = "/get";
  private static final String JOB = "{\"jobId\":\"j-1\",\"status\":\"processing\"}";
  private static final String CREATED = "{\"jobId\":\"j-2\",\"status\":\"pending\"}";
  private static final String UNSTRUCTURED_JOB =
      "{\"id\":\"3f1d2c4b-5a69-4e7f-8a9b-0c1d2e3f4a5b\","
          + "\"workflow_id\":\"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\",\"workflow_name\":\"w\","
          + "\"status\":\"SCHEDULED\",\"created_at\":\"2025-01-01T00:00:00Z\"}";

  private Stand stand;

  @AfterEach
  void stop() {
    if (stand != null) stand.close();
  }

  private Stand start(Consumer<dev.genjobs.client.ClientOptions.Builder> options) {
    stand = Stand.start(options);
    return stand;
  }

  private Stand start() {
    return start(o -> {});
  }

  /** {@code first} answers the first request to {@code mapping}, {@code then} every later one. */
  private void firstThen(
      MappingBuilder first,
      ResponseDefinitionBuilder firstAnswer,
      MappingBuilder then,
      ResponseDefinitionBuilder thenAnswer) {
    stand.stubFor(
        first
            .inScenario("first then")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(firstAnswer)
            .willSetStateTo("answered once"));
    stand.stubFor(
        then.inScenario("first then").whenScenarioStateIs("answered once").willReturn(thenAnswer));
  }

  private void getFailsOnceThenSucceeds(ResponseDefinitionBuilder failure) {
    firstThen(get(urlPathEqualTo(GET_PATH)), failure, get(urlPathEqualTo(GET_PATH)), okJson(JOB));
  }

  private void generateFailsOnceThenSucceeds(ResponseDefinitionBuilder failure) {
    firstThen(
        post(urlEqualTo("/generate")), failure, post(urlEqualTo("/generate")), okJson(CREATED));
  }

  private JobSnapshot readJob() {
    return stand.client().creative().job("j-1").refresh();
  }

  private Job generate() {
    return stand
        .client()
        .creative()
        .generate(GenerateRequest.builder().model("flux").input("prompt", "a red fox").build());
  }

  private static RequestPatternBuilder gets() {
    return getRequestedFor(urlPathEqualTo(GET_PATH));
  }

  private static RequestPatternBuilder generates() {
    return postRequestedFor(urlEqualTo("/generate"));
  }

  private static String httpDate(Instant instant) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
  }

  // ---- reads -----------------------------------------------------------------------------

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {408, 429, 500, 502, 503})
  void givenAReadFailingOnceWithARetryableStatus_whenCalled_thenOneRetrySucceeds(int status) {
    start();
    getFailsOnceThenSucceeds(aResponse().withStatus(status));

    JobSnapshot snapshot = readJob();

    assertThat(snapshot.status()).isEqualTo(JobStatus.RUNNING);
    stand.verify(exactly(2), gets());
    assertThat(stand.sleeper().waits()).hasSize(1);
  }

  @Test
  void givenAReadWhoseConnectionIsResetOnce_whenCalled_thenTheRetrySucceeds() {
    start();
    getFailsOnceThenSucceeds(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    JobSnapshot snapshot = readJob();

    assertThat(snapshot.rawStatus()).isEqualTo("processing");
    stand.verify(exactly(2), gets());
  }

  @Test
  void givenAReadWhoseConnectionIsAlwaysReset_whenCalled_thenEachAttemptIsSentOnce() {
    // The retry policy lives in CallExecutor only: the HTTP client below it resends nothing (its
    // automatic retries are off), so three attempts are three requests.
    start(o -> o.retryPolicy(RetryPolicy.builder().maxAttempts(3).build()));
    stand.stubFor(
        get(urlPathEqualTo(GET_PATH))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    Throwable thrown = catchThrowable(this::readJob);

    assertThat(thrown).isExactlyInstanceOf(ConnectionException.class);
    assertThat(stand.sleeper().waits()).hasSize(2);
    stand.verify(exactly(3), gets());
  }

  @Test
  void givenAReadWhoseBodyBreaksOffOnce_whenCalled_thenItIsRetriedLikeAConnectionFailure() {
    start();
    getFailsOnceThenSucceeds(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));

    JobSnapshot snapshot = readJob();

    assertThat(snapshot.rawStatus()).isEqualTo("processing");
    stand.verify(exactly(2), gets());
  }

  @Test
  void givenA429WithRetryAfterSeconds_whenReading_thenExactlyThatLongIsWaited() {
    start();
    getFailsOnceThenSucceeds(aResponse().withStatus(429).withHeader("Retry-After", "2"));

    readJob();

    assertThat(stand.sleeper().waits()).containsExactly(Duration.ofSeconds(2));
    stand.verify(exactly(2), gets());
  }

  @Test
  void givenA503WithRetryAfterAsAnHttpDate_whenReading_thenTheWaitLastsUntilThatDate() {
    start();
    Instant at = stand.clock().instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(4);
    getFailsOnceThenSucceeds(aResponse().withStatus(503).withHeader("Retry-After", httpDate(at)));

    Instant before = stand.clock().instant();
    readJob();
    Instant after = stand.clock().instant();

    // The wait is computed when the 503 arrives, between the two readings of the clock (which
    // real time moves, and the recorded wait advances): bounded by them, not by a fixed window a
    // slow machine can miss.
    assertThat(stand.sleeper().waits())
        .singleElement()
        .satisfies(
            wait ->
                assertThat(wait)
                    .isBetween(
                        Duration.between(after.minus(wait), at).minusMillis(1),
                        Duration.between(before, at).plusMillis(1))
                    .isPositive());
    stand.verify(exactly(2), gets());
  }

  @Test
  void givenRetryAfterBeyondMaxRetryAfter_whenReading_thenRateLimitAtOnceAfterOneRequest() {
    start(o -> o.retryPolicy(RetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(30)).build()));
    stand.stubFor(
        get(urlPathEqualTo(GET_PATH))
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

    Throwable thrown = catchThrowable(this::readJob);

    assertThat(thrown).isExactlyInstanceOf(RateLimitException.class);
    assertThat(((RateLimitException) thrown).retryAfter()).contains(Duration.ofHours(1));
    assertThat(stand.sleeper().waits()).isEmpty();
    stand.verify(exactly(1), gets());
  }

  @Test
  void givenAProviderAlwaysFailing_whenReading_thenItStopsAtMaxAttempts() {
    start(o -> o.retryPolicy(RetryPolicy.builder().maxAttempts(3).build()));
    stand.stubFor(get(urlPathEqualTo(GET_PATH)).willReturn(aResponse().withStatus(503)));

    Throwable thrown = catchThrowable(this::readJob);

    assertThat(thrown).isExactlyInstanceOf(InternalServerException.class);
    assertThat(stand.sleeper().waits()).hasSize(2);
    stand.verify(exactly(3), gets());
  }

  @Test
  void givenMaxElapsed_whenTheNextWaitWouldPassIt_thenItStopsBeforeMaxAttempts() {
    // Waits of 2 s each: after two of them 4 s have passed; a third would end at 6 s > 5 s.
    start(
        o ->
            o.retryPolicy(
                RetryPolicy.builder().maxAttempts(10).maxElapsed(Duration.ofSeconds(5)).build()));
    stand.stubFor(
        get(urlPathEqualTo(GET_PATH))
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "2")));

    Throwable thrown = catchThrowable(this::readJob);

    assertThat(thrown).isExactlyInstanceOf(InternalServerException.class);
    assertThat(stand.sleeper().waits())
        .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    stand.verify(exactly(3), gets());
  }

  @Test
  void givenAReadSlowerThanTheReadTimeoutOnce_whenCalled_thenItIsRetriedAndSucceeds() {
    start(o -> o.readTimeout(Duration.ofMillis(300)));
    getFailsOnceThenSucceeds(okJson(JOB).withFixedDelay(600));

    JobSnapshot snapshot = readJob();

    assertThat(snapshot.rawStatus()).isEqualTo("processing");
    stand.awaitJournaled(2, gets());
    stand.verify(exactly(2), gets());
  }

  @Test
  void givenAReadAlwaysSlowerThanTheReadTimeout_whenCalled_thenRequestTimeoutAfterMaxAttempts() {
    start(
        o ->
            o.readTimeout(Duration.ofMillis(300))
                .retryPolicy(RetryPolicy.builder().maxAttempts(2).build()));
    stand.stubFor(get(urlPathEqualTo(GET_PATH)).willReturn(okJson(JOB).withFixedDelay(600)));

    Throwable thrown = catchThrowable(this::readJob);

    assertThat(thrown).isExactlyInstanceOf(RequestTimeoutException.class);
    assertThat(((RequestTimeoutException) thrown).timeout()).isEqualTo(Duration.ofMillis(300));
    stand.awaitJournaled(2, gets());
    stand.verify(exactly(2), gets());
  }

  // ---- job-creating POSTs ----------------------------------------------------------------

  @Test
  void givenACreateAnswered500_whenGenerating_thenAmbiguousOutcomeAfterOneRequest() {
    start();
    stand.stubFor(post(urlEqualTo("/generate")).willReturn(aResponse().withStatus(500)));
    Instant before = stand.clock().instant();

    Throwable thrown = catchThrowable(this::generate);

    assertThat(thrown).isExactlyInstanceOf(AmbiguousOutcomeException.class);
    AmbiguousOutcomeException ambiguous = (AmbiguousOutcomeException) thrown;
    assertThat(ambiguous.sentAt()).isBetween(before, stand.clock().instant());
    assertThat(ambiguous.requestSummary()).contains("model=flux", "prompt");
    assertThat(ambiguous.getCause()).isExactlyInstanceOf(InternalServerException.class);
    assertThat(stand.sleeper().waits()).isEmpty();
    stand.verify(exactly(1), generates());
  }

  @Test
  void givenACreateSlowerThanTheReadTimeout_whenGenerating_thenAmbiguousOutcomeAfterOneRequest() {
    start(o -> o.readTimeout(Duration.ofMillis(300)));
    stand.stubFor(post(urlEqualTo("/generate")).willReturn(okJson(CREATED).withFixedDelay(600)));

    Throwable thrown = catchThrowable(this::generate);

    assertThat(thrown).isExactlyInstanceOf(AmbiguousOutcomeException.class);
    assertThat(thrown.getCause()).isExactlyInstanceOf(RequestTimeoutException.class);
    stand.awaitJournaled(1, generates());
    stand.verify(exactly(1), generates());
  }

  @Test
  void givenACreateWhoseConnectionIsReset_whenGenerating_thenAmbiguousOutcomeAfterOneRequest() {
    start();
    stand.stubFor(
        post(urlEqualTo("/generate"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    Throwable thrown = catchThrowable(this::generate);

    assertThat(thrown).isExactlyInstanceOf(AmbiguousOutcomeException.class);
    assertThat(thrown.getCause()).isExactlyInstanceOf(ConnectionException.class);
    assertThat(((ConnectionException) thrown.getCause()).requestWasSent()).isTrue();
    stand.verify(exactly(1), generates());
  }

  @Test
  void
      givenACreateWhoseAnswerBreaksOffMidBody_whenGenerating_thenAmbiguousOutcomeAfterOneRequest() {
    // The status line arrived, so the provider took the request: the job may exist.
    start();
    stand.stubFor(
        post(urlEqualTo("/generate"))
            .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

    Throwable thrown = catchThrowable(this::generate);

    assertThat(thrown).isExactlyInstanceOf(AmbiguousOutcomeException.class);
    stand.verify(exactly(1), generates());
  }

  static Stream<Arguments> unreadableCreateAnswers() {
    return Stream.of(
        Arguments.of("truncated JSON", okJson("{\"jobId\": \"j-2\", ")),
        Arguments.of("empty body", aResponse().withStatus(200)),
        Arguments.of("no jobId", okJson("{\"status\":\"pending\"}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unreadableCreateAnswers")
  void givenACreateAnswered200Unreadably_whenGenerating_thenAmbiguousOutcomeAfterOneRequest(
      String name, ResponseDefinitionBuilder answer) {
    start();
    stand.stubFor(post(urlEqualTo("/generate")).willReturn(answer));

    Throwable thrown = catchThrowable(this::generate);

    assertThat(thrown).isExactlyInstanceOf(AmbiguousOutcomeException.class);
    assertThat(thrown.getCause()).isExactlyInstanceOf(MalformedResponseException.class);
    stand.verify(exactly(1), generates());
  }

  @Test
  void givenACreateRateLimitedOnce_whenGenerating_thenItIsRetriedAndCreatesOneJob() {
    start();
    generateFailsOnceThenSucceeds(aResponse().withStatus(429));

    Job job = generate();

    assertThat(job.id()).isEqualTo("j-2");
    stand.verify(exactly(2), generates());
  }

  @Test
  void givenACreateAnswered503WithRetryAfter_whenGenerating_thenItIsRetriedAfterThatWait() {
    start();
    generateFailsOnceThenSucceeds(aResponse().withStatus(503).withHeader("Retry-After", "1"));

    Job job = generate();

    assertThat(job.id()).isEqualTo("j-2");
    assertThat(stand.sleeper().waits()).containsExactly(Duration.ofSeconds(1));
    stand.verify(exactly(2), generates());
  }

  @Test
  void
      givenACreateAnswered503WithoutRetryAfter_whenGenerating_thenAmbiguousOutcomeAfterOneRequest() {
    start();
    stand.stubFor(post(urlEqualTo("/generate")).willReturn(aResponse().withStatus(503)));

    Throwable thrown = catchThrowable(this::generate);

    assertThat(thrown).isExactlyInstanceOf(AmbiguousOutcomeException.class);
    assertThat(((ApiException) thrown.getCause()).status()).isEqualTo(503);
    stand.verify(exactly(1), generates());
  }

  @Test
  void givenACreateAnswered400_whenGenerating_thenBadRequestAfterOneRequest() {
    start();
    stand.stubFor(
        post(urlEqualTo("/generate"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody("{\"status\":\"error\",\"message\":\"Unknown model\"}")));

    Throwable thrown = catchThrowable(this::generate);

    assertThat(thrown).isExactlyInstanceOf(BadRequestException.class);
    assertThat(((BadRequestException) thrown).error().message()).isEqualTo("Unknown model");
    stand.verify(exactly(1), generates());
  }

  @Test
  void givenAnUploadCreateAnswered500_whenCreatingAJob_thenTheStreamingPathIsAmbiguousToo() {
    start();
    stand.stubFor(post(urlEqualTo("/api/v1/jobs/")).willReturn(aResponse().withStatus(500)));

    Throwable thrown = catchThrowable(() -> stand.client().unstructured().createJob(uploadJob()));

    assertThat(thrown).isExactlyInstanceOf(AmbiguousOutcomeException.class);
    assertThat(((AmbiguousOutcomeException) thrown).requestSummary()).contains("a.txt");
    stand.verify(exactly(1), postRequestedFor(urlEqualTo("/api/v1/jobs/")));
  }

  @Test
  void givenAnUploadCreateAnswered503WithRetryAfter_whenCreatingAJob_thenTheFilesAreSentAgain() {
    start();
    firstThen(
        post(urlEqualTo("/api/v1/jobs/")),
        aResponse().withStatus(503).withHeader("Retry-After", "1"),
        post(urlEqualTo("/api/v1/jobs/")),
        okJson(UNSTRUCTURED_JOB));

    Job job = stand.client().unstructured().createJob(uploadJob());

    assertThat(job.id()).isEqualTo("3f1d2c4b-5a69-4e7f-8a9b-0c1d2e3f4a5b");
    stand.verify(exactly(2), postRequestedFor(urlEqualTo("/api/v1/jobs/")));
    assertThat(stand.requests(postRequestedFor(urlEqualTo("/api/v1/jobs/"))))
        .allSatisfy(r -> assertThat(r.getBodyAsString()).contains("hello upload"));
  }

  private static CreateJobRequest uploadJob() {
    return CreateJobRequest.builder()
        .templateId("hi_res_partition")
        .file(UploadFile.of("a.txt", "hello upload".getBytes(), "text/plain"))
        .build();
  }

  // ---- nothing listening -----------------------------------------------------------------

  @Test
  void givenNothingListening_whenReading_thenConnectionRefusedIsRetriedAndReportedAsNotSent() {
    start(
        o ->
            o.baseUrlForAll(Stand.closedPortUrl())
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).build()));

    Throwable thrown = catchThrowable(this::readJob);

    assertThat(thrown).isExactlyInstanceOf(ConnectionException.class);
    assertThat(((ConnectionException) thrown).requestWasSent()).isFalse();
    assertThat(stand.sleeper().waits()).hasSize(2);
  }

  @Test
  void givenNothingListening_whenGenerating_thenTheCreateIsRetriedBecauseItWasNeverSent() {
    start(
        o ->
            o.baseUrlForAll(Stand.closedPortUrl())
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).build()));

    Throwable thrown = catchThrowable(this::generate);

    assertThat(thrown).isExactlyInstanceOf(ConnectionException.class);
    assertThat(((ConnectionException) thrown).requestWasSent()).isFalse();
    assertThat(stand.sleeper().waits()).hasSize(2);
  }
}
