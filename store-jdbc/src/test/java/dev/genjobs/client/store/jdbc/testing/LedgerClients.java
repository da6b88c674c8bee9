package dev.genjobs.client.store.jdbc.testing;

import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.RetryPolicy;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.jobs.PollPolicy;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.LedgerPolicy;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** Clients on a ledger with stand-in timings: polls in fractions of a second, 2 s leases. */
public final class LedgerClients {

  /** Keys shaped like real ones, so a leak is findable in a dump of the ledger. */
  public static final String CREATIVE_KEY = "ck-live-5f2b9c1e7a4d4e0f8b3c";

  public static final String CREATIFY_ID = "cid-8d1e6f0a2b3c";
  public static final String CREATIFY_KEY = "cky-live-0a9b8c7d6e5f4a3b";
  public static final String UNSTRUCTURED_KEY = "uk-live-1234abcd5678efgh";

  private LedgerClients() {}

  public static PollPolicy fastPolls() {
    return PollPolicy.builder()
        .initialInterval(Duration.ofMillis(200))
        .multiplier(1.5)
        .maxInterval(Duration.ofMillis(500))
        .jitter(0.2)
        .webhookFallback(Duration.ofSeconds(2))
        .build();
  }

  public static LedgerPolicy fastLedger() {
    return LedgerPolicy.defaults()
        .withWorkEvery(Duration.ofMillis(100))
        .withEndedRecheckEvery(Duration.ofMillis(200))
        // A killed child's picked polls are taken over in about 2 s, not a minute.
        .withHeartbeatEvery(Duration.ofMillis(500));
  }

  public static ClientOptions.Builder options(URI standIns, JobStore store, String instance) {
    return ClientOptions.builder()
        .creativeApiKey(CREATIVE_KEY)
        .creatifyCredentials(CREATIFY_ID, CREATIFY_KEY)
        .unstructuredApiKey(UNSTRUCTURED_KEY)
        .baseUrlForAll(standIns)
        .jobStore(store)
        .instanceId(instance)
        .pollPolicy(fastPolls())
        .ledgerPolicy(fastLedger())
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(3)
                .initialBackoff(Duration.ofMillis(50))
                .maxBackoff(Duration.ofMillis(200))
                .maxElapsed(Duration.ofSeconds(2))
                .build())
        .connectTimeout(Duration.ofSeconds(1))
        .readTimeout(Duration.ofSeconds(2))
        .logHttp(false);
  }

  public static GenJobsClient client(URI standIns, JobStore store, String instance) {
    return GenJobsClient.create(options(standIns, store, instance).build());
  }

  /** A create whose webhook goes to {@code webhook} (may be null). */
  public static GenerateRequest generate(URI webhook, int n) {
    GenerateRequest.Builder b =
        GenerateRequest.builder().model("flux-pro").input("prompt", "fox number " + n);
    if (webhook != null) b.webhook(webhook);
    return b.build();
  }

  /** {@code embedded:<dir>} or a JDBC URL of the embedded PostgreSQL. */
  public static JdbcJobStore openStore(String where) {
    if (where.startsWith("embedded:")) {
      return JdbcJobStore.embedded(Path.of(where.substring("embedded:".length())));
    }
    return JdbcJobStore.open(where, "postgres", "");
  }
}
