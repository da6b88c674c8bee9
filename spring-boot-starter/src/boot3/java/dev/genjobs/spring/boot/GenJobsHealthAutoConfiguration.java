package dev.genjobs.spring.boot;

import dev.genjobs.client.GenJobsClient;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code genjobs} health indicator, when Actuator is present; off with {@code
 * management.health.genjobs.enabled=false}.
 */
@AutoConfiguration(after = GenJobsAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(GenJobsClient.class)
@ConditionalOnEnabledHealthIndicator("genjobs")
public class GenJobsHealthAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "genjobsHealthIndicator")
  public GenJobsHealthIndicator genjobsHealthIndicator(
      GenJobsProperties properties,
      org.springframework.core.env.Environment environment,
      ProviderCallHistory history) {
    return new GenJobsHealthIndicator(
        ConfiguredProvider.all(properties, environment::getProperty), history);
  }
}
