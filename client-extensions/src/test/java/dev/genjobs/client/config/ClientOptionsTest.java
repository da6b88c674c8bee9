package dev.genjobs.client.config;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.core.ClientContext;
import dev.genjobs.client.errors.MissingCredentialsException;
import dev.genjobs.client.testing.Stand;
import dev.genjobs.client.unstructured.CreateJobRequest;
import dev.genjobs.client.upload.UploadFile;
import dev.genjobs.generated.SpecVersions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Configuration: environment variables, base URLs, credentials at first use, request headers. */
class ClientOptionsTest {

  static final String JOB_UUID = "3f1d2c4b-5a69-4e7f-8a9b-0c1d2e3f4a5b";
  static final String WORKFLOW_UUID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

  static final String CREATIVE_JOB =
      "{\"jobId\":\"j-1\",\"model\":\"flux\",\"status\":\"processing\"}";
  static final String UNSTRUCTURED_JOB =
      "{\"id\":\""
          + JOB_UUID
          + "\",\"workflow_id\":\""
          + WORKFLOW_UUID
          + "\",\"workflow_name\":\"wf\",\"status\":\"IN_PROGRESS\","
          + "\"created_at\":\"2025-01-01T00:00:00Z\"}";
  static final String ASSET =
      "{\"id\":\""
          + JOB_UUID
          + "\",\"model_name\":\"flux\",\"status\":\"running\","
          + "\"created_at\":\"2025-01-01T00:00:00Z\"}";
  static final String INSPIRATION_JOB = "{\"id\":\"" + JOB_UUID + "\",\"status\":\"running\"}";

  /** One GET per provider, with the path it calls and a valid answer. */
  enum ProviderCall {
    CREATIVE_API(
        Provider.CREATIVE_API, "/get", CREATIVE_JOB, c -> c.creative().job("j-1").refresh()),
    UNSTRUCTURED(
        Provider.UNSTRUCTURED,
        "/api/v1/jobs/" + JOB_UUID,
        UNSTRUCTURED_JOB,
        c -> c.unstructured().job(JOB_UUID).refresh()),
    CREATIFY_ASSET_GENERATOR(
        Provider.CREATIFY_ASSET_GENERATOR,
        "/api/asset_generator/" + JOB_UUID + "/",
        ASSET,
        c -> c.assetGenerator().job(JOB_UUID).refresh()),
    CREATIFY_INSPIRATION(
        Provider.CREATIFY_INSPIRATION,
        "/api/inspiration_jobs/" + JOB_UUID + "/",
        INSPIRATION_JOB,
        c -> c.inspiration().job(JOB_UUID).refresh());

    final Provider provider;
    final String path;
    final String answer;
    final Consumer<GenJobsClient> call;

    ProviderCall(Provider provider, String path, String answer, Consumer<GenJobsClient> call) {
      this.provider = provider;
      this.path = path;
      this.answer = answer;
      this.call = call;
    }

    void stub(Stand stand) {
      stand.stubFor(get(urlPathEqualTo(path)).willReturn(okJson(answer)));
    }

    RequestPatternBuilder requested() {
      return getRequestedFor(urlPathEqualTo(path));
    }
  }

  // ---- fromEnv and base URLs -------------------------------------------------------------

  @Test
  void givenTheFourKeyVariables_whenReadFromEnv_thenEachKeyIsAvailable() {
    ClientOptions options =
        ClientOptions.fromEnv(
            Map.of(
                "CREATIFY_API_ID", "id-1",
                "CREATIFY_API_KEY", "key-2",
                "UNSTRUCTURED_API_KEY", "key-3",
                "CREATIVE_API_KEY", "key-4"));

    assertThat(options.creatifyApiId().reveal()).isEqualTo("id-1");
    assertThat(options.creatifyApiKey().reveal()).isEqualTo("key-2");
    assertThat(options.unstructuredApiKey().reveal()).isEqualTo("key-3");
    assertThat(options.creativeApiKey().reveal()).isEqualTo("key-4");
  }

