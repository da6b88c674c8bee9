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
import dev.genjobs.client.jobs.ListsModels;
import dev.genjobs.client.jobs.OutputUrls;
import dev.genjobs.client.jobs.StatusMapping;
import dev.genjobs.client.observability.Operation;
import dev.genjobs.client.validation.InputCheck;
import dev.genjobs.client.validation.InputSchemas;
import dev.genjobs.client.webhooks.WebhookBodies;
import dev.genjobs.generated.creatify.assetgenerator.api.AssetGeneratorApi;
import dev.genjobs.generated.creatify.assetgenerator.model.APIAIToolsFlowAsset;
import dev.genjobs.generated.creatify.assetgenerator.model.AssetGeneratorModel;
import dev.genjobs.generated.creatify.assetgenerator.model.AssetGeneratorRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Creatify's Asset Generator: image and video generation by model. Inputs are checked against the
 * model's published JSON Schema before any job is created.
 */
public final class AssetGeneratorClient implements JobBackend, CreatesJobs, ListsModels {

  private static final Provider PROVIDER = Provider.CREATIFY_ASSET_GENERATOR;
  private static final int MAX_IDS_PER_LIST = 100;

  private final ClientContext context;
  private final CreatifyAuth auth;
  private final RawHttp raw;
  private final StatusMapping statuses;
  private final AssetGeneratorApi api;
  private final InputSchemas schemas;
  private final CreatifyJobReads<APIAIToolsFlowAsset> reads;

  public AssetGeneratorClient(ClientContext context) {
    this.context = context;
    context.register(this);
    this.auth = new CreatifyAuth(context.options());
    this.raw = new RawHttp(context.transport(PROVIDER));
    this.statuses = context.statuses(PROVIDER, CreatifyStatuses.MAPPING);
    this.api = context.api(AssetGeneratorApi.class, PROVIDER, auth);
    this.reads =
        new CreatifyJobReads<>(
            context,
            auth,
            raw,
            PROVIDER,
            "asset_generator_retrieve",
            "asset_generator",
            APIAIToolsFlowAsset.class,
            APIAIToolsFlowAsset::getStatus,
            APIAIToolsFlowAsset::getId,
            this::toSnapshot);
    this.schemas =
        new InputSchemas(
            this::fetchSchema,
            context.options().schemaCacheTtl(),
            context.options().clock(),
            context.mapper());
  }

  @Override
  public Provider provider() {
    return PROVIDER;
  }

  /**
   * An asset generation body, at the top level or under {@code data}: {@code id} and {@code
   * model_name}.
   */
  @Override
  public Optional<String> webhookJobId(JsonNode payload) {
    return WebhookBodies.idOfJobWith(payload, "model_name");
  }

  /** {@link #models} as the provider-neutral {@code ListsModels}. */
  @Override
  public List<ListsModels.ModelInput> modelInputs(String... modelNames) {
    return models(modelNames).stream()
        .map(m -> new ListsModels.ModelInput(m.modelName(), m.inputParamsSchema()))
        .toList();
  }

  /** The available models and their input schemas; all of them when no name is given. */
  public List<ModelSchema> models(String... modelNames) {
    String filter = modelNames.length == 0 ? null : String.join(",", modelNames);
    List<AssetGeneratorModel> models =
        context
            .executor()
            .execute(
                Operation.read(PROVIDER, "asset_generator_schemas_list"),
                "model_name=" + filter,
                () -> api.assetGeneratorSchemasList(filter));
    return models == null
        ? List.of()
        : models.stream()
            .map(
                m ->
                    new ModelSchema(
                        m.getModelName(), context.mapper().valueToTree(m.getInputParamsSchema())))
            .toList();
  }

  private JsonNode fetchSchema(String modelName) {
    return models(modelName).stream()
        .filter(m -> modelName.equals(m.modelName()))
        .findFirst()
        .map(ModelSchema::inputParamsSchema)
        .orElse(null);
  }

  /**
   * Creates a generation task after validating {@code input_params} against the model's schema
   * (fetched once and cached). Invalid input fails listing every violation; nothing is created.
   */
  public Job create(AssetGenerationRequest request) {
    request.validate(
        PROVIDER,
        "asset_generator_create",
        schemas,
        c -> c.requireText("/model_name", request.modelName()));
    // Kept in the ledger record and in an ambiguous outcome's message; built once.
    String summary = request.toString();
    return context.createJob(
        this,
        "asset_generator_create",
        summary,
        context
            .inputFingerprint()
            .field("model_name", request.modelName())
            .fields("input_params.", request.inputParams())
            .build(),
        Duration.ZERO,
        request.webhookUrl().orElse(null),
        webhook -> {
          AssetGeneratorRequest body =
              new AssetGeneratorRequest()
                  .modelName(request.modelName())
                  .inputParams(request.inputParams())
                  .webhookUrl(webhook);
          APIAIToolsFlowAsset created =
              context
                  .executor()
                  .create(
                      Operation.create(PROVIDER, "asset_generator_create"),
                      summary,
                      () -> api.assetGeneratorCreate(body),
                      APIAIToolsFlowAsset::getId);
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

  /** Several tasks in one call (at most 100 ids). */
  public List<JobSnapshot> list(List<String> ids) {
    InputCheck check =
        InputCheck.of(PROVIDER, "asset_generator_list")
            .check(
                ids.size() <= MAX_IDS_PER_LIST,
                "/ids",
                "at most " + MAX_IDS_PER_LIST + " ids per call, got " + ids.size());
    ids.forEach(i -> check.requireUuid("/ids", i));
    check.orThrow();
    String joined = String.join(",", ids);
    List<APIAIToolsFlowAsset> assets =
        context
            .executor()
            .execute(
                Operation.read(PROVIDER, "asset_generator_list"),
                "ids=" + joined,
                () -> api.assetGeneratorList(joined));
    return assets == null ? List.of() : assets.stream().map(this::toSnapshot).toList();
  }

  /** Drops cached model schemas, e.g. after the provider changed a model. */
  public void invalidateSchemas() {
    schemas.invalidateAll();
  }

  private JobSnapshot toSnapshot(APIAIToolsFlowAsset a) {
    JobStatus status = statuses.map(a.getStatus());
    return JobSnapshot.builder(PROVIDER, String.valueOf(a.getId()))
        .status(status, a.getStatus())
        .statusRecognized(statuses.isKnown(a.getStatus()))
        .failureReason(status == JobStatus.FAILED ? a.getFailedReason() : null)
        .outputUrls(OutputUrls.read(a.getAssets(), context.mapper()))
        .observedAt(context.options().clock().instant())
        .providerResponse(a)
        .build();
  }

  private static final JobRequest.Parts PARTS =
      new JobRequest.Parts(
          java.util.Map.of(
              JobRequest.Part.MODEL, "model_name",
              JobRequest.Part.INPUT, "input_params",
              JobRequest.Part.WEBHOOK, "webhook_url"),
          java.util.Set.of(JobRequest.Part.MODEL));

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
        AssetGenerationRequest.builder()
            .modelName(request.model().orElseThrow())
            .inputParams(request.input().orElse(null))
            .webhookUrl(request.webhook().orElse(null))
            .build());
  }
}
