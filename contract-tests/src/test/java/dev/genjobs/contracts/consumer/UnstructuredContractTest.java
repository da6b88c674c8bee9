package dev.genjobs.contracts.consumer;

import static dev.genjobs.contracts.consumer.ContractClients.CONSUMER;
import static dev.genjobs.contracts.consumer.ContractClients.RATE_LIMITED;
import static dev.genjobs.contracts.consumer.ContractClients.RETRY_AFTER_SECONDS;
import static dev.genjobs.contracts.consumer.ContractClients.REVOKED_KEY;
import static dev.genjobs.contracts.consumer.ContractClients.UNSTRUCTURED_KEY;
import static dev.genjobs.contracts.consumer.ContractClients.apiKey;
import static dev.genjobs.contracts.consumer.ContractClients.retryAfterSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.HttpInteractionBuilder;
import au.com.dius.pact.consumer.dsl.HttpRequestBuilder;
import au.com.dius.pact.consumer.dsl.Matchers;
import au.com.dius.pact.consumer.dsl.PactBuilder;
import au.com.dius.pact.consumer.dsl.PactDslJsonArray;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.errors.NotFoundException;
import dev.genjobs.client.errors.RateLimitException;
import dev.genjobs.client.errors.UnauthorizedException;
import dev.genjobs.client.errors.UnprocessableEntityException;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.jobs.OutputFile;
import dev.genjobs.client.unstructured.CreateJobRequest;
import dev.genjobs.client.unstructured.FailedFile;
import dev.genjobs.client.unstructured.JobDetails;
import dev.genjobs.client.upload.UploadFile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TimeZone;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unstructured Platform jobs as genjobs-java uses them: create with a file upload (multipart), get,
 * list, cancel, details, failed files, download.
 */
@ExtendWith({PactConsumerTestExt.class, NameTheInteraction.class})
@PactTestFor(providerName = UnstructuredContractTest.PROVIDER, pactVersion = PactSpecVersion.V4)
class UnstructuredContractTest {

  static final String PROVIDER = "unstructured-platform";

  private static final String JOB_STATUS = "SCHEDULED|IN_PROGRESS|COMPLETED|STOPPED|FAILED";
  private static final String PROCESSING_STATUS =
      "SCHEDULED|IN_PROGRESS|SUCCESS|COMPLETED_WITH_ERRORS|STOPPED|FAILED";
  private static final String TIMESTAMP = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";
  private static final Instant CREATED_AT = Instant.parse("2026-01-15T10:00:00.000Z");

  private static final String NEW_JOB = "4b9f6c1e-2d3a-4e5f-8a7b-000000000001";
  private static final String RUNNING_JOB = "4b9f6c1e-2d3a-4e5f-8a7b-000000000002";
  private static final String COMPLETED_JOB = "4b9f6c1e-2d3a-4e5f-8a7b-000000000003";
  private static final String FAILED_JOB = "4b9f6c1e-2d3a-4e5f-8a7b-000000000004";
  private static final String PARTLY_FAILED_JOB = "4b9f6c1e-2d3a-4e5f-8a7b-000000000005";
  private static final String UNKNOWN_JOB = "4b9f6c1e-2d3a-4e5f-8a7b-00000000dead";
  private static final String WORKFLOW = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f00000001";
  private static final String OUTPUT_NODE = "0d1e2f3a-4b5c-4d6e-8f70-000000000007";
  private static final String OUTPUT_FILE = "invoice.pdf.json";

  private static final String BOUNDARY = "genjobs-contract-boundary";
  private static final byte[] PDF = "%PDF-1.4 contract test".getBytes(StandardCharsets.US_ASCII);

  // --- create (multipart) ---------------------------------------------------------------------