  @Test
  void givenBlankOrPaddedValues_whenReadFromEnv_thenBlankIsAbsentAndPaddingIsTrimmed() {
    ClientOptions options =
        ClientOptions.fromEnv(
            Map.of("CREATIVE_API_KEY", "  key-4 \n", "UNSTRUCTURED_API_KEY", " "));

    assertThat(options.creativeApiKey().reveal()).isEqualTo("key-4");
    assertThat(options.unstructuredApiKey().isPresent()).isFalse();
  }

  @Test
  void givenBaseUrlVariables_whenReadFromEnv_thenEachOverridesItsProvidersOnly() {
    ClientOptions options =
        ClientOptions.fromEnv(
            Map.of(
                "CREATIFY_BASE_URL", "http://127.0.0.1:9001",
                "UNSTRUCTURED_BASE_URL", "http://127.0.0.1:9002/",
                "CREATIVE_API_BASE_URL", " http://127.0.0.1:9003/v1 "));

    assertThat(options.baseUrl(Provider.CREATIFY_INSPIRATION))
        .isEqualTo(URI.create("http://127.0.0.1:9001"));
    assertThat(options.baseUrl(Provider.CREATIFY_ASSET_GENERATOR))
        .isEqualTo(URI.create("http://127.0.0.1:9001"));
    assertThat(options.baseUrl(Provider.UNSTRUCTURED))
        .isEqualTo(URI.create("http://127.0.0.1:9002/"));
    assertThat(options.baseUrl(Provider.CREATIVE_API))
        .isEqualTo(URI.create("http://127.0.0.1:9003/v1"));
  }

  static List<Provider> providers() {
    return Provider.values();
  }

  @ParameterizedTest
  @MethodSource("providers")
  void givenNoOverride_whenAskingTheBaseUrl_thenItIsTheProductionServerOfTheProvidersSpec(
      Provider provider) throws IOException {
    ClientOptions options = ClientOptions.fromEnv(Map.of());

    assertThat(withoutTrailingSlash(options.baseUrl(provider).toString()))
        .isEqualTo(withoutTrailingSlash(firstServerUrlOfSpec(provider)));
  }

