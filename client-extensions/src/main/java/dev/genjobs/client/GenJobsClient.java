package dev.genjobs.client;

import dev.genjobs.client.core.ClientContext;
import dev.genjobs.client.creatify.AssetGeneratorClient;
import dev.genjobs.client.creatify.InspirationClient;
import dev.genjobs.client.creative.CreativeApiClient;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.unstructured.UnstructuredClient;
import dev.genjobs.client.webhooks.WebhookHandler;

/**
 * The entry point: one client for all four providers, sharing one HTTP connection pool, one retry
 * policy and one job watcher. Immutable and thread-safe; create one per application and close it on
 * shutdown.
 *
 * <pre>{@code
 * try (GenJobsClient client = GenJobsClient.fromEnv()) {
 *   Job job = client.creative().generate(GenerateRequest.builder().model("flux").input("prompt", "a fox").build());
 *   JobSnapshot done = job.await(Duration.ofMinutes(5));
 * }
 * }</pre>
 */
public final class GenJobsClient implements AutoCloseable {

  private final ClientContext context;
  private final CreativeApiClient creative;
  private final UnstructuredClient unstructured;
  private final AssetGeneratorClient assetGenerator;
  private final InspirationClient inspiration;
  private final WebhookHandler webhooks;
  private final dev.genjobs.client.jobs.Jobs jobs;

  private GenJobsClient(ClientOptions options) {
    this.context = new ClientContext(options);
    this.creative = new CreativeApiClient(context);
    this.unstructured = new UnstructuredClient(context);
    this.assetGenerator = new AssetGeneratorClient(context);
    this.inspiration = new InspirationClient(context);
    this.webhooks =
        new WebhookHandler(
            context.watcher(),
            context.mapper(),
            context.callbackExecutor(),
            context.ledger(),
            options.observer(),
            // In the order that tells their bodies apart: only the Creative API's has jobId.
            java.util.List.of(creative, inspiration, assetGenerator, unstructured));
    this.jobs = new dev.genjobs.client.jobs.Jobs(context, this::job);
    // Last: the ledger's threads may now call every provider client, fully built.
    context.start();
  }

  /** A client configured from the environment variables documented on {@link ClientOptions}. */
  public static GenJobsClient fromEnv() {
    return create(ClientOptions.fromEnv());
  }

  public static GenJobsClient create(ClientOptions options) {
    return new GenJobsClient(options);
  }

  public ClientOptions options() {
    return context.options();
  }

  /** Creative API: image and video generation. */
  public CreativeApiClient creative() {
    return creative;
  }

  /** Unstructured Platform: document processing jobs with file uploads. */
  public UnstructuredClient unstructured() {
    return unstructured;
  }

  /** Creatify Asset Generator: image and video generation by model. */
  public AssetGeneratorClient assetGenerator() {
    return assetGenerator;
  }

  /** Creatify Inspiration: AI ads from templates. */
  public InspirationClient inspiration() {
    return inspiration;
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
    return switch (provider) {
      case CREATIVE_API -> creative.job(jobId);
      case UNSTRUCTURED -> unstructured.job(jobId);
      case CREATIFY_ASSET_GENERATOR -> assetGenerator.job(jobId);
      case CREATIFY_INSPIRATION -> inspiration.job(jobId);
    };
  }

  /** Stops watching jobs (pending waits are cancelled). Jobs keep running at the providers. */
  @Override
  public void close() {
    context.close();
  }

  @Override
  public String toString() {
    return "GenJobsClient{" + context.options() + "}";
  }
}
