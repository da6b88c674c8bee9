package dev.genjobs.client.config;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.RetryPolicy;
import dev.genjobs.client.Secret;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.errors.AmbiguousOutcomeException;
import dev.genjobs.client.errors.GenJobsException;
import dev.genjobs.client.errors.InternalServerException;
import dev.genjobs.client.errors.RequestTimeoutException;
import dev.genjobs.client.errors.UnauthorizedException;
import dev.genjobs.client.testing.Causes;
import dev.genjobs.client.testing.ConsoleCapture;
import dev.genjobs.client.testing.ConsoleCapture.Captured;
import dev.genjobs.client.testing.Stand;
import dev.genjobs.client.unstructured.CreateJobRequest;
import dev.genjobs.client.upload.UploadFile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * API keys never reach {@code toString()}, exception messages or logs. The test keys are
 * distinctive strings; each test searches everything the library produced for them.
 */
class SecretsNeverLeakTest {

  private static final Map<String, String> ENV =
      Map.of(
          "CREATIFY_API_ID", Stand.CREATIFY_API_ID,
          "CREATIFY_API_KEY", Stand.CREATIFY_API_KEY,
          "UNSTRUCTURED_API_KEY", Stand.UNSTRUCTURED_API_KEY,
          "CREATIVE_API_KEY", Stand.CREATIVE_API_KEY);

  private static void assertNoKeyIn(String text) {
    for (String key : Stand.ALL_KEYS) {
      assertThat(text).as("output must not contain a key").doesNotContain(key);
    }
  }

  private static void assertNoKeyIn(Throwable thrown) {
    assertThat(thrown).isInstanceOf(GenJobsException.class);
    assertNoKeyIn(Causes.allText(thrown));
  }

  @Test
  void givenOptionsWithAllKeys_whenPrinted_thenOnlyVariableNamesAndMasksAppear() {
    ClientOptions options = ClientOptions.fromEnv(ENV);

    String text = options.toString();

    assertNoKeyIn(text);
    assertThat(text).contains("CREATIVE_API_KEY=****", "CREATIFY_API_ID=****");
  }

  @Test
  void givenAClient_whenPrinted_thenNoKeyAppears() {
    try (GenJobsClient client = GenJobsClient.create(ClientOptions.fromEnv(ENV))) {
      assertNoKeyIn(client.toString());
      assertNoKeyIn(String.valueOf(client.creative()));
    }
  }

  @Test
  void givenASecret_whenPrintedOrConcatenated_thenItShowsOnlyItsVariable() {
    Secret secret = Secret.of("CREATIVE_API_KEY", Stand.CREATIVE_API_KEY);

    assertThat(secret.toString()).isEqualTo("CREATIVE_API_KEY=****");
    assertThat("key: " + secret).doesNotContain(Stand.CREATIVE_API_KEY);
    assertThat(Secret.absent("CREATIVE_API_KEY").toString()).isEqualTo("CREATIVE_API_KEY=<absent>");
  }

  @Test
  void givenA401_whenTheCallFails_thenNoKeyIsInAnyMessageOfTheChain() {
    try (Stand stand = Stand.start()) {
      stand.stubFor(
          get(urlPathEqualTo("/get"))
              .willReturn(
                  aResponse()
                      .withStatus(401)
                      .withBody("{\"status\":\"error\",\"message\":\"Invalid API key\"}")));

      Throwable thrown = catchThrowable(() -> stand.client().creative().job("j-1").refresh());

      assertThat(thrown).isInstanceOf(UnauthorizedException.class);
      assertNoKeyIn(thrown);
    }
  }

  @Test
  void givenA401BodyThatEchoesTheKey_whenTheCallFails_thenNeitherMessageNorKeptBodyCarriesTheKey() {
    try (Stand stand = Stand.start()) {
      stand.stubFor(
          get(urlPathEqualTo("/get"))
              .willReturn(
                  aResponse()
                      .withStatus(401)
                      .withBody(
                          "{\"status\":\"error\",\"message\":\"Invalid API key: "
                              + Stand.CREATIVE_API_KEY
                              + "\"}")));

      Throwable thrown = catchThrowable(() -> stand.client().creative().job("j-1").refresh());

      assertThat(thrown).isInstanceOf(UnauthorizedException.class);
      assertNoKeyIn(thrown);
      assertNoKeyIn(((UnauthorizedException) thrown).rawBody());
      assertNoKeyIn(((UnauthorizedException) thrown).error().summary());
    }
  }

