package dev.genjobs.client.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.genjobs.client.errors.InvalidInputException.Violation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON Schemas providers publish for job inputs (Asset Generator models, Inspiration
 * templates), fetched on first use, cached for {@link #ttl()}, and applied with networknt's
 * json-schema-validator before a job is created. Compiled schemas are cached with them.
 *
 * <p>A schema is the provider's data, not ours: whatever it holds, checking input against it never
 * fails a create. A {@code $schema} naming a dialect the validator does not know (any string is
 * valid there) is checked as {@link #DEFAULT_DIALECT}; a schema the validator cannot compile or
 * apply at all is skipped. Either way a warning says so, and the provider still checks the input.
 */
public final class InputSchemas {

  private static final Logger LOG = LoggerFactory.getLogger(InputSchemas.class);

  /** The dialect of a schema without {@code $schema} or with one the validator does not know. */
  static final SpecificationVersion DEFAULT_DIALECT = SpecificationVersion.DRAFT_2020_12;

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
    List<Error> errors;
    try {
      errors = schema.validate(json, InputFormat.JSON);
    } catch (RuntimeException e) {
      // Some keywords are only compiled when first applied (a pattern, a $ref): the schema is
      // still the provider's data, so the check is skipped rather than the create failed.
      LOG.warn(
          "the published input schema of '{}' cannot be applied ({}); input not checked locally,"
              + " the provider checks it",
          key,
          reason(e));
      return List.of();
    }
    List<Violation> violations = new ArrayList<>();
    for (Error error : errors) {
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
    Schema compiled = published == null || published.isEmpty() ? null : compile(key, published);
    cache.put(key, new Entry(compiled, now.plus(ttl)));
    return compiled;
  }

  /**
   * The compiled schema, or null when the validator cannot use it (a warning says why). A dialect
   * it does not know is dropped and the schema compiled as {@link #DEFAULT_DIALECT}.
   */
  static Schema compile(String key, JsonNode schema) {
    JsonNode dialect = schema.path("$schema");
    JsonNode usable = schema;
    SpecificationVersion version = DEFAULT_DIALECT;
    if (!dialect.isMissingNode()) {
      var known = SpecificationVersion.fromDialectId(dialect.asText(""));
      if (known.isPresent() && dialect.isTextual()) {
        version = known.get();
      } else if (schema instanceof ObjectNode object) {
        LOG.warn(
            "the published input schema of '{}' names JSON Schema dialect {}, which the validator"
                + " does not know; checking it as {}",
            key,
            dialect,
            DEFAULT_DIALECT.getDialectId());
        usable = object.deepCopy().without("$schema");
      }
    }
    try {
      SchemaRegistry registry =
          SchemaRegistry.withDefaultDialect(
              version,
              b ->
                  b.schemaRegistryConfig(
                          SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build())
                      // A $ref in the provider's schema must never make the client fetch a URL.
                      .schemaLoader(loader -> loader.fetchRemoteResources(false)));
      return registry.getSchema(usable.toString(), InputFormat.JSON);
    } catch (RuntimeException e) {
      LOG.warn(
          "the published input schema of '{}' cannot be used ({}); input not checked locally, the"
              + " provider checks it",
          key,
          reason(e));
      return null;
    }
  }

  private static String reason(RuntimeException e) {
    String message = e.getMessage();
    // One line: a regex error, for one, spans three.
    return e.getClass().getSimpleName()
        + (message == null ? "" : ": " + message.strip().replaceAll("\\s*\\R\\s*", " "));
  }
}
