package dev.genjobs.client.errors;

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

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.genjobs.client.Provider;
import dev.genjobs.client.RetryPolicy;
import dev.genjobs.client.errors.ProviderError.FieldError;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.testing.Causes;
import dev.genjobs.client.testing.Stand;
import dev.genjobs.client.unstructured.CreateJobRequest;
import dev.genjobs.client.upload.UploadFile;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a call can fail reaches the caller as one {@link GenJobsException} subtype carrying
 * provider, operation, status, the parsed provider error, the capped raw body and the request id.
 * Retries are off (one attempt) unless a test says otherwise, so each failure costs one request.
 */
class ErrorMappingTest {

  private static final String JOB_UUID = "3f1d2c4b-5a69-4e7f-8a9b-0c1d2e3f4a5b";
  private static final String CREATIVE_GET = "/get";
  private static final String UNSTRUCTURED_GET = "/api/v1/jobs/" + JOB_UUID;
  private static final String ASSET_GET = "/api/asset_generator/" + JOB_UUID + "/";

  private Stand stand;

  @AfterEach
  void stop() {
    if (stand != null) stand.close();
  }

  private Stand start() {
    stand = Stand.start(o -> o.retryPolicy(RetryPolicy.none()));
    return stand;
  }

  /** GET of a Creative API job answering {@code response}; returns what the call threw. */
  private Throwable creativeGetAnswering(ResponseDefinitionBuilder response) {
    stand.stubFor(get(urlPathEqualTo(CREATIVE_GET)).willReturn(response));
    return catchThrowable(() -> stand.client().creative().job("j-1").refresh());
  }

  private static RequestPatternBuilder creativeGets() {
    return getRequestedFor(urlPathEqualTo(CREATIVE_GET));
  }

