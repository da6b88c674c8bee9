package dev.genjobs.spectools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a provider's newest spec into the input openapi-generator gets. The provider's file is
 * never edited; the generator reads a rewritten copy in {@code target/}. Each rewrite works around
 * a measured generator quirk (see client-generated/README.md):
 *
 * <ul>
 *   <li>OpenAPI 3.1 is lowered to 3.0.3: {@code anyOf/oneOf: [X, {type: 'null'}]} and {@code type:
 *       [X, 'null']} become X with {@code nullable: true}. The generator's 3.1 support turns these
 *       into empty wrapper classes or {@code JsonNullable}.
 *   <li>A union of primitive types ({@code anyOf: [string, integer]}) becomes an untyped schema
 *       (any JSON value, {@code Object}); the generator emits an empty class that cannot decode. A
 *       union whose branches are all of one primitive type ({@code anyOf: [$ref: Model (a string
 *       enum), string]}) is that type: the generator would emit a wrapper class and, for a default,
 *       the uncompilable {@code Model x = default;}.
 *   <li>A request body keeps only its first media type, the only one the generator uses (measured):
 *       a schema referenced only by a second, multipart media type was imported by the API but
 *       never generated (Recraft's {@code GenerateImageRequest}: uncompilable).
 *   <li>{@code readOnly}/{@code writeOnly} are dropped: response models must read every field and
 *       request models here never share schemas with responses.
 *   <li>String enums become open strings; the values are kept as {@code x-genjobs-known-values} and
 *       listed in the description (and in the description of parameters and arrays using them,
 *       which the generator shows instead), so they reach the generated Javadoc unchanged.
 *       Providers add status values; a Java enum would fail or, with {@code
 *       enumUnknownDefaultCase}, lose the raw value. client-extensions maps known values.
 *   <li>Object schemas that are not request bodies or parameters keep undeclared fields ({@code
 *       additionalProperties: true}, so the generated model gets {@code
 *       getAdditionalProperties()}): a field a provider adds, or one it never documented (a failure
 *       reason), is not lost. This holds for named and inline response schemas alike, so the
 *       generator's {@code disallowAdditionalPropertiesIfNotPresent=false} (which emitted {@code
 *       Objects.hash(, additionalProperties)} for schemas without properties) is not needed.
 *   <li>Request-body properties that are untyped (no type, enum or scalar default) or an object
 *       without properties become free-form objects, so the generated type is {@code Map<String,
 *       Object>}.
 *   <li>Provider-specific {@link Overlay} actions (e.g. Creatify's string-typed JSON fields).
 *   <li>A fingerprint of the generator configuration is written to {@code
 *       info.x-genjobs-codegen-fingerprint}, so the plugin's spec-hash skip notices config changes.
 * </ul>
 */
public final class CodegenInput {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CodegenInput() {}

  /** Rewrites {@code spec} in place and returns it. */
  public static ObjectNode rewrite(ObjectNode spec, Overlay overlay, String fingerprint) {
    return rewrite(spec, overlay, fingerprint, (action, match) -> {});
  }

  /** Like {@link #rewrite(ObjectNode, Overlay, String)}, telling {@code listener} of each match. */
  public static ObjectNode rewrite(
      ObjectNode spec, Overlay overlay, String fingerprint, Overlay.MatchListener listener) {
    OpenApi31Lowering.lower(spec);
    overlay.applyTo(spec, listener);
    keepFirstRequestMediaType(spec);
    Set<String> requestSchemas = requestBodySchemaNames(spec);
    JsonNode schemas = spec.path("components").path("schemas");
    walk(spec, schemas);
    showKnownValues(spec, schemas);
    for (Iterator<Map.Entry<String, JsonNode>> it = schemas.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!requestSchemas.contains(e.getKey()) && e.getValue() instanceof ObjectNode o) {
        keepUndeclaredFields(o);
      }
    }
    // Bodies the provider publishes inline (the Creative API's) stay inline in the effective spec;
    // the same rule reaches them, and the objects nested in them, here.
    for (JsonNode pathItem : spec.path("paths")) {
      for (JsonNode op : pathItem) {
        for (JsonNode response : op.path("responses")) {
          for (JsonNode media : response.path("content")) {
            if (media.path("schema") instanceof ObjectNode inline && !inline.has("$ref")) {
              keepUndeclaredFields(inline);
            }
          }
        }
      }
    }
    for (String name : requestSchemas) {
      JsonNode schema = schemas.get(name);
      if (schema instanceof ObjectNode o) {
        freeFormUntypedProperties(o);
      }
    }
    for (JsonNode pathItem : spec.path("paths")) {
      for (JsonNode op : pathItem) {
        for (JsonNode media : op.path("requestBody").path("content")) {
          if (media.path("schema") instanceof ObjectNode inline && !inline.has("$ref")) {
            freeFormUntypedProperties(inline);
          }
        }
      }
    }
    ObjectNode info = spec.with("info");
    info.put("x-genjobs-codegen-fingerprint", fingerprint);
    return spec;
  }

  /**
   * Adds {@code additionalProperties: true} to an object schema with properties that has none, and
   * to the inline object schemas inside it (its properties, items and branches; a {@code $ref} is a
   * named schema, handled on its own): each becomes a model of its own.
   */
  private static void keepUndeclaredFields(ObjectNode schema) {
    if (schema.has("properties") && !schema.has("additionalProperties")) {
      schema.put("additionalProperties", true);
    }
    List<JsonNode> inner = new ArrayList<>();
    schema.path("properties").forEach(inner::add);
    inner.add(schema.path("items"));
    inner.add(schema.path("additionalProperties"));
    for (String keyword : List.of("allOf", "anyOf", "oneOf")) {
      schema.path(keyword).forEach(inner::add);
    }
    for (JsonNode child : inner) {
      if (child instanceof ObjectNode o && !o.has("$ref")) {
        keepUndeclaredFields(o);
      }
    }
  }

  // The generator builds a request from the first media type only; a schema referenced only by a
  // later one (multipart beside JSON) is imported by the API but never generated.
  private static void keepFirstRequestMediaType(ObjectNode spec) {
    for (JsonNode pathItem : spec.path("paths")) {
      for (JsonNode op : pathItem) {
        if (op.path("requestBody").get("content") instanceof ObjectNode content
            && content.size() > 1) {
          String first = content.fieldNames().next();
          content.retain(first);
        }
      }
    }
  }

  // Data (examples, defaults, enum values) is not walked: a value is never a schema.
  private static final Set<String> DATA_KEYS = Set.of("example", "examples", "default", "enum");

  private static void walk(JsonNode node, JsonNode schemas) {
    if (node instanceof ObjectNode o) {
      untypePrimitiveUnions(o, schemas);
      o.remove("readOnly");
      o.remove("writeOnly");
      openEnum(o);
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!DATA_KEYS.contains(e.getKey()) && !e.getKey().startsWith("x-")) {
          walk(e.getValue(), schemas);
        }
      }
    } else if (node instanceof ArrayNode a) {
      for (JsonNode child : a) {
        walk(child, schemas);
      }
    }
  }

  // OpenApi31Lowering leaves a union of several primitive types as anyOf; the generator would emit
  // an empty class that cannot decode them, so they become "any JSON value". When every branch has
  // the same primitive type, the union is simply that type.
  private static void untypePrimitiveUnions(ObjectNode schema, JsonNode schemas) {
    for (String keyword : List.of("anyOf", "oneOf")) {
      if (schema.get(keyword) instanceof ArrayNode branches
          && !branches.isEmpty()
          && allPrimitive(branches, schemas)) {
        Set<String> types = new LinkedHashSet<>();
        branches.forEach(b -> types.add(primitiveType(b, schemas)));
        schema.remove(keyword);
        if (types.size() == 1 && !schema.has("type")) {
          schema.put("type", types.iterator().next());
          ArrayNode known = NODES.arrayNode();
          branches.forEach(b -> knownValuesOf(b, schemas, known));
          if (!known.isEmpty() && !schema.has("x-genjobs-known-values")) {
            schema.set("x-genjobs-known-values", known);
            listKnownValues(schema, known);
          }
        } else {
          schema.put("x-genjobs-any-of-primitives", true);
        }
      }
    }
  }

  private static boolean allPrimitive(ArrayNode branches, JsonNode schemas) {
    for (JsonNode b : branches) {
      if (primitiveType(b, schemas) == null) return false;
    }
    return true;
  }

  /** The primitive type of {@code schema}, following one local reference; else null. */
  private static String primitiveType(JsonNode schema, JsonNode schemas) {
    JsonNode resolved = schema;
    String ref = schema.path("$ref").asText("");
    if (ref.startsWith("#/components/schemas/")) {
      resolved = schemas.path(ref.substring("#/components/schemas/".length()));
    } else if (!ref.isEmpty()) {
      return null;
    }
    String t = resolved.path("type").asText("");
    boolean structured =
        resolved.has("properties") || resolved.has("allOf") || resolved.has("anyOf");
    return !structured && Set.of("string", "integer", "number", "boolean").contains(t) ? t : null;
  }

  private static void openEnum(ObjectNode schema) {
    if (schema.get("enum") instanceof ArrayNode values
        && "string".equals(schema.path("type").asText("string"))
        && schema.has("type")) {
      schema.set("x-genjobs-known-values", values);
      schema.remove("enum");
      listKnownValues(schema, values);
    }
  }

  /** Appends the known values to {@code target}'s description, which the generator shows. */
  private static void listKnownValues(ObjectNode target, ArrayNode values) {
    String known = "Known values: " + String.join(", ", texts(values)) + ".";
    String description = target.path("description").asText("");
    if (!description.contains(known)) {
      target.put("description", description.isBlank() ? known : description + "\n\n" + known);
    }
  }

  /** Adds the string enum values of {@code schema} (following one local $ref) to {@code into}. */
  private static void knownValuesOf(JsonNode schema, JsonNode schemas, ArrayNode into) {
    JsonNode resolved = resolve(schema, schemas);
    JsonNode values =
        resolved.has("x-genjobs-known-values")
            ? resolved.get("x-genjobs-known-values")
            : resolved.path("enum");
    values.forEach(
        v -> {
          if (!containsValue(into, v)) into.add(v);
        });
  }

  private static boolean containsValue(ArrayNode values, JsonNode value) {
    for (JsonNode v : values) {
      if (v.equals(value)) return true;
    }
    return false;
  }

  private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
    String ref = schema.path("$ref").asText("");
    return ref.startsWith("#/components/schemas/")
        ? schemas.path(ref.substring("#/components/schemas/".length()))
        : schema;
  }

  /**
   * The generator shows a parameter's description and an array property's description, not the
   * description of their (referenced) schema or items: known values are listed there too.
   */
  private static void showKnownValues(ObjectNode spec, JsonNode schemas) {
    List<JsonNode> parameters = new ArrayList<>();
    spec.path("components").path("parameters").forEach(parameters::add);
    for (JsonNode pathItem : spec.path("paths")) {
      pathItem.path("parameters").forEach(parameters::add);
      for (JsonNode op : pathItem) {
        op.path("parameters").forEach(parameters::add);
      }
    }
    for (JsonNode parameter : parameters) {
      if (parameter instanceof ObjectNode p) {
        JsonNode schema = resolve(p.path("schema"), schemas);
        if ("array".equals(schema.path("type").asText())) {
          schema = resolve(schema.path("items"), schemas);
        }
        if (schema.get("x-genjobs-known-values") instanceof ArrayNode known) {
          listKnownValues(p, known);
        }
      }
    }
    showKnownValuesOfArrayItems(spec, schemas);
  }

  private static void showKnownValuesOfArrayItems(JsonNode node, JsonNode schemas) {
    if (node instanceof ObjectNode o) {
      if ("array".equals(o.path("type").asText())
          && resolve(o.path("items"), schemas).get("x-genjobs-known-values")
              instanceof ArrayNode known) {
        listKnownValues(o, known);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!DATA_KEYS.contains(e.getKey()) && !e.getKey().startsWith("x-")) {
          showKnownValuesOfArrayItems(e.getValue(), schemas);
        }
      }
    } else if (node instanceof ArrayNode a) {
      a.forEach(child -> showKnownValuesOfArrayItems(child, schemas));
    }
  }

  private static List<String> texts(ArrayNode values) {
    List<String> out = new ArrayList<>();
    values.forEach(v -> out.add(v.isNull() ? "null" : v.asText()));
    return out;
  }

  private static void freeFormUntypedProperties(ObjectNode schema) {
    for (JsonNode property : schema.path("properties")) {
      if (property instanceof ObjectNode p
          && !p.has("$ref")
          && !p.has("anyOf")
          && !p.has("oneOf")
          && !p.has("allOf")
          // An enum or a scalar default says what the value is, even without a type.
          && !p.has("enum")
          && !(p.has("default") && p.get("default").isValueNode() && !p.get("default").isNull())
          && (!p.has("type")
              || ("object".equals(p.path("type").asText()) && !p.has("properties")))) {
        p.put("type", "object");
        p.put("additionalProperties", true);
      }
    }
  }

  /**
   * The component schemas a request sends: request bodies' and parameters' (an object sent as a
   * query parameter is not read back, and with {@code additionalProperties} the generator no longer
   * imports it into the API: measured on Hedra's {@code PagingParams}, uncompilable).
   */
  private static Set<String> requestBodySchemaNames(JsonNode spec) {
    Set<String> names = new HashSet<>();
    List<JsonNode> parameters = new ArrayList<>();
    spec.path("components").path("parameters").forEach(parameters::add);
    for (JsonNode pathItem : spec.path("paths")) {
      pathItem.path("parameters").forEach(parameters::add);
      for (JsonNode op : pathItem) {
        for (JsonNode media : op.path("requestBody").path("content")) {
          addRef(names, media.path("schema"));
        }
        op.path("parameters").forEach(parameters::add);
      }
    }
    parameters.forEach(p -> addRef(names, p.path("schema")));
    return names;
  }

  private static void addRef(Set<String> names, JsonNode schema) {
    String ref = schema.path("$ref").asText("");
    if (ref.startsWith("#/components/schemas/")) {
      names.add(ref.substring("#/components/schemas/".length()));
    }
  }

  /** SHA-256 over the given strings and files, in order. */
  public static String fingerprint(List<String> values, List<Path> files) throws IOException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String v : values) {
        sha.update(v.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      for (Path f : files) {
        sha.update(Files.readAllBytes(f));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
