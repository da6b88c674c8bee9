package dev.genjobs.client.unstructured;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genjobs.client.Provider;
import dev.genjobs.client.core.ClientContext;
import dev.genjobs.client.core.Decoded;
import dev.genjobs.client.core.JobReads;
import dev.genjobs.client.core.RawHttp;
import dev.genjobs.client.jobs.CreatesJobs;
import dev.genjobs.client.jobs.DownloadsOutputs;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobBackend;
import dev.genjobs.client.jobs.JobRequest;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.jobs.ListsRecentJobs;
import dev.genjobs.client.jobs.OutputFile;
import dev.genjobs.client.jobs.StatusMapping;
import dev.genjobs.client.observability.Operation;
import dev.genjobs.client.store.InputFingerprint;
import dev.genjobs.client.upload.MultipartBody;
import dev.genjobs.client.upload.UploadFile;
import dev.genjobs.client.validation.InputCheck;
import dev.genjobs.client.webhooks.WebhookBodies;
import dev.genjobs.generated.unstructured.api.JobsApi;
import dev.genjobs.generated.unstructured.model.JobInformation;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.hc.core5.http.ClassicHttpRequest;

/**
 * Unstructured Platform jobs: create (with streamed file uploads), get, list, cancel, details,
 * failed files and output download.
 */
