package dev.genjobs.spring.boot;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.verifylive.LiveCheck;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The scheduled live check, when genjobs-verify-live is on the classpath and {@code
 * genjobs.verify-live.interval} is set: every provider configured with its keys is checked at
 * start-up and then once per interval; the last results show in health ({@code genjobsVerifyLive})
 * and in the gauge {@code genjobs.verify_live.findings}.
 */
@AutoConfiguration(after = GenJobsAutoConfiguration.class)
@ConditionalOnClass(LiveCheck.class)
@ConditionalOnBean(GenJobsClient.class)
@ConditionalOnProperty(prefix = GenJobsVerifyLiveProperties.PREFIX, name = "interval")
@EnableConfigurationProperties(GenJobsVerifyLiveProperties.class)
public class GenJobsVerifyLiveAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  public VerifyLiveSchedule genjobsVerifyLiveSchedule(
      GenJobsClient client,
      GenJobsProperties properties,
      org.springframework.core.env.Environment environment,
      GenJobsVerifyLiveProperties verifyLive) {
    List<Provider> providers =
        ConfiguredProvider.all(properties, environment::getProperty).stream()
            .filter(p -> p.configured() && p.missingKeys().isEmpty())
            .map(ConfiguredProvider::provider)
            .toList();
    return new VerifyLiveSchedule(
        LiveCheck.of(client), providers, verifyLive.getInterval(), Clock.systemUTC());
  }

  @Bean
  @ConditionalOnMissingBean(name = "genjobsVerifyLiveMeters")
  public MeterBinder genjobsVerifyLiveMeters(VerifyLiveSchedule schedule) {
    return new VerifyLiveMeters(schedule);
  }
}
