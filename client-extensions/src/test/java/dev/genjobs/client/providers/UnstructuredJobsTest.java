package dev.genjobs.client.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.jobs.OutputFile;
import dev.genjobs.client.testing.JobStands;
import dev.genjobs.client.testing.Stand;
import dev.genjobs.client.unstructured.CreateJobRequest;
import dev.genjobs.client.unstructured.FailedFile;
import dev.genjobs.client.unstructured.JobDetails;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unstructured jobs: SCHEDULED → IN_PROGRESS → COMPLETED, outputs, failure details, cancel. */
class UnstructuredJobsTest {

  static final String WORKFLOW = "ee000000-0000-4000-8000-000000000001";
  static final String NODE = "dd000000-0000-4000-8000-000000000001";

  @TempDir Path tmp;

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

  private static String info(String id, String status, String extra) {
    return q(
        "{'id':'"
            + id
            + "','workflow_id':'"
            + WORKFLOW
            + "','workflow_name':'wf','status':'"
            + status
            + "','created_at':'2025-01-01T10:00:00Z','job_type':'ephemeral'"
            + extra
            + "}");
  }

  private static MappingBuilder getJob(String id) {
    return get(urlPathEqualTo("/api/v1/jobs/" + id));
  }

  private Job create(String id) {
    stand.stubFor(
        post(urlPathEqualTo("/api/v1/jobs/")).willReturn(json(info(id, "SCHEDULED", ""))));
    return client
        .unstructured()
        .createJob(CreateJobRequest.builder().templateId("hi_res_partition").build());
  }

  @Test
  void givenCreatedJob_whenAwaited_thenCompletesWithOutputFilesThatDownloadByteForByte()
      throws Exception {
    String id = "aa000000-0000-4000-8000-000000000001";
    stubSequence(
        stand.server(),
        "unstructured-happy",
        () -> getJob(id),
        json(info(id, "IN_PROGRESS", "")),
        json(
            info(
                id,
                "COMPLETED",
                ",'output_node_files':[{'node_id':'"
                    + NODE
                    + "','file_id':'out-1','node_type':'partition','node_subtype':'hi_res'}]")));
    byte[] content = "[{\"type\":\"Title\",\"text\":\"Hello\"}]".getBytes(StandardCharsets.UTF_8);
    stand.stubFor(
        get(urlPathEqualTo("/api/v1/jobs/" + id + "/download"))
            .withQueryParam("file_id", equalTo("out-1"))
            .withQueryParam("node_id", equalTo(NODE))
            .willReturn(aResponse().withStatus(200).withBody(content)));

    Job job = create(id);
    JobSnapshot done = job.await(Duration.ofSeconds(30));
    Path target =
        client.unstructured().downloadOutput(id, done.outputFiles().get(0), tmp.resolve("o.json"));

    assertThat(job.id()).isEqualTo(id);
    assertThat(job.created().status()).isEqualTo(JobStatus.QUEUED);
    assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(done.outputFiles())
        .containsExactly(new OutputFile("out-1", NODE, "partition", "hi_res"));
    assertThat(Files.readAllBytes(target)).isEqualTo(content);
    stand.verify(exactly(1), postRequestedFor(urlPathEqualTo("/api/v1/jobs/")));
    stand.verify(
        exactly(2),
        getRequestedFor(urlPathEqualTo("/api/v1/jobs/" + id))
            .withHeader("unstructured-api-key", equalTo(Stand.UNSTRUCTURED_API_KEY)));
    stand.verify(
        exactly(1),
        getRequestedFor(urlPathEqualTo("/api/v1/jobs/" + id + "/download"))
            .withHeader("unstructured-api-key", equalTo(Stand.UNSTRUCTURED_API_KEY)));
  }

  @Test
  void givenExistingLongerTargetFile_whenDownloadingOutput_thenTheFileHoldsExactlyTheDownload()
      throws Exception {
    String id = "aa000000-0000-4000-8000-000000000002";
    stand.stubFor(
        get(urlPathEqualTo("/api/v1/jobs/" + id + "/download"))
            .willReturn(aResponse().withStatus(200).withBody("new")));
    Path target = tmp.resolve("existing.json");
    Files.writeString(target, "an older and much longer download");

    client.unstructured().downloadOutput(id, new OutputFile("f", null, null, null), target);

    assertThat(Files.readString(target)).isEqualTo("new");
  }

