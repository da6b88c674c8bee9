package dev.genjobs.client.creative;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genjobs.client.Provider;
import dev.genjobs.client.core.ClientContext;
import dev.genjobs.client.core.Decoded;
import dev.genjobs.client.core.JobReads;
import dev.genjobs.client.core.RawHttp;
import dev.genjobs.client.jobs.CreatesJobs;
import dev.genjobs.client.jobs.FailureReasons;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobBackend;
import dev.genjobs.client.jobs.JobRequest;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.jobs.StatusMapping;
import dev.genjobs.client.observability.Operation;
import dev.genjobs.client.validation.InputCheck;
import dev.genjobs.generated.creative.api.GenerationApi;
import dev.genjobs.generated.creative.model.GenerateResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.hc.core5.http.ClassicHttpRequest;

/**
 * The Creative API: image and video generation. {@link #generate} starts a job; follow it with the
 * returned {@link Job}.
 */
public final class CreativeApiClient implements JobBackend, CreatesJobs {

  private static final Provider PROVIDER = Provider.CREATIVE_API;

  /** The published status enum; anything else counts as still running. */
  static final StatusMapping STATUSES =
      StatusMapping.of(
          Map.of(
              "created", JobStatus.QUEUED,
              "pending", JobStatus.QUEUED,
              "processing", JobStatus.RUNNING,
              "completed", JobStatus.SUCCEEDED,
              "failed", JobStatus.FAILED));

  private final ClientContext context;
  private final GenerationApi api;
  private final RawHttp raw;
  private final JobReads<dev.genjobs.generated.creative.model.Job> reads;
  private final StatusMapping statuses;

  public CreativeApiClient(ClientContext context) {
    this.context = context;
    context.register(this);
    this.api =
        context.api(
            GenerationApi.class,
            PROVIDER,
            template ->
                template.header(
                    "x-api-key", context.options().key(CreativeApiModule.API_KEY).reveal()));
    this.raw = new RawHttp(context.transport(PROVIDER));
    this.reads =
        new JobReads<>(
            context,
            raw,
            Operation.read(PROVIDER, "getJob"),
            dev.genjobs.generated.creative.model.Job.class,
            dev.genjobs.generated.creative.model.Job::getStatus);
    this.statuses = context.statuses(PROVIDER, STATUSES);
  }

  @Override
  public Provider provider() {
    return PROVIDER;
  }

  /** A Creative API delivery is its job body: {@code jobId} at the top level. */
  @Override
  public Optional<String> webhookJobId(JsonNode payload) {
    JsonNode id = payload.path("jobId");
    return id.isTextual() && !id.asText().isBlank() ? Optional.of(id.asText()) : Optional.empty();
  }

  /**
   * Starts a generation. Checks {@code model} and {@code input} locally first; never retried after
   * the request may have reached the provider (see {@code CallExecutor}).
   */
  public Job generate(GenerateRequest request) {
    InputCheck.of(PROVIDER, "generate")
        .requireText("/model", request.model())
        .requirePresent("/input", request.input())
        .optionalHttpUrl("/webhook", request.webhook().orElse(null), 0)
        .orThrow();
    // Kept in the ledger record and in an ambiguous outcome's message; built once.
    String summary = request.toString();
    return context.createJob(
        this,
        "generate",
        summary,
        context
            .inputFingerprint()
            .field("model", request.model())
            .fields("input.", request.input())
            .build(),
        Duration.ZERO,
        request.webhook().orElse(null),
        webhook -> {
          var body =
              new dev.genjobs.generated.creative.model.GenerateRequest()
                  .model(request.model())
                  .input(request.input())
                  .webhook(webhook);
          GenerateResponse response =
              context
                  .executor()
                  .create(
                      Operation.create(PROVIDER, "generate"),
                      summary,
                      () -> api.generate(body),
                      GenerateResponse::getJobId);
          return JobSnapshot.builder(PROVIDER, response.getJobId())
              .status(statuses.map(response.getStatus()), response.getStatus())
              .statusRecognized(statuses.isKnown(response.getStatus()))
              .observedAt(context.options().clock().instant())
              .providerResponse(response)
              .build();
        });
  }

  /** A handle on an existing job, e.g. one whose id was stored. */
  public Job job(String jobId) {
    InputCheck.of(PROVIDER, "getJob").requireText("/jobId", jobId).orThrow();
    return Job.existing(this, context.watcher(), jobId);
  }

  @Override
  public JobSnapshot fetch(String jobId) {
    InputCheck.of(PROVIDER, "getJob").requireText("/jobId", jobId).orThrow();
    return toSnapshot(jobId, reads.read("jobId=" + jobId, getJob(jobId)));
  }

  /** One non-blocking GET of the job, not retried: the job watcher's poll. */
  @Override
  public CompletableFuture<JobSnapshot> fetchAsync(String jobId) {
    return reads
        .readOnce(
            () -> {
              InputCheck.of(PROVIDER, "getJob").requireText("/jobId", jobId).orThrow();
              return getJob(jobId);
            })
        .thenApply(answer -> toSnapshot(jobId, answer));
  }

  private ClassicHttpRequest getJob(String jobId) {
    String base = context.options().baseUrl(PROVIDER).toString();
    if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
    return raw.get(
            URI.create(base + "/get?jobId=" + URLEncoder.encode(jobId, StandardCharsets.UTF_8)),
            ClientContext.userAgent(PROVIDER))
        .addHeader("x-api-key", context.options().key(CreativeApiModule.API_KEY).reveal())
        .addHeader("Accept", "application/json")
        .build();
  }

  private JobSnapshot toSnapshot(
      String requestedId, Decoded<dev.genjobs.generated.creative.model.Job> answer) {
    JobSnapshot snapshot = toSnapshot(requestedId, answer.value());
    return answer.attachTo(snapshot, snapshot.id());
  }

  private JobSnapshot toSnapshot(String requestedId, dev.genjobs.generated.creative.model.Job job) {
    List<URI> urls = new ArrayList<>();
    if (job.getOutput() != null) {
      if (job.getOutput().getImageUrl() != null) urls.addAll(job.getOutput().getImageUrl());
      if (job.getOutput().getVideoUrl() != null) urls.add(job.getOutput().getVideoUrl());
    }
    JobStatus status = statuses.map(job.getStatus());
    return JobSnapshot.builder(PROVIDER, job.getJobId() == null ? requestedId : job.getJobId())
        .status(status, job.getStatus())
        .statusRecognized(statuses.isKnown(job.getStatus()))
        .failureReason(
            status == JobStatus.FAILED
                ? FailureReasons.undocumented(job.getAdditionalProperties())
                    .orElse("the Creative API reports the job failed without a reason")
                : null)
        .outputUrls(urls)
        .observedAt(context.options().clock().instant())
        .providerResponse(job)
        .build();
  }

  private static final JobRequest.Parts PARTS =
      new JobRequest.Parts(
          java.util.Map.of(
              JobRequest.Part.MODEL, "model",
              JobRequest.Part.INPUT, "input",
              JobRequest.Part.WEBHOOK, "webhook"),
          java.util.Set.of(JobRequest.Part.MODEL));

  /** {@inheritDoc} */
  @Override
  public JobRequest.Parts parts() {
    return PARTS;
  }

  /** {@inheritDoc} */
  @Override
  public Job create(JobRequest request) {
    request.requireFits(PARTS, PROVIDER, "generate");
    return generate(
        GenerateRequest.builder()
            .model(request.model().orElseThrow())
            .input(request.input().orElse(null))
            .webhook(request.webhook().orElse(null))
            .build());
  }
}
