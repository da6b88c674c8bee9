package dev.genjobs.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.errors.HttpFailure;
import dev.genjobs.client.errors.ProviderError;
import dev.genjobs.client.errors.ProviderError.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How error responses are read, independent of the HTTP path that received them. */
class ResponseFailuresTest {

  private static final Instant NOW = Instant.parse("2015-10-21T07:27:30Z");

  private final ResponseFailures failures =
      new ResponseFailures(Json.newMapper(), 40, Clock.fixed(NOW, ZoneOffset.UTC));

  private HttpFailure parse(int status, Map<String, List<String>> headers, String body) {
    return failures.parse(status, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void givenFastApiValidationErrors_whenParsed_thenEachFieldErrorKeepsLocMsgAndType() {
    ProviderError error =
        failures
            .readingErrorsWith(dev.genjobs.client.errors.ErrorBodyReader.FAST_API)
            .parseError(
                """
            {"detail": [
              {"loc": ["body", "request_data"], "msg": "field required", "type": "missing"},
              {"loc": ["body", "input_files", 0], "msg": "bad file", "type": "value_error"}
            ]}""");

    assertThat(error.fieldErrors())
        .containsExactly(
            new FieldError(List.of("body", "request_data"), "field required", "missing"),
            new FieldError(List.of("body", "input_files", 0), "bad file", "value_error"));
    assertThat(error.summary())
        .isEqualTo("body.request_data: field required; body.input_files.0: bad file");
  }

  @Test
  void givenAStringDetail_whenParsed_thenItIsTheMessageWithNoFieldErrors() {
    ProviderError error = failures.parseError("{\"detail\": \"Job not found\"}");

    assertThat(error.message()).isEqualTo("Job not found");
    assertThat(error.fieldErrors()).isEmpty();
  }

  @Test
  void givenTheCreativeApiShape_whenParsed_thenStatusIsTheCodeAndMessageTheMessage() {
    ProviderError error =
        failures.parseError("{\"status\": \"error\", \"message\": \"Unknown model 'flux-x'\"}");

    assertThat(error.code()).isEqualTo("error");
    assertThat(error.message()).isEqualTo("Unknown model 'flux-x'");
  }

  @Test
  void givenAnErrorFieldAndANumericCode_whenParsed_thenBothAreKept() {
    ProviderError error = failures.parseError("{\"error\": \"quota exceeded\", \"code\": 4031}");

    assertThat(error.message()).isEqualTo("quota exceeded");
    assertThat(error.code()).isEqualTo("4031");
  }

  @Test
  void givenAnHtmlErrorPage_whenParsed_thenItIsNamedAsSuchInsteadOfQuoted() {
    ProviderError error =
        failures.parseError(
            "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head></html>");

    assertThat(error.message()).isEqualTo("non-JSON HTML error page");
  }

  @Test
  void givenPlainText_whenParsed_thenTheFirstLineIsTheMessage() {
    ProviderError error = failures.parseError("upstream connect error\nreset reason: overflow");

    assertThat(error.message()).isEqualTo("upstream connect error");
  }

  @Test
  void givenTruncatedJson_whenParsed_thenItIsReportedUnparseableWithoutThrowing() {
    assertThat(failures.parseError("{\"detail\": [").message()).isEqualTo("unparseable error body");
  }

  @Test
  void givenAnEmptyBody_whenParsed_thenThereIsNoProviderError() {
    assertThat(failures.parseError("  ")).isEqualTo(ProviderError.none());
  }

  @Test
  void givenABodyLongerThanTheCap_whenParsed_thenTheRawBodyIsCutAndSaysHowMuchWasLeftOut() {
    String body = "e".repeat(100);

    HttpFailure failure = parse(500, Map.of(), body);

    assertThat(failure.rawBody()).isEqualTo("e".repeat(40) + "...[60 more chars]");
  }

  @Test
  void givenABodyExactlyAtTheCap_whenParsed_thenItIsKeptWhole() {
    assertThat(parse(500, Map.of(), "e".repeat(40)).rawBody()).isEqualTo("e".repeat(40));
  }

  @Test
  void givenABodyThatEchoesAConfiguredKey_whenParsed_thenTheKeyIsBlankedOutOfMessageAndRawBody() {
    ResponseFailures withKeys =
        new ResponseFailures(
            Json.newMapper(), 200, Clock.fixed(NOW, ZoneOffset.UTC), List.of("sk-live-123456"));

    HttpFailure failure =
        withKeys.parse(
            401,
            Map.of(),
            "{\"detail\": \"Invalid API key sk-live-123456\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(failure.error().message()).isEqualTo("Invalid API key ****");
    assertThat(failure.rawBody()).doesNotContain("sk-live-123456").contains("****");
  }

  @Test
  void givenSeveralRequestIdHeaders_whenParsed_thenXRequestIdWinsWhateverItsCase() {
    HttpFailure failure =
        parse(
            404,
            Map.of("CF-Ray", List.of("8a1b2c"), "X-Request-Id", List.of("req-42")),
            "{\"detail\":\"Not found.\"}");

    assertThat(failure.requestId()).isEqualTo("req-42");
  }

  @Test
  void givenOnlyACdnRayId_whenParsed_thenItIsTheRequestId() {
    assertThat(parse(502, Map.of("cf-ray", List.of("8a1b2c-FRA")), "").requestId())
        .isEqualTo("8a1b2c-FRA");
  }

  @Test
  void givenRetryAfterInSeconds_whenParsed_thenItIsThatDuration() {
    HttpFailure failure = parse(429, Map.of("Retry-After", List.of("7")), "");

    assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void givenRetryAfterAsAnHttpDate_whenParsed_thenItIsTheTimeUntilThatDate() {
    assertThat(failures.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"))
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void givenRetryAfterInThePastOrNegative_whenParsed_thenTheWaitIsZero() {
    assertThat(failures.retryAfter("Wed, 21 Oct 2015 07:00:00 GMT")).isEqualTo(Duration.ZERO);
    assertThat(failures.retryAfter("-5")).isEqualTo(Duration.ZERO);
  }

  @Test
  void givenUnreadableOrMissingRetryAfter_whenParsed_thenThereIsNone() {
    assertThat(failures.retryAfter("soon")).isNull();
    assertThat(failures.retryAfter(" ")).isNull();
    assertThat(parse(503, Map.of(), "").retryAfter()).isNull();
  }
}
