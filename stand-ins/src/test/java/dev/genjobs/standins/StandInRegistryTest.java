package dev.genjobs.standins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genjobs.client.Provider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The stand-ins are found through {@code META-INF/services}, one per provider, by spec folder. */
class StandInRegistryTest {

  @Test
  void registryFindsExactlyTheFiveProvidersBySpecFolder() {
    List<String> ids = ProviderStandIns.registered().stream().map(StandIn::providerId).toList();

    assertThat(ids)
        .containsExactlyInAnyOrder(
            Provider.CREATIVE_API.specFolder(),
            Provider.CREATIFY_ASSET_GENERATOR.specFolder(),
            Provider.CREATIFY_INSPIRATION.specFolder(),
            Provider.UNSTRUCTURED.specFolder(),
            // Provider equality is by id: the client package's Replicate value is this one.
            Provider.of("replicate", "Replicate", "https://api.replicate.com/v1").specFolder());
  }

  @Test
  void eachServerGetsItsOwnInstances() {
    // A stand-in may keep state about its jobs, so two servers must not share one.
    assertThat(ProviderStandIns.registered("unstructured-platform"))
        .isNotSameAs(ProviderStandIns.registered("unstructured-platform"));
  }

  @Test
  void noTwoStandInsServeTheSamePath() {
    List<String> createPaths =
        List.of(
            "/generate",
            "/api/asset_generator/",
            "/api/inspiration_jobs/",
            "/api/v1/jobs/",
            "/predictions",
            "/models/black-forest-labs/flux-schnell/predictions");
    for (String path : createPaths) {
      assertThat(ProviderStandIns.registered().stream().filter(s -> s.serves(path)))
          .as(path)
          .hasSize(1);
    }
  }

  /** Each create, without a body the provider accepts: proof the request reached that stand-in. */
  @ParameterizedTest
  @CsvSource({
    "creative-api, /generate, x-api-key, key, 400",
    "creatify-asset-generator, /api/asset_generator/, X-API-KEY, key, 400",
    "creatify-inspiration, /api/inspiration_jobs/, X-API-KEY, key, 400",
    "unstructured-platform, /api/v1/jobs/, unstructured-api-key, key, 422",
    "replicate, /predictions, Authorization, Bearer key, 422",
    "replicate, /models/o/m/predictions, Authorization, Bearer key, 422",
  })
  void eachStandInAnswersItsOwnCreatePath(
      String providerId,
      String createPath,
      String authHeader,
      String authValue,
      int invalidBodyStatus)
      throws Exception {
    try (ProviderStandIns standIns =
        ProviderStandIns.start(StandInOptions.builder().stepDuration(Duration.ZERO).build())) {
      assertThat(standIns.providerIds()).contains(providerId);
      assertThat(ProviderStandIns.registered(providerId).serves(createPath)).isTrue();

      HttpResponse<String> withoutAuth = post(standIns.baseUrl().resolve(createPath), Map.of());
      HttpResponse<String> withAuth =
          post(
              standIns.baseUrl().resolve(createPath),
              Map.of(authHeader, authValue, "X-API-ID", "id", "Content-Type", "application/json"));

      assertThat(withoutAuth.statusCode()).isEqualTo(401);
      assertThat(withAuth.statusCode()).isEqualTo(invalidBodyStatus);
    }
  }

  @Test
  void failingAProviderNoStandInHasIsRefusedAtStart() {
    assertThatThrownBy(
            () ->
                ProviderStandIns.start(
                    StandInOptions.builder().failing("creatify-inspirations").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("creatify-inspirations");
  }

  private static HttpResponse<String> post(URI uri, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}"));
    headers.forEach(request::header);
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
