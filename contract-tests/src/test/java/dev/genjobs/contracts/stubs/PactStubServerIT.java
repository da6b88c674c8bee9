package dev.genjobs.contracts.stubs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.RetryPolicy;
import dev.genjobs.client.creatify.AssetGenerationRequest;
import dev.genjobs.client.creatify.InspirationJobRequest;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.errors.AmbiguousOutcomeException;
import dev.genjobs.client.errors.BadRequestException;
import dev.genjobs.client.errors.NotFoundException;
import dev.genjobs.client.errors.UnauthorizedException;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.unstructured.CreateJobRequest;
import dev.genjobs.client.upload.UploadFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What a user of the jar does: the real client against the pacts served on loopback. Runs after the
 * consumer tests wrote the pacts (failsafe); the ids and keys are the ones in the pacts.
 */
class PactStubServerIT {

  private static final Path PACTS = Path.of(System.getProperty("pact.dir", "target/pacts"));

  /** The file the Unstructured create interaction uploads, byte for byte. */
  private static final byte[] CONTRACT_PDF =
      "%PDF-1.4 contract test".getBytes(StandardCharsets.US_ASCII);

  @Test
  void theBundledPactsServeEveryProvidersHappyPath() {
    try (PactStubServer stub = PactStubServer.builder().bundledPacts().start();
        GenJobsClient client = client(stub, "creatify-test-key", "creative-test-key")) {

      assertThat(client.creative().generate(fox("flux-pro")).created().status())
          .isEqualTo(JobStatus.QUEUED);
      JobSnapshot image = client.creative().job("job_7f3c2a1e03").refresh();
      assertThat(image.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(image.outputUrls())
          .containsExactly(URI.create("https://cdn.deepixels.co/out/7f3c2a1e03/0.png"));

      assertThat(
              client
                  .unstructured()
                  .createJob(
                      CreateJobRequest.builder()
                          .templateId("hi_res_partition")
                          .file(UploadFile.of("invoice.pdf", CONTRACT_PDF, "application/pdf"))
                          .build())
                  .id())
          .isEqualTo("4b9f6c1e-2d3a-4e5f-8a7b-000000000001");

      assertThat(
              client
                  .inspiration()
                  .create(
                      InspirationJobRequest.builder()
                          .inspirationId("5d2c7a90-1b3e-4f6a-9c8d-00000000000a")
                          .inputParam("product_url", "https://shop.example.com/products/9")
                          .build())
                  .created()
                  .status())
          .isEqualTo(JobStatus.QUEUED);

      assertThat(
              client
                  .assetGenerator()
                  .create(
                      AssetGenerationRequest.builder()
                          .modelName("kling-video/v1.6/pro/image-to-video")
                          .inputParam("image_url", "https://shop.example.com/img/other.png")
                          .inputParam("prompt", "a slow zoom")
                          .build())
                  .created()
                  .status())
          .isEqualTo(JobStatus.QUEUED);
    }
  }

  @Test
  void theMostSpecificInteractionWins() {
    try (PactStubServer stub = PactStubServer.builder().pactDirectory(PACTS).start()) {
      try (GenJobsClient revoked = client(stub, "revoked-key", "revoked-key")) {
        assertThatThrownBy(() -> revoked.creative().generate(fox("flux-pro")))
            .isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> revoked.inspiration().templates())
            .isInstanceOf(UnauthorizedException.class);
      }
      try (GenJobsClient client = client(stub, "creatify-test-key", "creative-test-key")) {
        assertThatThrownBy(() -> client.creative().generate(fox("no-such-model")))
            .isInstanceOf(BadRequestException.class);
        // The pact's model is a literal, its prompt only typed: any prompt gets the 200.
        GenerateRequest whale =
            GenerateRequest.builder().model("flux-pro").input("prompt", "a blue whale").build();
        assertThat(client.creative().generate(whale).id()).isEqualTo("job_7f3c2a1e01");
      }
    }
  }

  /** Pact's own matching compares multipart bodies part by part, as the contract states them. */
  @Test
  void aMultipartUploadMatchesOnlyWithTheContractsParts() {
    try (PactStubServer stub = PactStubServer.builder().pactDirectory(PACTS).start();
        GenJobsClient client = client(stub, "creatify-test-key", "creative-test-key")) {
      CreateJobRequest.Builder invoice = CreateJobRequest.builder().templateId("hi_res_partition");

      assertThat(
              client
                  .unstructured()
                  .createJob(
                      invoice
                          .file(UploadFile.of("invoice.pdf", CONTRACT_PDF, "application/pdf"))
                          .build())
                  .id())
          .isEqualTo("4b9f6c1e-2d3a-4e5f-8a7b-000000000001");
      CreateJobRequest otherFile =
          CreateJobRequest.builder()
              .templateId("hi_res_partition")
              .file(
                  UploadFile.of(
                      "invoice.pdf",
                      "%PDF-1.7 another document".getBytes(StandardCharsets.US_ASCII),
                      "application/pdf"))
              .build();
      assertThatThrownBy(() -> client.unstructured().createJob(otherFile))
          .isInstanceOf(NotFoundException.class)
          .hasMessageContaining("no interaction matches POST /api/v1/jobs/");
    }
  }

  @Test
  void aProviderStateSelectsBetweenAnswersToTheSameRequest() {
    try (PactStubServer stub =
            PactStubServer.builder()
                .pactDirectory(PACTS)
                .state("the generation service is failing")
                .start();
        GenJobsClient client = client(stub, "creatify-test-key", "creative-test-key")) {
      assertThatThrownBy(() -> client.creative().generate(fox("flux-pro")))
          .isInstanceOf(AmbiguousOutcomeException.class);
    }
  }

  private static GenJobsClient client(PactStubServer stub, String creatifyKey, String creativeKey) {
    return GenJobsClient.create(
        ClientOptions.builder()
            .baseUrlForAll(stub.baseUrl())
            .creativeApiKey(creativeKey)
            .unstructuredApiKey("unstructured-test-key")
            .creatifyCredentials("creatify-test-id", creatifyKey)
            .retryPolicy(RetryPolicy.none())
            .logHttp(false)
            .build());
  }

  private static GenerateRequest fox(String model) {
    return GenerateRequest.builder().model(model).input("prompt", "a red fox").build();
  }
}
