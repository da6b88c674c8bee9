package dev.genjobs.spring.boot;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code genjobs.*}: keys, base URLs, timeouts, retry and poll policies, and the webhook endpoint.
 * An unset value keeps the library's default (given in each property's description). A provider is
 * configured when its {@code enabled} is true, or when it is unset and any of the provider's keys
 * is set; a configured provider with a key missing fails startup naming the property.
 */
@ConfigurationProperties(prefix = GenJobsProperties.PREFIX)
public class GenJobsProperties {

  public static final String PREFIX = "genjobs";

  /** Whether to auto-configure a GenJobsClient at all. */
  private boolean enabled = true;

  /** Creatify: Inspiration Jobs and Asset Generator share these credentials and host. */
  private final Creatify creatify = new Creatify();

  /** Unstructured Platform. */
  private final Provider unstructured = new Provider();

  /** Creative API. */
  private final Provider creativeApi = new Provider();

  /**
   * Every provider's settings by its id ({@code genjobs.providers.replicate.base-url}, {@code
   * genjobs.providers.replicate.keys.replicate-api-token}): the keys are named by the variables the
   * provider's module reads, in any case and with {@code -} or {@code _}.
   */
  private final java.util.Map<String, ProviderSettings> providers = new java.util.LinkedHashMap<>();

  /** Time to open a connection to a provider (library default 10s). */
  private Duration connectTimeout;

  /** Time one attempt waits for the response headers (library default 60s). */
  private Duration readTimeout;

  /** Threads shared by every watched job's polls and timeouts (library default 2). */
  private Integer watcherThreads;

  /**
   * Threads that send polls and webhook confirmations; at most this many are in flight (library
   * default 4).
   */
  private Integer pollThreads;

  /**
   * Whether request and response lines and headers are logged at DEBUG, credentials redacted
   * (library default true).
   */
  private Boolean logHttp;

  /** Retries of one provider call. */
  private final Retry retry = new Retry();

  /** How watched jobs are polled. */
  private final Poll poll = new Poll();

  /** The webhook endpoint in the application's web server. */
  private final Webhooks webhooks = new Webhooks();

  /** The durable job ledger's work on this instance (with a DataSource and genjobs-store-jdbc). */
  private final Ledger ledger = new Ledger();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Creatify getCreatify() {
    return creatify;
  }

  public Provider getUnstructured() {
    return unstructured;
  }

  public java.util.Map<String, ProviderSettings> getProviders() {
    return providers;
  }