  @Pact(consumer = CONSUMER)
  V4Pact createJob(PactBuilder builder) {
    return builder
        .given("the template hi_res_partition exists")
        .expectsToReceiveHttpInteraction(
            "a request to create a job from template hi_res_partition with one PDF",
            i ->
                i.withRequest(
                        r ->
                            multipartPost(
                                r, "{\"template_id\":\"hi_res_partition\"}", "invoice.pdf", PDF))
                    .willRespondWith(r -> r.status(200).body(jobInformation(NEW_JOB, "SCHEDULED"))))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "createJob")
  void createUploadsTheFileAndReturnsAScheduledJob(MockServer server) {
    try (GenJobsClient client = ContractClients.client(server, Provider.UNSTRUCTURED)) {
      Job job =
          client
              .unstructured()
              .createJob(
                  CreateJobRequest.builder()
                      .templateId("hi_res_partition")
                      .file(UploadFile.of("invoice.pdf", PDF, "application/pdf"))
                      .build());

      assertThat(job.id()).isEqualTo(NEW_JOB);
      assertThat(job.created().status()).isEqualTo(JobStatus.QUEUED);
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact createJobFromUnknownTemplate(PactBuilder builder) {
    PactDslJsonBody validationError = new PactDslJsonBody();
    validationError
        .eachLike("detail")
        .array("loc")
        .stringValue("body")
        .stringValue("request_data")
        .closeArray()
        .asBody()
        .stringType("msg", "Unknown template: no_such_template")
        .stringType("type", "value_error")
        .closeObject()
        .closeArray();
    return builder
        .given("no template named no_such_template exists")
        .expectsToReceiveHttpInteraction(
            "a request to create a job from an unknown template",
            i ->
                i.withRequest(
                        r -> multipartPost(r, "{\"template_id\":\"no_such_template\"}", null, null))
                    .willRespondWith(r -> r.status(422).body(validationError)))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "createJobFromUnknownTemplate")
  void createFromAnUnknownTemplateIsUnprocessable(MockServer server) {
    try (GenJobsClient client = ContractClients.client(server, Provider.UNSTRUCTURED)) {
      assertThatThrownBy(
              () ->
                  client
                      .unstructured()
                      .createJob(CreateJobRequest.builder().templateId("no_such_template").build()))
          .isInstanceOfSatisfying(
              UnprocessableEntityException.class,
              e ->
                  assertThat(e.error().fieldErrors())
                      .singleElement()
                      .satisfies(
                          f -> assertThat(f.location()).containsExactly("body", "request_data")));
    }
  }

  // --- get ------------------------------------------------------------------------------------

  @Pact(consumer = CONSUMER)
  V4Pact getRunningJob(PactBuilder builder) {
    return builder
        .given("job " + RUNNING_JOB + " is in progress")
        .expectsToReceiveHttpInteraction(
            "a request for job " + RUNNING_JOB,
            get(
                "/api/v1/jobs/" + RUNNING_JOB,
                r -> r.status(200).body(jobInformation(RUNNING_JOB, "IN_PROGRESS"))))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "getRunningJob")
  void aJobInProgressIsRunning(MockServer server) {
    try (GenJobsClient client = ContractClients.client(server, Provider.UNSTRUCTURED)) {
      assertThat(client.unstructured().job(RUNNING_JOB).refresh().status())
          .isEqualTo(JobStatus.RUNNING);
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact getCompletedJob(PactBuilder builder) {
    return builder
        .given("job " + COMPLETED_JOB + " has completed with one output file")
        .expectsToReceiveHttpInteraction(
            "a request for job " + COMPLETED_JOB,
            get(
                "/api/v1/jobs/" + COMPLETED_JOB,
                r -> r.status(200).body(completedJobInformation(COMPLETED_JOB))))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "getCompletedJob")
  void aCompletedJobListsItsOutputFiles(MockServer server) {
    try (GenJobsClient client = ContractClients.client(server, Provider.UNSTRUCTURED)) {
      JobSnapshot snapshot = client.unstructured().job(COMPLETED_JOB).refresh();

      assertThat(snapshot.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(snapshot.outputFiles())
          .containsExactly(
              new OutputFile(OUTPUT_FILE, OUTPUT_NODE, "partition", "unstructured_api"));
    }
  }

  /** JobInformation carries no reason: the client reads it from the job's details. */
  @Pact(consumer = CONSUMER)
  V4Pact getFailedJob(PactBuilder builder) {
    PactDslJsonBody details = new PactDslJsonBody();
    details
        .uuid("id", FAILED_JOB)
        .stringMatcher("processing_status", PROCESSING_STATUS, "FAILED")
        .stringType("message", "Document could not be partitioned")
        .eachLike("node_stats")
        .stringType("node_name", "Partitioner")
        .integerType("ready", 0)
        .integerType("in_progress", 0)
        .integerType("success", 0)
        .integerType("failure", 1)
        .closeObject()
        .closeArray();
    return builder
        .given("job " + FAILED_JOB + " has failed")
        .expectsToReceiveHttpInteraction(
            "a request for job " + FAILED_JOB,
            get(
                "/api/v1/jobs/" + FAILED_JOB,
                r -> r.status(200).body(jobInformation(FAILED_JOB, "FAILED"))))
        .given("job " + FAILED_JOB + " has failed")
        .expectsToReceiveHttpInteraction(
            "a request for the details of job " + FAILED_JOB,
            get("/api/v1/jobs/" + FAILED_JOB + "/details", r -> r.status(200).body(details)))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "getFailedJob")
  void aFailedJobIsFailedWithTheMessageFromItsDetails(MockServer server) {
    try (GenJobsClient client = ContractClients.client(server, Provider.UNSTRUCTURED)) {
      JobSnapshot snapshot = client.unstructured().job(FAILED_JOB).refresh();

      assertThat(snapshot.status()).isEqualTo(JobStatus.FAILED);
      assertThat(snapshot.failureReason()).contains("Document could not be partitioned");
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact getUnknownJob(PactBuilder builder) {
    return builder
        .given("no job with id " + UNKNOWN_JOB + " exists")
        .expectsToReceiveHttpInteraction(
            "a request for job " + UNKNOWN_JOB + " answered 404",
            get("/api/v1/jobs/" + UNKNOWN_JOB, r -> r.status(404).body(detail("Job not found"))))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "getUnknownJob")
  void anUnknownJobIsNotFound(MockServer server) {
    try (GenJobsClient client = ContractClients.client(server, Provider.UNSTRUCTURED)) {
      assertThatThrownBy(() -> client.unstructured().job(UNKNOWN_JOB).refresh())
          .isInstanceOf(NotFoundException.class)
          .hasMessageContaining("Job not found");
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact getJobWhileRateLimited(PactBuilder builder) {
    return builder
        .given(RATE_LIMITED)
        .expectsToReceiveHttpInteraction(
            "a request for job " + RUNNING_JOB + " answered 429 with Retry-After",
            get(
                "/api/v1/jobs/" + RUNNING_JOB,
                r ->
                    r.status(429)
                        .header("Retry-After", retryAfterSeconds())
                        .body(detail("Rate limit exceeded"))))
        .toPact();
  }

  /** The watcher moves its next poll back by Retry-After: the client must read it. */
  @Test
  @PactTestFor(pactMethod = "getJobWhileRateLimited")
  void aRateLimitedPollSaysWhenToComeBack(MockServer server) {
    try (GenJobsClient client = ContractClients.client(server, Provider.UNSTRUCTURED)) {
      assertThatThrownBy(() -> client.unstructured().job(RUNNING_JOB).refresh())
          .isInstanceOfSatisfying(
              RateLimitException.class,
              e ->
                  assertThat(e.retryAfter())
                      .contains(Duration.ofSeconds(Long.parseLong(RETRY_AFTER_SECONDS))));
    }
  }

  // --- list, cancel ---------------------------------------------------------------------------

  @Pact(consumer = CONSUMER)
  V4Pact listCompletedJobsOfAWorkflow(PactBuilder builder) {
    PactDslJsonBody element = PactDslJsonArray.arrayMinLike(1);
    jobInformationFields(element, COMPLETED_JOB, "COMPLETED");
    return builder
        .given("job " + COMPLETED_JOB + " has completed with one output file")
        .expectsToReceiveHttpInteraction(
            "a request for the completed jobs of workflow " + WORKFLOW,
            i ->
                i.withRequest(
                        r ->
                            r.method("GET")
                                .path("/api/v1/jobs/")
                                .queryParameter("workflow_id", WORKFLOW)
                                .queryParameter("status", "COMPLETED")
                                .header("unstructured-api-key", apiKey(UNSTRUCTURED_KEY)))
                    .willRespondWith(r -> r.status(200).body(element.closeObject())))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "listCompletedJobsOfAWorkflow")
  void listFiltersByWorkflowAndStatus(MockServer server) {
    try (GenJobsClient client = ContractClients.client(server, Provider.UNSTRUCTURED)) {
      List<JobSnapshot> jobs = client.unstructured().listJobs(WORKFLOW, "COMPLETED");

      assertThat(jobs).extracting(JobSnapshot::id).containsExactly(COMPLETED_JOB);
      assertThat(jobs).extracting(JobSnapshot::status).containsOnly(JobStatus.SUCCEEDED);
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact listWithRevokedKey(PactBuilder builder) {
    return builder
        .given("the API key revoked-key has been revoked")
        .expectsToReceiveHttpInteraction(
            "a request for the jobs with a revoked API key",
            i ->
                i.withRequest(
                        r ->
                            r.method("GET")
                                .path("/api/v1/jobs/")
                                .header("unstructured-api-key", REVOKED_KEY))
                    .willRespondWith(r -> r.status(401).body(detail("Invalid API key"))))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "listWithRevokedKey")
  void aRevokedKeyIsUnauthorised(MockServer server) {
    try (GenJobsClient client =
        ContractClients.clientWithRevokedKey(server, Provider.UNSTRUCTURED)) {
      assertThatThrownBy(() -> client.unstructured().listJobs(null, null))
          .isInstanceOf(UnauthorizedException.class);
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact cancelRunningJob(PactBuilder builder) {
    PactDslJsonBody cancelled = new PactDslJsonBody();
    // What the client reads of the answer: the status (literal: it is what the test is about) and
    // the message. The id is the one the client asked for.
    cancelled.stringValue("status", "cancelled").stringType("message", "Job cancelled");
    return builder
        .given("job " + RUNNING_JOB + " is in progress")
        .expectsToReceiveHttpInteraction(
            "a request to cancel job " + RUNNING_JOB,
            i ->
                i.withRequest(
                        r ->
                            r.method("POST")
                                .path("/api/v1/jobs/" + RUNNING_JOB + "/cancel")
                                .header("unstructured-api-key", apiKey(UNSTRUCTURED_KEY)))
                    .willRespondWith(r -> r.status(200).body(cancelled)))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "cancelRunningJob")
  void cancelReturnsACancelledJob(MockServer server) {
    try (GenJobsClient client = ContractClients.client(server, Provider.UNSTRUCTURED)) {
      JobSnapshot snapshot = client.unstructured().job(RUNNING_JOB).cancel();

      assertThat(snapshot.status()).isEqualTo(JobStatus.CANCELLED);
      assertThat(snapshot.rawStatus()).isEqualTo("cancelled");
    }
  }

  // --- details, failed files, download --------------------------------------------------------

  @Pact(consumer = CONSUMER)
  V4Pact detailsOfAPartlyFailedJob(PactBuilder builder) {
    PactDslJsonBody details = new PactDslJsonBody();
    details
        .uuid("id", PARTLY_FAILED_JOB)
        .stringMatcher("processing_status", PROCESSING_STATUS, "COMPLETED_WITH_ERRORS")
        .eachLike("node_stats")
        .stringType("node_name", "Partitioner")
        .stringType("node_type", "partition")
        .stringType("node_subtype", "unstructured_api")
        .integerType("ready", 0)
        .integerType("in_progress", 0)
        .integerType("success", 1)
        .integerType("failure", 1)
        .closeObject()
        .closeArray();
    return builder
        .given("job " + PARTLY_FAILED_JOB + " has completed with one of two files failed")
        .expectsToReceiveHttpInteraction(
            "a request for the details of job " + PARTLY_FAILED_JOB,
            get("/api/v1/jobs/" + PARTLY_FAILED_JOB + "/details", r -> r.status(200).body(details)))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "detailsOfAPartlyFailedJob")
  void detailsCountFilesPerNode(MockServer server) {
    try (GenJobsClient client = ContractClients.client(server, Provider.UNSTRUCTURED)) {
      JobDetails details = client.unstructured().details(PARTLY_FAILED_JOB);

      assertThat(details.processingStatus()).isEqualTo("COMPLETED_WITH_ERRORS");
      assertThat(details.nodeStats())
          .containsExactly(
              new JobDetails.NodeStats("Partitioner", "partition", "unstructured_api", 0, 0, 1, 1));
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact failedFilesOfAPartlyFailedJob(PactBuilder builder) {
    PactDslJsonBody failed = new PactDslJsonBody();
    failed
        .eachLike("failed_files")
        .stringType("document", "scan.pdf")
        .stringType("error", "File is encrypted")
        .closeObject()
        .closeArray();
    return builder
        .given("job " + PARTLY_FAILED_JOB + " has completed with one of two files failed")
        .expectsToReceiveHttpInteraction(
            "a request for the failed files of job " + PARTLY_FAILED_JOB,
            get(
                "/api/v1/jobs/" + PARTLY_FAILED_JOB + "/failed-files",
                r -> r.status(200).body(failed)))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "failedFilesOfAPartlyFailedJob")
  void failedFilesNameTheDocumentAndTheError(MockServer server) {
    try (GenJobsClient client = ContractClients.client(server, Provider.UNSTRUCTURED)) {
      assertThat(client.unstructured().failedFiles(PARTLY_FAILED_JOB))
          .containsExactly(new FailedFile("scan.pdf", "File is encrypted"));
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact downloadOutput(PactBuilder builder) {
    PactDslJsonBody element = PactDslJsonArray.arrayMinLike(1);
    element.stringType("type", "Title").stringType("text", "Invoice 2026-001");
    return builder
        .given("job " + COMPLETED_JOB + " has completed with one output file")
        .expectsToReceiveHttpInteraction(
            "a request to download output " + OUTPUT_FILE + " of job " + COMPLETED_JOB,
            i ->
                i.withRequest(
                        r ->
                            r.method("GET")
                                .path("/api/v1/jobs/" + COMPLETED_JOB + "/download")
                                .queryParameter("file_id", OUTPUT_FILE)
                                .queryParameter("node_id", OUTPUT_NODE)
                                .header("unstructured-api-key", apiKey(UNSTRUCTURED_KEY)))
                    .willRespondWith(r -> r.status(200).body(element.closeObject())))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "downloadOutput")
  void downloadWritesTheOutputDocument(MockServer server, @TempDir Path dir) throws Exception {
    try (GenJobsClient client = ContractClients.client(server, Provider.UNSTRUCTURED)) {
      Path target =
          client
              .unstructured()
              .downloadOutput(
                  COMPLETED_JOB,
                  new OutputFile(OUTPUT_FILE, OUTPUT_NODE, "partition", "unstructured_api"),
                  dir.resolve("out.json"));

      assertThat(Files.readString(target)).contains("\"Invoice 2026-001\"");
    }
  }

  // --- helpers --------------------------------------------------------------------------------

  private static kotlin.jvm.functions.Function1<HttpInteractionBuilder, HttpInteractionBuilder> get(
      String path, UnaryOperator<au.com.dius.pact.consumer.dsl.HttpResponseBuilder> response) {
    return i ->
        i.withRequest(
                r ->
                    r.method("GET")
                        .path(path)
                        .header("unstructured-api-key", apiKey(UNSTRUCTURED_KEY)))
            .willRespondWith(response::apply);
  }

  /**
   * What the client sends, part by part: the mock compares each part's headers and content, so the
   * parts are written out here rather than built by a library with other defaults.
   */
  private static HttpRequestBuilder multipartPost(
      HttpRequestBuilder r, String requestData, String fileName, byte[] file) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    write(
        body,
        "--"
            + BOUNDARY
            + "\r\nContent-Disposition: form-data; name=\"request_data\"\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
            + requestData
            + "\r\n");
    if (fileName != null) {
      write(
          body,
          "--"
              + BOUNDARY
              + "\r\nContent-Disposition: form-data; name=\"input_files\"; filename=\""
              + fileName
              + "\"\r\nContent-Type: application/pdf\r\n\r\n");
      body.writeBytes(file);
      write(body, "\r\n");
    }
    write(body, "--" + BOUNDARY + "--\r\n");
    return r.method("POST")
        .path("/api/v1/jobs/")
        .header("unstructured-api-key", apiKey(UNSTRUCTURED_KEY))
        .header(
            "Content-Type",
            Matchers.regexp(
                "multipart/form-data;\\s*boundary=\\S+",
                "multipart/form-data; boundary=" + BOUNDARY))
        .body(body.toByteArray());
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  private static PactDslJsonBody jobInformation(String id, String status) {
    PactDslJsonBody body = new PactDslJsonBody();
    jobInformationFields(body, id, status);
    return body;
  }

  private static PactDslJsonBody completedJobInformation(String id) {
    PactDslJsonBody body = new PactDslJsonBody();
    jobInformationFields(body, id, "COMPLETED");
    body.eachLike("output_node_files")
        .uuid("node_id", OUTPUT_NODE)
        .stringType("file_id", OUTPUT_FILE)
        .stringType("node_type", "partition")
        .stringType("node_subtype", "unstructured_api")
        .closeObject()
        .closeArray();
    return body;
  }

  private static void jobInformationFields(PactDslJsonBody body, String id, String status) {
    body.uuid("id", id)
        .uuid("workflow_id", WORKFLOW)
        .stringType("workflow_name", "hi_res_partition")
        .stringMatcher("status", JOB_STATUS, status)
        .datetime("created_at", TIMESTAMP, CREATED_AT, TimeZone.getTimeZone("UTC"));
  }

  private static PactDslJsonBody detail(String message) {
    return new PactDslJsonBody().stringType("detail", message);
  }
}
