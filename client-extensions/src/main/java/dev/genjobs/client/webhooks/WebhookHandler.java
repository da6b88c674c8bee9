package dev.genjobs.client.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.JobBackend;
import dev.genjobs.client.jobs.JobWatcher;
import dev.genjobs.client.observability.ClientObserver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a provider's webhook delivery from any web framework: hand it the raw body (and headers)
 * and answer the provider with {@link WebhookResult#httpStatus()}. The payload is only used to find
 * the job; its state is confirmed with the provider's GET, as the providers advise, because a
 * webhook URL can be called by anyone. Repeated deliveries cost nothing; unknown job ids are
 * rejected.
 */
public final class WebhookHandler {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);

  private final JobWatcher watcher;
  private final ObjectMapper mapper;
  private final Executor executor;
  private final dev.genjobs.client.store.internal.Ledger ledger;
  private final ClientObserver observer;
  private final List<JobBackend> providers;

  public WebhookHandler(JobWatcher watcher, ObjectMapper mapper) {
    this(watcher, mapper, Runnable::run);
  }

  /**
   * @param executor the client's own small executor, on which a {@link WebhookReceiver} built on
   *     this handler reads deliveries
   */
  public WebhookHandler(JobWatcher watcher, ObjectMapper mapper, Executor executor) {
    this(watcher, mapper, executor, null, ClientObserver.NONE);
  }

  /**
   * @param observer told about each delivery and its verdict
   */
  public WebhookHandler(
      JobWatcher watcher, ObjectMapper mapper, Executor executor, ClientObserver observer) {
    this(watcher, mapper, executor, null, observer);
  }

  /**
   * With a ledger, deliveries for any job in it are accepted (not only those awaited in this
   * process), and a delivery for a job id we never saw is matched to its create by the correlation
   * token our creates add to the webhook URL.
   *
   * @param ledger the client's job ledger, or {@code null} for waits in this process only
   * @param observer told about each delivery and its verdict
   */
  public WebhookHandler(
      JobWatcher watcher,
      ObjectMapper mapper,
      Executor executor,
      dev.genjobs.client.store.internal.Ledger ledger,
      ClientObserver observer) {
    this(watcher, mapper, executor, ledger, observer, List.of());
  }

  /**
   * @param ledger the client's job ledger, or {@code null} for waits in this process only
   * @param observer told about each delivery and its verdict
   * @param providers asked in order which of them a delivery's body belongs to ({@link
   *     JobBackend#webhookJobId}); with none, or when none claims it, the job is found by its id
   */
  public WebhookHandler(
      JobWatcher watcher,
      ObjectMapper mapper,
      Executor executor,
      dev.genjobs.client.store.internal.Ledger ledger,
      ClientObserver observer,
      List<? extends JobBackend> providers) {
    this.watcher = watcher;
    this.mapper = mapper;
    this.executor = executor;
    this.ledger = ledger;
    this.observer = observer;
    this.providers = List.copyOf(providers);
  }

  /** The executor deliveries are read on when received by a {@link WebhookReceiver}. */
  public Executor executor() {
    return executor;
  }

  /** Handles one delivery, blocking until the confirming GET (if any) has answered. */
  public WebhookResult handle(byte[] body, Map<String, List<String>> headers) {
    return handleAsync(null, body, headers).join();
  }

  /**
   * Like {@link #handle(byte[], Map)}, with the URL the delivery was sent to: its {@code
   * genjobs_ref} query parameter ties a job id we never saw (its create's answer was lost) to the
   * create's ledger record.
   */
  public WebhookResult handle(
      java.net.URI requestUri, byte[] body, Map<String, List<String>> headers) {
    return handleAsync(requestUri, body, headers).join();
  }

  /** Like {@link #handleAsync(Provider, java.net.URI, byte[], Map)}, blocking until it is done. */
  public WebhookResult handle(
      Provider provider, java.net.URI requestUri, byte[] body, Map<String, List<String>> headers) {
    return handleAsync(provider, requestUri, body, headers).join();
  }

  /**
   * Handles one delivery without blocking: the future completes when the confirming GET (if any)
   * has answered. Answer the provider with its {@link WebhookResult#httpStatus()}.
   */
  public CompletableFuture<WebhookResult> handleAsync(
      byte[] body, Map<String, List<String>> headers) {
    return handleAsync(null, body, headers);
  }

  /** Like {@link #handleAsync(byte[], Map)}, with the URL the delivery was sent to. */
  public CompletableFuture<WebhookResult> handleAsync(
      java.net.URI requestUri, byte[] body, Map<String, List<String>> headers) {
    return handleAsync(null, requestUri, body, headers);
  }

  /**
   * Handles one delivery sent to {@code provider}'s own webhook URL (e.g. {@code
   * /webhooks/replicate}): it is verified as that provider signs deliveries, and its job is looked
   * for only among that provider's jobs. Deliveries to a URL that names no provider ({@code
   * provider} null) are told apart by their body.
   */
  public CompletableFuture<WebhookResult> handleAsync(
      Provider provider, java.net.URI requestUri, byte[] body, Map<String, List<String>> headers) {
    if (observer == ClientObserver.NONE) {
      return handleUnobserved(provider, requestUri, body, headers);
    }
    ClientObserver.Delivery delivery = observer.webhookReceived();
    CompletableFuture<WebhookResult> result;
    try {
      result = handleUnobserved(provider, requestUri, body, headers);
    } catch (RuntimeException e) {
      delivery.handled(null, e);
      throw e;
    }
    return result.whenComplete(delivery::handled);
  }

  /** The providers this handler knows, in the order their bodies are told apart. */
  public List<Provider> providers() {
    return providers.stream().map(JobBackend::provider).toList();
  }

  private CompletableFuture<WebhookResult> handleUnobserved(
      Provider scope, java.net.URI requestUri, byte[] body, Map<String, List<String>> headers) {
    JobBackend scoped = null;
    if (scope != null) {
      scoped = providers.stream().filter(b -> b.provider().equals(scope)).findFirst().orElse(null);
      if (scoped == null) {
        return done(WebhookResult.invalid("this client has no provider " + scope.id()));
      }
      // Before the body is read: a delivery that is not the provider's is not looked at.
      Optional<WebhookResult> refused = refusedSignature(scope, body, headers);
      if (refused.isPresent()) return done(refused.get());
    }
    String token = tokenOf(requestUri);
    JsonNode payload;
    try {
      payload = mapper.readTree(body);
    } catch (Exception e) {
      return done(WebhookResult.invalid("body is not JSON"));
    }
    if (payload == null || !payload.isObject()) {
      return done(WebhookResult.invalid("body is not a JSON object"));
    }
    Optional<JobRef> ref = scoped != null ? identifyAs(scoped, payload) : identify(payload);
    if (ref.isEmpty()) {
      return done(WebhookResult.invalid("no job id in the payload"));
    }
    String id = ref.get().jobId();
    Provider named = ref.get().provider();
    if (scoped == null && named != null) {
      // Told apart by its body: a provider that signs its deliveries still gets its check.
      Optional<WebhookResult> refused = refusedSignature(named, body, headers);
      if (refused.isPresent()) return done(refused.get());
    }
    if (named == null && ledger != null) {
      // Told apart by neither URL nor body: the ledger knows whose job (or create) it is, and a
      // provider that signs its deliveries still gets its check before anything changes.
      Optional<Provider> recorded =
          ledger
              .findByJob(null, id)
              .or(() -> ledger.findByToken(token))
              .map(dev.genjobs.client.store.JobRecord::provider);
      Optional<WebhookResult> refused = recorded.flatMap(p -> refusedSignature(p, body, headers));
      if (refused.isPresent()) return done(refused.get());
    }
    if (ledger != null && ledger.servesWaits()) {
      return fromLedger(named, id, token);
    }
    if (named == null && ledger != null && watcher.providerOf(id).isEmpty()) {
      return fromLedger(null, id, token);
    }
    if (named == null) {
      Optional<Provider> watched = watcher.providerOf(id);
      if (watched.isEmpty()) return done(WebhookResult.unknownJob(null, id));
      named = watched.get();
      Optional<WebhookResult> refused = refusedSignature(named, body, headers);
      if (refused.isPresent()) return done(refused.get());
    }
    Provider provider = named;
    return watcher
        .confirmAsync(provider, id)
        .thenCompose(
            confirmation ->
                confirmation == JobWatcher.Confirmation.UNKNOWN_JOB && ledger != null
                    ? fromLedger(provider, id, token)
                    : CompletableFuture.completedFuture(toResult(confirmation, provider, id)));
  }

  /** The refusal when {@code provider} signs its deliveries and this one's signature fails. */
  private Optional<WebhookResult> refusedSignature(
      Provider provider, byte[] body, Map<String, List<String>> headers) {
    JobBackend backend = backendOf(provider);
    if (backend == null) return Optional.empty();
    return backend
        .webhookVerifier()
        .rejection(body, headers)
        .map(
            why -> {
              LOG.warn("{} webhook delivery refused: {}", provider.displayName(), why);
              return WebhookResult.signatureRejected(provider, why);
            });
  }

  private JobBackend backendOf(Provider provider) {
    for (JobBackend b : providers) if (b.provider().equals(provider)) return b;
    return null;
  }

  private static WebhookResult toResult(
      JobWatcher.Confirmation verdict, Provider provider, String id) {
    return java.util.Optional.of(verdict)
        .map(
            confirmation -> {
              LOG.debug("webhook for {} job {}: {}", provider, id, confirmation);
              return switch (confirmation) {
                case COMPLETED -> WebhookResult.of(WebhookResult.Outcome.COMPLETED, provider, id);
                case STILL_RUNNING ->
                    WebhookResult.of(WebhookResult.Outcome.STILL_RUNNING, provider, id);
                case FAILED ->
                    WebhookResult.of(WebhookResult.Outcome.CONFIRMATION_FAILED, provider, id);
                case NOT_CONFIRMED ->
                    WebhookResult.of(WebhookResult.Outcome.NOT_CONFIRMED, provider, id);
                case DUPLICATE -> WebhookResult.of(WebhookResult.Outcome.DUPLICATE, provider, id);
                case UNKNOWN_JOB -> WebhookResult.unknownJob(provider, id);
              };
            })
        .orElseThrow();
  }

  /**
   * The ledger confirms: with durable work by making the job's poll due now (any instance sends
   * it), otherwise with one GET that holds no thread.
   */
  private CompletableFuture<WebhookResult> fromLedger(Provider provider, String id, String token) {
    return ledger
        .deliveryReceived(provider, id, token)
        .thenApply(
            d -> {
              LOG.debug("webhook for {} job {}: ledger {}", provider, id, d);
              return switch (d) {
                case COMPLETED -> WebhookResult.of(WebhookResult.Outcome.COMPLETED, provider, id);
                case STILL_RUNNING ->
                    WebhookResult.of(WebhookResult.Outcome.STILL_RUNNING, provider, id);
                case CONFIRMATION_DUE ->
                    WebhookResult.of(WebhookResult.Outcome.CONFIRMATION_DUE, provider, id);
                case CONFIRMATION_FAILED ->
                    WebhookResult.of(WebhookResult.Outcome.CONFIRMATION_FAILED, provider, id);
                case DUPLICATE -> WebhookResult.of(WebhookResult.Outcome.DUPLICATE, provider, id);
                case UNKNOWN -> WebhookResult.unknownJob(provider, id);
              };
            });
  }

  private static String tokenOf(java.net.URI uri) {
    if (uri == null || uri.getRawQuery() == null) return null;
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0
          && pair.substring(0, eq)
              .equals(dev.genjobs.client.store.internal.Ledger.TOKEN_PARAMETER)) {
        return java.net.URLDecoder.decode(
            pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static CompletableFuture<WebhookResult> done(WebhookResult result) {
    return CompletableFuture.completedFuture(result);
  }

  private record JobRef(Provider provider, String jobId) {}

  /**
   * Which provider sent this: the first of {@link #providers} that recognizes the body. Otherwise
   * only the job id ({@code id} or {@code data.id}), and the provider is whoever watches or
   * recorded a job with that id.
   */
  private Optional<JobRef> identify(JsonNode p) {
    for (JobBackend backend : providers) {
      Optional<String> id = backend.webhookJobId(p);
      if (id.isPresent()) return Optional.of(new JobRef(backend.provider(), id.get()));
    }
    return plainId(p).map(id -> new JobRef(null, id));
  }

  /** A delivery to {@code backend}'s own URL: its job id, read its way or as a plain id. */
  private static Optional<JobRef> identifyAs(JobBackend backend, JsonNode p) {
    return backend
        .webhookJobId(p)
        .or(() -> plainId(p))
        .map(id -> new JobRef(backend.provider(), id));
  }

  private static Optional<String> plainId(JsonNode p) {
    JsonNode job = p.has("id") ? p : p.path("data");
    String id = job.path("id").asText("");
    return id.isBlank() ? Optional.empty() : Optional.of(id);
  }
}
