package dev.genjobs.spring.boot;

import dev.genjobs.client.Provider;
import dev.genjobs.client.spi.ProviderModule;
import dev.genjobs.client.spi.ProviderModules;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One registered provider as the starter reads its settings: {@code genjobs.providers.<id>.*}, then
 * the property names the starter had before providers were modules ({@code
 * genjobs.creative-api.api-key}, ...), then the environment variables its module names ({@code
 * REPLICATE_API_TOKEN}).
 *
 * @param property its property prefix, {@code genjobs.providers.<id>}
 * @param provider the provider
 * @param keys its required keys: the property to set for each, and its value (null when unset)
 * @param variables every key it reads (required and optional) by variable, for {@code
 *     ClientOptions.Builder#key}
 * @param configured true when enabled explicitly, or implicitly by a required key being set
 * @param baseUrl the base URL override, or null
 */
public record ConfiguredProvider(
    String property,
    Provider provider,
    Map<String, String> keys,
    Map<String, String> variables,
    boolean configured,
    URI baseUrl) {

  /** Every registered provider, in id order. */
  public static List<ConfiguredProvider> all(
      GenJobsProperties properties, UnaryOperator<String> environment) {
    List<ConfiguredProvider> all = new ArrayList<>();
    for (ProviderModule module : ProviderModules.installed().modules()) {
      all.add(of(module, properties, environment));
    }
    return all;
  }

  private static ConfiguredProvider of(
      ProviderModule module, GenJobsProperties properties, UnaryOperator<String> environment) {
    String id = module.provider().id();
    String prefix = GenJobsProperties.PREFIX + ".providers." + id;
    boolean byId = properties.getProviders().containsKey(id);
    GenJobsProperties.ProviderSettings settings =
        properties.getProviders().getOrDefault(id, new GenJobsProperties.ProviderSettings());
    LegacyProviderProperties legacy = LegacyProviderProperties.of(properties, id);
    Map<String, String> keys = new LinkedHashMap<>();
    Map<String, String> variables = new LinkedHashMap<>();
    for (String variable : module.keyVariables()) {
      String value = keyValue(variable, settings, legacy, environment);
      // A missing key is named as the user configures this provider: by id, or by its former name.
      String generic = prefix + ".keys." + kebab(variable);
      keys.put(byId ? generic : legacy.keyProperty(variable).orElse(generic), value);
      variables.put(variable, value);
    }
    for (String variable : module.optionalKeyVariables()) {
      variables.put(variable, keyValue(variable, settings, legacy, environment));
    }
    boolean anyKey = keys.values().stream().anyMatch(ConfiguredProvider::isSet);
    Boolean enabled = settings.getEnabled() != null ? settings.getEnabled() : legacy.enabled();
    URI baseUrl = settings.getBaseUrl() != null ? settings.getBaseUrl() : legacy.baseUrl();
    return new ConfiguredProvider(
        prefix,
        module.provider(),
        Collections.unmodifiableMap(keys),
        Collections.unmodifiableMap(variables),
        enabled != null ? enabled : anyKey,
        baseUrl);
  }

  private static String keyValue(
      String variable,
      GenJobsProperties.ProviderSettings settings,
      LegacyProviderProperties legacy,
      UnaryOperator<String> environment) {
    for (Map.Entry<String, String> e : settings.getKeys().entrySet()) {
      if (normalized(e.getKey()).equals(normalized(variable)) && isSet(e.getValue())) {
        return e.getValue();
      }
    }
    String old = legacy.key(variable);
    if (isSet(old)) return old;
    String fromEnvironment = environment.apply(variable);
    return isSet(fromEnvironment) ? fromEnvironment : null;
  }

  // Spring's relaxed binding may hand map keys over lower-cased or without '_': compare letters.
  private static String normalized(String name) {
    return name.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
  }

  private static String kebab(String variable) {
    return variable.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Property names of its required keys that are not set. */
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
