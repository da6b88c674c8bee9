package dev.genjobs.client;

import dev.genjobs.client.core.ClientSettings;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.jobs.PollPolicy;
import dev.genjobs.client.jobs.WatchHooks;
import dev.genjobs.client.observability.ClientObserver;
import dev.genjobs.client.spi.ProviderModule;
import dev.genjobs.client.spi.ProviderModules;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * Everything a {@link GenJobsClient} needs, built once and immutable. {@link #fromEnv()} reads the
 * environment variables every registered provider module names (its {@linkplain
 * ProviderModule#keyVariables() keys} and {@linkplain ProviderModule#baseUrlVariable() base URL
 * override}); the builder sets anything else. Keys are {@link Secret}s and never print.
 *
 * <table>
 *   <caption>Environment variables of the providers shipped with the library</caption>
 *   <tr><td>{@code CREATIFY_API_ID}, {@code CREATIFY_API_KEY}</td><td>Creatify (both APIs)</td></tr>
 *   <tr><td>{@code UNSTRUCTURED_API_KEY}</td><td>Unstructured Platform</td></tr>
 *   <tr><td>{@code CREATIVE_API_KEY}</td><td>Creative API</td></tr>
 *   <tr><td>{@code REPLICATE_API_TOKEN}, {@code REPLICATE_WEBHOOK_SECRET}</td><td>Replicate</td></tr>
 *   <tr><td>{@code CREATIFY_BASE_URL}, {@code UNSTRUCTURED_BASE_URL}, {@code
 *       CREATIVE_API_BASE_URL}, {@code REPLICATE_BASE_URL}</td><td>optional base URL
 *       overrides</td></tr>
 * </table>
 */
public final class ClientOptions implements ClientSettings {

  public static final String CREATIFY_API_ID = "CREATIFY_API_ID";
  public static final String CREATIFY_API_KEY = "CREATIFY_API_KEY";
  public static final String UNSTRUCTURED_API_KEY = "UNSTRUCTURED_API_KEY";
  public static final String CREATIVE_API_KEY = "CREATIVE_API_KEY";

  private final Map<String, Secret> keys;
  private final Map<Provider, URI> baseUrls;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final RetryPolicy retryPolicy;
  private final PollPolicy pollPolicy;
  private final int maxErrorBodyChars;
  private final int watcherThreads;
  private final int pollThreads;
  private final Duration schemaCacheTtl;
  private final CloseableHttpClient httpClient;
  private final Clock clock;
  private final Sleeper sleeper;
  private final boolean logHttp;
  private final ClientObserver observer;
  // Job ledger and connection hygiene (issue 14).
  private final dev.genjobs.client.store.JobStore jobStore;
  private final dev.genjobs.client.store.LedgerPolicy ledgerPolicy;
  private final String instanceId;
  private final Duration idleConnectionTimeout;
  private final Map<Provider, Map<String, JobStatus>> statusMappings;
  private final Map<Provider, RequestLimits> requestLimits;
  private final WatchHooks watchHooks;

  private ClientOptions(Builder b) {
    this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(b.keys));
    this.baseUrls = Map.copyOf(b.baseUrls);
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.retryPolicy = b.retryPolicy;
    this.pollPolicy = b.pollPolicy;
    this.maxErrorBodyChars = b.maxErrorBodyChars;
    this.watcherThreads = b.watcherThreads;
    this.pollThreads = b.pollThreads;
    this.schemaCacheTtl = b.schemaCacheTtl;
    this.httpClient = b.httpClient;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.logHttp = b.logHttp;
    this.observer = b.observer;
    this.jobStore = b.jobStore;
    this.ledgerPolicy = b.ledgerPolicy;
    this.instanceId = b.instanceId;
    this.idleConnectionTimeout = b.idleConnectionTimeout;
    Map<Provider, Map<String, JobStatus>> mappings = new HashMap<>();
    b.statusMappings.forEach((p, m) -> mappings.put(p, Map.copyOf(m)));
    this.statusMappings = Map.copyOf(mappings);
    this.requestLimits = Map.copyOf(b.requestLimits);
    this.watchHooks = b.watchHooks;
  }

  /** Options from the process environment; a missing key fails only when first needed. */
  public static ClientOptions fromEnv() {
    return fromEnv(System.getenv());
  }

  /** Options from the given variables (for tests and for configuration systems). */
  public static ClientOptions fromEnv(Map<String, String> env) {
    return builder().env(env).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.keys.putAll(keys);
    b.baseUrls.putAll(baseUrls);
    b.connectTimeout = connectTimeout;
    b.readTimeout = readTimeout;
    b.retryPolicy = retryPolicy;
    b.pollPolicy = pollPolicy;
    b.maxErrorBodyChars = maxErrorBodyChars;
    b.watcherThreads = watcherThreads;
    b.pollThreads = pollThreads;
    b.schemaCacheTtl = schemaCacheTtl;
    b.httpClient = httpClient;
    b.clock = clock;
    b.sleeper = sleeper;
    b.logHttp = logHttp;
    b.observer = observer;
    b.jobStore = jobStore;
    b.ledgerPolicy = ledgerPolicy;
    b.instanceId = instanceId;
    b.idleConnectionTimeout = idleConnectionTimeout;
    statusMappings.forEach((p, m) -> b.statusMappings.put(p, new java.util.HashMap<>(m)));
    b.requestLimits.putAll(requestLimits);
    b.watchHooks = watchHooks;
    return b;
  }

  /**
   * The secret read from environment variable {@code variable} (or set with {@link Builder#key}),
   * absent when not configured: {@code options.key("REPLICATE_API_TOKEN")}.
   */
  @Override
  public Secret key(String variable) {
    Secret s = keys.get(variable);
    return s != null ? s : Secret.absent(variable);
  }

  /** Every configured secret (present ones only). */
  @Override
  public List<Secret> keys() {
    return keys.values().stream().filter(Secret::isPresent).toList();
  }

  public Secret creatifyApiId() {
    return key(CREATIFY_API_ID);
  }

  public Secret creatifyApiKey() {
    return key(CREATIFY_API_KEY);
  }

  public Secret unstructuredApiKey() {
    return key(UNSTRUCTURED_API_KEY);
  }

  public Secret creativeApiKey() {
    return key(CREATIVE_API_KEY);
  }

  /** The base URL used for {@code provider}: the override, or the spec's production server. */
  public URI baseUrl(Provider provider) {
    return baseUrls.getOrDefault(provider, provider.defaultBaseUrl());
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How long one attempt waits for the response headers. */
  public Duration readTimeout() {
    return readTimeout;
  }

  /** Retries of one call; its {@link RetryPolicy#maxElapsed()} is the call's overall timeout. */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  public PollPolicy pollPolicy() {
    return pollPolicy;
  }

  public int maxErrorBodyChars() {
    return maxErrorBodyChars;
  }

  /** Threads shared by every watched job's polls and timeouts. */
  public int watcherThreads() {
    return watcherThreads;
  }

  /**
   * Threads that send polls and webhook confirmations (4): each holds one for a GET's round trip,
   * so at most this many are in flight and the answers are handled on them; more wait their turn.
   * Poll throughput is about {@code pollThreads} / round-trip time (4 threads at 100 ms: 40 GETs/s,
   * enough for ~1,200 jobs at the 30 s poll interval); raise it for more jobs.
   */
  public int pollThreads() {
    return pollThreads;
  }

  /** How long a provider's published input schema is cached before it is fetched again. */
  public Duration schemaCacheTtl() {
    return schemaCacheTtl;
  }

  /** A caller-supplied HTTP client, or null to let the library build and own one. */
  public CloseableHttpClient httpClient() {
    return httpClient;
  }

  public Clock clock() {
    return clock;
  }

  public Sleeper sleeper() {
    return sleeper;
  }

  /** Whether request/response lines and headers (credentials redacted) are logged at DEBUG. */
  public boolean logHttp() {
    return logHttp;
  }

  /** Told about calls, watched jobs, polls and webhooks; {@link ClientObserver#NONE} by default. */
  public ClientObserver observer() {
    return observer;
  }

  /**
   * The job ledger; empty means a fresh {@link dev.genjobs.client.store.InMemoryJobStore} per
   * client (jobs are not kept after the process ends).
   */
  public java.util.Optional<dev.genjobs.client.store.JobStore> jobStore() {
    return java.util.Optional.ofNullable(jobStore);
  }

  /** Leases, claiming and cross-instance re-reads of a shared ledger. */
  public dev.genjobs.client.store.LedgerPolicy ledgerPolicy() {
    return ledgerPolicy;
  }

  /** This client's name in the ledger (lease owner, history entries). */
  public String instanceId() {
    return instanceId;
  }

  /**
   * How long a pooled keep-alive connection may sit idle before the library-owned HTTP client stops
   * reusing it and closes it (30 s): shorter than the 60 s after which load balancers commonly drop
   * idle connections, so a create is never sent on a connection the other side is closing.
   */
  public Duration idleConnectionTimeout() {
    return idleConnectionTimeout;
  }

  /**
   * The user's extra status values for {@code provider} (raw value to status), on top of the
   * library's own; see {@link Builder#statusMapping(Provider, String, JobStatus)}.
   */
  public Map<String, JobStatus> statusMappings(Provider provider) {
    return statusMappings.getOrDefault(provider, Map.of());
  }

  /**
   * The plan's limits on polls to {@code provider}; {@link RequestLimits#DEFAULT} (32 polls in
   * flight) by default.
   */
  public RequestLimits requestLimits(Provider provider) {
    return requestLimits.getOrDefault(provider, RequestLimits.DEFAULT);
  }

  /** Every provider's limits that were set. */
  public Map<Provider, RequestLimits> requestLimits() {
    return requestLimits;
  }

  /** Hooks into the job watcher (a ledger, metrics); {@link WatchHooks#NONE} by default. */
  public WatchHooks watchHooks() {
    return watchHooks;
  }

  @Override
  public String toString() {
    return "ClientOptions{keys="
        + keys.values()
        + ", baseUrls="
        + baseUrls
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", retryPolicy="
        + retryPolicy
        + ", pollPolicy="
        + pollPolicy
        + "}";
  }

  public static final class Builder {
    private final Map<String, Secret> keys = new LinkedHashMap<>();
    private final Map<Provider, URI> baseUrls = new HashMap<>();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private PollPolicy pollPolicy = PollPolicy.defaults();
    private int maxErrorBodyChars = 8 * 1024;
    private int watcherThreads = 2;
    private int pollThreads = 4;
    private Duration schemaCacheTtl = Duration.ofMinutes(10);
    private CloseableHttpClient httpClient;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private boolean logHttp = true;
    private ClientObserver observer = ClientObserver.NONE;
    private dev.genjobs.client.store.JobStore jobStore;
    private dev.genjobs.client.store.LedgerPolicy ledgerPolicy =
        dev.genjobs.client.store.LedgerPolicy.defaults();
    private String instanceId = defaultInstanceId();
    private Duration idleConnectionTimeout = Duration.ofSeconds(30);
    private final Map<Provider, Map<String, JobStatus>> statusMappings = new HashMap<>();
    private final Map<Provider, RequestLimits> requestLimits = new HashMap<>();
    private WatchHooks watchHooks = WatchHooks.NONE;

    private Builder() {}

    /**
     * Reads every registered provider's keys and base URL override from {@code env} (the variables
     * its {@link ProviderModule} names): {@code env} is where keys come from, so a key it lacks is
     * absent afterwards; a base URL it lacks stays as set.
     */
    public Builder env(Map<String, String> env) {
      for (ProviderModule module : ProviderModules.installed().modules()) {
        for (String variable : module.keyVariables()) {
          key(variable, env.get(variable));
        }
        for (String variable : module.optionalKeyVariables()) {
          key(variable, env.get(variable));
        }
        String url = env.get(module.baseUrlVariable());
        if (url != null && !url.isBlank()) {
          try {
            baseUrl(module.provider(), URI.create(url.trim()));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(module.baseUrlVariable() + ": " + e.getMessage(), e);
          }
        }
      }
      return this;
    }

    /**
     * Sets the secret a provider module reads from environment variable {@code variable}, e.g.
     * {@code key("REPLICATE_API_TOKEN", token)}; a blank value means absent.
     */
    public Builder key(String variable, String value) {
      if (variable == null || variable.isBlank()) {
        throw new IllegalArgumentException("variable must not be blank");
      }
      keys.put(variable, Secret.of(variable, value));
      return this;
    }

    public Builder creatifyCredentials(String apiId, String apiKey) {
      return key(CREATIFY_API_ID, apiId).key(CREATIFY_API_KEY, apiKey);
    }

    public Builder unstructuredApiKey(String apiKey) {
      return key(UNSTRUCTURED_API_KEY, apiKey);
    }

    public Builder creativeApiKey(String apiKey) {
      return key(CREATIVE_API_KEY, apiKey);
    }

    public Builder baseUrl(Provider provider, URI url) {
      Objects.requireNonNull(url, "url");
      if (url.getScheme() == null || !url.getScheme().startsWith("http")) {
        throw new IllegalArgumentException(
            "base URL for " + provider.displayName() + " must be http(s), got " + url);
      }
      baseUrls.put(provider, url);
      return this;
    }

    /** Points every provider at one host, e.g. a local stand-in. */
    public Builder baseUrlForAll(URI url) {
      for (Provider p : Provider.values()) baseUrl(p, url);
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Objects.requireNonNull(connectTimeout);
      return this;
    }

    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = Objects.requireNonNull(readTimeout);
      return this;
    }

    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy);
      return this;
    }

    public Builder pollPolicy(PollPolicy pollPolicy) {
      this.pollPolicy = Objects.requireNonNull(pollPolicy);
      return this;
    }

    public Builder maxErrorBodyChars(int maxErrorBodyChars) {
      if (maxErrorBodyChars < 0) throw new IllegalArgumentException("maxErrorBodyChars < 0");
      this.maxErrorBodyChars = maxErrorBodyChars;
      return this;
    }

    public Builder watcherThreads(int watcherThreads) {
      if (watcherThreads < 1) throw new IllegalArgumentException("watcherThreads must be >= 1");
      this.watcherThreads = watcherThreads;
      return this;
    }

    /** See {@link ClientOptions#pollThreads()}. */
    public Builder pollThreads(int pollThreads) {
      if (pollThreads < 1) throw new IllegalArgumentException("pollThreads must be >= 1");
      this.pollThreads = pollThreads;
      return this;
    }

    public Builder schemaCacheTtl(Duration schemaCacheTtl) {
      this.schemaCacheTtl = Objects.requireNonNull(schemaCacheTtl);
      return this;
    }

    /**
     * Send every call through this Apache HttpClient 5 classic client (for a proxy, TLS material or
     * interceptors of your own); the caller keeps ownership and closes it. Its connection pool,
     * connect timeout and idle-connection policy are used instead of the library's ({@link
     * #connectTimeout}, {@link #idleConnectionTimeout}); the read timeout and the whole-answer
     * deadline still apply to every call. Configure it without automatic retries: the library
     * retries only what is safe to repeat, and a client that resends a failed create would break
     * that.
     */
    public Builder httpClient(CloseableHttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** How retry waits are spent; replace in tests to record instead of sleeping. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper);
      return this;
    }

    public Builder logHttp(boolean logHttp) {
      this.logHttp = logHttp;
      return this;
    }

    /**
     * Keeps the job ledger here: {@code JdbcJobStore.embedded(dir)} so jobs outlive the process,
     * {@code JdbcJobStore.create(dataSource)} on PostgreSQL so several instances share them. The
     * caller keeps ownership (closing the client does not close the store).
     */
    public Builder jobStore(dev.genjobs.client.store.JobStore jobStore) {
      this.jobStore = jobStore;
      return this;
    }

    public Builder ledgerPolicy(dev.genjobs.client.store.LedgerPolicy ledgerPolicy) {
      this.ledgerPolicy = Objects.requireNonNull(ledgerPolicy);
      return this;
    }

    /** This client's name in a shared ledger; default host, process id and a random suffix. */
    public Builder instanceId(String instanceId) {
      if (instanceId == null || instanceId.isBlank() || instanceId.length() > 100) {
        throw new IllegalArgumentException("instanceId must be 1 to 100 characters");
      }
      this.instanceId = instanceId;
      return this;
    }

    /** See {@link ClientOptions#idleConnectionTimeout()}; at least one second. */
    public Builder idleConnectionTimeout(Duration idleConnectionTimeout) {
      if (idleConnectionTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("idleConnectionTimeout must be at least 1 s");
      }
      this.idleConnectionTimeout = idleConnectionTimeout;
      return this;
    }

    private static String defaultInstanceId() {
      String host;
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException e) {
        host = "localhost";
      }
      if (host.length() > 60) host = host.substring(0, 60);
      return host
          + "-"
          + ProcessHandle.current().pid()
          + "-"
          + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 16));
    }

    /**
     * Maps a raw status value of {@code provider} the library does not know (or maps differently),
     * e.g. {@code statusMapping(Provider.CREATIVE_API, "expired", JobStatus.FAILED)}, so a new
     * terminal value ends waits instead of running them into their timeout. Case-insensitive.
     */
    public Builder statusMapping(Provider provider, String rawStatus, JobStatus status) {
      Objects.requireNonNull(provider, "provider");
      if (rawStatus == null || rawStatus.isBlank()) {
        throw new IllegalArgumentException("rawStatus must not be blank");
      }
      statusMappings
          .computeIfAbsent(provider, p -> new java.util.HashMap<>())
          .put(rawStatus, Objects.requireNonNull(status, "status"));
      return this;
    }

    /** Limits polls to {@code provider} to the plan's quota (requests per second, in flight). */
    public Builder requestLimits(Provider provider, RequestLimits limits) {
      requestLimits.put(
          Objects.requireNonNull(provider, "provider"), Objects.requireNonNull(limits, "limits"));
      return this;
    }

    /**
     * Who is told about calls, watched jobs, polls and webhooks (metrics, traces, health). An
     * observer that throws is logged and ignored; it never changes what the client does.
     */
    public Builder observer(ClientObserver observer) {
      Objects.requireNonNull(observer, "observer");
      this.observer =
          observer == ClientObserver.NONE
              ? ClientObserver.NONE
              : ClientObserver.composite(java.util.List.of(observer));
      return this;
    }

    /** Hooks into the job watcher: claim polls, observe them, record results. */
    public Builder watchHooks(WatchHooks watchHooks) {
      this.watchHooks = Objects.requireNonNull(watchHooks);
      return this;
    }

    public ClientOptions build() {
      return new ClientOptions(this);
    }
  }
}
