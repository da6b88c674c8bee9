package dev.genjobs.standins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.creatify.AssetGenerationRequest;
import dev.genjobs.client.creatify.InspirationJobRequest;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.jobs.PollPolicy;
import dev.genjobs.client.unstructured.CreateJobRequest;
import dev.genjobs.client.upload.UploadFile;
import dev.genjobs.client.webhooks.WebhookReceiver;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real client against the stand-ins: every provider's job runs to its end. */
class StandInsEndToEndTest {

  private ProviderStandIns standIns;
  private GenJobsClient client;

  private GenJobsClient clientFor(StandInOptions options) {
    standIns = ProviderStandIns.start(options);
    client =
        GenJobsClient.create(
            ClientOptions.builder()
                .baseUrlForAll(standIns.baseUrl())
                .creatifyCredentials("id", "key")
                .unstructuredApiKey("key")
                .creativeApiKey("key")
                .pollPolicy(
                    PollPolicy.builder()
                        .initialInterval(Duration.ofMillis(20))
                        .maxInterval(Duration.ofMillis(40))
                        .webhookFallback(Duration.ofMinutes(1))
                        .build())
                .build());
    return client;
  }

  @AfterEach
  void stop() {
    if (client != null) client.close();
    if (standIns != null) standIns.close();
  }

  private static StandInOptions fast() {
    return StandInOptions.builder().stepDuration(Duration.ofMillis(60)).build();
  }

  @Test
  void creativeImageJobCompletesWithImageUrls() throws Exception {
    JobSnapshot done =
        clientFor(fast())
            .creative()
            .generate(GenerateRequest.builder().model("flux-pro").input("prompt", "a fox").build())
            .await(Duration.ofSeconds(10));

    assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(done.rawStatus()).isEqualTo("completed");
    assertThat(done.outputUrls()).hasSize(2);
  }

  @Test
  void assetGeneratorJobReturnsTheAssetsItSentAsJsonText() throws Exception {
    JobSnapshot done =
        clientFor(fast())
            .assetGenerator()
            .create(
                AssetGenerationRequest.builder()
                    .modelName("flux-dev/text-to-image")
                    .inputParam("prompt", "a cat")
                    .build())
            .await(Duration.ofSeconds(10));

    assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(done.outputUrls()).singleElement().asString().endsWith(".mp4");
  }

  @Test
  void failingInspirationJobSurfacesTheProviderReason() throws Exception {
    JobSnapshot done =
        clientFor(
                StandInOptions.builder()
                    .stepDuration(Duration.ofMillis(60))
                    .failing("creatify-inspiration")
                    .build())
            .inspiration()
            .create(
                InspirationJobRequest.builder()
                    .inspirationId(dev.genjobs.standins.creatify.InspirationStandIn.TEMPLATE_ID)
                    .inputParam("product_url", "https://shop.example/item")
                    .build())
            .await(Duration.ofSeconds(10));

    assertThat(done.status()).isEqualTo(JobStatus.FAILED);
    assertThat(done.failureReason()).get().asString().contains("could not be reached");
  }

  @Test
  void unstructuredJobProducesAnOutputFileThatDownloads(@TempDir Path dir) throws Exception {
    GenJobsClient c = clientFor(fast());
    var job =
        c.unstructured()
            .createJob(
                CreateJobRequest.builder()
                    .templateId("hi_res_partition")
                    .file(
                        UploadFile.of(
                            "report.pdf",
                            "%PDF-1.7".getBytes(StandardCharsets.US_ASCII),
                            "application/pdf"))
                    .build());

    JobSnapshot done = job.await(Duration.ofSeconds(10));
    Path out =
        c.unstructured()
            .downloadOutput(job.id(), done.outputFiles().get(0), dir.resolve("out.json"));

    assertThat(done.rawStatus()).isEqualTo("COMPLETED");
    assertThat(Files.readString(out)).contains("Quarterly report");
  }

  @Test
  void requestWithoutTheAuthHeaderIsRejectedLikeTheProvider() throws Exception {
    standIns = ProviderStandIns.start(fast());

    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(standIns.baseUrl().resolve("/get?jobId=x"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("Invalid or missing API key");
  }

  @Test
  void jobFollowedByWebhookCostsTwoRequests() throws Exception {
    GenJobsClient c = clientFor(fast());
    try (WebhookReceiver receiver =
        WebhookReceiver.start(c.webhooks(), new InetSocketAddress("127.0.0.1", 0), "/hooks")) {
      var job =
          c.creative()
              .generate(
                  GenerateRequest.builder()
                      .model("flux-pro")
                      .input("prompt", "a fox")
                      .webhook(receiver.url())
                      .build());

      JobSnapshot done = job.awaitAsync(Duration.ofSeconds(10)).get();

      assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(standIns.requestCount()).isEqualTo(2);
    }
  }
}
