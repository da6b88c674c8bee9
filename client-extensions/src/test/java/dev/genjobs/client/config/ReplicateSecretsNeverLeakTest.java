package dev.genjobs.client.config;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.errors.AmbiguousOutcomeException;
import dev.genjobs.client.errors.GenJobsException;
import dev.genjobs.client.errors.UnauthorizedException;
import dev.genjobs.client.replicate.PredictionRequest;
import dev.genjobs.client.replicate.ReplicateClient;
import dev.genjobs.client.replicate.ReplicateModule;
import dev.genjobs.client.testing.Causes;
import dev.genjobs.client.testing.ConsoleCapture;
import dev.genjobs.client.testing.ConsoleCapture.Captured;
import dev.genjobs.client.testing.Stand;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Replicate's token and webhook signing secret never reach {@code toString()}, exception messages,
 * kept error bodies or logs (the pattern of {@link SecretsNeverLeakTest}).
 */
class ReplicateSecretsNeverLeakTest {

  static final String TOKEN = "r8_test-replicate-token-5f0e3a";
  static final String WEBHOOK_SECRET = "whsec_cmVwbGljYXRlLXNlY3JldC10ZXN0LTk5";
  static final List<String> SECRETS =
      List.of(TOKEN, WEBHOOK_SECRET, "cmVwbGljYXRlLXNlY3JldC10ZXN0LTk5");

  private static final Map<String, String> ENV =
      Map.of(ReplicateModule.API_TOKEN, TOKEN, ReplicateModule.WEBHOOK_SECRET, WEBHOOK_SECRET);

  private static void assertNoSecretIn(String text) {
    for (String s : SECRETS) {
      assertThat(text).as("output must not contain a Replicate secret").doesNotContain(s);
    }
  }

  private static Stand stand(boolean logHttp) {
    return Stand.start(
        o ->
            o.key(ReplicateModule.API_TOKEN, TOKEN)
                .key(ReplicateModule.WEBHOOK_SECRET, WEBHOOK_SECRET)
                .logHttp(logHttp));
  }

  @Test
  void givenOptionsClientAndVerifier_whenPrinted_thenOnlyVariableNamesAndMasksAppear() {
    ClientOptions options = ClientOptions.fromEnv(ENV);
    assertNoSecretIn(options.toString());
    assertThat(options.toString()).contains("REPLICATE_API_TOKEN=****");
    try (GenJobsClient client = GenJobsClient.create(options)) {
      ReplicateClient replicate = client.provider(ReplicateClient.class);
      assertNoSecretIn(client.toString());
      assertNoSecretIn(String.valueOf(replicate));
      assertNoSecretIn(String.valueOf(replicate.webhookVerifier()));
    }
  }

  @Test
  void givenARequestWithAnInputHoldingTheToken_whenPrinted_thenOnlyInputKeysAppear() {
    PredictionRequest request =
        PredictionRequest.builder().model("acme/fox").input("api_token", TOKEN).build();

    assertNoSecretIn(request.toString());
    assertThat(request.toString()).contains("api_token");
  }

  @Test
  void givenA401BodyThatEchoesTheToken_whenTheCallFails_thenNoMessageOrKeptBodyCarriesIt() {
    try (Stand stand = stand(false)) {
      stand.stubFor(
          get(urlPathEqualTo("/predictions/p-1"))
              .willReturn(
                  aResponse()
                      .withStatus(401)
                      .withHeader("Content-Type", "application/problem+json")
                      .withBody(
                          "{\"title\":\"Unauthenticated\",\"detail\":\"Invalid token "
                              + TOKEN
                              + "\",\"status\":401}")));

      Throwable thrown =
          catchThrowable(() -> stand.client().provider(ReplicateClient.class).job("p-1").refresh());

      assertThat(thrown).isInstanceOf(UnauthorizedException.class);
      assertNoSecretIn(Causes.allText(thrown));
      assertNoSecretIn(((UnauthorizedException) thrown).rawBody());
      assertNoSecretIn(((UnauthorizedException) thrown).error().summary());
    }
  }

  @Test
  void givenHttpLoggingOnAndAnAmbiguousCreate_thenTheLogShowsAMaskedAuthorizationAndNoSecret() {
    try (Stand stand = stand(true)) {
      stand.stubFor(
          post(urlPathEqualTo("/models/acme/fox/predictions"))
              .willReturn(aResponse().withStatus(500)));
      stand.stubFor(
          get(urlPathEqualTo("/predictions/p-2"))
              .willReturn(okJson("{\"id\":\"p-2\",\"status\":\"processing\"}")));
      ReplicateClient replicate = stand.client().provider(ReplicateClient.class);

      Captured captured =
          ConsoleCapture.run(
              () -> {
                replicate.job("p-2").refresh();
                replicate.create(
                    PredictionRequest.builder().model("acme/fox").input("prompt", TOKEN).build());
              });

      assertThat(captured.thrown()).isInstanceOf(AmbiguousOutcomeException.class);
      assertThat(captured.thrown()).isInstanceOf(GenJobsException.class);
      assertNoSecretIn(Causes.allText(captured.thrown()));
      assertNoSecretIn(((AmbiguousOutcomeException) captured.thrown()).requestSummary());
      assertNoSecretIn(captured.output());
      assertThat(captured.output()).containsIgnoringCase("authorization: ****");
    }
  }
}