  @Test
  void givenANonHttpBaseUrl_whenConfigured_thenItIsRejectedNamingTheProvider() {
    assertThatThrownBy(() -> ClientOptions.fromEnv(Map.of("CREATIVE_API_BASE_URL", "ftp://x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CREATIVE_API");
  }

  @Test
  void givenNoSettings_whenBuilt_thenTimeoutsAndLimitsHaveDocumentedDefaults() {
    ClientOptions options = ClientOptions.builder().build();

    assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.readTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.maxErrorBodyChars()).isEqualTo(8 * 1024);
    assertThat(options.logHttp()).isTrue();
  }

  @Test
  void givenOptions_whenCopiedWithToBuilder_thenKeysUrlsAndTimeoutsAreKept() {
    ClientOptions options =
        ClientOptions.builder()
            .creativeApiKey("key-4")
            .baseUrl(Provider.UNSTRUCTURED, URI.create("http://127.0.0.1:9002"))
            .readTimeout(Duration.ofMillis(300))
            .maxErrorBodyChars(10)
            .build();

    ClientOptions copy = options.toBuilder().build();

    assertThat(copy.creativeApiKey().reveal()).isEqualTo("key-4");
    assertThat(copy.baseUrl(Provider.UNSTRUCTURED)).isEqualTo(URI.create("http://127.0.0.1:9002"));
    assertThat(copy.readTimeout()).isEqualTo(Duration.ofMillis(300));
    assertThat(copy.maxErrorBodyChars()).isEqualTo(10);
  }

  // ---- missing keys fail at first use ----------------------------------------------------

  @Test
  void givenNoKeysAtAll_whenTheClientIsBuilt_thenNothingFailsYet() {
    try (GenJobsClient client = GenJobsClient.create(ClientOptions.fromEnv(Map.of()))) {
      assertThat(client.creative()).isNotNull();
      assertThat(client.options().creativeApiKey().isPresent()).isFalse();
    }
  }

  static Stream<Arguments> missingKeys() {
    return Stream.of(
        Arguments.of(ProviderCall.CREATIVE_API, "CREATIVE_API_KEY"),
        Arguments.of(ProviderCall.UNSTRUCTURED, "UNSTRUCTURED_API_KEY"),
        Arguments.of(ProviderCall.CREATIFY_ASSET_GENERATOR, "CREATIFY_API_ID"),
        Arguments.of(ProviderCall.CREATIFY_INSPIRATION, "CREATIFY_API_KEY"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("missingKeys")
  void
      givenAMissingKey_whenItsProviderIsFirstCalled_thenMissingCredentialsNamesTheVariableAndNothingIsSent(
          ProviderCall call, String variable) {
    Map<String, String> allButOne =
        new java.util.HashMap<>(
            Map.of(
                "CREATIFY_API_ID", Stand.CREATIFY_API_ID,
                "CREATIFY_API_KEY", Stand.CREATIFY_API_KEY,
                "UNSTRUCTURED_API_KEY", Stand.UNSTRUCTURED_API_KEY,
                "CREATIVE_API_KEY", Stand.CREATIVE_API_KEY));
    allButOne.remove(variable);
    try (Stand stand = Stand.start(o -> o.env(allButOne))) {
      call.stub(stand);

      Throwable thrown = catchThrowable(() -> call.call.accept(stand.client()));

      assertThat(thrown)
          .isInstanceOf(MissingCredentialsException.class)
          .hasMessageContaining(variable);
      assertThat(((MissingCredentialsException) thrown).variable()).isEqualTo(variable);
      stand.verify(exactly(0), anyRequestedFor(anyUrl()));
    }
  }

  @Test
  void givenNoUnstructuredKey_whenCreatingAJobWithUpload_thenMissingCredentialsAndNothingIsSent() {
    try (Stand stand = Stand.start(o -> o.unstructuredApiKey(null))) {
      stand.stubFor(any(anyUrl()).willReturn(okJson(UNSTRUCTURED_JOB)));

      Throwable thrown =
          catchThrowable(
              () ->
                  stand
                      .client()
                      .unstructured()
                      .createJob(
                          CreateJobRequest.builder()
                              .templateId("hi_res_partition")
                              .file(UploadFile.of("a.txt", "hello".getBytes(), "text/plain"))
                              .build()));

      assertThat(thrown)
          .isInstanceOf(MissingCredentialsException.class)
          .hasMessageContaining("UNSTRUCTURED_API_KEY");
      stand.verify(exactly(0), anyRequestedFor(anyUrl()));
    }
  }

  @Test
  void givenOnlyTheCreativeKey_whenCallingTheCreativeApi_thenItWorksWithoutTheOtherKeys() {
    try (Stand stand = Stand.start(o -> o.env(Map.of("CREATIVE_API_KEY", "only-key")))) {
      ProviderCall.CREATIVE_API.stub(stand);

      ProviderCall.CREATIVE_API.call.accept(stand.client());

      stand.verify(exactly(1), ProviderCall.CREATIVE_API.requested());
    }
  }

  // ---- headers ---------------------------------------------------------------------------

  @Test
  void givenTheCreativeApi_whenCalled_thenTheKeyGoesInXApiKeyAndNoOtherProvidersKeyIsSent() {
    try (Stand stand = Stand.start()) {
      ProviderCall.CREATIVE_API.stub(stand);

      ProviderCall.CREATIVE_API.call.accept(stand.client());

      LoggedRequest request = onlyRequest(stand, ProviderCall.CREATIVE_API.requested());
      assertThat(request.header("x-api-key").values()).containsExactly(Stand.CREATIVE_API_KEY);
      assertThat(request.containsHeader("unstructured-api-key")).isFalse();
      assertThat(request.containsHeader("X-API-ID")).isFalse();
    }
  }

  @Test
  void givenUnstructured_whenReadingAJob_thenTheKeyIsSentOnceInUnstructuredApiKey() {
    try (Stand stand = Stand.start()) {
      ProviderCall.UNSTRUCTURED.stub(stand);

      ProviderCall.UNSTRUCTURED.call.accept(stand.client());

      LoggedRequest request = onlyRequest(stand, ProviderCall.UNSTRUCTURED.requested());
      assertThat(request.header("unstructured-api-key").values())
          .containsExactly(Stand.UNSTRUCTURED_API_KEY);
      assertThat(request.containsHeader("x-api-key")).isFalse();
    }
  }

  @Test
  void givenUnstructured_whenCreatingAJobWithUpload_thenTheStreamingPathSendsTheSameHeaders()
      throws IOException {
    Path file = Files.createTempFile("genjobs", ".txt");
    Files.writeString(file, "hello", StandardCharsets.UTF_8);
    try (Stand stand = Stand.start()) {
      stand.stubFor(post(urlEqualTo("/api/v1/jobs/")).willReturn(okJson(UNSTRUCTURED_JOB)));

      stand
          .client()
          .unstructured()
          .createJob(
              CreateJobRequest.builder()
                  .templateId("hi_res_partition")
                  .file(UploadFile.of(file))
                  .build());

      LoggedRequest request = onlyRequest(stand, postRequestedFor(urlEqualTo("/api/v1/jobs/")));
      assertThat(request.header("unstructured-api-key").values())
          .containsExactly(Stand.UNSTRUCTURED_API_KEY);
      assertThat(request.getHeader("User-Agent"))
          .isEqualTo(expectedUserAgent(Provider.UNSTRUCTURED));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = ProviderCall.class,
      names = {"CREATIFY_ASSET_GENERATOR", "CREATIFY_INSPIRATION"})
  void givenACreatifyApi_whenCalled_thenBothXApiIdAndXApiKeyAreSent(ProviderCall call) {
    try (Stand stand = Stand.start()) {
      call.stub(stand);

      call.call.accept(stand.client());

      LoggedRequest request = onlyRequest(stand, call.requested());
      assertThat(request.header("X-API-ID").values()).containsExactly(Stand.CREATIFY_API_ID);
      assertThat(request.header("X-API-KEY").values()).containsExactly(Stand.CREATIFY_API_KEY);
    }
  }

  @ParameterizedTest
  @EnumSource(ProviderCall.class)
  void givenAnyProvider_whenCalled_thenUserAgentNamesTheLibraryTheSpecFolderAndItsVersion(
      ProviderCall call) {
    try (Stand stand = Stand.start()) {
      call.stub(stand);

      call.call.accept(stand.client());

      String userAgent = onlyRequest(stand, call.requested()).getHeader("User-Agent");
      assertThat(userAgent).isEqualTo(expectedUserAgent(call.provider));
      assertThat(userAgent)
          .startsWith("genjobs-java/")
          .contains(
              "(" + call.provider.specFolder() + "; spec " + specVersion(call.provider) + ")");
    }
  }

  @Test
  void givenTheBuiltJar_whenReadingTheLibraryVersion_thenItIsTheFilteredProjectVersion() {
    assertThat(ClientContext.LIBRARY_VERSION).matches("\\d+\\.\\d+\\.\\d+.*");
  }

  // ---- helpers ---------------------------------------------------------------------------

  private static LoggedRequest onlyRequest(Stand stand, RequestPatternBuilder pattern) {
    stand.verify(exactly(1), pattern);
    List<LoggedRequest> requests = stand.requests(pattern);
    return requests.get(0);
  }

  private static String specVersion(Provider provider) {
    return SpecVersions.ALL.get(provider.specFolder());
  }

  private static String expectedUserAgent(Provider provider) {
    return "genjobs-java/"
        + ClientContext.LIBRARY_VERSION
        + " ("
        + provider.specFolder()
        + "; spec "
        + specVersion(provider)
        + ") Java/"
        + System.getProperty("java.version");
  }

  /**
   * The first {@code servers[].url} of the spec the provider's client was generated from: the
   * effective spec (published + overlay) the specs module's build wrote.
   */
  private static String firstServerUrlOfSpec(Provider provider) throws IOException {
    Path spec =
        Path.of(
            "..",
            "specs",
            "target",
            "genjobs",
            "effective",
            provider.specFolder(),
            specVersion(provider),
            "openapi.yaml");
    List<String> lines = Files.readAllLines(spec, StandardCharsets.UTF_8);
    boolean inServers = false;
    for (String line : lines) {
      if (line.startsWith("servers:")) {
        inServers = true;
      } else if (inServers && line.trim().startsWith("- url:")) {
        return line.trim().substring("- url:".length()).trim();
      } else if (inServers && !line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
        break;
      }
    }
    throw new AssertionError("no servers[].url in " + spec);
  }

  private static String withoutTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
