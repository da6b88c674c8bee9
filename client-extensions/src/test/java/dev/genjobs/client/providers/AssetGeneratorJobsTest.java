package dev.genjobs.client.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.genjobs.client.testing.JobStands.json;
import static dev.genjobs.client.testing.JobStands.q;
import static dev.genjobs.client.testing.JobStands.stubSequence;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.creatify.AssetGenerationRequest;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.testing.JobStands;
import dev.genjobs.client.testing.Stand;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Creatify Asset Generator jobs: initializing → generating → done, assets in either shape. */
class AssetGeneratorJobsTest {

  static final String MODEL = "kling-video/v1.6/pro/image-to-video";

  private Stand stand;
  private GenJobsClient client;

  @BeforeEach
  void setUp() {
    stand = JobStands.stand();
    client = stand.client();
    stand.stubFor(
        get(urlPathEqualTo("/api/asset_generator/schemas/"))
            .willReturn(
                json(
                    q(
                        "[{'model_name':'"
                            + MODEL
                            + "','input_params_schema':{'$schema':"
                            + "'https://json-schema.org/draft/2020-12/schema','type':'object',"
                            + "'required':['prompt'],'properties':{'prompt':{'type':'string'}}}}]"))));
  }

  @AfterEach
  void tearDown() {
    stand.close();
  }

  private static String asset(String id, String status, String extra) {
    return q(
        "{'id':'"
            + id
            + "','model_name':'"
            + MODEL
            + "','gen_type':'image_to_video','status':'"
            + status
            + "'"
            + extra
            + "}");
  }

  private static MappingBuilder getAsset(String id) {
    return get(urlPathEqualTo("/api/asset_generator/" + id + "/"));
  }

  private void stubCreate(String id) {
    stand.stubFor(
        post(urlPathEqualTo("/api/asset_generator/"))
            .willReturn(json(201, asset(id, "initializing", ""))));
  }

  private Job create() {
    return client
        .assetGenerator()
        .create(
            AssetGenerationRequest.builder()
                .modelName(MODEL)
                .inputParam("prompt", "a cat surfing")
                .build());
  }

  private JobSnapshot awaitAssets(String id, String finalExtra) throws Exception {
    stubCreate(id);
    stubSequence(
        stand.server(),
        "assets-" + id,
        () -> getAsset(id),
        json(asset(id, "initializing", "")),
        json(asset(id, "generating", "")),
        json(asset(id, "done", finalExtra)));
    Job job = create();
    assertThat(job.id()).isEqualTo(id);
    return job.await(Duration.ofSeconds(30));
  }

  @Test
  void givenAssetsSentAsJsonText_whenAwaited_thenUrlsAreDecodedFromTheString() throws Exception {
    String id = "0b9e1b0e-2f5a-4c1e-9d7a-000000000001";

    String listAsText = "[\"https://cdn.example/a.mp4\",\"https://cdn.example/b.mp4\"]";

    JobSnapshot done =
        awaitAssets(id, ",\"assets\":" + new ObjectMapper().writeValueAsString(listAsText));

    assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(done.rawStatus()).isEqualTo("done");
    assertThat(done.outputUrls())
        .containsExactly(
            URI.create("https://cdn.example/a.mp4"), URI.create("https://cdn.example/b.mp4"));
    stand.verify(
        exactly(1),
        postRequestedFor(urlPathEqualTo("/api/asset_generator/"))
            .withHeader("X-API-ID", equalTo(Stand.CREATIFY_API_ID))
            .withHeader("X-API-KEY", equalTo(Stand.CREATIFY_API_KEY))
            .withRequestBody(
                equalToJson(
                    q(
                        "{'model_name':'"
                            + MODEL
                            + "','input_params':{'prompt':'a cat surfing'}}"))));
    stand.verify(exactly(3), getRequestedFor(urlPathEqualTo("/api/asset_generator/" + id + "/")));
  }

  @Test
  void givenAssetsSentAsJsonList_whenAwaited_thenUrlsAreReadFromTheList() throws Exception {
    String id = "0b9e1b0e-2f5a-4c1e-9d7a-000000000002";

    JobSnapshot done =
        awaitAssets(id, ",'assets':['https://cdn.example/a.mp4','https://cdn.example/b.mp4']");

    assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(done.outputUrls())
        .containsExactly(
            URI.create("https://cdn.example/a.mp4"), URI.create("https://cdn.example/b.mp4"));
    stand.verify(exactly(3), getRequestedFor(urlPathEqualTo("/api/asset_generator/" + id + "/")));
  }

  @Test
  void givenGenerationFails_whenAwaited_thenFailedReasonIsSurfaced() throws Exception {
    String id = "0b9e1b0e-2f5a-4c1e-9d7a-000000000003";
    stubCreate(id);
    stubSequence(
        stand.server(),
        "assets-failed",
        () -> getAsset(id),
        json(asset(id, "generating", "")),
        json(asset(id, "failed", ",'failed_reason':'Image could not be downloaded'")));

    JobSnapshot done = create().await(Duration.ofSeconds(30));

    assertThat(done.status()).isEqualTo(JobStatus.FAILED);
    assertThat(done.failureReason()).contains("Image could not be downloaded");
    stand.verify(exactly(2), getRequestedFor(urlPathEqualTo("/api/asset_generator/" + id + "/")));
  }

  @Test
  void givenUnknownRawStatusMidway_whenAwaited_thenItCountsAsRunningAndTheWaitGoesOn()
      throws Exception {
    String id = "0b9e1b0e-2f5a-4c1e-9d7a-000000000004";
    stubCreate(id);
    stubSequence(
        stand.server(),
        "assets-paused",
        () -> getAsset(id),
        json(asset(id, "paused", ",'pause_reason':'capacity','queue':{'pos':2}")),
        json(asset(id, "done", ",'assets':'https://cdn.example/c.mp4'")));
    List<JobSnapshot> seen = new CopyOnWriteArrayList<>();

    JobSnapshot done = create().await(Duration.ofSeconds(5), p -> seen.add(p.snapshot()));

    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).status()).isEqualTo(JobStatus.RUNNING);
    assertThat(seen.get(0).rawStatus()).isEqualTo("paused");
    assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(done.outputUrls()).containsExactly(URI.create("https://cdn.example/c.mp4"));
  }
}
