package dev.genjobs.client.providers;

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

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.creatify.InspirationJobRequest;
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

/** Creatify Inspiration jobs: pending → in_queue → running → done with {@code output}. */
class InspirationJobsTest {

  static final String TEMPLATE = "7f000000-0000-4000-8000-00000000aaaa";

  private Stand stand;
  private GenJobsClient client;

  @BeforeEach
  void setUp() {
    stand = JobStands.stand();
    client = stand.client();
    stand.stubFor(
        get(urlPathEqualTo("/api/inspirations/" + TEMPLATE + "/"))
            .willReturn(
                json(
                    q(
                        "{'id':'"
                            + TEMPLATE
                            + "','name':'Unboxing','gen_type':'video','input_params_schema':"
                            + "{'type':'object','required':['product_url'],"
                            + "'properties':{'product_url':{'type':'string'}}}}"))));
  }

  @AfterEach
  void tearDown() {
    stand.close();
  }

  private static String job(String id, String status, String extra) {
    return q(
        "{'id':'"
            + id
            + "','inspiration_id':'"
            + TEMPLATE
            + "','gen_type':'video','status':'"
            + status
            + "'"
            + extra
            + "}");
  }

  private static MappingBuilder getJob(String id) {
    return get(urlPathEqualTo("/api/inspiration_jobs/" + id + "/"));
  }

  private Job create(String id) {
    stand.stubFor(
        post(urlPathEqualTo("/api/inspiration_jobs/"))
            .willReturn(json(201, job(id, "pending", ""))));
    return client
        .inspiration()
        .create(
            InspirationJobRequest.builder()
                .inspirationId(TEMPLATE)
                .inputParam("product_url", "https://shop.example/p/1")
                .build());
  }

  @Test
  void givenCreatedJob_whenAwaited_thenPollsPendingInQueueRunningDoneAndReadsOutput()
      throws Exception {
    String id = "1a000000-0000-4000-8000-000000000001";
    stubSequence(
        stand.server(),
        "inspiration-happy",
        () -> getJob(id),
        json(job(id, "in_queue", "")),
        json(job(id, "running", "")),
        json(
            job(
                id,
                "done",
                ",'output':[{'url':'https://cdn.example/ad.mp4'},"
                    + "{'url':'https://cdn.example/ad-2.mp4'}]")));
    List<String> seen = new CopyOnWriteArrayList<>();

    Job job = create(id);
    JobSnapshot done = job.await(Duration.ofSeconds(5), p -> seen.add(p.snapshot().rawStatus()));

    assertThat(job.id()).isEqualTo(id);
    assertThat(job.created().rawStatus()).isEqualTo("pending");
    assertThat(seen).containsExactly("in_queue", "running", "done");
    assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(done.outputUrls())
        .containsExactly(
            URI.create("https://cdn.example/ad.mp4"), URI.create("https://cdn.example/ad-2.mp4"));
    stand.verify(
        exactly(1),
        postRequestedFor(urlPathEqualTo("/api/inspiration_jobs/"))
            .withRequestBody(
                equalToJson(
                    q(
                        "{'inspiration_id':'"
                            + TEMPLATE
                            + "','input_params':{'product_url':'https://shop.example/p/1'}}"))));
    stand.verify(exactly(3), getRequestedFor(urlPathEqualTo("/api/inspiration_jobs/" + id + "/")));
  }

  @Test
  void givenJobRejected_whenAwaited_thenFailedWithTheProvidersReason() throws Exception {
    String id = "1a000000-0000-4000-8000-000000000002";
    stubSequence(
        stand.server(),
        "inspiration-rejected",
        () -> getJob(id),
        json(job(id, "running", "")),
        json(job(id, "failed", ",'failed_reason':'Product page unreachable'")));

    JobSnapshot done = create(id).await(Duration.ofSeconds(30));

    assertThat(done.status()).isEqualTo(JobStatus.FAILED);
    assertThat(done.rawStatus()).isEqualTo("failed");
    assertThat(done.failureReason()).contains("Product page unreachable");
  }
}
