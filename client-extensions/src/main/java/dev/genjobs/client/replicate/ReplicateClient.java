package dev.genjobs.client.replicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.genjobs.client.Provider;
import dev.genjobs.client.core.ClientContext;
import dev.genjobs.client.core.Decoded;
import dev.genjobs.client.core.JobReads;
import dev.genjobs.client.core.RawHttp;
import dev.genjobs.client.jobs.CreatesJobs;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobBackend;
import dev.genjobs.client.jobs.JobRequest;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.jobs.ListsRecentJobs;
import dev.genjobs.client.jobs.OutputUrls;
import dev.genjobs.client.jobs.StatusMapping;
import dev.genjobs.client.observability.Operation;
import dev.genjobs.client.store.InputFingerprint;
import dev.genjobs.client.validation.InputCheck;
import dev.genjobs.client.webhooks.StandardWebhooks;
import dev.genjobs.client.webhooks.WebhookVerifier;
import dev.genjobs.generated.replicate.api.PredictionsApi;
import dev.genjobs.generated.replicate.model.PaginatedPredictions;
import dev.genjobs.generated.replicate.model.Prediction;
import dev.genjobs.generated.replicate.model.VersionPredictionRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;

/**
 * Replicate predictions: create (by official model or by model version, optionally waiting for the
 * final answer), get, cancel, list, and signed webhooks. Get it with {@code
 * client.provider(ReplicateClient.class)}.
 *
 * <pre>{@code
 * Job job = client.provider(ReplicateClient.class)
 *     .create(PredictionRequest.builder().model("owner/name").input("prompt", "a fox").build());
 * JobSnapshot done = job.await(Duration.ofMinutes(5));
 * }</pre>
 */
public final class ReplicateClient implements JobBackend, CreatesJobs, ListsRecentJobs {

  private static final Provider PROVIDER = ReplicateModule.PROVIDER;

  /** The documented prediction statuses; anything else counts as still running. */
  static final StatusMapping STATUSES =
      StatusMapping.of(
          Map.of(
              "starting", JobStatus.QUEUED,
              "processing", JobStatus.RUNNING,
              "succeeded", JobStatus.SUCCEEDED,
              "failed", JobStatus.FAILED,
              "canceled", JobStatus.CANCELLED));

  /** The longest {@code Prefer: wait} Replicate takes. */
  static final Duration MAX_WAIT = Duration.ofSeconds(60);

