package dev.genjobs.client;

import dev.genjobs.client.core.ClientContext;
import dev.genjobs.client.creatify.AssetGeneratorClient;
import dev.genjobs.client.creatify.InspirationClient;
import dev.genjobs.client.creative.CreativeApiClient;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobBackend;
import dev.genjobs.client.spi.ProviderModule;
import dev.genjobs.client.spi.ProviderModules;
import dev.genjobs.client.unstructured.UnstructuredClient;
import dev.genjobs.client.validation.InputCheck;
import dev.genjobs.client.webhooks.WebhookHandler;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entry point: one client for every registered provider, sharing one HTTP connection pool, one
 * retry policy and one job watcher. Immutable and thread-safe; create one per application and close
 * it on shutdown.
 *
 * <pre>{@code
 * try (GenJobsClient client = GenJobsClient.fromEnv()) {
 *   Job job = client.creative().generate(GenerateRequest.builder().model("flux").input("prompt", "a fox").build());
 *   JobSnapshot done = job.await(Duration.ofMinutes(5));
 * }
 * }</pre>
 */
public final class GenJobsClient implements AutoCloseable {

  private final ClientOptions options;
  private final ClientContext context;
  private final Map<Provider, JobBackend> clients;
  // The typed clients looked up once: callers reach them on every call (client.creative()...).
  private final Map<Class<?>, JobBackend> byType = new java.util.concurrent.ConcurrentHashMap<>();
  private final WebhookHandler webhooks;
  private final dev.genjobs.client.jobs.Jobs jobs;

  private GenJobsClient(ClientOptions options, ProviderModules modules) {
    this.options = options;
    Map<Provider, dev.genjobs.client.errors.ErrorBodyReader> errorBodies = new LinkedHashMap<>();
    Set<String> secretHeaders = new HashSet<>();
    for (ProviderModule m : modules.modules()) {
      errorBodies.put(m.provider(), m.errorBodies());
      secretHeaders.addAll(m.secretHeaders());
    }
    this.context = new ClientContext(options, errorBodies, secretHeaders);
    Map<Provider, JobBackend> built;
    try {
      built = buildClients(modules, context);
    } catch (RuntimeException e) {
      // The context already owns threads (watcher, sends): a module that fails must not leak them.
      context.close();
      throw e;
    }
    this.clients = Collections.unmodifiableMap(built);
    this.webhooks =
        new WebhookHandler(
            context.watcher(),
            context.mapper(),
            context.callbackExecutor(),
            context.ledger(),
            options.observer(),
            // Bodies are told apart in id order; each provider claims only bodies of its own shape.
            List.copyOf(clients.values()));
    this.jobs = new dev.genjobs.client.jobs.Jobs(context, this::job);
    // Last: the ledger's threads may now call every provider client, fully built.
    context.start();
  }

  private static Map<Provider, JobBackend> buildClients(
      ProviderModules modules, ClientContext context) {
    Map<Provider, JobBackend> built = new LinkedHashMap<>();
    for (ProviderModule m : modules.modules()) {
      JobBackend client = m.client(context);
      if (!client.provider().equals(m.provider())) {
        throw new IllegalStateException(
            m.getClass().getName()
                + " built a client for "
                + client.provider()
                + ", not for "
                + m.provider());
      }
      built.put(m.provider(), client);
    }
    return built;
  }

  /** A client configured from the environment variables documented on {@link ClientOptions}. */
  public static GenJobsClient fromEnv() {
    return create(ClientOptions.fromEnv());
  }

  /** A client for every provider module registered on the class path. */
  public static GenJobsClient create(ClientOptions options) {
    return new GenJobsClient(options, ProviderModules.installed());
  }

  /** A client for these providers only (an application that picks its providers, tests). */
  public static GenJobsClient create(ClientOptions options, ProviderModules modules) {
    return new GenJobsClient(options, modules);
  }

  public ClientOptions options() {
    return options;
  }

  /** The providers this client talks to. */
  public List<Provider> providers() {
    return List.copyOf(clients.keySet());
  }

  /**
   * The client of a provider, by its type: {@code client.provider(ReplicateClient.class)}.
   *
   * @throws IllegalArgumentException when no registered provider's client is of that type
   */
  public <T extends JobBackend> T provider(Class<T> type) {
    JobBackend found = byType.get(type);
    if (found == null) {
      for (JobBackend c : clients.values()) {
        if (type.isInstance(c)) {
          found = c;
          byType.put(type, c);
          break;
        }
      }
    }
    if (found == null) {
      throw new IllegalArgumentException(
          "no provider client of type " + type.getName() + "; providers: " + providers());
    }
    return type.cast(found);
  }

  /** The client of {@code provider}: reads, cancels and webhooks of its jobs. */
  public JobBackend provider(Provider provider) {
    JobBackend c = clients.get(provider);
    if (c == null) {
      throw new IllegalArgumentException(
          "no provider " + provider.id() + " in this client; providers: " + providers());
    }
    return c;
  }

  /** Creative API: image and video generation. */
  public CreativeApiClient creative() {
    return provider(CreativeApiClient.class);
  }

  /** Unstructured Platform: document processing jobs with file uploads. */
  public UnstructuredClient unstructured() {
    return provider(UnstructuredClient.class);
  }

  /** Creatify Asset Generator: image and video generation by model. */
  public AssetGeneratorClient assetGenerator() {
    return provider(AssetGeneratorClient.class);
  }

  /** Creatify Inspiration: AI ads from templates. */
  public InspirationClient inspiration() {
    return provider(InspirationClient.class);
  }

  /** Hand webhook deliveries here (or to a {@code WebhookReceiver} built on it). */
  public WebhookHandler webhooks() {
    return webhooks;
  }

  /**
   * The job ledger: every job this client created (in memory by default; durable with {@link
   * ClientOptions.Builder#jobStore}), to list, look up, resume after a restart, and resolve.
   */
  public dev.genjobs.client.jobs.Jobs jobs() {
    return jobs;
  }

  /**
   * Jobs this client is watching right now for {@code provider} whose last seen status is {@code
   * lastStatus} ({@code null}: not polled yet); for a jobs-in-flight gauge.
   */
  public int jobsInFlight(Provider provider, dev.genjobs.client.jobs.JobStatus lastStatus) {
    // A durable ledger follows its jobs on every instance: count them there, not in this JVM.
    if (context.ledger().servesWaits()) return context.ledger().jobsInFlight(provider, lastStatus);
    return context.watcher().activeWatches(provider, lastStatus);
  }

  /** A handle on a job created earlier, from its provider and id. */
  public Job job(Provider provider, String jobId) {
    JobBackend backend = provider(provider);
    InputCheck.of(provider, "getJob").requireText("/jobId", jobId).orThrow();
    return Job.existing(backend, context.watcher(), jobId);
  }

  /** Stops watching jobs (pending waits are cancelled). Jobs keep running at the providers. */
  @Override
  public void close() {
    context.close();
  }

  @Override
  public String toString() {
    return "GenJobsClient{" + options + "}";
  }
}