  @Test
  void givenA500AfterRetries_whenTheCallFails_thenNoKeyIsInAnyMessageOrLogLine() {
    try (Stand stand = Stand.start(o -> o.logHttp(true))) {
      stand.stubFor(get(urlPathEqualTo("/get")).willReturn(aResponse().withStatus(500)));

      Captured captured = ConsoleCapture.run(() -> stand.client().creative().job("j-1").refresh());

      assertThat(captured.thrown()).isInstanceOf(InternalServerException.class);
      assertNoKeyIn(captured.thrown());
      assertNoKeyIn(captured.output());
      assertThat(captured.output()).contains("retrying in", "x-api-key: ****");
    }
  }

  @Test
  void givenAReadTimeout_whenTheCallFails_thenNoKeyIsInAnyMessage() {
    try (Stand stand =
        Stand.start(o -> o.retryPolicy(RetryPolicy.none()).readTimeout(Duration.ofMillis(300)))) {
      stand.stubFor(get(urlPathEqualTo("/get")).willReturn(okJson("{}").withFixedDelay(600)));

      Throwable thrown = catchThrowable(() -> stand.client().creative().job("j-1").refresh());

      assertThat(thrown).isInstanceOf(RequestTimeoutException.class);
      assertNoKeyIn(thrown);
    }
  }

  @Test
  void givenAnAmbiguousCreate_whenItFails_thenNeitherMessageNorRequestSummaryCarriesAKey() {
    try (Stand stand = Stand.start()) {
      stand.stubFor(post(urlEqualTo("/generate")).willReturn(aResponse().withStatus(500)));

      Throwable thrown =
          catchThrowable(
              () ->
                  stand
                      .client()
                      .creative()
                      .generate(
                          GenerateRequest.builder().model("flux").input("prompt", "fox").build()));

      assertThat(thrown).isInstanceOf(AmbiguousOutcomeException.class);
      assertNoKeyIn(thrown);
      assertNoKeyIn(((AmbiguousOutcomeException) thrown).requestSummary());
    }
  }

  @Test
  void givenHttpLoggingOn_whenEveryProviderIsCalled_thenHeadersAreLoggedRedactedAndNoKeyAppears() {
    try (Stand stand = Stand.start(o -> o.logHttp(true))) {
      for (ClientOptionsTest.ProviderCall call : ClientOptionsTest.ProviderCall.values()) {
        call.stub(stand);
      }

      Captured captured =
          ConsoleCapture.run(
              () -> {
                for (ClientOptionsTest.ProviderCall call :
                    ClientOptionsTest.ProviderCall.values()) {
                  call.call.accept(stand.client());
                }
              });

      assertThat(captured.thrown()).isNull();
      assertNoKeyIn(captured.output());
      assertThat(captured.output())
          .contains(
              "x-api-key: ****", "unstructured-api-key: ****", "X-API-ID: ****", "X-API-KEY: ****");
    }
  }

  @Test
  void givenHttpLoggingOn_whenAnUploadJobIsCreated_thenNoKeyAppearsInTheLog() {
    try (Stand stand = Stand.start(o -> o.logHttp(true))) {
      stand.stubFor(
          post(urlEqualTo("/api/v1/jobs/")).willReturn(okJson(ClientOptionsTest.UNSTRUCTURED_JOB)));

      Captured captured =
          ConsoleCapture.run(
              () ->
                  stand
                      .client()
                      .unstructured()
                      .createJob(
                          CreateJobRequest.builder()
                              .templateId("hi_res_partition")
                              .file(UploadFile.of("a.txt", "hello".getBytes(), "text/plain"))
                              .build()));

      assertThat(captured.thrown()).isNull();
      assertNoKeyIn(captured.output());
    }
  }
}