  private static ResponseDefinitionBuilder status(int status, String jsonBody) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(jsonBody);
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(400, BadRequestException.class),
        Arguments.of(401, UnauthorizedException.class),
        Arguments.of(403, PermissionDeniedException.class),
        Arguments.of(404, NotFoundException.class),
        Arguments.of(409, ConflictException.class),
        Arguments.of(418, UnexpectedStatusException.class),
        Arguments.of(422, UnprocessableEntityException.class),
        Arguments.of(429, RateLimitException.class),
        Arguments.of(500, InternalServerException.class),
        Arguments.of(502, InternalServerException.class),
        Arguments.of(503, InternalServerException.class));
  }

  @ParameterizedTest(name = "HTTP {0}")
  @MethodSource("statuses")
  void givenAnErrorStatus_whenCalling_thenItsExceptionTypeCarriesProviderOperationAndStatus(
      int statusCode, Class<? extends ApiException> expected) {
    start();

    Throwable thrown =
        creativeGetAnswering(status(statusCode, "{\"status\":\"error\",\"message\":\"nope\"}"));

    assertThat(thrown).isExactlyInstanceOf(expected).isInstanceOf(GenJobsException.class);
    ApiException api = (ApiException) thrown;
    assertThat(api.status()).isEqualTo(statusCode);
    assertThat(api.provider()).contains(Provider.CREATIVE_API);
    assertThat(api.operation()).contains("getJob");
    assertThat(api.getMessage()).contains("Creative API getJob", "HTTP " + statusCode, "nope");
    assertThat(Causes.containsFeignException(thrown)).isFalse();
    stand.verify(exactly(1), creativeGets());
  }

  @Test
  void givenUnstructuredValidationErrors_whenReadingAJob_thenEachLocMsgTypeIsParsed() {
    start();
    stand.stubFor(
        get(urlPathEqualTo(UNSTRUCTURED_GET))
            .willReturn(
                status(
                    422,
                    """
                    {"detail": [
                      {"loc": ["header", "unstructured-api-key"], "msg": "Field required",
                       "type": "missing", "input": null},
                      {"loc": ["query", "limit", 0], "msg": "not an int", "type": "int_parsing"}
                    ]}""")));

    Throwable thrown = catchThrowable(() -> stand.client().unstructured().job(JOB_UUID).refresh());

    assertThat(thrown).isExactlyInstanceOf(UnprocessableEntityException.class);
    ProviderError error = ((UnprocessableEntityException) thrown).error();
    assertThat(error.fieldErrors())
        .containsExactly(
            new FieldError(List.of("header", "unstructured-api-key"), "Field required", "missing"),
            new FieldError(List.of("query", "limit", 0), "not an int", "int_parsing"));
    assertThat(thrown.getMessage()).contains("header.unstructured-api-key: Field required");
    stand.verify(exactly(1), getRequestedFor(urlPathEqualTo(UNSTRUCTURED_GET)));
  }

  @Test
  void givenUnstructuredStringDetail_whenReadingAJob_thenItIsTheMessage() {
    start();
    stand.stubFor(
        get(urlPathEqualTo(UNSTRUCTURED_GET))
            .willReturn(status(422, "{\"detail\": \"Invalid job id format\"}")));

    Throwable thrown = catchThrowable(() -> stand.client().unstructured().job(JOB_UUID).refresh());

    assertThat(thrown).isExactlyInstanceOf(UnprocessableEntityException.class);
    ProviderError error = ((ApiException) thrown).error();
    assertThat(error.message()).isEqualTo("Invalid job id format");
    assertThat(error.fieldErrors()).isEmpty();
  }

  @Test
  void
      givenUnstructuredValidationErrors_whenCreatingWithUpload_thenTheStreamingPathParsesThemAlike() {
    start();
    stand.stubFor(
        post(urlEqualTo("/api/v1/jobs/"))
            .willReturn(
                status(
                    422,
                    "{\"detail\":[{\"loc\":[\"body\",\"request_data\"],"
                        + "\"msg\":\"bad template\",\"type\":\"value_error\"}]}")));

    Throwable thrown =
        catchThrowable(
            () ->
                stand
                    .client()
                    .unstructured()
                    .createJob(
                        CreateJobRequest.builder()
                            .templateId("no_such_template")
                            .file(UploadFile.of("a.txt", "hi".getBytes(), "text/plain"))
                            .build()));

    assertThat(thrown).isExactlyInstanceOf(UnprocessableEntityException.class);
    assertThat(((ApiException) thrown).operation()).contains("create_job");
    assertThat(((ApiException) thrown).error().fieldErrors())
        .containsExactly(
            new FieldError(List.of("body", "request_data"), "bad template", "value_error"));
    stand.verify(exactly(1), postRequestedFor(urlEqualTo("/api/v1/jobs/")));
  }

  @Test
  void givenTheCreativeApiErrorShape_whenCalling_thenStatusAndMessageAreParsed() {
    start();

    Throwable thrown =
        creativeGetAnswering(
            status(400, "{\"status\":\"error\",\"message\":\"Missing parameter: jobId\"}"));

    ProviderError error = ((BadRequestException) thrown).error();
    assertThat(error.code()).isEqualTo("error");
    assertThat(error.message()).isEqualTo("Missing parameter: jobId");
    assertThat(thrown.getMessage()).endsWith("HTTP 400: Missing parameter: jobId");
  }

  @Test
  void givenCreatifysDetailBody_whenCalling_thenTheDetailIsTheMessage() {
    start();
    stand.stubFor(
        get(urlPathEqualTo(ASSET_GET)).willReturn(status(404, "{\"detail\": \"Not found.\"}")));

    Throwable thrown =
        catchThrowable(() -> stand.client().assetGenerator().job(JOB_UUID).refresh());

    assertThat(thrown).isExactlyInstanceOf(NotFoundException.class);
    NotFoundException notFound = (NotFoundException) thrown;
    assertThat(notFound.error().message()).isEqualTo("Not found.");
    assertThat(notFound.rawBody()).isEqualTo("{\"detail\": \"Not found.\"}");
    assertThat(notFound.provider()).contains(Provider.CREATIFY_ASSET_GENERATOR);
    assertThat(notFound.operation()).contains("asset_generator_retrieve");
  }

  @Test
  void givenAHugeErrorBody_whenCalling_thenTheRawBodyIsCappedAtMaxErrorBodyChars() {
    stand = Stand.start(o -> o.retryPolicy(RetryPolicy.none()).maxErrorBodyChars(64));
    String body = "{\"message\":\"" + "x".repeat(2000) + "\"}";

    Throwable thrown = creativeGetAnswering(status(500, body));

    String raw = ((ApiException) thrown).rawBody();
    assertThat(raw)
        .startsWith(body.substring(0, 64))
        .endsWith("...[" + (body.length() - 64) + " more chars]");
    assertThat(raw.length()).isLessThan(100);
  }

  @Test
  void givenARequestIdHeader_whenCalling_thenTheExceptionCarriesAndShowsIt() {
    start();

    Throwable thrown =
        creativeGetAnswering(
            status(404, "{\"status\":\"error\",\"message\":\"job not found\"}")
                .withHeader("x-request-id", "req-7f3a"));

    assertThat(((ApiException) thrown).requestId()).contains("req-7f3a");
    assertThat(thrown.getMessage()).contains("(request id req-7f3a)");
  }

  @Test
  void givenAnHtmlPageOn502_whenCalling_thenInternalServerErrorNamesItAndKeepsThePage() {
    start();
    String page =
        "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
            + "<body><center>nginx</center></body></html>";

    Throwable thrown =
        creativeGetAnswering(
            aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody(page));

    assertThat(thrown).isExactlyInstanceOf(InternalServerException.class);
    InternalServerException ise = (InternalServerException) thrown;
    assertThat(ise.status()).isEqualTo(502);
    assertThat(ise.error().message()).isEqualTo("non-JSON HTML error page");
    assertThat(ise.rawBody()).isEqualTo(page);
    assertThat(ise.getMessage()).doesNotContain("<html");
  }

  @Test
  void givenARateLimitWithRetryAfter_whenNotRetried_thenTheCallerSeesWhenToComeBack() {
    start();

    Throwable thrown = creativeGetAnswering(status(429, "{}").withHeader("Retry-After", "7"));

    assertThat(((RateLimitException) thrown).retryAfter()).contains(Duration.ofSeconds(7));
  }

  @Test
  void givenMalformedJsonOn200_whenReading_thenMalformedResponseOnceWithTheRawBody() {
    stand = Stand.start(); // default retries: a malformed read is not retried

    Throwable thrown = creativeGetAnswering(okJson("{\"jobId\": \"j-1\", \"status\": "));

    assertThat(thrown).isExactlyInstanceOf(MalformedResponseException.class);
    MalformedResponseException malformed = (MalformedResponseException) thrown;
    assertThat(malformed.status()).isEqualTo(200);
    assertThat(malformed.rawBody()).isEqualTo("{\"jobId\": \"j-1\", \"status\": ");
    assertThat(Causes.containsFeignException(thrown)).isFalse();
    stand.verify(exactly(1), creativeGets());
  }

  @Test
  void givenAnEmpty200Body_whenReading_thenMalformedResponse() {
    start();

    Throwable thrown = creativeGetAnswering(aResponse().withStatus(200));

    assertThat(thrown).isExactlyInstanceOf(MalformedResponseException.class);
    assertThat(thrown.getMessage()).contains("empty body");
    stand.verify(exactly(1), creativeGets());
  }

  @Test
  void givenAJsonArrayWhereAnObjectIsExpected_whenReading_thenMalformedResponse() {
    start();

    Throwable thrown = creativeGetAnswering(okJson("[1, 2, 3]"));

    assertThat(thrown).isExactlyInstanceOf(MalformedResponseException.class);
    assertThat(Causes.containsFeignException(thrown)).isFalse();
  }

  @Test
  void givenAJsonNullBodyOn200_whenReading_thenMalformedResponseRatherThanANullPointer() {
    start();

    Throwable thrown = creativeGetAnswering(okJson("null"));

    assertThat(thrown).isInstanceOf(GenJobsException.class);
    assertThat(thrown).isExactlyInstanceOf(MalformedResponseException.class);
  }

  @Test
  void givenUnknownFieldsAndAnUnknownStatus_whenReading_thenItDecodesAsStillRunning() {
    start();
    stand.stubFor(
        get(urlPathEqualTo(CREATIVE_GET))
            .willReturn(
                okJson(
                    "{\"jobId\":\"j-1\",\"status\":\"upscaling\",\"queuePosition\":3,"
                        + "\"billing\":{\"credits\":2},\"output\":{\"imageUrl\":[],\"gif\":\"x\"}}")));

    JobSnapshot snapshot = stand.client().creative().job("j-1").refresh();

    assertThat(snapshot.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(snapshot.rawStatus()).isEqualTo("upscaling");
  }

  @Test
  void givenAnUnknownUnstructuredStatusAndFields_whenReading_thenItDecodesAsStillRunning() {
    start();
    stand.stubFor(
        get(urlPathEqualTo(UNSTRUCTURED_GET))
            .willReturn(
                okJson(
                    "{\"id\":\""
                        + JOB_UUID
                        + "\",\"workflow_id\":\""
                        + JOB_UUID
                        + "\",\"workflow_name\":\"w\",\"status\":\"PAUSED_FOR_REVIEW\","
                        + "\"created_at\":\"2025-01-01T00:00:00Z\",\"priority\":\"high\","
                        + "\"job_type\":\"brand-new-type\"}")));

    JobSnapshot snapshot = stand.client().unstructured().job(JOB_UUID).refresh();

    assertThat(snapshot.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(snapshot.rawStatus()).isEqualTo("PAUSED_FOR_REVIEW");
  }

  static Stream<Arguments> transportFailures() {
    return Stream.of(
        Arguments.of("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
        Arguments.of("empty response", aResponse().withFault(Fault.EMPTY_RESPONSE)),
        Arguments.of("garbage then close", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)),
        Arguments.of("chunked garbage", aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)),
        Arguments.of("slower than the read timeout", okJson("{}").withFixedDelay(600)),
        Arguments.of("HTML on 200", aResponse().withStatus(200).withBody("<html></html>")),
        Arguments.of("HTML on 503", aResponse().withStatus(503).withBody("<html></html>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transportFailures")
  void givenAnyTransportOrBodyFailure_whenCalling_thenOnlyAGenJobsExceptionEscapesWithNoFeignInside(
      String name, ResponseDefinitionBuilder response) {
    stand = Stand.start(o -> o.retryPolicy(RetryPolicy.none()).readTimeout(Duration.ofMillis(300)));

    Throwable thrown = creativeGetAnswering(response);

    assertThat(thrown).isInstanceOf(GenJobsException.class);
    assertThat(Causes.containsFeignException(thrown)).isFalse();
    assertThat(((GenJobsException) thrown).provider()).contains(Provider.CREATIVE_API);
  }

  @Test
  void givenConnectionRefused_whenCalling_thenTheMessageSaysWhatFailedInsteadOfNull() {
    stand =
        Stand.start(o -> o.retryPolicy(RetryPolicy.none()).baseUrlForAll(Stand.closedPortUrl()));

    Throwable thrown = catchThrowable(() -> stand.client().creative().job("j-1").refresh());

    assertThat(thrown).isExactlyInstanceOf(ConnectionException.class);
    assertThat(((ConnectionException) thrown).requestWasSent()).isFalse();
    assertThat(thrown.getMessage())
        .startsWith("Creative API getJob: could not connect")
        .doesNotEndWith("null");
  }
}