  public Provider getCreativeApi() {
    return creativeApi;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getReadTimeout() {
    return readTimeout;
  }

  public void setReadTimeout(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  public Integer getWatcherThreads() {
    return watcherThreads;
  }

  public void setWatcherThreads(Integer watcherThreads) {
    this.watcherThreads = watcherThreads;
  }

  public Integer getPollThreads() {
    return pollThreads;
  }

  public void setPollThreads(Integer pollThreads) {
    this.pollThreads = pollThreads;
  }

  public Boolean getLogHttp() {
    return logHttp;
  }

  public void setLogHttp(Boolean logHttp) {
    this.logHttp = logHttp;
  }

  public Retry getRetry() {
    return retry;
  }

  public Poll getPoll() {
    return poll;
  }

  public Webhooks getWebhooks() {
    return webhooks;
  }

  public Ledger getLedger() {
    return ledger;
  }

  /** One provider's key and host. */
  public static class Provider {

    /**
     * Whether this provider is configured; unset means "when a key is set". When true, a missing
     * key fails startup.
     */
    private Boolean enabled;

    /** The API key (a secret: never logged). */
    private String apiKey;

    /** Overrides the production base URL from the provider's spec, e.g. a local stand-in. */
    private URI baseUrl;

    public Boolean getEnabled() {
      return enabled;
    }

    public void setEnabled(Boolean enabled) {
      this.enabled = enabled;
    }

    public String getApiKey() {
      return apiKey;
    }

    public void setApiKey(String apiKey) {
      this.apiKey = apiKey;
    }

    public URI getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(URI baseUrl) {
      this.baseUrl = baseUrl;
    }
  }

  /** One provider's settings under {@code genjobs.providers.<id>}. */
  public static class ProviderSettings {

    /**
     * Whether this provider is configured; unset means "when its keys are set". When true, a
     * missing key fails startup.
     */
    private Boolean enabled;

    /** Overrides the production base URL from the provider's spec, e.g. a local stand-in. */
    private URI baseUrl;

    /**
     * Its secrets by the variable its module names (e.g. {@code replicate-api-token} for {@code
     * REPLICATE_API_TOKEN}); never logged. A key not set here is read from the environment variable
     * of that name.
     */
    private final java.util.Map<String, String> keys = new java.util.LinkedHashMap<>();

    public Boolean getEnabled() {
      return enabled;
    }

    public void setEnabled(Boolean enabled) {
      this.enabled = enabled;
    }

    public URI getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(URI baseUrl) {
      this.baseUrl = baseUrl;
    }

    public java.util.Map<String, String> getKeys() {
      return keys;
    }
  }

  /** Creatify's two headers: an API id and an API key. */
  public static class Creatify extends Provider {

    /** The API id sent with the key (X-API-ID). */
    private String apiId;

    public String getApiId() {
      return apiId;
    }

    public void setApiId(String apiId) {
      this.apiId = apiId;
    }
  }

  /** Retries of one call: backoff with jitter, Retry-After honoured, creates never blindly. */
  public static class Retry {

    /** Attempts per call, the first included (library default 4). */
    private Integer maxAttempts;

    /** Backoff ceiling before the second attempt (library default 500ms). */
    private Duration initialBackoff;

    /** Largest backoff ceiling (library default 8s). */
    private Duration maxBackoff;

    /** Growth of the backoff ceiling per attempt (library default 2.0). */
    private Double multiplier;

    /** A call's overall time, retries included (library default 60s). */
    private Duration maxElapsed;

    /** Longest Retry-After the client waits out itself (library default 60s). */
    private Duration maxRetryAfter;

    public Integer getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(Integer maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    public Double getMultiplier() {
      return multiplier;
    }

    public void setMultiplier(Double multiplier) {
      this.multiplier = multiplier;
    }

    public Duration getMaxElapsed() {
      return maxElapsed;
    }

    public void setMaxElapsed(Duration maxElapsed) {
      this.maxElapsed = maxElapsed;
    }

    public Duration getMaxRetryAfter() {
      return maxRetryAfter;
    }

    public void setMaxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = maxRetryAfter;
    }
  }

  /** Polling of watched jobs. */
  public static class Poll {

    /** Wait before the first poll (library default 1s). */
    private Duration initialInterval;

    /** Growth of the wait per poll (library default 1.6). */
    private Double multiplier;

    /** Longest wait between polls (library default 30s). */
    private Duration maxInterval;

    /** Random share of each wait, 0 to 1 (library default 0.2). */
    private Double jitter;

    /**
     * When a webhook was requested, how long to wait for it before polling (library default 5m).
     */
    private Duration webhookFallback;

    /** Failed polls in a row that end a wait (library default 5). */
    private Integer maxConsecutiveErrors;

    /** The longest a provider's Retry-After holds a job's next poll back (library default 15m). */
    private Duration maxPushback;

    public Duration getMaxPushback() {
      return maxPushback;
    }

    public void setMaxPushback(Duration maxPushback) {
      this.maxPushback = maxPushback;
    }

    public Duration getInitialInterval() {
      return initialInterval;
    }

    public void setInitialInterval(Duration initialInterval) {
      this.initialInterval = initialInterval;
    }

    public Double getMultiplier() {
      return multiplier;
    }

    public void setMultiplier(Double multiplier) {
      this.multiplier = multiplier;
    }

    public Duration getMaxInterval() {
      return maxInterval;
    }

    public void setMaxInterval(Duration maxInterval) {
      this.maxInterval = maxInterval;
    }

    public Double getJitter() {
      return jitter;
    }

    public void setJitter(Double jitter) {
      this.jitter = jitter;
    }

    public Duration getWebhookFallback() {
      return webhookFallback;
    }

    public void setWebhookFallback(Duration webhookFallback) {
      this.webhookFallback = webhookFallback;
    }

    public Integer getMaxConsecutiveErrors() {
      return maxConsecutiveErrors;
    }

    public void setMaxConsecutiveErrors(Integer maxConsecutiveErrors) {
      this.maxConsecutiveErrors = maxConsecutiveErrors;
    }
  }

  /** {@code POST {path}/{provider}} in the application's own web server. */
  /**
   * How this instance runs the durable ledger's work (db-scheduler executions: polls, webhook
   * confirmations, create deadlines, retention). Unset values keep the library's defaults.
   */
  public static class Ledger {

    /** Whether the ledger is the application's DataSource (default true). */
    private boolean enabled = true;

    /** Executions at once on this instance: polls in flight (library default 8, at most 64). */
    private Integer workThreads;

    /** How often this instance checks for due work (library default 250ms). */
    private Duration workEvery;

    /**
     * How often this instance marks its executions alive; another instance takes them over after 4
     * missed (library default 15s).
     */
    private Duration heartbeat;

    /** How long ended records are kept (library default 30d). */
    private Duration retention;

    /** Whether this instance runs due work (default true); false for one that only creates. */
    private Boolean runsWork;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Integer getWorkThreads() {
      return workThreads;
    }

    public void setWorkThreads(Integer workThreads) {
      this.workThreads = workThreads;
    }

    public Duration getWorkEvery() {
      return workEvery;
    }

    public void setWorkEvery(Duration workEvery) {
      this.workEvery = workEvery;
    }

    public Duration getHeartbeat() {
      return heartbeat;
    }

    public void setHeartbeat(Duration heartbeat) {
      this.heartbeat = heartbeat;
    }

    public Duration getRetention() {
      return retention;
    }

    public void setRetention(Duration retention) {
      this.retention = retention;
    }

    public Boolean getRunsWork() {
      return runsWork;
    }

    public void setRunsWork(Boolean runsWork) {
      this.runsWork = runsWork;
    }
  }

  public static class Webhooks {

    /** Whether to register the webhook endpoint (servlet web applications only). */
    private boolean enabled = true;

    /** Path under which each provider's deliveries arrive, as {path}/{provider}. */
    private String path = "/genjobs/webhooks";

    /** Largest delivery body accepted; larger ones are answered 413. */
    private int maxBodyBytes = 1 << 20;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public int getMaxBodyBytes() {
      return maxBodyBytes;
    }

    public void setMaxBodyBytes(int maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
    }
  }
}
