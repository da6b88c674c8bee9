package dev.genjobs.generated;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.genjobs.generated.unstructured.api.JobsApi;
import dev.genjobs.generated.unstructured.model.HTTPValidationError;
import dev.genjobs.generated.unstructured.model.JobDetails;
import dev.genjobs.generated.unstructured.model.JobFailedFiles;
import dev.genjobs.generated.unstructured.model.JobInformation;
import dev.genjobs.generated.unstructured.model.ValidationError;
import feign.FeignException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The generated Unstructured Platform jobs client against a loopback server. */
class UnstructuredClientTest {

  private static final String API_KEY = "unstructured-key-789";
  private static final UUID JOB_ID = UUID.fromString("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
  private static final UUID WORKFLOW_ID = UUID.fromString("1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e");
  private static final UUID NODE_ID = UUID.fromString("2c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f");
  private static final String REQUEST_DATA = "{\"template_id\": \"hi_res_and_enrichment\"}";

  @RegisterExtension static WireMockExtension wireMock = GeneratedClients.loopbackWireMock();

  @TempDir Path tempDir;

  private final JobsApi jobs =
      GeneratedClients.target(JobsApi.class, wireMock, Map.of("unstructured-api-key", API_KEY));

  @Test
  void givenRequestDataAndFile_whenCreatingJob_thenSendsMultipartWithBothParts()
      throws IOException {
    byte[] pdf = "%PDF-1.7 invoice".getBytes(StandardCharsets.US_ASCII);
    File invoice = Files.write(tempDir.resolve("invoice.pdf"), pdf).toFile();
    wireMock.stubFor(post("/api/v1/jobs/").willReturn(okJson(jobJson("\"SCHEDULED\"", "null"))));

    JobInformation job = jobs.createJob(REQUEST_DATA, null, List.of(invoice));

    wireMock.verify(
        postRequestedFor(urlEqualTo("/api/v1/jobs/"))
            .withHeader("unstructured-api-key", equalTo(API_KEY))
            .withHeader("Content-Type", matching("multipart/form-data;.*boundary=.+"))
            .withAnyRequestBodyPart(
                aMultipart().withName("request_data").withBody(equalToJson(REQUEST_DATA)))
            .withAnyRequestBodyPart(
                aMultipart()
                    .withName("input_files")
                    .withFileName("invoice.pdf")
                    .withHeader("Content-Type", equalTo("application/pdf"))
                    .withBody(binaryEqualTo(pdf))));
    assertThat(job.getId()).isEqualTo(JOB_ID);
    assertThat(job.getStatus()).isEqualTo("SCHEDULED");
    assertThat(job.getCreatedAt()).isEqualTo(OffsetDateTime.parse("2025-06-01T10:15:30Z"));
  }

  @Test
  void givenTwoFiles_whenCreatingJob_thenSendsOneInputFilesPartPerFile() throws IOException {
    File first = Files.writeString(tempDir.resolve("a.txt"), "first").toFile();
    File second = Files.writeString(tempDir.resolve("b.txt"), "second").toFile();
    wireMock.stubFor(post("/api/v1/jobs/").willReturn(okJson(jobJson("\"SCHEDULED\"", "null"))));

    jobs.createJob(REQUEST_DATA, null, List.of(first, second));

    assertThat(GeneratedClients.onlyRequest(wireMock).getParts())
        .filteredOn(part -> "input_files".equals(part.getName()))
        .extracting(part -> part.getBody().asString())
        .containsExactly("first", "second");
  }

  @Test
  void givenNullApiKeyParameter_whenCalling_thenOnlyTheInterceptorHeaderIsSent() {
    wireMock.stubFor(
        get("/api/v1/jobs/" + JOB_ID).willReturn(okJson(jobJson("\"SCHEDULED\"", "null"))));

    jobs.getJob(JOB_ID, null);

    assertThat(GeneratedClients.onlyRequest(wireMock).header("unstructured-api-key").values())
        .containsExactly(API_KEY);
  }

  @Test
  void givenApiKeyParameterAndNoInterceptor_whenCalling_thenTheParameterIsSentAsHeader() {
    JobsApi withoutInterceptor = GeneratedClients.target(JobsApi.class, wireMock, Map.of());
    wireMock.stubFor(
        get("/api/v1/jobs/" + JOB_ID).willReturn(okJson(jobJson("\"SCHEDULED\"", "null"))));

    withoutInterceptor.getJob(JOB_ID, API_KEY);

    assertThat(GeneratedClients.onlyRequest(wireMock).header("unstructured-api-key").values())
        .containsExactly(API_KEY);
  }

  @Test
  void givenApiKeyParameterAndInterceptor_whenCalling_thenBothValuesAreSent() {
    wireMock.stubFor(
        get("/api/v1/jobs/" + JOB_ID).willReturn(okJson(jobJson("\"SCHEDULED\"", "null"))));

    jobs.getJob(JOB_ID, "key-from-parameter");

    assertThat(GeneratedClients.onlyRequest(wireMock).header("unstructured-api-key").values())
        .containsExactly("key-from-parameter", API_KEY);
  }

  @Test
  void givenIsoDurationRuntime_whenGettingJob_thenRuntimeIsAJavaDuration() {
    stubGetJob(jobJson("\"COMPLETED\"", "\"PT1M30S\""));

    JobInformation job = jobs.getJob(JOB_ID, null);

    wireMock.verify(
        getRequestedFor(urlEqualTo("/api/v1/jobs/" + JOB_ID))
            .withHeader("unstructured-api-key", equalTo(API_KEY)));
    assertThat(job.getRuntime()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void givenNullRuntime_whenGettingJob_thenRuntimeIsNull() {
    stubGetJob(jobJson("\"IN_PROGRESS\"", "null"));

    JobInformation job = jobs.getJob(JOB_ID, null);

    assertThat(job.getRuntime()).isNull();
  }

  @Test
  void givenOutputNodeFiles_whenGettingJob_thenEachDecodesToNodeFileMetadata() {
    stubGetJob(jobJson("\"COMPLETED\"", "\"PT12S\""));

    JobInformation job = jobs.getJob(JOB_ID, null);

    assertThat(job.getInputFileIds()).containsExactly("invoice.pdf");
    assertThat(job.getOutputNodeFiles())
        .singleElement()
        .satisfies(
            file -> {
              assertThat(file.getNodeId()).isEqualTo(NODE_ID);
              assertThat(file.getFileId()).isEqualTo("invoice.pdf");
              assertThat(file.getNodeType()).isEqualTo("partition");
              assertThat(file.getNodeSubtype()).isEqualTo("unstructured_api");
            });
  }

  @Test
  void givenStatusNotInSpec_whenGettingJob_thenRawStatusIsKept() {
    stubGetJob(jobJson("\"PAUSED\"", "null"));

    JobInformation job = jobs.getJob(JOB_ID, null);

    assertThat(job.getStatus()).isEqualTo("PAUSED");
  }

  @Test
  void givenWorkflowAndStatusFilters_whenListingJobs_thenSendsThemAsQueryParameters() {
    wireMock.stubFor(
        get(urlPathEqualTo("/api/v1/jobs/"))
            .willReturn(okJson("[" + jobJson("\"COMPLETED\"", "\"PT12S\"") + "]")));

    List<JobInformation> listed = jobs.listJobs(WORKFLOW_ID, "COMPLETED", null);

    wireMock.verify(
        getRequestedFor(urlPathEqualTo("/api/v1/jobs/"))
            .withQueryParam("workflow_id", equalTo(WORKFLOW_ID.toString()))
            .withQueryParam("status", equalTo("COMPLETED"))
            .withHeader("unstructured-api-key", equalTo(API_KEY)));
    assertThat(listed).extracting(JobInformation::getWorkflowName).containsExactly("invoices");
  }

  @Test
  void givenNoFilters_whenListingJobs_thenSendsNoQueryParameters() {
    wireMock.stubFor(get(urlPathEqualTo("/api/v1/jobs/")).willReturn(okJson("[]")));

    jobs.listJobs((UUID) null, null, null);

    wireMock.verify(
        getRequestedFor(urlPathEqualTo("/api/v1/jobs/"))
            .withQueryParam("workflow_id", absent())
            .withQueryParam("status", absent()));
  }

  @Test
  void givenRunningJob_whenCancelling_thenPostsToCancelAndDecodesUntypedAnswer() {
    wireMock.stubFor(
        post("/api/v1/jobs/" + JOB_ID + "/cancel")
            .willReturn(
                okJson(
                    "{\"id\": \"%s\", \"status\": \"cancelled\", \"message\": \"Job cancelled\"}"
                        .formatted(JOB_ID))));

    Map<String, Object> answer = jobs.cancelJob(JOB_ID, null);

    wireMock.verify(
        postRequestedFor(urlEqualTo("/api/v1/jobs/" + JOB_ID + "/cancel"))
            .withHeader("unstructured-api-key", equalTo(API_KEY)));
    assertThat(answer).containsEntry("status", "cancelled").containsEntry("id", JOB_ID.toString());
  }

  @Test
  void givenProcessingDetails_whenGettingJobDetails_thenDecodesNodeStats() {
    wireMock.stubFor(
        get("/api/v1/jobs/" + JOB_ID + "/details")
            .willReturn(
                okJson(
                    """
                    {
                      "id": "%s",
                      "processing_status": "COMPLETED_WITH_ERRORS",
                      "node_stats": [{
                        "node_name": "Partitioner",
                        "node_type": "partition",
                        "node_subtype": "unstructured_api",
                        "ready": 0, "in_progress": 0, "success": 3, "failure": 1
                      }],
                      "message": null
                    }
                    """
                        .formatted(JOB_ID))));

    JobDetails details = jobs.getJobDetails(JOB_ID, null);

    assertThat(details.getProcessingStatus()).isEqualTo("COMPLETED_WITH_ERRORS");
    assertThat(details.getMessage()).isNull();
    assertThat(details.getNodeStats())
        .singleElement()
        .satisfies(
            node -> {
              assertThat(node.getNodeName()).isEqualTo("Partitioner");
              assertThat(node.getSuccess()).isEqualTo(3);
              assertThat(node.getFailure()).isEqualTo(1);
            });
  }

  @Test
  void givenFailedFiles_whenGettingJobFailedFiles_thenDecodesDocumentAndError() {
    wireMock.stubFor(
        get("/api/v1/jobs/" + JOB_ID + "/failed-files")
            .willReturn(
                okJson(
                    """
                    {"failed_files": [{"document": "scan.tiff", "error": "unsupported file type"}]}
                    """)));

    JobFailedFiles failed = jobs.getJobFailedFiles(JOB_ID, null);

    assertThat(failed.getFailedFiles())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.getDocument()).isEqualTo("scan.tiff");
              assertThat(f.getError()).isEqualTo("unsupported file type");
            });
  }

