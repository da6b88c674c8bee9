package dev.genjobs.client.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.genjobs.client.errors.InvalidInputException.Violation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The JSON Schemas providers publish for job inputs (Asset Generator models, Inspiration
 * templates), fetched on first use, cached for {@link #ttl()}, and applied with networknt's
 * json-schema-validator before a job is created. Compiled schemas are cached with them.
 */
public final class InputSchemas {

  private final Function<String, JsonNode> loader;
  private final Duration ttl;
  private final Clock clock;
  private final ObjectMapper mapper;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  private record Entry(Schema schema, Instant expires) {}

  /**
   * @param loader fetches the schema of one key (a model name, a template id); returns null when
   *     the provider publishes none
   */
  public InputSchemas(
      Function<String, JsonNode> loader, Duration ttl, Clock clock, ObjectMapper mapper) {
    this.loader = loader;
    this.ttl = ttl;
    this.clock = clock;
    this.mapper = mapper;
  }

  public Duration ttl() {
    return ttl;
  }

  /**
   * Every violation of {@code key}'s schema by {@code input}, each with the JSON pointer under
   * {@code pointerPrefix} (e.g. {@code /input_params/duration}). Empty when valid or when the
   * provider publishes no schema.
   */
  public List<Violation> validate(String key, Object input, String pointerPrefix) {
    Schema schema = schema(key);
    if (schema == null) return List.of();
    String json;
    try {
      json = mapper.writeValueAsString(input);
    } catch (Exception e) {
      return List.of(
          new Violation(pointerPrefix, "is not serializable to JSON: " + e.getMessage()));
    }
    List<Violation> violations = new ArrayList<>();
    for (Error error : schema.validate(json, InputFormat.JSON)) {
      String location =
          error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
      if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
        // Point at the missing member itself, not at the object that lacks it.
        location = location + "/" + error.getProperty().replace("~", "~0").replace("/", "~1");
      }
      violations.add(new Violation(pointerPrefix + location, error.getMessage()));
    }
    return violations;
  }

  /** Drops every cached schema, e.g. after the provider changed a model. */
  public void invalidateAll() {
    cache.clear();
  }

  private Schema schema(String key) {
    Instant now = clock.instant();
    Entry entry = cache.get(key);
    if (entry != null && now.isBefore(entry.expires())) {
      return entry.schema();
    }
    JsonNode published = loader.apply(key);
    Schema compiled = published == null || published.isEmpty() ? null : compile(published);
    cache.put(key, new Entry(compiled, now.plus(ttl)));
    return compiled;
  }

  private static Schema compile(JsonNode schema) {
    SpecificationVersion version =
        SpecificationVersion.fromDialectId(schema.path("$schema").asText(""))
            .orElse(SpecificationVersion.DRAFT_2020_12);
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            version,
            b ->
                b.schemaRegistryConfig(
                    com.networknt.schema.SchemaRegistryConfig.builder()
                        .pathType(com.networknt.schema.path.PathType.JSON_POINTER)
                        .build()));
    return registry.getSchema(schema.toString(), InputFormat.JSON);
  }
}
