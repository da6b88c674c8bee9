package dev.genjobs.spring.boot;

import dev.genjobs.client.Provider;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code genjobs.<name>} block as the starter reads it: which providers it covers, its keys by
 * property name, and whether it is configured.
 *
 * @param property the block's property prefix, e.g. {@code genjobs.creative-api}
 * @param providers the providers the block covers (Creatify's covers two)
 * @param keys every key of the block by its full property name; null or blank when unset
 * @param configured true when enabled explicitly, or implicitly by a key being set
 * @param baseUrl the base URL override, or null
 */
public record ConfiguredProvider(
    String property,
    List<Provider> providers,
    Map<String, String> keys,
    boolean configured,
    URI baseUrl) {

  /** The three blocks of {@code properties}, in a fixed order. */
  public static List<ConfiguredProvider> all(GenJobsProperties properties) {
    GenJobsProperties.Creatify creatify = properties.getCreatify();
    Map<String, String> creatifyKeys = new LinkedHashMap<>();
    creatifyKeys.put(GenJobsProperties.PREFIX + ".creatify.api-id", creatify.getApiId());
    creatifyKeys.put(GenJobsProperties.PREFIX + ".creatify.api-key", creatify.getApiKey());
    return List.of(
        of(
            "creatify",
            creatify,
            creatifyKeys,
            Provider.CREATIFY_INSPIRATION,
            Provider.CREATIFY_ASSET_GENERATOR),
        of(
            "unstructured",
            properties.getUnstructured(),
            single("unstructured", properties.getUnstructured()),
            Provider.UNSTRUCTURED),
        of(
            "creative-api",
            properties.getCreativeApi(),
            single("creative-api", properties.getCreativeApi()),
            Provider.CREATIVE_API));
  }

  private static Map<String, String> single(String name, GenJobsProperties.Provider block) {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put(GenJobsProperties.PREFIX + "." + name + ".api-key", block.getApiKey());
    return keys;
  }

  private static ConfiguredProvider of(
      String name,
      GenJobsProperties.Provider block,
      Map<String, String> keys,
      Provider... providers) {
    boolean anyKey = keys.values().stream().anyMatch(ConfiguredProvider::isSet);
    boolean configured = block.getEnabled() != null ? block.getEnabled() : anyKey;
    return new ConfiguredProvider(
        GenJobsProperties.PREFIX + "." + name,
        List.of(providers),
        java.util.Collections.unmodifiableMap(keys),
        configured,
        block.getBaseUrl());
  }

  /** Property names of this block's keys that are not set. */
  public List<String> missingKeys() {
    return keys.entrySet().stream()
        .filter(e -> !isSet(e.getValue()))
        .map(Map.Entry::getKey)
        .toList();
  }

  static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }

  /** Never prints a key, only which are set. */
  @Override
  public String toString() {
    return "ConfiguredProvider{"
        + property
        + ", configured="
        + configured
        + ", missingKeys="
        + missingKeys()
        + "}";
  }
}
