package dev.genjobs.client.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.genjobs.client.testing.JobStands.json;
import static dev.genjobs.client.testing.JobStands.q;
import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.testing.JobStands;
import dev.genjobs.client.testing.Stand;
import dev.genjobs.client.unstructured.CreateJobRequest;
import dev.genjobs.generated.creatify.assetgenerator.model.APIAIToolsFlowAsset;
import dev.genjobs.generated.creatify.inspiration.model.APICommunityRecipeMediaJob;
import dev.genjobs.generated.unstructured.model.JobInformation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A spec-valid answer never fails a call. Each provider's job answer with the oddities its spec
 * allows (every ISO-8601 duration form, date-times with offsets and fractions, integers written as
 * 1e2, numbers beyond the generated type, nulls, fields the spec does not list): the status is
 * read, values the generated types can hold are there, and the rest is kept as raw text in {@link
 * JobSnapshot#unreadFields()} instead of failing the call.
 */
class SpecValidOdditiesTest {

  private static final String JOB = "3f1d2c4b-5a69-4e7f-8a9b-0c1d2e3f4a5b";
  private static final String WORKFLOW = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

  private Stand stand;

  @BeforeEach
  void setUp() {
    stand = JobStands.stand();
  }

  @AfterEach
  void tearDown() {
    stand.close();
  }

  private String unstructuredJob(String runtime, String createdAt) {
    return q(
        "{'id':'"
            + JOB
            + "','workflow_id':'"
            + WORKFLOW
            + "','workflow_name':'wf','status':'IN_PROGRESS','created_at':"
            + createdAt
            + ",'runtime':"
            + runtime
            + ",'input_file_ids':null,'output_node_files':null,'job_type':null,"
            + "'added_later':{'nested':[1,2,{'x':null}]}}");
  }

  @ParameterizedTest(name = "runtime {0}")
  @ValueSource(
      strings = {"P1W", "P1Y2M", "P1M", "P3Y6M4DT12H30M5S", "P0.5Y", "P1Y2M10DT2H30M", "PT36H"})
  void givenUnstructuredRuntimeInAnyIso8601DurationForm_whenTheJobIsRead_thenTheCallSucceeds(
      String runtime) {
    stand.stubFor(
        get(urlEqualTo("/api/v1/jobs/" + JOB))
            .willReturn(json(unstructuredJob("'" + runtime + "'", "'2025-01-01T00:00:00Z'"))));

    JobSnapshot snapshot = stand.client().unstructured().job(JOB).refresh();

    assertThat(snapshot.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(snapshot.id()).isEqualTo(JOB);
    JobInformation info = snapshot.providerResponse(JobInformation.class).orElseThrow();
    if (info.getRuntime() == null) {
      assertThat(snapshot.unreadFields()).containsEntry("/runtime", runtime);
    } else {
      assertThat(runtime).isEqualTo("PT36H");
      assertThat(info.getRuntime()).isEqualTo(Duration.ofHours(36));
      assertThat(snapshot.unreadFields()).isEmpty();
    }
    assertThat(snapshot.rawResponse()).get().asString().contains("added_later");
  }

  @Test
  void givenUnstructuredDateTimesWithOffsetsFractionsAndNulls_whenTheJobIsRead_thenTheyAreKept() {
    stand.stubFor(
        get(urlEqualTo("/api/v1/jobs/" + JOB))
            .willReturn(json(unstructuredJob("null", "'2025-01-01T10:00:00.123456789+05:30'"))));

    JobSnapshot snapshot = stand.client().unstructured().job(JOB).refresh();

    JobInformation info = snapshot.providerResponse(JobInformation.class).orElseThrow();
    assertThat(info.getCreatedAt())
        .isEqualTo(
            OffsetDateTime.of(2025, 1, 1, 10, 0, 0, 123456789, ZoneOffset.ofHoursMinutes(5, 30)));
    assertThat(info.getRuntime()).isNull();
    assertThat(snapshot.outputFiles()).isEmpty();
    assertThat(snapshot.unreadFields()).isEmpty();
  }

  @Test
  void
      givenAnUnstructuredCreateAnsweredWithAWeekLongRuntime_whenCreated_thenTheJobIsReturnedNotAmbiguous() {
    stand.stubFor(
        post(urlEqualTo("/api/v1/jobs/"))
            .willReturn(json(unstructuredJob("'P1W'", "'2025-01-01T00:00:00-08:00'"))));

    Job job =
        stand
            .client()
            .unstructured()
            .createJob(CreateJobRequest.builder().templateId("hi_res_partition").build());

    assertThat(job.id()).isEqualTo(JOB);
    assertThat(job.created().status()).isEqualTo(JobStatus.RUNNING);
  }

  @Test
  void givenUnstructuredRuntimeP1W_whenTheJobIsAwaited_thenThePollsReadItAndTheWaitEnds()
      throws Exception {
    stand.stubFor(
        get(urlEqualTo("/api/v1/jobs/" + JOB))
            .willReturn(
                json(
                    unstructuredJob("'P1W'", "'2025-01-01T00:00:00Z'")
                        .replace("IN_PROGRESS", "COMPLETED"))));

    JobSnapshot done = stand.client().unstructured().job(JOB).await(Duration.ofSeconds(20));

    assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(done.unreadFields()).containsEntry("/runtime", "P1W");
  }

  @Test
  void givenCreativeApiJobWithHugeDateNullOutputAndExtraFields_whenRead_thenTheCallSucceeds() {
    stand.stubFor(
        get(urlPathEqualTo("/get"))
            .withQueryParam("jobId", equalTo("c-1"))
            .willReturn(
                json(
                    q(
                        "{'jobId':'c-1','status':'processing','model':null,'input':[1,'two',{}],"
                            + "'date':1.7e400,'output':null,'webhook':null,'eta':{'s':3}}"))));

    JobSnapshot snapshot = stand.client().creative().job("c-1").refresh();

    assertThat(snapshot.status()).isEqualTo(JobStatus.RUNNING);
    var job =
        snapshot.providerResponse(dev.genjobs.generated.creative.model.Job.class).orElseThrow();
    assertThat(job.getDate()).isEqualTo(new BigDecimal("1.7e400"));
    assertThat(snapshot.outputUrls()).isEmpty();
  }

  @Test
  void givenCreativeApiOutputWithImageUrlsAndAnEmptyVideoUrl_whenRead_thenTheImagesAreKept() {
    stand.stubFor(
        get(urlPathEqualTo("/get"))
            .willReturn(
                json(
                    q(
                        "{'jobId':'c-2','status':'completed','date':1735689600000,"
                            + "'output':{'imageUrl':['https://cdn.example/a.png'],'videoUrl':''}}"))));

    JobSnapshot snapshot = stand.client().creative().job("c-2").refresh();

    assertThat(snapshot.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(snapshot.outputUrls())
        .extracting(Object::toString)
        .contains("https://cdn.example/a.png");
  }

  @Test
  void givenAssetGeneratorJobWithIntegersWrittenAs1e2And2Point0_whenRead_thenTheCallSucceeds() {
    stand.stubFor(
        get(urlEqualTo("/api/asset_generator/" + JOB + "/"))
            .willReturn(
                json(
                    q(
                        "{'id':'"
                            + JOB
                            + "','model_name':'flux','status':'running','duration':1e2,"
                            + "'output_nums':2.0,'credits_used':{'video':1.5},'assets':null,"
                            + "'created_at':'2025-01-01T00:00:00.5-03:00',"
                            + "'updated_at':'2025-01-01T00:00:01Z','future_field':true}"))));

    JobSnapshot snapshot = stand.client().assetGenerator().job(JOB).refresh();

    assertThat(snapshot.status()).isEqualTo(JobStatus.RUNNING);
    APIAIToolsFlowAsset asset = snapshot.providerResponse(APIAIToolsFlowAsset.class).orElseThrow();
    assertThat(asset.getDuration()).isEqualTo(100);
    assertThat(asset.getOutputNums()).isEqualTo(2);
    assertThat(asset.getCreatedAt().getOffset()).isEqualTo(ZoneOffset.ofHours(-3));
  }

  @Test
  void givenInspirationJobWithOutputAsJsonTextAndNullReason_whenRead_thenTheUrlsAreRead() {
    stand.stubFor(
        get(urlEqualTo("/api/inspiration_jobs/" + JOB + "/"))
            .willReturn(
                json(
                    q(
                        "{'id':'"
                            + JOB
                            + "','inspiration_id':'insp','gen_type':'video','status':'done',"
                            + "'failed_reason':null,'input_params':null,"
                            + "'output':'[\\\"https://cdn.example/v.mp4\\\"]',"
                            + "'created_at':'2025-01-01T00:00:00+00:00',"
                            + "'updated_at':'2025-01-01T00:00:00.000001Z','credits':7}"))));

    JobSnapshot snapshot = stand.client().inspiration().job(JOB).refresh();

    assertThat(snapshot.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(snapshot.outputUrls())
        .extracting(Object::toString)
        .containsExactly("https://cdn.example/v.mp4");
    assertThat(snapshot.providerResponse(APICommunityRecipeMediaJob.class)).isPresent();
  }

  @Test
  void givenAJobAnswerWithoutItsStatus_whenRead_thenThatFailsTheCallBecauseTheClientActsOnIt() {
    stand.stubFor(
        get(urlPathEqualTo("/get")).willReturn(json(q("{'jobId':'c-3','date':'yesterday'}"))));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> stand.client().creative().job("c-3").refresh())
        .isInstanceOf(dev.genjobs.client.errors.MalformedResponseException.class)
        .hasMessageContaining("/status");
  }

  @Test
  void givenAStatusNobodyKnows_whenRead_thenItIsRunningAndMarkedUnrecognized() {
    stand.stubFor(
        get(urlPathEqualTo("/get")).willReturn(json(q("{'jobId':'c-4','status':'expired'}"))));

    JobSnapshot snapshot = stand.client().job(Provider.CREATIVE_API, "c-4").refresh();

    assertThat(snapshot.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(snapshot.statusRecognized()).isFalse();
  }
}