  @Test
  void givenValidationErrorList_whenCreateJobIsRejected_thenDetailDecodesAsList() {
    HTTPValidationError error =
        rejectedCreateJob(
            """
            {"detail": [{"loc": ["body", 0], "msg": "Field required", "type": "missing"}]}
            """);

    assertThat(error.getDetail())
        .isEqualTo(
            List.of(Map.of("loc", List.of("body", 0), "msg", "Field required", "type", "missing")));
  }

  @Test
  void givenValidationErrorEntry_whenReadAsValidationError_thenLocKeepsStringsAndIntegers() {
    HTTPValidationError error =
        rejectedCreateJob(
            """
            {"detail": [{"loc": ["body", 0], "msg": "Field required", "type": "missing"}]}
            """);

    ValidationError first =
        GeneratedClients.MAPPER.convertValue(
            ((List<?>) error.getDetail()).get(0), ValidationError.class);

    assertThat(first.getLoc()).containsExactly("body", 0);
    assertThat(first.getMsg()).isEqualTo("Field required");
    assertThat(first.getType()).isEqualTo("missing");
  }

  @Test
  void givenPlainStringDetail_whenCreateJobIsRejected_thenDetailDecodesAsString() {
    HTTPValidationError error =
        rejectedCreateJob("{\"detail\": \"request_data is not valid JSON\"}");

    assertThat(error.getDetail()).isEqualTo("request_data is not valid JSON");
  }

