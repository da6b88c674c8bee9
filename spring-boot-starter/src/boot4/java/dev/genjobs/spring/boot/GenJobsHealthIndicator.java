package dev.genjobs.spring.boot;

import dev.genjobs.client.Provider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code genjobs} in {@code /actuator/health}: for each configured provider, whether its keys are
 * present and how its last call ended, from {@link ProviderCallHistory}: no provider is called by a
 * health check. DOWN only when a provider's last call was refused for its credentials (401 or 403):
 * the keys need fixing. Other failures (rate limits, a provider's 5xx) are reported in the details
 * but leave the application UP, since restarting it would not help.
 */
public class GenJobsHealthIndicator extends AbstractHealthIndicator {

  private final List<ConfiguredProvider> providers;
  private final ProviderCallHistory history;

  public GenJobsHealthIndicator(List<ConfiguredProvider> providers, ProviderCallHistory history) {
    super("genjobs health check failed");
    this.providers = List.copyOf(providers);
    this.history = history;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    boolean credentialsRefused = false;
    for (ConfiguredProvider block : providers) {
      if (!block.configured()) continue;
      {
        Provider provider = block.provider();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("keysPresent", block.missingKeys().isEmpty());
        ProviderCallHistory.LastCall last = history.lastCall(provider).orElse(null);
        if (last == null) {
          detail.put("lastCall", "none yet");
        } else {
          Map<String, Object> call = new LinkedHashMap<>();
          call.put("operation", last.operation());
          call.put("outcome", last.result().name());
          last.httpStatus().ifPresent(s -> call.put("httpStatus", s));
          if (last.error() != null) call.put("error", last.error());
          call.put("at", last.at().toString());
          detail.put("lastCall", call);
          int status = last.httpStatus().orElse(0);
          credentialsRefused |= status == 401 || status == 403;
        }
        builder.withDetail(provider.specFolder(), detail);
      }
    }
    if (credentialsRefused) builder.down();
    else builder.up();
  }
}
