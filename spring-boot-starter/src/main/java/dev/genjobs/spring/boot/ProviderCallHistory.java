package dev.genjobs.spring.boot;

import dev.genjobs.client.Provider;
import dev.genjobs.client.observability.CallOutcome;
import dev.genjobs.client.observability.ClientObserver;
import dev.genjobs.client.observability.Operation;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers each provider's last call outcome as calls happen, so the health indicator can report
 * it without calling any provider.
 */
public final class ProviderCallHistory implements ClientObserver {

  /**
   * @param operation the spec's operation id
   * @param result how it ended
   * @param httpStatus the error response's status, if any
   * @param error the failure's type (simple name), or null on success
   * @param at when it ended
   */
  public record LastCall(
      String operation,
      CallOutcome.Result result,
      OptionalInt httpStatus,
      String error,
      Instant at) {}

  private final Map<Provider, LastCall> last = new ConcurrentHashMap<>();
  private final Clock clock;

  public ProviderCallHistory(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Call callStarted(Operation operation) {
    return new Call() {
      @Override
      public void ended(CallOutcome outcome) {
        last.put(
            operation.provider(),
            new LastCall(
                operation.name(),
                outcome.result(),
                outcome.httpStatus(),
                outcome.failure() == null ? null : outcome.failure().getClass().getSimpleName(),
                clock.instant()));
      }
    };
  }

  public Optional<LastCall> lastCall(Provider provider) {
    return Optional.ofNullable(last.get(provider));
  }
}
