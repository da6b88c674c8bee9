package dev.genjobs.spectools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites an OpenAPI 3.1 document as 3.0 so openapi-diff can compare it. openapi-diff 2.1.7 reads
 * only {@code Schema.getType()}, which Swagger Parser leaves empty for 3.1 schemas (their types are
 * in {@code getTypes()}): measured, it reports every 3.1 type as {@code object}, misses a type
 * change inside {@code anyOf: [X, null]} and misses changed array items. Lowered, the same
 * documents diff correctly.
 *
 * <ul>
 *   <li>{@code type: [X, 'null']} becomes {@code type: X, nullable: true}; several non-null types
 *       become {@code anyOf}.
 *   <li>{@code anyOf/oneOf} with a {@code {type: 'null'}} branch lose that branch and become
 *       nullable; a single remaining branch is merged into the schema (a {@code $ref} keeps its
 *       siblings, which 3.0 ignores: nullability of a referenced schema is not compared).
 *   <li>{@code const: v} becomes {@code enum: [v]}; a schema's {@code examples} array becomes
 *       {@code example}; numeric {@code exclusiveMinimum/Maximum} become the 3.0 boolean form.
 * </ul>
 *
 * Example values, defaults and enum values are data, not schemas, and are left alone.
 */
public final class OpenApi31Lowering {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Keys whose values are data; a {@code type} key inside them is not a schema keyword. */
  private static final Set<String> DATA_KEYS =
      Set.of("example", "default", "enum", "const", "value");

  /** Keys whose values map names to schemas or other objects. */
  private static final Set<String> NAME_MAPS =
      Set.of("properties", "patternProperties", "schemas", "$defs", "definitions");

  private OpenApi31Lowering() {}

  public static boolean isOpenApi31(JsonNode spec) {
    return spec.path("openapi").asText("").startsWith("3.1");
  }

  /** Lowers {@code spec} in place when it is OpenAPI 3.1; returns whether it did. */
  public static boolean lower(ObjectNode spec) {
    if (!isOpenApi31(spec)) {
      return false;
    }
    spec.put("openapi", "3.0.3");
    spec.remove("jsonSchemaDialect");
    spec.remove("webhooks");
    walk(spec);
    return true;
  }

  private static void walk(JsonNode node) {
    walk(node, false);
  }

  /**
   * @param keysAreNames whether {@code node}'s keys are names (of properties, schemas, ...) rather
   *     than keywords, so that a property called {@code default} is still walked
   */
  private static void walk(JsonNode node, boolean keysAreNames) {
    if (node instanceof ObjectNode o) {
      if (!keysAreNames) {
        lowerSchemaKeywords(o);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (keysAreNames) {
          walk(e.getValue(), false);
        } else if (NAME_MAPS.contains(e.getKey())) {
          walk(e.getValue(), true);
        } else if (!DATA_KEYS.contains(e.getKey())) {
          walk(e.getValue(), false);
        }
      }
    } else if (node instanceof ArrayNode a) {
      a.forEach(child -> walk(child, false));
    }
  }

  private static void lowerSchemaKeywords(ObjectNode schema) {
    lowerTypeArray(schema);
    for (String keyword : List.of("anyOf", "oneOf")) {
      lowerNullBranch(schema, keyword);
    }
    if (schema.has("const") && !schema.has("enum")) {
      schema.set("enum", NODES.arrayNode().add(schema.get("const")));
      schema.remove("const");
    }
    if (schema.get("examples") instanceof ArrayNode examples) {
      if (!examples.isEmpty() && !schema.has("example")) {
        schema.set("example", examples.get(0));
      }
      schema.remove("examples");
    }
    for (String bound : List.of("Minimum", "Maximum")) {
      JsonNode exclusive = schema.get("exclusive" + bound);
      if (exclusive != null && exclusive.isNumber()) {
        schema.set(bound.toLowerCase(), exclusive);
        schema.put("exclusive" + bound, true);
      }
    }
  }

  private static void lowerTypeArray(ObjectNode schema) {
    if (!(schema.get("type") instanceof ArrayNode types)) {
      return;
    }
    List<String> nonNull = new ArrayList<>();
    types.forEach(
        t -> {
          if (!"null".equals(t.asText())) nonNull.add(t.asText());
        });
    if (nonNull.size() < types.size()) {
      schema.put("nullable", true);
    }
    if (nonNull.size() == 1) {
      schema.put("type", nonNull.get(0));
    } else {
      schema.remove("type");
      if (nonNull.size() > 1 && !schema.has("anyOf")) {
        ArrayNode branches = schema.putArray("anyOf");
        nonNull.forEach(t -> branches.addObject().put("type", t));
      }
    }
  }

  private static void lowerNullBranch(ObjectNode schema, String keyword) {
    if (!(schema.get(keyword) instanceof ArrayNode branches)) {
      return;
    }
    List<JsonNode> kept = new ArrayList<>();
    for (JsonNode branch : branches) {
      if (!isNullType(branch)) {
        kept.add(branch);
      }
    }
    if (kept.size() == branches.size()) {
      return;
    }
    schema.put("nullable", true);
    if (kept.size() == 1 && kept.get(0) instanceof ObjectNode only) {
      schema.remove(keyword);
      lowerSchemaKeywords(only);
      for (Iterator<Map.Entry<String, JsonNode>> it = only.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!schema.has(e.getKey())) {
          schema.set(e.getKey(), e.getValue());
        }
      }
    } else {
      schema.set(keyword, NODES.arrayNode().addAll(kept));
    }
  }

  private static boolean isNullType(JsonNode branch) {
    JsonNode type = branch.path("type");
    return "null".equals(type.asText())
        || type.isArray() && type.size() == 1 && "null".equals(type.get(0).asText());
  }
}
