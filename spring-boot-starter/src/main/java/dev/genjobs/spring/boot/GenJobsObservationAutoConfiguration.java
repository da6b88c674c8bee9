package dev.genjobs.spring.boot;

import dev.genjobs.micrometer.MicrometerClientObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer observations for the auto-configured client, when the application has an {@link
 * ObservationRegistry} (Actuator makes one): provider calls and webhook deliveries as observations
 * (timers, and spans with a tracer), poll lateness and time to result on the {@link MeterRegistry};
 * jobs in flight are gauges (see {@link GenJobsAutoConfiguration}). Without a registry nothing is
 * added. Names and tags: {@code dev.genjobs.micrometer.GenJobsMeters}.
 */
@AutoConfiguration(
    before = GenJobsAutoConfiguration.class,
    afterName = {
      // Boot 3.5 and Boot 4.0 names of the auto-configurations that create the registries.
      "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
      "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnClass({ObservationRegistry.class, MicrometerClientObserver.class})
@ConditionalOnBean(ObservationRegistry.class)
public class GenJobsObservationAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  public MicrometerClientObserver genJobsMicrometerObserver(
      ObservationRegistry observations, ObjectProvider<MeterRegistry> meters) {
    return MicrometerClientObserver.builder(observations)
        .meterRegistry(meters.getIfUnique())
        .build();
  }
}
