package dev.genjobs.spring.boot;

import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.observability.ClientObserver;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * A {@link GenJobsClient} from {@code genjobs.*}, closed when the application stops; every {@link
 * ClientObserver} bean (metrics, the health indicator's call history) is told about its calls; and
 * in a servlet web application, the webhook endpoint. Off with {@code genjobs.enabled=false}; a
 * {@code GenJobsClient} bean of the application's own replaces this one.
 */
@AutoConfiguration
@ConditionalOnClass(GenJobsClient.class)
@ConditionalOnProperty(prefix = GenJobsProperties.PREFIX, name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(GenJobsProperties.class)
public class GenJobsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  public ProviderCallHistory genJobsProviderCallHistory() {
    return new ProviderCallHistory(Clock.systemUTC());
  }

  /** Closed on shutdown: pending waits end, the pool the client owns stops. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public GenJobsClient genJobsClient(
      GenJobsProperties properties,
      org.springframework.core.env.Environment environment,
      ObjectProvider<ClientObserver> observers,
      ObjectProvider<GenJobsClientCustomizer> customizers) {
    JacksonAlignment.check(GenJobsClient.class.getClassLoader());
    ClientOptions.Builder options =
        GenJobsClientOptionsFactory.builder(properties, environment::getProperty);
    options.observer(ClientObserver.composite(observers.orderedStream().toList()));
    customizers.orderedStream().forEach(c -> c.customize(options));
    return GenJobsClient.create(options.build());
  }

  /** Jobs in flight as gauges, when Micrometer is present; Boot binds MeterBinder beans. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {
        "io.micrometer.core.instrument.MeterRegistry",
        "dev.genjobs.micrometer.GenJobsMeterBinder"
      })
  static class JobsInFlightMeters {

    @Bean
    @ConditionalOnMissingBean
    dev.genjobs.micrometer.GenJobsMeterBinder genJobsMeterBinder(GenJobsClient client) {
      return new dev.genjobs.micrometer.GenJobsMeterBinder(client);
    }
  }

  /** The webhook endpoint, in servlet web applications. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(DispatcherServlet.class)
  @ConditionalOnProperty(
      prefix = GenJobsProperties.PREFIX + ".webhooks",
      name = "enabled",
      matchIfMissing = true)
  static class Webhooks {

    @Bean
    @ConditionalOnMissingBean
    GenJobsWebhookController genJobsWebhookController(
        GenJobsClient client, GenJobsProperties properties) {
      return new GenJobsWebhookController(
          client.webhooks(), properties.getWebhooks().getMaxBodyBytes());
    }
  }
}
