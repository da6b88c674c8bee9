package dev.genjobs.generated;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.genjobs.generated.creative.api.GenerationApi;
import dev.genjobs.generated.creative.model.ErrorResponse;
import dev.genjobs.generated.creative.model.GenerateRequest;
import dev.genjobs.generated.creative.model.GenerateResponse;
import dev.genjobs.generated.creative.model.Job;
import feign.FeignException;
import java.io.IOException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The generated Creative API client against a loopback server. */
class CreativeApiClientTest {

  private static final String API_KEY = "creative-key-321";
  private static final String JOB_ID = "job_8f3a2c";

  @RegisterExtension static WireMockExtension wireMock = GeneratedClients.loopbackWireMock();

  private final GenerationApi api =
      GeneratedClients.target(GenerationApi.class, wireMock, Map.of("x-api-key", API_KEY));

  @Test
  void givenOurOperationIds_whenGenerating_thenOperationsAreNamedGenerateAndGetJob() {
    assertThat(Arrays.stream(GenerationApi.class.getMethods()).map(Method::getName).distinct())
        .containsExactlyInAnyOrder(
            "generate", "generateWithHttpInfo", "getJob", "getJobWithHttpInfo");
  }

  @Test
  void givenGenerateRequest_whenGenerating_thenPostsJsonWithApiKeyHeader() {
    wireMock.stubFor(
        post("/generate")
            .willReturn(okJson("{\"jobId\": \"job_8f3a2c\", \"status\": \"created\"}")));

    GenerateResponse created =
        api.generate(
            new GenerateRequest()
                .model("flux-pro")
                .putInputItem("prompt", "a lighthouse at dusk")
                .putInputItem("num_images", 2)
                .webhook(URI.create("https://hooks.example/creative")));

    wireMock.verify(
        postRequestedFor(urlEqualTo("/generate"))
            .withHeader("x-api-key", equalTo(API_KEY))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(
                equalToJson(
                    """
                    {
                      "model": "flux-pro",
                      "input": {"prompt": "a lighthouse at dusk", "num_images": 2},
                      "webhook": "https://hooks.example/creative"
                    }
                    """)));
    assertThat(created.getJobId()).isEqualTo(JOB_ID);
    assertThat(created.getStatus()).isEqualTo("created");
  }

  @Test
  void givenRequestWithoutWebhook_whenGenerating_thenBodyHasNoWebhookKey() {
    wireMock.stubFor(
        post("/generate")
            .willReturn(okJson("{\"jobId\": \"job_8f3a2c\", \"status\": \"created\"}")));

    api.generate(
        new GenerateRequest().model("flux-pro").putInputItem("prompt", "a lighthouse at dusk"));

    wireMock.verify(
        postRequestedFor(urlEqualTo("/generate"))
            .withRequestBody(
                equalToJson(
                    """
                    {"model": "flux-pro", "input": {"prompt": "a lighthouse at dusk"}}
                    """))
            .withRequestBody(matchingJsonPath("$.webhook", absent())));
  }

  @Test
  void givenNullValueInsideInput_whenGenerating_thenItIsStillSentAsNull() {
    wireMock.stubFor(
        post("/generate")
            .willReturn(okJson("{\"jobId\": \"job_8f3a2c\", \"status\": \"created\"}")));
    Map<String, Object> input = new HashMap<>();
    input.put("prompt", "a lighthouse at dusk");
    input.put("seed", null);

    api.generate(new GenerateRequest().model("flux-pro").input(input));

    wireMock.verify(
        postRequestedFor(urlEqualTo("/generate"))
            .withRequestBody(
                equalToJson(
                    """
                    {"model": "flux-pro", "input": {"prompt": "a lighthouse at dusk", "seed": null}}
                    """)));
  }

  @Test
  void givenCompletedImageJob_whenGettingJob_thenQueriesByJobIdAndDecodesImageUrls() {
    stubGetJob(
        jobJson(
            "completed",
            """
            {"imageUrl": ["https://cdn.example/img/1.png", "https://cdn.example/img/2.png"]}
            """));

    Job job = api.getJob(JOB_ID);

    wireMock.verify(
        getRequestedFor(urlPathEqualTo("/get"))
            .withQueryParam("jobId", equalTo(JOB_ID))
            .withHeader("x-api-key", equalTo(API_KEY)));
    assertThat(job.getJobId()).isEqualTo(JOB_ID);
    assertThat(job.getModel()).isEqualTo("flux-pro");
    assertThat(job.getDate()).isEqualByComparingTo(new BigDecimal("1748772930000"));
    assertThat(job.getOutput().getImageUrl())
        .containsExactly(
            URI.create("https://cdn.example/img/1.png"),
            URI.create("https://cdn.example/img/2.png"));
    assertThat(job.getOutput().getVideoUrl()).isNull();
  }

  @Test
  void givenCompletedVideoJob_whenGettingJob_thenDecodesVideoUrl() {
    stubGetJob(
        jobJson(
            "completed", "{\"imageUrl\": null, \"videoUrl\": \"https://cdn.example/vid/1.mp4\"}"));

    Job job = api.getJob(JOB_ID);

    assertThat(job.getOutput().getVideoUrl())
        .isEqualTo(URI.create("https://cdn.example/vid/1.mp4"));
    assertThat(job.getOutput().getImageUrl()).isNull();
  }

  @Test
  void givenStatusNotInEnum_whenGettingJob_thenRawStatusIsKept() {
    stubGetJob(jobJson("queued", "null"));

    Job job = api.getJob(JOB_ID);

    assertThat(job.getStatus()).isEqualTo("queued");
    assertThat(job.getOutput()).isNull();
  }

  @Test
  void givenUnauthorized_whenGettingJob_thenFeignExceptionCarriesStatusAndErrorBody()
      throws IOException {
    wireMock.stubFor(
        get(urlPathEqualTo("/get"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"status\": \"error\", \"message\": \"Invalid API key\"}")));

    FeignException failure = catchThrowableOfType(FeignException.class, () -> api.getJob(JOB_ID));

    assertThat(failure.status()).isEqualTo(401);
    ErrorResponse body =
        GeneratedClients.MAPPER.readValue(failure.contentUTF8(), ErrorResponse.class);
    assertThat(body.getMessage()).isEqualTo("Invalid API key");
  }

  private void stubGetJob(String body) {
    wireMock.stubFor(get(urlPathEqualTo("/get")).willReturn(okJson(body)));
  }

  /** A job as /get answers it; output is a raw JSON value. */
  private static String jobJson(String status, String output) {
    return """
        {
          "jobId": "%s",
          "model": "flux-pro",
          "status": "%s",
          "input": {"prompt": "a lighthouse at dusk"},
          "webhook": null,
          "date": 1748772930000,
          "output": %s
        }
        """
        .formatted(JOB_ID, status, output);
  }
}
