package dev.genjobs.spring.boot;

import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code genjobsVerifyLive} health indicator, when Actuator is present and the scheduled live
 * check runs; off with {@code management.health.genjobs-verify-live.enabled=false}.
 */
@AutoConfiguration(after = GenJobsVerifyLiveAutoConfiguration.class)
// By name, and before the bean condition: without genjobs-verify-live, VerifyLiveSchedule (which
// refers to its types) must not be loaded.
@ConditionalOnClass(
    value = HealthIndicator.class,
    name = "dev.genjobs.verifylive.LiveCheck")
@ConditionalOnBean(VerifyLiveSchedule.class)
@ConditionalOnEnabledHealthIndicator("genjobs-verify-live")
public class GenJobsVerifyLiveHealthAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "genjobsVerifyLiveHealthIndicator")
  public GenJobsVerifyLiveHealthIndicator genjobsVerifyLiveHealthIndicator(
      VerifyLiveSchedule schedule) {
    return new GenJobsVerifyLiveHealthIndicator(schedule);
  }
}
