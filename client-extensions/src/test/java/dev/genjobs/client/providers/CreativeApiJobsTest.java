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

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobProgress;
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

/** Creative API jobs: generate, then poll created → pending → processing → completed. */
class CreativeApiJobsTest {

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

  private void stubGenerate(String jobId) {
    stand.stubFor(
        post(urlPathEqualTo("/generate"))
            .willReturn(json(q("{'jobId':'" + jobId + "','status':'created'}"))));
  }

  private static com.github.tomakehurst.wiremock.client.MappingBuilder getJob(String jobId) {
    return get(urlPathEqualTo("/get")).withQueryParam("jobId", equalTo(jobId));
  }

  private Job generate() {
    return client
        .creative()
        .generate(GenerateRequest.builder().model("flux-pro").input("prompt", "a fox").build());
  }

  @Test
  void givenGeneratedJob_whenAwaited_thenPollsThroughEveryStatusToTheImageAndVideoUrls()
      throws Exception {
    stubGenerate("cr-1");
    stubSequence(
        stand.server(),
        "creative-happy",
        () -> getJob("cr-1"),
        json(q("{'jobId':'cr-1','model':'flux-pro','status':'pending'}")),
        json(q("{'jobId':'cr-1','model':'flux-pro','status':'processing'}")),
        json(
            q(
                "{'jobId':'cr-1','model':'flux-pro','status':'completed','date':1700000000000,"
                    + "'output':{'imageUrl':['https://cdn.example/1.png','https://cdn.example/2.png'],"
                    + "'videoUrl':'https://cdn.example/v.mp4'}}")));
    List<String> seen = new CopyOnWriteArrayList<>();

    Job job = generate();
    JobSnapshot done =
        job.await(Duration.ofSeconds(5), (JobProgress p) -> seen.add(p.snapshot().rawStatus()));

    assertThat(job.id()).isEqualTo("cr-1");
    assertThat(job.created().status()).isEqualTo(JobStatus.QUEUED);
    assertThat(job.created().rawStatus()).isEqualTo("created");
    assertThat(seen).containsExactly("pending", "processing", "completed");
    assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(done.outputUrls())
        .containsExactly(
            URI.create("https://cdn.example/1.png"),
            URI.create("https://cdn.example/2.png"),
            URI.create("https://cdn.example/v.mp4"));
    stand.verify(
        exactly(1),
        postRequestedFor(urlPathEqualTo("/generate"))
            .withHeader("x-api-key", equalTo(Stand.CREATIVE_API_KEY))
            .withRequestBody(equalToJson(q("{'model':'flux-pro','input':{'prompt':'a fox'}}"))));
    stand.verify(exactly(3), getRequestedFor(urlPathEqualTo("/get")));
  }

  @Test
  void givenJobThatFails_whenAwaited_thenTheProvidersReasonIsOnTheSnapshot() throws Exception {
    stubGenerate("cr-2");
    stubSequence(
        stand.server(),
        "creative-failed",
        () -> getJob("cr-2"),
        json(q("{'jobId':'cr-2','status':'processing'}")),
        json(q("{'jobId':'cr-2','status':'failed','message':'content policy violation'}")));

    JobSnapshot done = generate().await(Duration.ofSeconds(30));

    assertThat(done.status()).isEqualTo(JobStatus.FAILED);
    assertThat(done.failureReason()).contains("content policy violation");
    stand.verify(exactly(2), getRequestedFor(urlPathEqualTo("/get")));
  }

  @Test
  void givenUnknownRawStatus_whenRefreshed_thenRunningWithTheRawValueKept() {
    stand.stubFor(getJob("cr-3").willReturn(json(q("{'jobId':'cr-3','status':'paused'}"))));

    JobSnapshot snapshot = client.creative().job("cr-3").refresh();

    assertThat(snapshot.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(snapshot.rawStatus()).isEqualTo("paused");
    assertThat(snapshot.isTerminal()).isFalse();
  }

  @Test
  void givenResponsesWithFieldsNotInTheSpec_whenAwaited_thenTheyAreIgnored() throws Exception {
    stand.stubFor(
        post(urlPathEqualTo("/generate"))
            .willReturn(
                json(q("{'jobId':'cr-4','status':'created','queue':{'position':3},'eta':12}"))));
    stubSequence(
        stand.server(),
        "creative-unknown-fields",
        () -> getJob("cr-4"),
        json(q("{'jobId':'cr-4','status':'processing','progress':0.5,'gpu':{'type':'h100'}}")),
        json(
            q(
                "{'jobId':'cr-4','status':'completed','cost':{'credits':3},"
                    + "'output':{'imageUrl':['https://cdn.example/x.png'],'thumbnails':['t']}}")));

    JobSnapshot done = generate().await(Duration.ofSeconds(30));

    assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(done.outputUrls()).containsExactly(URI.create("https://cdn.example/x.png"));
  }
}
