package dev.genjobs.client.creatify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genjobs.client.Provider;
import dev.genjobs.client.core.ClientContext;
import dev.genjobs.client.core.RawHttp;
import dev.genjobs.client.jobs.CreatesJobs;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobBackend;
import dev.genjobs.client.jobs.JobRequest;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.jobs.OutputUrls;
import dev.genjobs.client.jobs.StatusMapping;
import dev.genjobs.client.observability.Operation;
import dev.genjobs.client.validation.InputCheck;
import dev.genjobs.client.validation.InputSchemas;
import dev.genjobs.client.webhooks.WebhookBodies;
import dev.genjobs.generated.creatify.inspiration.api.InspirationJobsApi;
import dev.genjobs.generated.creatify.inspiration.api.InspirationsApi;
import dev.genjobs.generated.creatify.inspiration.model.APICommunityRecipeMediaJob;
import dev.genjobs.generated.creatify.inspiration.model.APIGenerationRequest;
import dev.genjobs.generated.creatify.inspiration.model.Inspiration;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Creatify Inspiration jobs: AI ads from templates. Inputs are checked against the template's
 * published JSON Schema before any job is created.
 */
public final class InspirationClient implements JobBackend, CreatesJobs {

  private static final Provider PROVIDER = Provider.CREATIFY_INSPIRATION;

  private final ClientContext context;
  private final CreatifyAuth auth;
  private final RawHttp raw;
  private final StatusMapping statuses;
  private final InspirationJobsApi jobs;
  private final InspirationsApi templates;
  private final InputSchemas schemas;
  private final CreatifyJobReads<APICommunityRecipeMediaJob> reads;

  public InspirationClient(ClientContext context) {
    this.context = context;
    context.register(this);
    this.auth = new CreatifyAuth(context.options());
    this.raw = new RawHttp(context.transport(PROVIDER));
    this.statuses = context.statuses(PROVIDER, CreatifyStatuses.MAPPING);
    this.jobs = context.api(InspirationJobsApi.class, PROVIDER, auth);
    this.templates = context.api(InspirationsApi.class, PROVIDER, auth);
    this.reads =
        new CreatifyJobReads<>(
            context,
            auth,
            raw,
            PROVIDER,
            "inspiration_jobs_retrieve",
            "inspiration_jobs",
            APICommunityRecipeMediaJob.class,
            APICommunityRecipeMediaJob::getStatus,
            APICommunityRecipeMediaJob::getId,
            this::toSnapshot);
    this.schemas =
        new InputSchemas(
            id -> template(id).inputParamsSchema(),
            context.options().schemaCacheTtl(),
            context.options().clock(),
            context.mapper());
  }

  @Override
  public Provider provider() {
    return PROVIDER;
  }

  /**
   * An Inspiration job body, at the top level or under {@code data}: {@code id} and {@code
   * inspiration_id}.
   */
  @Override
  public Optional<String> webhookJobId(JsonNode payload) {
    return WebhookBodies.idOfJobWith(payload, "inspiration_id");
  }

  public List<Template> templates() {
    List<Inspiration> all =
        context
            .executor()
            .execute(
                Operation.read(PROVIDER, "inspirations_list"), "", templates::inspirationsList);
    return all == null ? List.of() : all.stream().map(this::toTemplate).toList();
  }

  public Template template(String inspirationId) {
    UUID id = uuid(inspirationId, "inspirations_retrieve", "/inspiration_id");
    return toTemplate(
        context
            .executor()
            .execute(
                Operation.read(PROVIDER, "inspirations_retrieve"),
                "id=" + id,
                () -> templates.inspirationsRetrieve(id)));
  }

  /**
   * Creates a job from a template after validating {@code input_params} against the template's
   * schema (fetched once and cached). Invalid input fails listing every violation.
   */
  public Job create(InspirationJobRequest request) {
    request.validate(
        PROVIDER,
        "inspiration_jobs_create",
        schemas,
        c -> c.requireUuid("/inspiration_id", request.inspirationId()));
    // Kept in the ledger record and in an ambiguous outcome's message; built once.
    String summary = request.toString();
    return context.createJob(
        this,
        "inspiration_jobs_create",
        summary,
        context
            .inputFingerprint()
            .field("inspiration_id", request.inspirationId())
            .fields("input_params.", request.inputParams())
            .build(),
        Duration.ZERO,
        request.webhookUrl().orElse(null),
        webhook -> {
          APIGenerationRequest body =
              new APIGenerationRequest()
                  .inspirationId(UUID.fromString(request.inspirationId()))
                  .inputParams(request.inputParams())
                  .webhookUrl(webhook);
          APICommunityRecipeMediaJob created =
              context
                  .executor()
                  .create(
                      Operation.create(PROVIDER, "inspiration_jobs_create"),
                      summary,
                      () -> jobs.inspirationJobsCreate(body),
                      APICommunityRecipeMediaJob::getId);
          return toSnapshot(created);
        });
  }

  /** A handle on a job created earlier, from its id. */
  public Job job(String id) {
    return Job.existing(this, context.watcher(), reads.jobUuid(id).toString());
  }

  @Override
  public JobSnapshot fetch(String id) {
    return reads.fetch(id);
  }

  /** One non-blocking GET of the job, not retried: the job watcher's poll. */
  @Override
  public CompletableFuture<JobSnapshot> fetchAsync(String id) {
    return reads.fetchAsync(id);
  }

  /** Drops cached template schemas. */
  public void invalidateSchemas() {
    schemas.invalidateAll();
  }

  private JobSnapshot toSnapshot(APICommunityRecipeMediaJob j) {
    JobStatus status = statuses.map(j.getStatus());
    return JobSnapshot.builder(PROVIDER, String.valueOf(j.getId()))
        .status(status, j.getStatus())
        .statusRecognized(statuses.isKnown(j.getStatus()))
        .failureReason(status == JobStatus.FAILED ? j.getFailedReason() : null)
        .outputUrls(OutputUrls.read(j.getOutput(), context.mapper()))
        .observedAt(context.options().clock().instant())
        .providerResponse(j)
        .build();
  }

  private Template toTemplate(Inspiration i) {
    JsonNode schema =
        i.getInputParamsSchema() == null
            ? null
            : context.mapper().valueToTree(i.getInputParamsSchema());
    return new Template(
        String.valueOf(i.getId()),
        i.getName(),
        i.getDescription(),
        i.getGenType(),
        schema,
        i.getPreviewImage(),
        i.getPreviewVideo(),
        i.getCreditCost() == null ? null : i.getCreditCost().doubleValue(),
        i.getCategories(),
        i.getLabels());
  }

  private static UUID uuid(String id, String operation, String pointer) {
    InputCheck.of(PROVIDER, operation).requireUuid(pointer, id).orThrow();
    return UUID.fromString(id);
  }

  private static final JobRequest.Parts PARTS =
      new JobRequest.Parts(
          java.util.Map.of(
              JobRequest.Part.TEMPLATE, "inspiration_id",
              JobRequest.Part.INPUT, "input_params",
              JobRequest.Part.WEBHOOK, "webhook_url"),
          java.util.Set.of(JobRequest.Part.TEMPLATE));

  /** {@inheritDoc} */
  @Override
  public JobRequest.Parts parts() {
    return PARTS;
  }

  /** {@inheritDoc} */
  @Override
  public Job create(JobRequest request) {
    request.requireFits(PARTS, PROVIDER, "create");
    return create(
        InspirationJobRequest.builder()
            .inspirationId(request.template().orElseThrow())
            .inputParams(request.input().orElse(null))
            .webhookUrl(request.webhook().orElse(null))
            .build());
  }
}