  // owner/name: Replicate's owner and model names (letters, digits, '-', '_', '.').
  private static final Pattern MODEL =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9._-]+");
  // A version: its id (hex), or owner/name:id.
  private static final Pattern VERSION =
      Pattern.compile("(?:[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9._-]+:)?[A-Za-z0-9]+");

  /** The most list pages read when looking for a lost create (100 predictions a page). */
  private static final int MAX_LIST_PAGES = 10;

  private static final Operation CREATE_BY_VERSION =
      Operation.create(PROVIDER, "predictions.create");
  private static final Operation CREATE_BY_MODEL =
      Operation.create(PROVIDER, "models.predictions.create");
  private static final Operation GET = Operation.read(PROVIDER, "predictions.get");
  private static final Operation LIST = Operation.read(PROVIDER, "predictions.list");
  private static final Operation CANCEL = Operation.idempotentWrite(PROVIDER, "predictions.cancel");

  private static final JobRequest.Parts PARTS =
      new JobRequest.Parts(
          Map.of(
              JobRequest.Part.MODEL, "model or version",
              JobRequest.Part.INPUT, "input",
              JobRequest.Part.WEBHOOK, "webhook",
              JobRequest.Part.WAIT, "Prefer: wait"),
          Set.of(JobRequest.Part.MODEL));

  private final ClientContext context;
  private final PredictionsApi api;
  private final RawHttp raw;
  private final JobReads<Prediction> reads;
  private final StatusMapping statuses;
  private final WebhookVerifier webhookVerifier;

  public ReplicateClient(ClientContext context) {
    this.context = context;
    context.register(this);
    this.api =
        context.api(
            PredictionsApi.class,
            PROVIDER,
            template -> template.header("Authorization", authorization()));
    this.raw = new RawHttp(context.transport(PROVIDER));
    this.reads = new JobReads<>(context, raw, GET, Prediction.class, Prediction::getStatus);
    this.statuses = context.statuses(PROVIDER, STATUSES);
    this.webhookVerifier =
        StandardWebhooks.of(
            context.options().key(ReplicateModule.WEBHOOK_SECRET), context.options().clock());
  }

  private String authorization() {
    return "Bearer " + context.options().key(ReplicateModule.API_TOKEN).reveal();
  }

  @Override
  public Provider provider() {
    return PROVIDER;
  }

  // ---- create ----

  /**
   * Starts a prediction. The request is checked locally first; the create is written ahead to the
   * ledger and never retried once it may have reached Replicate. With {@link
   * PredictionRequest#waitFor()} the answer may already be final: the returned job then needs no
   * poll ({@code job.await} returns it at once).
   *
   * @throws dev.genjobs.client.errors.InvalidInputException naming each field that is wrong, before
   *     anything is sent
   */
  public Job create(PredictionRequest request) {
    check(request);
    Duration wait = request.waitFor().orElse(null);
    // Kept in the ledger record and in an ambiguous outcome's message; built once.
    String summary = request.toString();
    return context.createJob(
        this,
        request.model().isPresent() ? "models.predictions.create" : "predictions.create",
        summary,
        inputFingerprint(request),
        // A synchronous create holds the answer back for up to the wait.
        wait == null ? Duration.ZERO : wait,
        request.webhook().orElse(null),
        webhook -> {
          ClassicHttpRequest post = createRequest(request, webhook);
          Prediction answer =
              context
                  .executor()
                  .create(
                      request.model().isPresent() ? CREATE_BY_MODEL : CREATE_BY_VERSION,
                      summary,
                      // The answer may be held back for the whole wait before it starts.
                      () ->
                          raw.sendJson(post, Prediction.class, wait == null ? Duration.ZERO : wait),
                      Prediction::getId);
          return toSnapshot(answer.getId(), answer);
        });
  }

  private static void check(PredictionRequest request) {
    InputCheck check = InputCheck.of(PROVIDER, "predictions.create");
    String model = request.model().orElse(null);
    String version = request.version().orElse(null);
    check.check(
        model != null || version != null, "/model", "is required (or /version), none was given");
    check.check(
        model == null || version == null, "/version", "must not be given with /model: pick one");
    if (model != null) {
      check.check(
          MODEL.matcher(model).matches(), "/model", "must be owner/name, got '" + model + "'");
    }
    if (version != null) {
      check.check(
          VERSION.matcher(version).matches(),
          "/version",
          "must be a version id or owner/name:id, got '" + version + "'");
    }
    check.optionalHttpUrl("/webhook", request.webhook().orElse(null), 0);
    request
        .webhookEventsFilter()
        .ifPresent(
            events ->
                check.check(
                    !events.isEmpty(),
                    "/webhook_events_filter",
                    "must name at least one event; leave it unset for Replicate's default"));
    request
        .waitFor()
        .ifPresent(
            wait ->
                check.check(
                    wait.toNanosPart() == 0
                        && wait.compareTo(Duration.ofSeconds(1)) >= 0
                        && wait.compareTo(MAX_WAIT) <= 0,
                    "/Prefer",
                    "wait must be 1 to 60 whole seconds, got " + wait));
    check.orThrow();
  }

  private ClassicHttpRequest createRequest(PredictionRequest request, URI webhook) {
    Object body;
    String path;
    List<String> events =
        request
            .webhookEventsFilter()
            .map(set -> set.stream().map(PredictionRequest.Event::wireName).toList())
            .orElse(null);
    Map<String, Object> input = request.input() == null ? Map.of() : request.input();
    if (request.model().isPresent()) {
      String[] ownerAndName = request.model().get().split("/", 2);
      path =
          "/models/" + segment(ownerAndName[0]) + "/" + segment(ownerAndName[1]) + "/predictions";
      var b =
          new dev.genjobs.generated.replicate.model.PredictionRequest()
              .input(input)
              .webhook(webhook == null ? null : webhook.toString());
      // The generated model sends an empty filter (no event at all) unless told otherwise.
      b.setWebhookEventsFilter(events);
      body = b;
    } else {
      path = "/predictions";
      var b =
          new VersionPredictionRequest()
              .version(request.version().orElseThrow())
              .input(input)
              .webhook(webhook == null ? null : webhook.toString());
      b.setWebhookEventsFilter(events);
      body = b;
    }
    byte[] json;
    try {
      json = context.mapper().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "the input cannot be written as JSON: " + e.getMessage(), e);
    }
    Duration wait = request.waitFor().orElse(Duration.ZERO);
    ClassicRequestBuilder post =
        raw.post(endpoint(path), ClientContext.userAgent(PROVIDER))
            .addHeader("Authorization", authorization())
            .addHeader("Accept", "application/json")
            .setEntity(new ByteArrayEntity(json, ContentType.APPLICATION_JSON));
    if (!wait.isZero()) post.addHeader("Prefer", "wait=" + wait.toSeconds());
    return post.build();
  }

  /**
   * What the create sent, hashed field by field: what it ran ({@code model} and/or {@code version})
   * and each input value ({@code input.<key>}); the job list shows the same back.
   */
  private InputFingerprint inputFingerprint(PredictionRequest request) {
    InputFingerprint.Builder b = context.inputFingerprint();
    request.model().ifPresent(m -> b.field("model", m));
    request
        .version()
        .ifPresent(
            v -> {
              int colon = v.indexOf(':');
              if (colon > 0) {
                b.field("model", v.substring(0, colon));
                b.field("version", v.substring(colon + 1));
              } else {
                b.field("version", v);
              }
            });
    return b.fields("input.", request.input() == null ? Map.of() : request.input()).build();
  }

  /**
   * The parts of a provider-neutral create it takes: {@code MODEL} is an official model ({@code
   * owner/name}) or a version ({@code owner/name:id}, or a bare version id).
   */
  @Override
  public JobRequest.Parts parts() {
    return PARTS;
  }

  @Override
  public Job create(JobRequest request) {
    request.requireFits(PARTS, PROVIDER, "predictions.create");
    String target = request.model().orElseThrow();
    PredictionRequest.Builder b =
        PredictionRequest.builder()
            .input(request.input().orElse(null))
            .webhook(request.webhook().orElse(null))
            .waitFor(request.waitFor().orElse(null));
    if (MODEL.matcher(target).matches()) {
      b.model(target);
    } else {
      b.version(target);
    }
    return create(b.build());
  }

  // ---- read ----

  /** A handle on a prediction created earlier, from its id. */
  public Job job(String predictionId) {
    requireId(predictionId, "predictions.get");
    return Job.existing(this, context.watcher(), predictionId);
  }

  @Override
  public JobSnapshot fetch(String jobId) {
    requireId(jobId, "predictions.get");
    return toSnapshot(jobId, reads.read("prediction_id=" + jobId, get(predictionPath(jobId))));
  }

  /** One non-blocking GET of the prediction, not retried: the job watcher's poll. */
  @Override
  public CompletableFuture<JobSnapshot> fetchAsync(String jobId) {
    return reads
        .readOnce(
            () -> {
              requireId(jobId, "predictions.get");
              return get(predictionPath(jobId));
            })
        .thenApply(answer -> toSnapshot(jobId, answer));
  }

  /**
   * Asks Replicate to cancel the prediction; the answer is its state then ({@code canceled}, or the
   * state it had already ended in).
   */
  @Override
  public JobSnapshot cancel(String jobId) {
    requireId(jobId, "predictions.cancel");
    Prediction answer =
        context
            .executor()
            .execute(CANCEL, "prediction_id=" + jobId, () -> api.predictionsCancel(jobId));
    return toSnapshot(jobId, answer);
  }

  /**
   * Predictions Replicate lists as created in {@code [from, to)}, newest first, reading pages until
   * one is older than {@code from} (at most {@value #MAX_LIST_PAGES} pages). The list shows each
   * prediction's model and input, fingerprinted as a create's are.
   */
  @Override
  public List<ListedJob> jobsCreatedBetween(Instant from, Instant to) {
    List<ListedJob> found = new ArrayList<>();
    PaginatedPredictions page =
        context.executor().execute(LIST, "first page", api::predictionsList);
    for (int pages = 1; page != null; pages++) {
      boolean older = false;
      for (Prediction p : page.getResults() == null ? List.<Prediction>of() : page.getResults()) {
        if (p == null || p.getId() == null || p.getCreatedAt() == null) continue;
        Instant created = p.getCreatedAt().toInstant();
        if (created.isBefore(from)) older = true;
        if (!created.isBefore(from) && created.isBefore(to)) {
          found.add(
              new ListedJob(
                  p.getId(),
                  created,
                  p.getModel() != null ? p.getModel() : Objects.toString(p.getVersion(), ""),
                  exposedInputs(p)));
        }
      }
      URI next = page.getNext();
      if (older || next == null || pages >= MAX_LIST_PAGES || !isOurs(next)) break;
      page =
          context
              .executor()
              .execute(
                  LIST,
                  "page " + (pages + 1),
                  () -> raw.sendJsonDecoded(get(next), PaginatedPredictions.class).value());
    }
    return found;
  }

  /**
   * The model and input a listed prediction shows, hashed as {@link #inputFingerprint} hashes a
   * create's. The version is left out: a create by model does not know it. None when its data was
   * removed (the input is gone, so nothing would tell two predictions of a model apart).
   */
  private static InputFingerprint exposedInputs(Prediction listed) {
    if (Boolean.TRUE.equals(listed.getDataRemoved())
        || listed.getModel() == null
        || listed.getInput() == null) {
      return InputFingerprint.none();
    }
    return InputFingerprint.builder()
        .field("model", listed.getModel())
        .fields("input.", listed.getInput())
        .build();
  }

  // A next-page URL is followed only on the configured server: the token goes with it.
  private boolean isOurs(URI next) {
    URI base = context.options().baseUrl(PROVIDER);
    return next.isAbsolute()
        && base.getScheme().equalsIgnoreCase(String.valueOf(next.getScheme()))
        && base.getAuthority().equalsIgnoreCase(String.valueOf(next.getAuthority()))
        && next.getPath() != null
        && next.getPath().startsWith(stripSlash(base.getPath()) + "/predictions");
  }

  // ---- webhooks ----

  /**
   * A Replicate delivery is a prediction body: a text {@code id} with either a {@code urls} object
   * holding {@code get}, or a text {@code version} and {@code status}. None of the other providers'
   * bodies has either.
   */
  @Override
  public Optional<String> webhookJobId(JsonNode payload) {
    JsonNode id = payload.path("id");
    if (!id.isTextual() || id.asText().isBlank()) return Optional.empty();
    boolean hasUrls = payload.path("urls").isObject() && payload.path("urls").has("get");
    boolean hasVersionAndStatus =
        payload.path("version").isTextual() && payload.path("status").isTextual();
    return hasUrls || hasVersionAndStatus ? Optional.of(id.asText()) : Optional.empty();
  }

  /** Deliveries are signed per Standard Webhooks with {@code REPLICATE_WEBHOOK_SECRET}. */
  @Override
  public WebhookVerifier webhookVerifier() {
    return webhookVerifier;
  }

  // ---- HTTP and reading answers ----

  private static void requireId(String predictionId, String operation) {
    InputCheck.of(PROVIDER, operation).requireText("/prediction_id", predictionId).orThrow();
  }

  private static String predictionPath(String id) {
    return "/predictions/" + segment(id);
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private URI endpoint(String path) {
    return URI.create(stripSlash(context.options().baseUrl(PROVIDER).toString()) + path);
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private ClassicHttpRequest get(String path) {
    return get(endpoint(path));
  }

  private ClassicHttpRequest get(URI uri) {
    return raw.get(uri, ClientContext.userAgent(PROVIDER))
        .addHeader("Authorization", authorization())
        .addHeader("Accept", "application/json")
        .build();
  }

  private JobSnapshot toSnapshot(String requestedId, Decoded<Prediction> answer) {
    JobSnapshot snapshot = toSnapshot(requestedId, answer.value());
    return answer.attachTo(snapshot, snapshot.id());
  }

  private JobSnapshot toSnapshot(String requestedId, Prediction p) {
    String raw = p.getStatus();
    JobStatus status = statuses.map(raw);
    return JobSnapshot.builder(PROVIDER, p.getId() == null ? requestedId : p.getId())
        .status(status, raw)
        .statusRecognized(statuses.isKnown(raw))
        .failureReason(status == JobStatus.FAILED ? failureReason(p) : null)
        .outputUrls(outputUrls(p.getOutput()))
        .observedAt(context.options().clock().instant())
        .providerResponse(p)
        .build();
  }

  private static String failureReason(Prediction p) {
    return p.getError() != null && !p.getError().isBlank()
        ? p.getError()
        : "Replicate reports the prediction failed without an error";
  }

  /**
   * Every http(s) URL in {@code output}, whatever its shape: the model decides it (one URL, a list
   * of them, an object of named files, or text that is no URL at all, which yields none).
   */
  private List<URI> outputUrls(Object output) {
    List<URI> urls = new ArrayList<>();
    collectUrls(output == null ? null : context.mapper().valueToTree(output), urls, 0);
    return urls;
  }

  private void collectUrls(JsonNode node, List<URI> out, int depth) {
    if (node == null || depth > 8) return;
    if (node.isTextual()) {
      out.addAll(OutputUrls.read(node.asText(), context.mapper()));
    } else if (node.isContainerNode()) {
      node.forEach(child -> collectUrls(child, out, depth + 1));
    }
  }
}
