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
