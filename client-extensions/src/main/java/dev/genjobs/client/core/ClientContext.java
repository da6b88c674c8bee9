package dev.genjobs.client.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.JobWatcher;
import dev.genjobs.client.store.InputFingerprint;
import dev.genjobs.generated.SpecVersions;
import feign.Logger;
import feign.RequestInterceptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What every provider client shares: options, the HTTP transport, the retry executor and the job
 * watcher. Built once per {@code GenJobsClient}; provider packages use it, callers do not.
 */
public final class ClientContext implements AutoCloseable {

  /** This library's version, from the jar. */
  public static final String LIBRARY_VERSION = libraryVersion();

  /** The longest a durable poll waits behind the provider's request limits. */
  private static final java.time.Duration POLL_LIMITER_WAIT = java.time.Duration.ofSeconds(30);

  private final ClientSettings options;
  private final HttpTransport transport;
  private final java.util.Map<Provider, HttpTransport> providerTransports;
  private final CallExecutor executor;
  private final JobWatcher watcher;
  private final HttpTransport.OwnedClient ownedHttpClient;
  private final java.util.concurrent.ExecutorService sendExecutor;
  private final java.util.Map<Provider, dev.genjobs.client.jobs.JobBackend> backends =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final dev.genjobs.client.store.internal.Ledger ledger;
  private final java.util.List<String> secrets;

  /**
   * @param options the client's settings
   * @param errorBodies how each provider's error bodies read (the others: {@link
   *     dev.genjobs.client.errors.ErrorBodyReader#COMMON})
   * @param secretHeaders every provider's credential headers, redacted from logs
   */
  public ClientContext(
      ClientSettings options,
      java.util.Map<Provider, dev.genjobs.client.errors.ErrorBodyReader> errorBodies,
      java.util.Collection<String> secretHeaders) {
    this.options = options;
    org.apache.hc.client5.http.impl.classic.CloseableHttpClient http;
    if (options.httpClient() != null) {
      http = options.httpClient();
      ownedHttpClient = null;
    } else {
      ownedHttpClient =
          HttpTransport.newHttpClient(
              options.connectTimeout(), options.readTimeout(), options.idleConnectionTimeout());
      http = ownedHttpClient.client();
    }
    this.sendExecutor = HttpTransport.newSendExecutor(options.pollThreads());
    // The watcher's scheduler keeps every library clock: poll times, wait timeouts, and the
    // whole-answer deadline of each asynchronous send.
    dev.genjobs.client.jobs.WatchScheduler scheduler =
        dev.genjobs.client.jobs.WatchScheduler.threads(options.watcherThreads(), options.clock());
    HttpTransport.Timer timer =
        (task, delay) -> {
          dev.genjobs.client.jobs.WatchScheduler.Cancellable c = scheduler.schedule(task, delay);
          return c::cancel;
        };
    ObjectMapper mapper = Json.newMapper();
    this.secrets = options.keys().stream().map(dev.genjobs.client.Secret::reveal).toList();
    this.transport =
        new HttpTransport(
            http,
            mapper,
            options.maxErrorBodyChars(),
            options.clock(),
            options.connectTimeout(),
            options.readTimeout(),
            options.logHttp() ? Logger.Level.HEADERS : Logger.Level.NONE,
            secrets,
            secretHeaders,
            sendExecutor,
            timer);
    java.util.Map<Provider, HttpTransport> perProvider = new java.util.HashMap<>();
    errorBodies.forEach((p, reader) -> perProvider.put(p, transport.readingErrorsWith(reader)));
    this.providerTransports = java.util.Map.copyOf(perProvider);
    this.executor =
        new CallExecutor(
                options.retryPolicy(), options.sleeper(), options.clock(), options.readTimeout())
            .observedBy(options.observer());
    dev.genjobs.client.jobs.WatchHooks hooks =
        dev.genjobs.client.observability.ObservingWatchHooks.of(
            options.watchHooks(), options.observer());
    this.watcher =
        JobWatcher.builder()
            .scheduler(scheduler)
            .pollPolicy(options.pollPolicy())
            .hooks(hooks)
            .requestLimits(options.requestLimits())
            .build();
    this.ledger =
        new dev.genjobs.client.store.internal.Ledger(
            options.jobStore().orElseGet(dev.genjobs.client.store.InMemoryJobStore::new),
            options.jobStore().isPresent(),
            options.instanceId(),
            options.ledgerPolicy(),
            options.pollPolicy(),
            options.clock(),
            // The longest a create call can take; an intent older than this was interrupted.
            options
                .retryPolicy()
                .maxElapsed()
                .plus(options.readTimeout())
                .plus(options.connectTimeout()),
            secrets,
            this::backend,
            watcher::pollOnce,
            // The same hooks as the watcher's: durable polls reach the same meters.
            hooks,
            // A durable poll's GET has its own whole-answer deadline; this also bounds its wait
            // behind the provider's limiter, so a work thread is never held for long.
            options.connectTimeout().plus(options.readTimeout()).plus(POLL_LIMITER_WAIT));
  }

