package dev.genjobs.spring.boot;

import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.RetryPolicy;
import dev.genjobs.client.jobs.PollPolicy;
import dev.genjobs.client.store.LedgerPolicy;
import java.util.List;
import java.util.function.Consumer;

/** {@link GenJobsProperties} to {@link ClientOptions}; unset values keep the library defaults. */
final class GenJobsClientOptionsFactory {

  private GenJobsClientOptionsFactory() {}

  /**
   * @throws MissingGenJobsKeyException naming the properties when a configured provider lacks a key
   *     or no provider is configured
   */
  static ClientOptions.Builder builder(
      GenJobsProperties properties, java.util.function.UnaryOperator<String> environment) {
    List<ConfiguredProvider> blocks = ConfiguredProvider.all(properties, environment);
    List<String> missing =
        blocks.stream()
            .filter(ConfiguredProvider::configured)
            .flatMap(b -> b.missingKeys().stream())
            .distinct()
            .toList();
    if (!missing.isEmpty()) {
      throw new MissingGenJobsKeyException(
          missing,
          "genjobs: missing key(s) for a configured provider: " + String.join(", ", missing));
    }
    if (blocks.stream().noneMatch(ConfiguredProvider::configured)) {
      List<String> any =
          blocks.stream().flatMap(b -> b.keys().keySet().stream()).distinct().toList();
      throw new MissingGenJobsKeyException(
          any, "genjobs: no provider is configured: set the key(s) of at least one of " + any);
    }

    ClientOptions.Builder b = ClientOptions.builder();
    for (ConfiguredProvider block : blocks) {
      block
          .variables()
          .forEach(
              (variable, value) -> {
                if (ConfiguredProvider.isSet(value)) b.key(variable, value);
              });
      if (block.baseUrl() != null) b.baseUrl(block.provider(), block.baseUrl());
    }
    set(properties.getConnectTimeout(), b::connectTimeout);
    set(properties.getReadTimeout(), b::readTimeout);
    set(properties.getWatcherThreads(), b::watcherThreads);
    set(properties.getPollThreads(), b::pollThreads);
    set(properties.getLogHttp(), b::logHttp);
    b.retryPolicy(retryPolicy(properties.getRetry()));
    b.pollPolicy(pollPolicy(properties.getPoll()));
    b.ledgerPolicy(ledgerPolicy(properties.getLedger()));
    return b;
  }

  private static RetryPolicy retryPolicy(GenJobsProperties.Retry r) {
    RetryPolicy.Builder b = RetryPolicy.defaults().toBuilder();
    set(r.getMaxAttempts(), b::maxAttempts);
    set(r.getInitialBackoff(), b::initialBackoff);
    set(r.getMaxBackoff(), b::maxBackoff);
    set(r.getMultiplier(), b::multiplier);
    set(r.getMaxElapsed(), b::maxElapsed);
    set(r.getMaxRetryAfter(), b::maxRetryAfter);
    return b.build();
  }

  private static PollPolicy pollPolicy(GenJobsProperties.Poll p) {
    PollPolicy.Builder b = PollPolicy.defaults().toBuilder();
    set(p.getInitialInterval(), b::initialInterval);
    set(p.getMultiplier(), b::multiplier);
    set(p.getMaxInterval(), b::maxInterval);
    set(p.getJitter(), b::jitter);
    set(p.getWebhookFallback(), b::webhookFallback);
    set(p.getMaxConsecutiveErrors(), b::maxConsecutiveErrors);
    set(p.getMaxPushback(), b::maxPushback);
    return b.build();
  }

  private static LedgerPolicy ledgerPolicy(GenJobsProperties.Ledger l) {
    LedgerPolicy p = LedgerPolicy.defaults();
    if (l.getWorkThreads() != null) p = p.withWorkThreads(l.getWorkThreads());
    if (l.getWorkEvery() != null) p = p.withWorkEvery(l.getWorkEvery());
    if (l.getHeartbeat() != null) p = p.withHeartbeatEvery(l.getHeartbeat());
    if (l.getRetention() != null) p = p.withRetention(l.getRetention());
    if (Boolean.FALSE.equals(l.getRunsWork())) p = p.withoutPolling();
    return p;
  }

  private static <T> void set(T value, Consumer<T> setter) {
    if (value != null) setter.accept(value);
  }
}
