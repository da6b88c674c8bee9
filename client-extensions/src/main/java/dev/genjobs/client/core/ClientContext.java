package dev.genjobs.client.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.JobWatcher;
import dev.genjobs.generated.SpecVersions;
import feign.Logger;
import feign.RequestInterceptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.util.Properties;

/**
 * What every provider client shares: options, the HTTP transport, the retry executor and the job
 * watcher. Built once per {@code GenJobsClient}; provider packages use it, callers do not.
 */
public final class ClientContext implements AutoCloseable {

  /** This library's version, from the jar. */
  public static final String LIBRARY_VERSION = libraryVersion();

  private final ClientOptions options;
  private final HttpTransport transport;
  private final CallExecutor executor;
  private final JobWatcher watcher;
  private final java.util.concurrent.ExecutorService ownedHttpExecutor;

  public ClientContext(ClientOptions options) {
    this.options = options;
    HttpClient http;
    if (options.httpClient() != null) {
      http = options.httpClient();
      ownedHttpExecutor = null;
    } else {
      ownedHttpExecutor = HttpTransport.newHttpExecutor();
      http = HttpTransport.newHttpClient(options.connectTimeout(), ownedHttpExecutor);
    }
    ObjectMapper mapper = Json.newMapper();
    this.transport =
        new HttpTransport(
            http,
            mapper,
            options.maxErrorBodyChars(),
            options.clock(),
            options.connectTimeout(),
            options.readTimeout(),
            options.logHttp() ? Logger.Level.HEADERS : Logger.Level.NONE,
            java.util.stream.Stream.of(
                    options.creatifyApiId(),
                    options.creatifyApiKey(),
                    options.unstructuredApiKey(),
                    options.creativeApiKey())
                .filter(dev.genjobs.client.Secret::isPresent)
                .map(dev.genjobs.client.Secret::reveal)
                .toList());
    this.executor =
        new CallExecutor(
                options.retryPolicy(), options.sleeper(), options.clock(), options.readTimeout())
            .observedBy(options.observer());
    this.watcher =
        JobWatcher.builder()
            .scheduler(
                dev.genjobs.client.jobs.WatchScheduler.threads(
                    options.watcherThreads(), options.clock()))
            .pollPolicy(options.pollPolicy())
            .hooks(
                dev.genjobs.client.observability.ObservingWatchHooks.of(
                    options.watchHooks(), options.observer()))
            .requestLimits(options.requestLimits())
            .build();
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
   * A small executor of the client's own for work that must not run on the watcher's clock threads,
   * such as reading webhook deliveries: the HTTP client's pool when the library owns it, otherwise
   * the watcher's scheduler threads.
   */
  public java.util.concurrent.Executor callbackExecutor() {
    if (ownedHttpExecutor != null) return ownedHttpExecutor;
    return task -> watcher.scheduler().schedule(task, java.time.Duration.ZERO);
  }

  public ClientOptions options() {
    return options;
  }

  public HttpTransport transport() {
    return transport;
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
    return transport.target(api, options.baseUrl(provider), userAgentInterceptor(provider), auth);
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
    watcher.close();
    if (ownedHttpExecutor != null) {
      // The JDK client has no close() before Java 21; its pool is ours to stop.
      ownedHttpExecutor.shutdown();
    }
  }
}