  /** Answers create_job with 422 and decodes the error body the generated client leaves raw. */
  private HTTPValidationError rejectedCreateJob(String body) {
    wireMock.stubFor(
        post("/api/v1/jobs/")
            .willReturn(
                aResponse()
                    .withStatus(422)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));

    FeignException rejected =
        catchThrowableOfType(
            FeignException.class, () -> jobs.createJob(REQUEST_DATA, null, List.of()));

    assertThat(rejected.status()).isEqualTo(422);
    try {
      return GeneratedClients.MAPPER.readValue(rejected.contentUTF8(), HTTPValidationError.class);
    } catch (IOException e) {
      throw new AssertionError("422 body did not decode", e);
    }
  }

  private void stubGetJob(String body) {
    wireMock.stubFor(get("/api/v1/jobs/" + JOB_ID).willReturn(okJson(body)));
  }

  /** A job as get_job answers it; status and runtime are raw JSON values. */
  private static String jobJson(String status, String runtime) {
    return """
        {
          "id": "%s",
          "workflow_id": "%s",
          "workflow_name": "invoices",
          "status": %s,
          "created_at": "2025-06-01T10:15:30Z",
          "runtime": %s,
          "input_file_ids": ["invoice.pdf"],
          "output_node_files": [{
            "node_id": "%s",
            "file_id": "invoice.pdf",
            "node_type": "partition",
            "node_subtype": "unstructured_api"
          }],
          "job_type": "ephemeral"
        }
        """
        .formatted(JOB_ID, WORKFLOW_ID, status, runtime, NODE_ID);
  }
}
