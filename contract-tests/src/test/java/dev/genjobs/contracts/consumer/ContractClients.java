package dev.genjobs.contracts.consumer;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.Matcher;
import au.com.dius.pact.consumer.dsl.Matchers;
import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.RetryPolicy;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What every consumer test shares: the consumer name, test credentials, the header matchers and a
 * client pointed at the Pact mock server. The client is the real one users get; only the base URL,
 * the keys, retries (off: a retry would be an interaction the pact does not declare) and waiting
 * (no sleeping) differ.
 */
final class ContractClients {

  static final String CONSUMER = "genjobs-java";

  static final String CREATIVE_KEY = "creative-test-key";
  static final String UNSTRUCTURED_KEY = "unstructured-test-key";
  static final String CREATIFY_ID = "creatify-test-id";
  static final String CREATIFY_KEY = "creatify-test-key";

  /** A key the provider has revoked: every provider answers 401 to it. */
  static final String REVOKED_KEY = "revoked-key";

  /** Any non-blank key; the example is the test key. */
  static Matcher apiKey(String example) {
    return Matchers.regexp("\\S+", example);
  }

  /**
   * Feign sends {@code application/json}, Pact's JSON body would otherwise demand {@code
   * application/json; charset=UTF-8}: either is the JSON the spec asks for.
   */
  static Matcher jsonContentType() {
    return Matchers.regexp("application/json(;\\s*charset=(UTF|utf)-8)?", "application/json");
  }

  /**
   * {@code Retry-After} as the providers send it after a 429: delta-seconds. The client waits that
   * long (the job watcher moves the next poll back by it), so the contract states it.
   */
  static final String RETRY_AFTER_SECONDS = "12";

  static Matcher retryAfterSeconds() {
    return Matchers.regexp("\\d+", RETRY_AFTER_SECONDS);
  }

  /** The provider state of every 429 interaction. */
  static final String RATE_LIMITED = "the API key has used up its request rate for now";

  private ContractClients() {}

  /** A client for {@code provider} at the mock server, with the test keys. */
  static GenJobsClient client(MockServer server, Provider provider) {
    return client(server, provider, false);
  }

  /** Like {@link #client(MockServer, Provider)}, with {@link #REVOKED_KEY} as the API key. */
  static GenJobsClient clientWithRevokedKey(MockServer server, Provider provider) {
    return client(server, provider, true);
  }

  /** The headers a webhook delivery comes with (the handler reads only the body). */
  static final Map<String, List<String>> JSON_HEADERS =
      Map.of("Content-Type", List.of("application/json"));

  /**
   * A client for a test without an HTTP interaction (a webhook delivery): its base URL is a
   * loopback port nothing listens on, so any call it made would fail the test.
   */
  static GenJobsClient offline(Provider provider) {
    return client(URI.create("http://127.0.0.1:9"), provider, false);
  }

  private static GenJobsClient client(MockServer server, Provider provider, boolean revoked) {
    return client(URI.create(server.getUrl()), provider, revoked);
  }

  private static GenJobsClient client(URI baseUrl, Provider provider, boolean revoked) {
    return GenJobsClient.create(
        ClientOptions.builder()
            .baseUrl(provider, baseUrl)
            .creativeApiKey(revoked ? REVOKED_KEY : CREATIVE_KEY)
            .unstructuredApiKey(revoked ? REVOKED_KEY : UNSTRUCTURED_KEY)
            .creatifyCredentials(CREATIFY_ID, revoked ? REVOKED_KEY : CREATIFY_KEY)
            .retryPolicy(RetryPolicy.none())
            .sleeper(duration -> {})
            .logHttp(false)
            .build());
  }
}