  /**
   * Starts the ledger's durable work (polls, confirmations, create deadlines) once every provider
   * client has {@link #register registered}.
   */
  public void start() {
    ledger.start();
  }

  /** Provider clients register here so the ledger can poll and confirm their jobs. */
  public void register(dev.genjobs.client.jobs.JobBackend backend) {
    backends.put(backend.provider(), backend);
  }

  public dev.genjobs.client.jobs.JobBackend backend(Provider provider) {
    dev.genjobs.client.jobs.JobBackend b = backends.get(provider);
    if (b == null) throw new IllegalStateException("no client for " + provider);
    return b;
  }

  public dev.genjobs.client.store.internal.Ledger ledger() {
    return ledger;
  }

  /**
   * Creates a job write-ahead: stores the intent, sends with the webhook URL tagged with the
   * record's correlation token, stores the outcome. A create that may have started a job is never
   * repeated; it stays in the ledger as AMBIGUOUS, to be resolved.
   *
   * @param send sends the create with the (tagged) webhook URL and returns the provider's answer
   */
  public dev.genjobs.client.jobs.Job createJob(
      dev.genjobs.client.jobs.JobBackend backend,
      String operation,
      String requestSummary,
      java.net.URI webhook,
      java.util.function.Function<java.net.URI, dev.genjobs.client.jobs.JobSnapshot> send) {
    return createJob(
        backend,
        operation,
        requestSummary,
        InputFingerprint.none(),
        java.time.Duration.ZERO,
        webhook,
        send);
  }

  /**
   * {@link #createJob(dev.genjobs.client.jobs.JobBackend, String, String, java.net.URI,
   * java.util.function.Function)} with what the ledger keeps to recognise the job and to know when
   * the create can no longer be answered.
   *
   * @param inputs the secret-free fingerprint of the request's inputs (see {@link
   *     #inputFingerprint()})
   * @param sendingAllowance how much longer than the read timeout sending the body may take (an
   *     upload); zero for a small JSON body
   */
  public dev.genjobs.client.jobs.Job createJob(
      dev.genjobs.client.jobs.JobBackend backend,
      String operation,
      String requestSummary,
      InputFingerprint inputs,
      java.time.Duration sendingAllowance,
      java.net.URI webhook,
      java.util.function.Function<java.net.URI, dev.genjobs.client.jobs.JobSnapshot> send) {
    dev.genjobs.client.store.internal.Ledger.Intent intent =
        ledger.intend(
            backend.provider(),
            operation,
            requestSummary,
            inputs,
            sendingAllowance,
            webhook != null);
    dev.genjobs.client.jobs.JobSnapshot created;
    try {
      created = send.apply(intent.tagWebhook(webhook));
    } catch (dev.genjobs.client.errors.AmbiguousOutcomeException e) {
      intent.ambiguous(e);
      throw e.withLedgerId(intent.ledgerId());
    } catch (dev.genjobs.client.errors.GenJobsException e) {
      // Definite: the retry rules only let a create fail this way when no job was started.
      intent.refused(e);
      throw e;
    } catch (RuntimeException e) {
      // Unknown: treat as "may have been created", never as refused.
      intent.ambiguous(
          new dev.genjobs.client.errors.AmbiguousOutcomeException(
              backend.provider(), operation, options.clock().instant(), requestSummary, e));
      throw e;
    }
    try {
      intent.created(created);
    } catch (RuntimeException e) {
      // The job exists: the ledger keeps trying to store it, so it is followed once the database
      // answers again, and this create still returns the job.
      org.slf4j.LoggerFactory.getLogger(ClientContext.class)
          .warn(
              "{} job {} was created but the ledger could not store it (record {}), retrying: {}",
              backend.provider().displayName(),
              created.id(),
              intent.ledgerId(),
              ledger.scrub(e.toString()));
      intent.createdEventually(created);
    }
    return new dev.genjobs.client.jobs.Job(
        backend, watcher, created, webhook != null, intent.ledgerId(), ledger);
  }

