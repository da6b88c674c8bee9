package dev.genjobs.client.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.creatify.AssetGenerationRequest;
import dev.genjobs.client.creatify.InspirationJobRequest;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.errors.InvalidInputException;
import dev.genjobs.client.errors.InvalidInputException.Violation;
import dev.genjobs.client.testing.JobStands;
import dev.genjobs.client.testing.Stand;
import dev.genjobs.client.unstructured.CreateJobRequest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Required fields are checked in the client: a bad request never costs an HTTP call. */
class LocalRequiredChecksTest {

  private Stand stand;
  private GenJobsClient client;

  @BeforeEach
  void setUp() {
    stand = JobStands.stand();
    client = stand.client();
  }

  @AfterEach
  void tearDown() {
    stand.close();
  }

  private void assertRejectedLocally(ThrowingCallable call, String... pointers) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.violations())
                  .extracting(Violation::pointer)
                  .containsExactlyInAnyOrder(pointers);
              for (String p : pointers) assertThat(e.getMessage()).contains(p);
            });
    assertThat(JobStands.requestCount(stand)).isZero();
  }

  @Test
  void givenCreativeRequestWithoutModelAndInput_whenGenerating_thenBothListedAndNoHttp() {
    assertRejectedLocally(
        () -> client.creative().generate(GenerateRequest.builder().build()), "/model", "/input");
  }

  @Test
  void givenAssetRequestWithoutModelNameAndInputParams_whenCreating_thenBothListedAndNoHttp() {
    assertRejectedLocally(
        () -> client.assetGenerator().create(AssetGenerationRequest.builder().build()),
        "/model_name",
        "/input_params");
  }

  @Test
  void givenInspirationIdThatIsNotAUuid_whenCreating_thenRejectedWithItsPointerAndNoHttp() {
    assertRejectedLocally(
        () ->
            client
                .inspiration()
                .create(
                    InspirationJobRequest.builder()
                        .inspirationId("unboxing-template")
                        .inputParam("product_url", "https://shop.example/p/1")
                        .build()),
        "/inspiration_id");
  }

  @Test
  void
      givenCreatifyWebhookUrlWithNoRoomForTheCorrelationToken_whenCreating_thenRejectedAndNoHttp() {
    // Creatify allows 200 characters; the client appends "?genjobs_ref=" and a 32-character token.
    String base = "https://hooks.example/genjobs?x=";
    java.net.URI tooLong = java.net.URI.create(base + "a".repeat(156 - base.length()));

    assertRejectedLocally(
        () ->
            client
                .inspiration()
                .create(
                    InspirationJobRequest.builder()
                        .inspirationId("0f000000-0000-4000-8000-000000000001")
                        .inputParam("product_url", "https://shop.example/p/1")
                        .webhookUrl(tooLong)
                        .build()),
        "/webhook_url");
    assertThatThrownBy(
            () ->
                client
                    .inspiration()
                    .create(
                        InspirationJobRequest.builder()
                            .inspirationId("0f000000-0000-4000-8000-000000000001")
                            .inputParam("product_url", "https://shop.example/p/1")
                            .webhookUrl(tooLong)
                            .build()))
        .hasMessageContaining("at most 155 characters");
  }

  @Test
  void givenUnstructuredRequestWithoutRequestData_whenCreating_thenRejectedAndNoHttp() {
    assertRejectedLocally(
        () -> client.unstructured().createJob(CreateJobRequest.builder().build()), "/request_data");
  }

  @Test
  void givenUnstructuredRequestDataThatIsNotAJsonObject_whenCreating_thenRejectedAndNoHttp() {
    assertRejectedLocally(
        () ->
            client
                .unstructured()
                .createJob(CreateJobRequest.builder().requestDataJson("[\"hi_res\"]").build()),
        "/request_data");
  }

  @Test
  void givenUnstructuredRequestDataThatIsNotJsonAtAll_whenCreating_thenRejectedAndNoHttp() {
    assertRejectedLocally(
        () ->
            client
                .unstructured()
                .createJob(CreateJobRequest.builder().requestDataJson("template=hi_res").build()),
        "/request_data");
  }
}
