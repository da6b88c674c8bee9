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
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
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
 *       (any JSON value, {@code Object}); the generator emits an empty class that cannot decode.
 *   <li>{@code readOnly}/{@code writeOnly} are dropped: response models must read every field and
 *       request models here never share schemas with responses.
 *   <li>String enums become open strings; the values are kept as {@code x-genjobs-known-values}.
 *       Providers add status values; a Java enum would fail or, with {@code
 *       enumUnknownDefaultCase}, lose the raw value. client-extensions maps known values.
 *   <li>Object schemas that are not request bodies keep undeclared fields ({@code
 *       additionalProperties: true}, so the generated model gets {@code
 *       getAdditionalProperties()}): a field a provider adds, or one it never documented (a failure
 *       reason), is not lost.
 *   <li>Request-body properties that are untyped or an object without properties become free-form
 *       objects, so the generated type is {@code Map<String, Object>}.
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
    Set<String> requestSchemas = requestBodySchemaNames(spec);
    walk(spec, false);
    JsonNode schemas = spec.path("components").path("schemas");
    for (Iterator<Map.Entry<String, JsonNode>> it = schemas.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!requestSchemas.contains(e.getKey())
          && e.getValue() instanceof ObjectNode o
          && o.has("properties")
          && !o.has("additionalProperties")) {
        o.put("additionalProperties", true);
      }
    }
    // Bodies the provider publishes inline (the Creative API's) stay inline in the effective spec;
    // the same rule reaches them, and the objects nested in them, here.
    for (JsonNode pathItem : spec.path("paths")) {
      for (JsonNode op : pathItem) {
        for (JsonNode response : op.path("responses")) {
          for (JsonNode media : response.path("content")) {
            keepUndeclaredFieldsInline(media.path("schema"));
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

  private static void walk(JsonNode node, boolean unused) {
    if (node instanceof ObjectNode o) {
      untypePrimitiveUnions(o);
      o.remove("readOnly");
      o.remove("writeOnly");
      openEnum(o);
      for (JsonNode child : o) {
        walk(child, false);
      }
    } else if (node instanceof ArrayNode a) {
      for (JsonNode child : a) {
        walk(child, false);
      }
    }
  }

  // OpenApi31Lowering leaves a union of several primitive types as anyOf; the generator would emit
  // an empty class that cannot decode them, so they become "any JSON value".
  private static void untypePrimitiveUnions(ObjectNode schema) {
    for (String keyword : List.of("anyOf", "oneOf")) {
      if (schema.get(keyword) instanceof ArrayNode branches
          && !branches.isEmpty()
          && allPrimitive(branches)) {
        schema.remove(keyword);
        schema.put("x-genjobs-any-of-primitives", true);
      }
    }
  }

  private static boolean allPrimitive(ArrayNode branches) {
    for (JsonNode b : branches) {
      if (!isPrimitive(b)) return false;
    }
    return true;
  }

  private static boolean isPrimitive(JsonNode schema) {
    String t = schema.path("type").asText("");
    return !schema.has("$ref") && Set.of("string", "integer", "number", "boolean").contains(t);
  }

  private static void openEnum(ObjectNode schema) {
    if (schema.get("enum") instanceof ArrayNode values
        && "string".equals(schema.path("type").asText("string"))
        && schema.has("type")) {
      schema.set("x-genjobs-known-values", values);
      schema.remove("enum");
    }
  }

  /**
   * Gives every inline object schema with declared properties, from {@code schema} down, {@code
   * additionalProperties: true} unless it says otherwise. Referenced schemas are left to the
   * components rule.
   */
  private static void keepUndeclaredFieldsInline(JsonNode schema) {
    if (!(schema instanceof ObjectNode o) || o.has("$ref")) {
      return;
    }
    if (o.has("properties") && !o.has("additionalProperties")) {
      o.put("additionalProperties", true);
    }
    o.path("properties").forEach(CodegenInput::keepUndeclaredFieldsInline);
    keepUndeclaredFieldsInline(o.path("items"));
    for (String keyword : List.of("allOf", "anyOf", "oneOf")) {
      o.path(keyword).forEach(CodegenInput::keepUndeclaredFieldsInline);
    }
  }

  private static void freeFormUntypedProperties(ObjectNode schema) {
    for (JsonNode property : schema.path("properties")) {
      if (property instanceof ObjectNode p
          && !p.has("$ref")
          && !p.has("anyOf")
          && !p.has("oneOf")
          && !p.has("allOf")
          && (!p.has("type")
              || ("object".equals(p.path("type").asText()) && !p.has("properties")))) {
        p.put("type", "object");
        p.put("additionalProperties", true);
      }
    }
  }

  private static Set<String> requestBodySchemaNames(JsonNode spec) {
    Set<String> names = new HashSet<>();
    for (JsonNode pathItem : spec.path("paths")) {
      for (JsonNode op : pathItem) {
        for (JsonNode media : op.path("requestBody").path("content")) {
          String ref = media.path("schema").path("$ref").asText("");
          if (ref.startsWith("#/components/schemas/")) {
            names.add(ref.substring("#/components/schemas/".length()));
          }
        }
      }
    }
    return names;
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
