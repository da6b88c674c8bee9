package dev.genjobs.spring.boot;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The last scheduled live check per provider in {@code /actuator/health} ({@link
 * VerifyLiveHealthDetails}). Always UP: a provider drifting from its spec is not this application
 * failing, and restarting it would not help; alert on {@code genjobs.verify_live.findings} instead.
 */
public class GenJobsVerifyLiveHealthIndicator extends AbstractHealthIndicator {

  private final VerifyLiveSchedule schedule;

  public GenJobsVerifyLiveHealthIndicator(VerifyLiveSchedule schedule) {
    super("genjobs verify-live health check failed");
    this.schedule = schedule;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder.withDetails(VerifyLiveHealthDetails.of(schedule)).up();
  }
}