  @Test
  void givenJobFails_whenAwaited_thenReasonComesFromDetailsWithExactlyOneExtraCall()
      throws Exception {
    String id = "aa000000-0000-4000-8000-000000000003";
    stubSequence(
        stand.server(),
        "unstructured-failed",
        () -> getJob(id),
        json(info(id, "IN_PROGRESS", "")),
        json(info(id, "FAILED", "")));
    stand.stubFor(
        get(urlPathEqualTo("/api/v1/jobs/" + id + "/details"))
            .willReturn(
                json(
                    q(
                        "{'id':'"
                            + id
                            + "','processing_status':'FAILED','node_stats':[],"
                            + "'message':'Partitioner ran out of memory on page 3'}"))));

    JobSnapshot done = create(id).await(Duration.ofSeconds(30));

    assertThat(done.status()).isEqualTo(JobStatus.FAILED);
    assertThat(done.failureReason()).contains("Partitioner ran out of memory on page 3");
    stand.verify(exactly(2), getRequestedFor(urlPathEqualTo("/api/v1/jobs/" + id)));
    stand.verify(exactly(1), getRequestedFor(urlPathEqualTo("/api/v1/jobs/" + id + "/details")));
  }

  @Test
  void givenRunningJob_whenCancelled_thenSnapshotIsCancelled() {
    String id = "aa000000-0000-4000-8000-000000000004";
    stand.stubFor(
        post(urlPathEqualTo("/api/v1/jobs/" + id + "/cancel"))
            .willReturn(
                json(q("{'id':'" + id + "','status':'cancelled','message':'Job cancelled'}"))));

    JobSnapshot cancelled = client.unstructured().job(id).cancel();

    assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(cancelled.id()).isEqualTo(id);
    assertThat(cancelled.isTerminal()).isTrue();
    stand.verify(
        exactly(1),
        postRequestedFor(urlPathEqualTo("/api/v1/jobs/" + id + "/cancel"))
            .withHeader("unstructured-api-key", equalTo(Stand.UNSTRUCTURED_API_KEY)));
  }

  @Test
  void givenUnknownStatusAndUnknownFields_whenRefreshed_thenRunningWithRawStatusKept() {
    String id = "aa000000-0000-4000-8000-000000000005";
    stand.stubFor(
        getJob(id)
            .willReturn(
                json(info(id, "PAUSED", ",'priority':'high','billing':{'pages':12},'tags':[1]"))));

    JobSnapshot snapshot = client.unstructured().job(id).refresh();

    assertThat(snapshot.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(snapshot.rawStatus()).isEqualTo("PAUSED");
  }

  @Test
  void givenJobsAtTheProvider_whenListedByStatus_thenEachIsDecoded() {
    String a = "aa000000-0000-4000-8000-00000000000a";
    String b = "aa000000-0000-4000-8000-00000000000b";
    stand.stubFor(
        get(urlPathEqualTo("/api/v1/jobs/"))
            .withQueryParam("workflow_id", equalTo(WORKFLOW))
            .withQueryParam("status", equalTo("COMPLETED"))
            .willReturn(
                json(
                    "["
                        + info(a, "COMPLETED", "")
                        + ","
                        + info(b, "COMPLETED", ",'extra':true")
                        + "]")));

    List<JobSnapshot> jobs = client.unstructured().listJobs(WORKFLOW, "COMPLETED");

    assertThat(jobs).extracting(JobSnapshot::id).containsExactly(a, b);
    assertThat(jobs).allSatisfy(j -> assertThat(j.status()).isEqualTo(JobStatus.SUCCEEDED));
    stand.verify(exactly(1), getRequestedFor(urlPathEqualTo("/api/v1/jobs/")));
  }

  @Test
  void givenFinishedJob_whenDetailsAndFailedFilesRead_thenBothAreDecoded() {
    String id = "aa000000-0000-4000-8000-000000000006";
    stand.stubFor(
        get(urlPathEqualTo("/api/v1/jobs/" + id + "/details"))
            .willReturn(
                json(
                    q(
                        "{'id':'"
                            + id
                            + "','processing_status':'COMPLETED_WITH_ERRORS','message':null,"
                            + "'node_stats':[{'node_name':'Partitioner','node_type':'partition',"
                            + "'node_subtype':'hi_res','ready':0,'in_progress':1,'success':2,"
                            + "'failure':1}]}"))));
    stand.stubFor(
        get(urlPathEqualTo("/api/v1/jobs/" + id + "/failed-files"))
            .willReturn(
                json(q("{'failed_files':[{'document':'b.pdf','error':'encrypted PDF'}]}"))));

    JobDetails details = client.unstructured().details(id);
    List<FailedFile> failed = client.unstructured().failedFiles(id);

    assertThat(details.processingStatus()).isEqualTo("COMPLETED_WITH_ERRORS");
    assertThat(details.messageText()).isEmpty();
    assertThat(details.nodeStats())
        .containsExactly(
            new JobDetails.NodeStats("Partitioner", "partition", "hi_res", 0, 1, 2, 1));
    assertThat(failed).containsExactly(new FailedFile("b.pdf", "encrypted PDF"));
  }
}
