package dev.genjobs.examples.service;

import dev.genjobs.client.Provider;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import dev.genjobs.standins.replicate.ReplicateStandIn;
import java.time.Duration;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

/**
 * With {@code example.stand-ins=true} (the default), starts the loopback stand-ins before the
 * application and points every provider at them with demo keys; stops them when it closes. One
 * provider's jobs fail, as in the demo, so the metrics show a failed result too.
 */
public class StandInsInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    if (!context.getEnvironment().getProperty("example.stand-ins", Boolean.class, true)) return;
    ProviderStandIns standIns =
        ProviderStandIns.start(
            StandInOptions.builder()
                .stepDuration(Duration.ofMillis(700))
                .failing(Provider.CREATIFY_INSPIRATION.specFolder())
                .build());
    String url = standIns.baseUrl().toString();
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "genjobs-stand-ins",
                Map.ofEntries(
                    Map.entry("genjobs.creative-api.base-url", url),
                    Map.entry("genjobs.creative-api.api-key", "demo-key"),
                    Map.entry("genjobs.creatify.base-url", url),
                    Map.entry("genjobs.creatify.api-id", "demo-id"),
                    Map.entry("genjobs.creatify.api-key", "demo-key"),
                    Map.entry("genjobs.unstructured.base-url", url),
                    Map.entry("genjobs.unstructured.api-key", "demo-key"),
                    Map.entry("genjobs.providers.replicate.base-url", url),
                    Map.entry("genjobs.providers.replicate.keys.replicate-api-token", "demo-key"),
                    // The stand-in signs its webhook deliveries with this secret; the starter's
                    // endpoint refuses a delivery whose signature does not match it.
                    Map.entry(
                        "genjobs.providers.replicate.keys.replicate-webhook-secret",
                        ReplicateStandIn.WEBHOOK_SECRET))));
    context.addApplicationListener(
        event -> {
          if (event instanceof ContextClosedEvent) standIns.close();
        });
  }
}
