package dev.genjobs.spring.boot;

import dev.genjobs.client.ClientOptions;

/**
 * Adjusts the auto-configured client's options after the {@code genjobs.*} properties are applied,
 * for what properties cannot say (an HTTP client, a clock). Declare beans of this type; they run in
 * {@code @Order}.
 */
@FunctionalInterface
public interface GenJobsClientCustomizer {
  void customize(ClientOptions.Builder options);
}
