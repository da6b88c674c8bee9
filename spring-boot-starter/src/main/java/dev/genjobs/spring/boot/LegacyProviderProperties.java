package dev.genjobs.spring.boot;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The property names the starter had before providers were modules ({@code genjobs.creatify.*},
 * {@code genjobs.unstructured.*}, {@code genjobs.creative-api.*}), kept working for the providers
 * they named. New providers are configured only under {@code genjobs.providers.<id>}; this class
 * never grows.
 */
final class LegacyProviderProperties {

  private static final LegacyProviderProperties NONE = new LegacyProviderProperties(null, Map.of());

  private final GenJobsProperties.Provider block;
  private final Map<String, String> keyProperties;

  private LegacyProviderProperties(
      GenJobsProperties.Provider block, Map<String, String> keyProperties) {
    this.block = block;
    this.keyProperties = keyProperties;
  }

  static LegacyProviderProperties of(GenJobsProperties properties, String providerId) {
    String p = GenJobsProperties.PREFIX;
    return switch (providerId) {
      case "creatify-inspiration", "creatify-asset-generator" ->
          new LegacyProviderProperties(
              properties.getCreatify(),
              Map.of(
                  "CREATIFY_API_ID", p + ".creatify.api-id",
                  "CREATIFY_API_KEY", p + ".creatify.api-key"));
      case "unstructured-platform" ->
          new LegacyProviderProperties(
              properties.getUnstructured(),
              Map.of("UNSTRUCTURED_API_KEY", p + ".unstructured.api-key"));
      case "creative-api" ->
          new LegacyProviderProperties(
              properties.getCreativeApi(), Map.of("CREATIVE_API_KEY", p + ".creative-api.api-key"));
      default -> NONE;
    };
  }

  /** The former property of a key, e.g. {@code genjobs.creative-api.api-key}. */
  Optional<String> keyProperty(String variable) {
    return Optional.ofNullable(keyProperties.get(variable));
  }

  /** The key's value under its former property, or null. */
  String key(String variable) {
    if (block == null || !keyProperties.containsKey(variable)) return null;
    if (variable.endsWith("_API_ID") && block instanceof GenJobsProperties.Creatify c) {
      return c.getApiId();
    }
    return block.getApiKey();
  }

  Boolean enabled() {
    return block == null ? null : block.getEnabled();
  }

  URI baseUrl() {
    return block == null ? null : block.getBaseUrl();
  }
}
