package dev.genjobs.spring.boot;

import dev.genjobs.client.Provider;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code genjobs.verify_live.findings} per provider: how many findings its last live check had (0:
 * its answers conform; NaN: not checked yet, or the check failed). Alert on a value above 0.
 */
public class VerifyLiveMeters implements MeterBinder {

  private final VerifyLiveSchedule schedule;

  public VerifyLiveMeters(VerifyLiveSchedule schedule) {
    this.schedule = schedule;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Provider provider : schedule.providers()) {
      Gauge.builder("genjobs.verify_live.findings", schedule, s -> findings(s, provider))
          .description("Findings of the provider's last live check against its spec")
          .tag("provider", provider.specFolder())
          .register(registry);
    }
  }

  private static double findings(VerifyLiveSchedule schedule, Provider provider) {
    return schedule
        .last(provider)
        .filter(c -> c.report() != null)
        .map(c -> (double) c.report().findings().size())
        .orElse(Double.NaN);
  }
}