public final class UnstructuredClient
    implements JobBackend, ListsRecentJobs, CreatesJobs, DownloadsOutputs {

  private static final Provider PROVIDER = Provider.UNSTRUCTURED;
  private static final String API_KEY_HEADER = "unstructured-api-key";

  static final StatusMapping STATUSES =
      StatusMapping.of(
          Map.of(
              "SCHEDULED", JobStatus.QUEUED,
              "IN_PROGRESS", JobStatus.RUNNING,
              "COMPLETED", JobStatus.SUCCEEDED,
              "STOPPED", JobStatus.CANCELLED,
              "CANCELLED", JobStatus.CANCELLED,
              "FAILED", JobStatus.FAILED));

  private final ClientContext context;
  private final JobsApi api;
  private final RawHttp raw;
  private final JobReads<JobInformation> reads;
  private final StatusMapping statuses;

  public UnstructuredClient(ClientContext context) {
    this.context = context;
    context.register(this);
    this.api = context.api(JobsApi.class, PROVIDER, t -> t.header(API_KEY_HEADER, apiKey()));
    this.raw = new RawHttp(context.transport(PROVIDER));
    this.reads =
        new JobReads<>(context, raw, GET_JOB, JobInformation.class, JobInformation::getStatus);
    this.statuses = context.statuses(PROVIDER, STATUSES);
  }

  private String apiKey() {
    return context.options().key(UnstructuredModule.API_KEY).reveal();
  }

  @Override
  public Provider provider() {
    return PROVIDER;
  }

  /**
   * An Unstructured job body, at the top level or under {@code data}: {@code id} and {@code
   * workflow_id}.
   */
  @Override
  public Optional<String> webhookJobId(JsonNode payload) {
    return WebhookBodies.idOfJobWith(payload, "workflow_id");
  }

  /**
   * Creates a job. Files stream from their source as multipart parts; nothing is buffered whole.
   * Not retried once the request may have reached the provider.
   */
  public Job createJob(CreateJobRequest request) {
    InputCheck check =
        InputCheck.of(PROVIDER, "create_job").requireText("/request_data", request.requestData());
    if (request.requestData() != null && !request.requestData().isBlank()) {
      try {
        JsonNode parsed = context.mapper().readTree(request.requestData());
        check.check(parsed != null && parsed.isObject(), "/request_data", "must be a JSON object");
      } catch (Exception e) {
        check.check(false, "/request_data", "is not valid JSON: " + e.getMessage());
      }
    }
    check.orThrow();
    String key = apiKey();
    MultipartBody.Builder body =
        MultipartBody.builder()
            .text("request_data", request.requestData(), "text/plain; charset=UTF-8");
    for (UploadFile f : request.files()) {
      body.file("input_files", f);
    }
    MultipartBody multipart = body.build();
    URI uri = endpoint("/api/v1/jobs/");
    // No webhook: an ambiguous create is reconciled from the provider's job list instead.
    // Kept in the ledger record and in an ambiguous outcome's message; built once.
    String summary = request.toString();
    return context.createJob(
        this,
        "create_job",
        summary,
        inputFingerprint(request),
        multipart.sendingAllowance(),
        null,
        noWebhook -> {
          JobInformation info =
              context
                  .executor()
                  .create(
                      Operation.create(PROVIDER, "create_job"),
                      summary,
                      () ->
                          raw.sendJson(
                              // A fresh entity per attempt: file parts reopen their source.
                              raw.post(uri, ClientContext.userAgent(PROVIDER))
                                  .addHeader(API_KEY_HEADER, key)
                                  .addHeader("Accept", "application/json")
                                  .setEntity(multipart.entity())
                                  .build(),
                              JobInformation.class,
                              multipart.sendingAllowance()),
                      JobInformation::getId);
          // The failure reason of a job that failed at once is read at its next poll: a second
          // call here could fail after the job was created.
          return toSnapshot(info);
        });
  }

  /** The field holding the hash of a job's file names, in a record and in a listed job. */
  private static final String FILES_FIELD = "files";

  /** The field a template job's {@code request_data.template_id} is kept under. */
  private static final String TEMPLATE_FIELD = "request_data.template_id";

  /**
   * Each top-level {@code request_data} field (for a template job, {@code template_id}) and the
   * file names: what the job list shows back as a job's workflow name and input files.
   */
  private InputFingerprint inputFingerprint(CreateJobRequest request) {
    InputFingerprint.Builder b = context.inputFingerprint();
    try {
      JsonNode data = context.mapper().readTree(request.requestData());
      data.fields().forEachRemaining(f -> b.field("request_data." + f.getKey(), f.getValue()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // Checked above: request_data is a JSON object.
      throw new IllegalStateException(e);
    }
    return b.fileNames(FILES_FIELD, request.files().stream().map(UploadFile::fileName).toList())
        .build();
  }

  /**
   * What a listed job shows of its inputs, hashed as {@link #inputFingerprint(CreateJobRequest)}
   * hashes a request: the workflow name (a template job's workflow is named after its template) and
   * the input file names.
   */
  private InputFingerprint exposedInputs(JobInformation listed) {
    InputFingerprint.Builder b = InputFingerprint.builder();
    if (listed.getWorkflowName() != null && !listed.getWorkflowName().isBlank()) {
      b.field(TEMPLATE_FIELD, listed.getWorkflowName());
    }
    if (listed.getInputFileIds() != null) b.fileNames(FILES_FIELD, listed.getInputFileIds());
    return b.build();
  }

  /** A handle on a job created earlier, from its id. */
  public Job job(String jobId) {
    return Job.existing(this, context.watcher(), uuid(jobId, "get_job").toString());
  }

  private static final Operation GET_JOB = Operation.read(PROVIDER, "get_job");
  private static final Operation GET_DETAILS = Operation.read(PROVIDER, "get_job_details");

  @Override
  public JobSnapshot fetch(String jobId) {
    UUID id = uuid(jobId, "get_job");
    return withFailureReason(toSnapshot(id, reads.read("job_id=" + id, get("/api/v1/jobs/" + id))));
  }

  /**
   * One non-blocking GET of the job, not retried: the job watcher's poll. A failed job's reason
   * comes from a second non-blocking GET of its details.
   */
  @Override
  public CompletableFuture<JobSnapshot> fetchAsync(String jobId) {
    return reads
        .readOnce(() -> get("/api/v1/jobs/" + uuid(jobId, "get_job")))
        .thenCompose(
            answer -> {
              JobSnapshot snapshot = toSnapshot(UUID.fromString(jobId), answer);
              if (snapshot.status() != JobStatus.FAILED) {
                return CompletableFuture.completedFuture(snapshot);
              }
              return context
                  .executor()
                  .once(
                      GET_DETAILS,
                      () ->
                          raw.sendJsonAsync(
                              get("/api/v1/jobs/" + snapshot.id() + "/details"),
                              dev.genjobs.generated.unstructured.model.JobDetails.class))
                  .handle(
                      (details, failure) ->
                          withReason(
                              snapshot, details == null ? null : details.value().getMessage()));
            });
  }

  private ClassicHttpRequest get(String path) {
    return raw.get(endpoint(path), ClientContext.userAgent(PROVIDER))
        .addHeader(API_KEY_HEADER, apiKey())
        .addHeader("Accept", "application/json")
        .build();
  }

  private JobSnapshot toSnapshot(UUID requestedId, Decoded<JobInformation> answer) {
    JobSnapshot snapshot = toSnapshot(answer.value());
    return answer.attachTo(
        snapshot, answer.value().getId() == null ? requestedId.toString() : snapshot.id());
  }

  // JobInformation has no reason; the details endpoint's message has it. One more call, only for
  // a failed job.
  private JobSnapshot withFailureReason(JobSnapshot snapshot) {
    if (snapshot.status() != JobStatus.FAILED || snapshot.failureReason().isPresent()) {
      return snapshot;
    }
    return withReason(snapshot, details(snapshot.id()).message());
  }

  private static JobSnapshot withReason(JobSnapshot snapshot, String message) {
    if (snapshot.failureReason().isPresent()) return snapshot;
    return snapshot.toBuilder()
        .failureReason(message == null ? "job FAILED (no message from the provider)" : message)
        .build();
  }

  /** Jobs, optionally filtered by workflow and raw status (e.g. {@code IN_PROGRESS}). */
  public List<JobSnapshot> listJobs(String workflowId, String status) {
    UUID workflow = workflowId == null ? null : uuid(workflowId, "list_jobs");
    List<JobInformation> jobs =
        context
            .executor()
            .execute(
                Operation.read(PROVIDER, "list_jobs"),
                "workflow_id=" + workflowId + ", status=" + status,
                () -> api.listJobs(workflow, status, null));
    return jobs == null ? List.of() : jobs.stream().map(this::toSnapshot).toList();
  }

  /** Jobs listed by the provider with their creation time, for finding a lost create again. */
  @Override
  public List<ListedJob> jobsCreatedBetween(java.time.Instant from, java.time.Instant to) {
    List<JobInformation> jobs =
        context
            .executor()
            .execute(
                Operation.read(PROVIDER, "list_jobs"),
                "all jobs",
                () -> api.listJobs(null, null, null));
    if (jobs == null) return List.of();
    return jobs.stream()
        .filter(j -> j.getId() != null && j.getCreatedAt() != null)
        .map(
            j ->
                new ListedJob(
                    j.getId().toString(),
                    j.getCreatedAt().toInstant(),
                    j.getWorkflowName() == null ? "" : j.getWorkflowName(),
                    exposedInputs(j)))
        .filter(j -> !j.createdAt().isBefore(from) && j.createdAt().isBefore(to))
        .toList();
  }

  @Override
  public JobSnapshot cancel(String jobId) {
    UUID id = uuid(jobId, "cancel_job");
    Map<String, Object> answer =
        context
            .executor()
            .execute(
                Operation.idempotentWrite(PROVIDER, "cancel_job"),
                "job_id=" + id,
                () -> api.cancelJob(id, null));
    String raw =
        answer == null || answer.get("status") == null
            ? "cancelled"
            : String.valueOf(answer.get("status"));
    return JobSnapshot.builder(PROVIDER, id.toString())
        .status(statuses.isKnown(raw) ? statuses.map(raw) : JobStatus.CANCELLED, raw)
        .failureReason(answer == null ? null : (String) answer.getOrDefault("message", null))
        .observedAt(context.options().clock().instant())
        .providerResponse(answer)
        .build();
  }

  public JobDetails details(String jobId) {
    UUID id = uuid(jobId, "get_job_details");
    var d =
        context
            .executor()
            .execute(
                Operation.read(PROVIDER, "get_job_details"),
                "job_id=" + id,
                () -> api.getJobDetails(id, null));
    List<JobDetails.NodeStats> stats =
        d.getNodeStats() == null
            ? List.of()
            : d.getNodeStats().stream()
                .map(
                    n ->
                        new JobDetails.NodeStats(
                            n.getNodeName(),
                            n.getNodeType(),
                            n.getNodeSubtype(),
                            n.getReady() == null ? 0 : n.getReady(),
                            n.getInProgress() == null ? 0 : n.getInProgress(),
                            n.getSuccess() == null ? 0 : n.getSuccess(),
                            n.getFailure() == null ? 0 : n.getFailure()))
                .toList();
    return new JobDetails(
        String.valueOf(d.getId()), d.getProcessingStatus(), stats, d.getMessage());
  }

  public List<FailedFile> failedFiles(String jobId) {
    UUID id = uuid(jobId, "get_job_failed_files");
    var f =
        context
            .executor()
            .execute(
                Operation.read(PROVIDER, "get_job_failed_files"),
                "job_id=" + id,
                () -> api.getJobFailedFiles(id, null));
    return f.getFailedFiles() == null
        ? List.of()
        : f.getFailedFiles().stream()
            .map(x -> new FailedFile(x.getDocument(), x.getError()))
            .toList();
  }

  /** Streams one output file of a finished job to {@code target} (replaced if it exists). */
  @Override
  public Path downloadOutput(String jobId, OutputFile file, Path target) {
    UUID id = uuid(jobId, "download_job_output");
    InputCheck.of(PROVIDER, "download_job_output")
        .requireText("/file_id", file.fileId())
        .requirePresent("/target", target)
        .orThrow();
    String key = apiKey();
    URI uri =
        endpoint(
            "/api/v1/jobs/"
                + id
                + "/download?file_id="
                + URLEncoder.encode(file.fileId(), StandardCharsets.UTF_8)
                + (file.nodeId() == null
                    ? ""
                    : "&node_id=" + URLEncoder.encode(file.nodeId(), StandardCharsets.UTF_8)));
    return context
        .executor()
        .execute(
            Operation.read(PROVIDER, "download_job_output"),
            "job_id=" + id + ", file_id=" + file.fileId(),
            () ->
                raw.download(
                    raw.get(uri, ClientContext.userAgent(PROVIDER))
                        .addHeader(API_KEY_HEADER, key)
                        .build(),
                    target));
  }

  private JobSnapshot toSnapshot(JobInformation info) {
    List<OutputFile> files =
        info.getOutputNodeFiles() == null
            ? List.of()
            : info.getOutputNodeFiles().stream()
                .map(
                    f ->
                        new OutputFile(
                            f.getFileId(),
                            f.getNodeId() == null ? null : f.getNodeId().toString(),
                            f.getNodeType(),
                            f.getNodeSubtype()))
                .toList();
    return JobSnapshot.builder(PROVIDER, String.valueOf(info.getId()))
        .status(statuses.map(info.getStatus()), info.getStatus())
        .statusRecognized(statuses.isKnown(info.getStatus()))
        .outputFiles(files)
        .observedAt(context.options().clock().instant())
        .providerResponse(info)
        .build();
  }

  private URI endpoint(String pathAndQuery) {
    String base = context.options().baseUrl(PROVIDER).toString();
    if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
    return URI.create(base + pathAndQuery);
  }

  private static UUID uuid(String jobId, String operation) {
    InputCheck.of(PROVIDER, operation).requireUuid("/job_id", jobId).orThrow();
    return UUID.fromString(jobId);
  }

  private static final JobRequest.Parts PARTS =
      new JobRequest.Parts(
          java.util.Map.of(
              JobRequest.Part.TEMPLATE, "template_id",
              JobRequest.Part.INPUT, "request_data",
              JobRequest.Part.FILES, "input_files"),
          java.util.Set.of());

  /** {@inheritDoc} */
  @Override
  public JobRequest.Parts parts() {
    return PARTS;
  }

  /** {@inheritDoc} */
  @Override
  public Job create(JobRequest request) {
    request.requireFits(PARTS, PROVIDER, "create_job");
    // request_data is the input with template_id set from the template; neither given leaves it
    // absent, for createJob to report.
    CreateJobRequest.Builder job = CreateJobRequest.builder().files(request.files());
    if (request.input().isPresent() || request.template().isPresent()) {
      java.util.Map<String, Object> data = new java.util.LinkedHashMap<>();
      request.template().ifPresent(t -> data.put("template_id", t));
      request.input().ifPresent(data::putAll);
      job.requestData(data);
    }
    return createJob(job.build());
  }
}