  /**
   * A builder for a create's input fingerprint that leaves out any value containing one of this
   * client's keys: provider clients add each input field they send.
   */
  public InputFingerprint.Builder inputFingerprint() {
    return InputFingerprint.builder().withholdingValuesContaining(secrets);
  }

  /**
   * {@code provider}'s built-in status values with the user's {@code statusMapping} overrides on
   * top; unknown values are logged once.
   */
  public dev.genjobs.client.jobs.StatusMapping statuses(
      Provider provider, dev.genjobs.client.jobs.StatusMapping builtIn) {
    return builtIn.forProvider(provider, options.statusMappings(provider));
  }

  /**
   * A small executor of the client's own for work that may block and must not run on the watcher's
   * clock threads, such as reading webhook deliveries: the poll threads. Not the JDK client's
   * internal pool, which must never wait on a socket (every answer is delivered through it).
   */
  public java.util.concurrent.Executor callbackExecutor() {
    return sendExecutor;
  }

  public ClientSettings options() {
    return options;
  }

  public HttpTransport transport() {
    return transport;
  }

  /** The transport for {@code provider}'s calls: its error bodies read its way. */
  public HttpTransport transport(Provider provider) {
    return providerTransports.getOrDefault(provider, transport);
  }

  public CallExecutor executor() {
    return executor;
  }

  public JobWatcher watcher() {
    return watcher;
  }

  public ObjectMapper mapper() {
    return transport.mapper();
  }

  /**
   * {@code genjobs-java/0.1.0 (creative-api; spec 1.0.0) Java/17.0.15}: which client and which spec
   * version made a request, for the provider's logs and support.
   */
  public static String userAgent(Provider provider) {
    // Sent with every request: built once per provider.
    return USER_AGENTS.computeIfAbsent(provider, ClientContext::buildUserAgent);
  }

  private static final java.util.Map<Provider, String> USER_AGENTS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static String buildUserAgent(Provider provider) {
    return "genjobs-java/"
        + LIBRARY_VERSION
        + " ("
        + provider.specFolder()
        + "; spec "
        + SpecVersions.ALL.getOrDefault(provider.specFolder(), "unknown")
        + ") Java/"
        + System.getProperty("java.version");
  }

  /** Adds the User-Agent; credentials are added by the provider's own interceptor. */
  public static RequestInterceptor userAgentInterceptor(Provider provider) {
    String ua = userAgent(provider);
    return template -> template.header("User-Agent", ua);
  }

  /** A Feign client of a generated API for {@code provider}, with its auth headers. */
  public <T> T api(Class<T> api, Provider provider, RequestInterceptor auth) {
    return transport(provider)
        .target(api, options.baseUrl(provider), userAgentInterceptor(provider), auth);
  }

  private static String libraryVersion() {
    Properties p = new Properties();
    try (InputStream in =
        ClientContext.class.getResourceAsStream("/dev/genjobs/client/client.properties")) {
      if (in != null) p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version", "dev");
  }

  @Override
  public void close() {
    ledger.close();
    watcher.close();
    sendExecutor.shutdown();
    if (ownedHttpClient != null) {
      // The application's own client is the application's to close.
      ownedHttpClient.client().close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
    }
  }
}
