package dev.genjobs.client.core;

import dev.genjobs.client.Provider;
import dev.genjobs.client.RequestLimits;
import dev.genjobs.client.RetryPolicy;
import dev.genjobs.client.Secret;
import dev.genjobs.client.Sleeper;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.jobs.PollPolicy;
import dev.genjobs.client.jobs.WatchHooks;
import dev.genjobs.client.observability.ClientObserver;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.LedgerPolicy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the shared code and the provider packages read from a client's configuration. The facade's
 * {@code ClientOptions} is the one implementation; this interface keeps the core from depending on
 * the facade (see {@code ClientOptions} for what each setting means).
 */
public interface ClientSettings {

  /** The secret read from environment variable {@code variable}, absent when not configured. */
  Secret key(String variable);

  /** Every configured secret, so their values can be blanked out wherever text is kept. */
  List<Secret> keys();

  URI baseUrl(Provider provider);

  Duration connectTimeout();

  Duration readTimeout();

  RetryPolicy retryPolicy();

  PollPolicy pollPolicy();

  int maxErrorBodyChars();

  int watcherThreads();

  int pollThreads();

  Duration schemaCacheTtl();

  org.apache.hc.client5.http.impl.classic.CloseableHttpClient httpClient();

  Clock clock();

  Sleeper sleeper();

  boolean logHttp();

  ClientObserver observer();

  Optional<JobStore> jobStore();

  LedgerPolicy ledgerPolicy();

  String instanceId();

  Duration idleConnectionTimeout();

  Map<String, JobStatus> statusMappings(Provider provider);

  Map<Provider, RequestLimits> requestLimits();

  WatchHooks watchHooks();
}
