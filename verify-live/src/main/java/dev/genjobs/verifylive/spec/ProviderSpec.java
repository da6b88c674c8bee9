package dev.genjobs.verifylive.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.genjobs.spectools.OpenApi31Lowering;
import dev.genjobs.spectools.SpecCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A provider's OpenAPI document: the tree as published ({@link #copy()} gives tests one to mutate)
 * and the form the validator checks against ({@link #normalised()}).
 */
public record ProviderSpec(String provider, String source, ObjectNode published) {

  /** Where {@link #normalised()} puts each webhook's payload schema, by webhook name. */
  public static final String WEBHOOK_SCHEMA_PREFIX = "genjobs-webhook-";

  private static final ObjectMapper YAML = new YAMLMapper();
  private static final Set<String> METHODS = dev.genjobs.spectools.SpecValidator.HTTP_METHODS;

  /** The newest spec of {@code provider} from the genjobs-specs jar on the classpath. */
  public static ProviderSpec newest(String provider) {
    URL url = SpecCatalog.fromClasspath().newestSpecUrl(provider);
    try (InputStream in = url.openStream()) {
      JsonNode tree = YAML.readTree(in); // YAML is a superset of JSON: reads both spec formats
      return of(provider, url.toString(), (ObjectNode) tree);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + url, e);
    }
  }

  /** A spec from a classpath resource (YAML or JSON). */
  public static ProviderSpec fromResource(String provider, String resource) {
    URL url = Thread.currentThread().getContextClassLoader().getResource(resource);
    if (url == null) url = ProviderSpec.class.getClassLoader().getResource(resource);
    if (url == null) throw new IllegalArgumentException(resource + " is not on the classpath");
    try (InputStream in = url.openStream()) {
      return of(provider, resource, (ObjectNode) YAML.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + url, e);
    }
  }

  /** A spec given as a tree (a copy is kept). */
  public static ProviderSpec of(String provider, String source, ObjectNode tree) {
    return new ProviderSpec(provider, source, tree.deepCopy());
  }

  /** A copy of the published tree, to mutate. */
  public ObjectNode copy() {
    return published.deepCopy();
  }

  /**
   * What the verifier checks against, with two rewrites the request validator
   * (swagger-request-validator 2.44.1) needs, both measured here:
   *
   * <ul>
   *   <li>OpenAPI 3.1 is lowered to 3.0 ({@link OpenApi31Lowering}, the same lowering the spec diff
   *       uses). On the Unstructured spec as published (3.1.0) the validator finds no usable {@code
   *       type} in {@code anyOf: [{type: string}, {type: 'null'}]}, parses such a parameter's value
   *       as JSON and fails every interaction ({@code validation.request.parameter.schema
   *       .invalidJson} on the API-key header and on {@code ?status=COMPLETED}); enums inside such
   *       unions are not checked either.
   *   <li>The document-wide {@code security} is written onto every operation that declares none.
   *       OpenAPI says operations inherit it; the validator reads only an operation's own, so a
   *       changed auth header would pass unnoticed.
   *   <li>Each webhook payload schema (3.1 {@code webhooks}, 3.0 {@code callbacks}) is copied to
   *       {@code components/schemas/} as {@value #WEBHOOK_SCHEMA_PREFIX}{@code <name>}: the
   *       lowering to 3.0 drops {@code webhooks}, and the validator reads neither.
   * </ul>
   */
  public ObjectNode normalised() {
    ObjectNode tree = published.deepCopy();
    webhookPayloads(tree)
        .forEach(
            (name, schema) -> {
              ObjectNode components =
                  tree.has("components")
                      ? (ObjectNode) tree.get("components")
                      : tree.putObject("components");
              ObjectNode schemas =
                  components.has("schemas")
                      ? (ObjectNode) components.get("schemas")
                      : components.putObject("schemas");
              schemas.set(WEBHOOK_SCHEMA_PREFIX + name, outsideComponents(tree, schema).deepCopy());
            });
    OpenApi31Lowering.lower(tree);
    JsonNode global = tree.get("security");
    if (global instanceof ArrayNode && !global.isEmpty()) {
      for (JsonNode pathItem : tree.path("paths")) {
        pathItem
            .fields()
            .forEachRemaining(
                e -> {
                  if (METHODS.contains(e.getKey())
                      && e.getValue() instanceof ObjectNode operation
                      && !operation.has("security")) {
                    operation.set("security", global.deepCopy());
                  }
                });
      }
    }
    return tree;
  }

  /**
   * {@code schema}, or what it refers to when it is a {@code $ref} into the document outside {@code
   * components} (a webhook payload that is "the job as its GET returns it" refers to that inline
   * response schema where the provider publishes it). The validator resolves references against
   * {@code components} only, so such a schema is copied in whole.
   */
  private static JsonNode outsideComponents(JsonNode tree, JsonNode schema) {
    JsonNode current = schema;
    for (int hops = 0; hops < 16; hops++) {
      String ref = current.path("$ref").asText("");
      if (!ref.startsWith("#/") || ref.startsWith("#/components/")) {
        return current;
      }
      JsonNode target = tree.at(ref.substring(1));
      if (target.isMissingNode()) {
        return current; // left for the validator to report as unresolvable
      }
      current = target;
    }
    return current;
  }

  /**
   * The JSON payload schema of each webhook the spec declares, by name: OpenAPI 3.1 {@code
   * webhooks.<name>.post}, OpenAPI 3.0 {@code callbacks.<name>.<url expression>.post} on any
   * operation.
   */
  public static Map<String, JsonNode> webhookPayloads(JsonNode tree) {
    Map<String, JsonNode> out = new TreeMap<>();
    tree.path("webhooks")
        .fields()
        .forEachRemaining(w -> payload(w.getValue()).ifPresent(s -> out.put(w.getKey(), s)));
    for (JsonNode pathItem : tree.path("paths")) {
      pathItem
          .fields()
          .forEachRemaining(
              op -> {
                if (!METHODS.contains(op.getKey())) return;
                op.getValue()
                    .path("callbacks")
                    .fields()
                    .forEachRemaining(
                        c -> {
                          for (JsonNode expression : c.getValue()) {
                            payload(expression).ifPresent(s -> out.put(c.getKey(), s));
                          }
                        });
              });
    }
    return out;
  }

  private static Optional<JsonNode> payload(JsonNode pathItem) {
    JsonNode schema = pathItem.path("post").path("requestBody").path("content");
    schema = schema.path("application/json").path("schema");
    return schema.isMissingNode() ? Optional.empty() : Optional.of(schema);
  }
}
