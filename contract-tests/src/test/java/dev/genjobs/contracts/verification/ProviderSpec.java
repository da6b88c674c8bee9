package dev.genjobs.contracts.verification;

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
import java.util.Set;

/**
 * A provider's OpenAPI document: the tree as published ({@link #copy()} gives tests one to mutate)
 * and the form the verifier checks against ({@link #normalised()}).
 */
record ProviderSpec(String provider, String source, ObjectNode published) {

  private static final ObjectMapper YAML = new YAMLMapper();
  private static final Set<String> METHODS = dev.genjobs.spectools.SpecValidator.HTTP_METHODS;

  /** The newest spec of {@code provider} from the genjobs-specs jar on the classpath. */
  static ProviderSpec newest(String provider) {
    URL url = SpecCatalog.fromClasspath().newestSpecUrl(provider);
    try (InputStream in = url.openStream()) {
      JsonNode tree = YAML.readTree(in); // YAML is a superset of JSON: reads both spec formats
      return of(provider, url.toString(), (ObjectNode) tree);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + url, e);
    }
  }

  /** A spec from a classpath resource (YAML or JSON). */
  static ProviderSpec fromResource(String provider, String resource) {
    URL url = ProviderSpec.class.getClassLoader().getResource(resource);
    if (url == null) throw new IllegalArgumentException(resource + " is not on the classpath");
    try (InputStream in = url.openStream()) {
      return of(provider, resource, (ObjectNode) YAML.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + url, e);
    }
  }

  /** A spec given as a tree (a copy is kept). */
  static ProviderSpec of(String provider, String source, ObjectNode tree) {
    return new ProviderSpec(provider, source, tree.deepCopy());
  }

  /** A copy of the published tree, to mutate. */
  ObjectNode copy() {
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
   * </ul>
   */
  ObjectNode normalised() {
    ObjectNode tree = published.deepCopy();
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
}
