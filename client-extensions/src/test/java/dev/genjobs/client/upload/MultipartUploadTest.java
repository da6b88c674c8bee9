package dev.genjobs.client.upload;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.genjobs.client.testing.JobStands.json;
import static dev.genjobs.client.testing.JobStands.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MultipartValuePatternBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.testing.JobStands;
import dev.genjobs.client.testing.Stand;
import dev.genjobs.client.unstructured.CreateJobRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unstructured create-job sends a real multipart body: a {@code request_data} part and one {@code
 * input_files} part per file, each with its file name, content type and exact content.
 */
class MultipartUploadTest {

  static final String JOB_ID = "ab000000-0000-4000-8000-000000000001";
  static final byte[] PDF =
      "%PDF-1.7\n fake pdf body \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
  static final byte[] NOTES = "line one\nline two\n".getBytes(StandardCharsets.UTF_8);
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};

  @TempDir Path tmp;

  private Stand stand;
  private GenJobsClient client;

  @BeforeEach
  void setUp() {
    stand = JobStands.stand();
    client = stand.client();
    stand.stubFor(
        post(urlPathEqualTo("/api/v1/jobs/"))
            .willReturn(json(q("{'id':'" + JOB_ID + "','status':'SCHEDULED'}"))));
  }

  @AfterEach
  void tearDown() {
    stand.close();
  }

  private static MultipartValuePatternBuilder requestDataPart() {
    return aMultipart()
        .withName("request_data")
        .withBody(equalToJson(q("{'template_id':'hi_res_partition'}")));
  }

  private static MultipartValuePatternBuilder filePart(
      String fileName, String contentType, byte[] content) {
    return aMultipart()
        .withName("input_files")
        .withHeader("Content-Disposition", containing("filename=\"" + fileName + "\""))
        .withHeader("Content-Type", equalTo(contentType))
        .withBody(binaryEqualTo(content));
  }

  private static RequestPatternBuilder createJob() {
    return postRequestedFor(urlPathEqualTo("/api/v1/jobs/"))
        .withHeader("Content-Type", containing("multipart/form-data; boundary="))
        .withHeader("unstructured-api-key", equalTo(Stand.UNSTRUCTURED_API_KEY));
  }

  private Job upload(UploadFile... files) {
    return client
        .unstructured()
        .createJob(
            CreateJobRequest.builder()
                .templateId("hi_res_partition")
                .files(List.of(files))
                .build());
  }

  @Test
  void givenFileOnDisk_whenCreatingJob_thenItsContentIsSentAsAFilePart() throws Exception {
    Path pdf = Files.write(tmp.resolve("a.pdf"), PDF);

    Job job = upload(UploadFile.of(pdf));

    assertThat(job.id()).isEqualTo(JOB_ID);
    stand.verify(
        exactly(1),
        createJob()
            .withRequestBodyPart(requestDataPart().build())
            .withRequestBodyPart(filePart("a.pdf", "application/pdf", PDF).build()));
  }

  @Test
  void givenBytesInMemory_whenCreatingJob_thenTheyAreSentWithTheGivenNameAndType() {
    upload(UploadFile.of("notes.txt", NOTES, "text/plain; charset=UTF-8"));

    stand.verify(
        exactly(1),
        createJob()
            .withRequestBodyPart(requestDataPart().build())
            .withRequestBodyPart(
                filePart("notes.txt", "text/plain; charset=UTF-8", NOTES).build()));
  }

  @Test
  void givenInputStreamSupplier_whenCreatingJob_thenTheStreamedContentIsSentAsAFilePart() {
    upload(UploadFile.of("scan.png", () -> new ByteArrayInputStream(PNG), "image/png"));

    stand.verify(
        exactly(1),
        createJob()
            .withRequestBodyPart(requestDataPart().build())
            .withRequestBodyPart(filePart("scan.png", "image/png", PNG).build()));
  }

  @Test
  void givenSeveralFiles_whenCreatingJob_thenEachIsItsOwnPartInOrder() throws Exception {
    Path pdf = Files.write(tmp.resolve("a.pdf"), PDF);

    upload(
        UploadFile.of(pdf),
        UploadFile.of("notes.txt", NOTES, "text/plain"),
        UploadFile.of("scan.png", () -> new ByteArrayInputStream(PNG), "image/png"));

    stand.verify(
        exactly(1),
        createJob()
            .withRequestBodyPart(requestDataPart().build())
            .withRequestBodyPart(filePart("a.pdf", "application/pdf", PDF).build())
            .withRequestBodyPart(filePart("notes.txt", "text/plain", NOTES).build())
            .withRequestBodyPart(filePart("scan.png", "image/png", PNG).build()));
    LoggedRequest sent = stand.requests(postRequestedFor(urlPathEqualTo("/api/v1/jobs/"))).get(0);
    assertThat(sent.getParts())
        .extracting(Request.Part::getName)
        .containsExactly("request_data", "input_files", "input_files", "input_files");
    assertThat(sent.getParts())
        .filteredOn(p -> p.getName().equals("input_files"))
        .extracting(p -> p.getHeader("Content-Disposition").firstValue())
        .allSatisfy(d -> assertThat(d).doesNotContain(tmp.toString()));
  }
}
