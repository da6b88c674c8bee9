package dev.genjobs.spectools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Rewrites an OpenAPI 3.1 document as 3.0, for openapi-diff and for openapi-generator (through
 * {@link CodegenInput}). A document labelled 3.0.3 must hold only what 3.0 has: a 3.1 keyword left
 * behind is ignored or rejected by Swagger Parser's 3.0 reader, or mis-generated, so every 3.1-only
 * keyword is translated or removed (see {@link #lower}). openapi-diff 2.1.7 reads only {@code
 * Schema.getType()}, which Swagger Parser leaves empty for 3.1 schemas (their types are in {@code
 * getTypes()}): measured, it reports every 3.1 type as {@code object}, misses a type change inside
 * {@code anyOf: [X, null]} and misses changed array items. Lowered, the same documents diff
 * correctly.
 *
 * <ul>
 *   <li>{@code type: [X, 'null']} becomes {@code type: X, nullable: true}; several non-null types
 *       become {@code anyOf}.
 *   <li>{@code anyOf/oneOf} with a {@code {type: 'null'}} branch lose that branch and become
 *       nullable; a single remaining branch is merged into the schema (a {@code $ref} keeps its
 *       siblings, which 3.0 ignores: nullability of a referenced schema is not compared).
 *   <li>{@code const: v} becomes {@code enum: [v]}; a schema's {@code examples} array becomes
 *       {@code example}; numeric {@code exclusiveMinimum/Maximum} become the 3.0 boolean form.
 *   <li>{@code type: 'null'} alone becomes {@code nullable: true} without a type.
 *   <li>{@code contentEncoding: base64} becomes {@code format: byte}; a string whose {@code
 *       contentMediaType} is not text becomes {@code format: binary} (3.0's way to say "a file").
 *   <li>{@code prefixItems} gives {@code items} (its one schema when all are alike, else any
 *       value); an array without {@code items} gets {@code items: {}} (3.0 requires it).
 *   <li>{@code patternProperties} and {@code unevaluatedProperties} become {@code
 *       additionalProperties} where the schema has none (a map keyed by pattern is still a map).
 *   <li>{@code $defs} are moved to {@code components/schemas} (as {@code <Parent>_<name>}) and
 *       references to them rewritten; references to an {@code $anchor} become JSON pointers; {@code
 *       components/pathItems} referenced from {@code paths} or callbacks are inlined.
 *   <li>Keywords 3.0 has no equivalent for, all of them validation-only or annotations, are
 *       removed: {@value #DROPPED_DESCRIPTION}.
 *   <li>{@code info.summary} becomes {@code info.description} when there is none, else is dropped;
 *       {@code license.identifier} gives the SPDX {@code url} when there is none; {@code webhooks},
 *       {@code jsonSchemaDialect} and {@code components/pathItems} are removed; a document without
 *       {@code paths} gets an empty one.
 * </ul>
 *
 * Example values, defaults and enum values are data, not schemas, and are left alone.
 */
public final class OpenApi31Lowering {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Keys whose values are data; a {@code type} key inside them is not a schema keyword. */
  private static final Set<String> DATA_KEYS =
      Set.of("example", "default", "enum", "const", "value");

  /**
   * Keys whose values map names to schemas or other objects: a schema, header or example named like
   * a keyword ({@code if}, {@code contains}) is a name, not a keyword to remove.
   */
  private static final Set<String> NAME_MAPS =
      Set.of(
          "properties",
          "patternProperties",
          "schemas",
          "$defs",
          "definitions",
          "paths",
          "responses",
          "content",
          "parameters",
          "headers",
          "examples",
          "requestBodies",
          "securitySchemes",
          "links",
          "callbacks",
          "encoding",
          "variables",
          "pathItems");

  static final String DROPPED_DESCRIPTION =
      "$schema, $id, $anchor, $dynamicAnchor, $dynamicRef, $comment, $vocabulary, if/then/else,"
          + " dependentRequired, dependentSchemas, propertyNames, contains, minContains,"
          + " maxContains, unevaluatedItems, contentSchema";

  /** JSON Schema 2020-12 keywords OpenAPI 3.0 does not have and that have no 3.0 equivalent. */
  private static final List<String> DROPPED =
      List.of(
          "$schema",
          "$id",
          "$anchor",
          "$dynamicAnchor",
          "$dynamicRef",
          "$comment",
          "$vocabulary",
          "if",
          "then",
          "else",
          "dependentRequired",
          "dependentSchemas",
          "propertyNames",
          "contains",
          "minContains",
          "maxContains",
          "unevaluatedItems",
          "contentSchema");

  private static final String SCHEMAS = "#/components/schemas/";

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
    lowerInfo(spec);
    inlinePathItems(spec);
    anchorsToPointers(spec);
    hoistDefs(spec);
    if (!spec.has("paths")) {
      spec.putObject("paths");
    }
    walk(spec);
    return true;
  }

  private static void lowerInfo(ObjectNode spec) {
    if (!(spec.get("info") instanceof ObjectNode info)) {
      return;
    }
    JsonNode summary = info.remove("summary");
    if (summary != null && !info.has("description")) {
      info.set("description", summary);
    }
    if (info.get("license") instanceof ObjectNode license) {
      JsonNode identifier = license.remove("identifier");
      if (identifier != null && identifier.isTextual() && !license.has("url")) {
        license.put("url", "https://spdx.org/licenses/" + identifier.asText() + ".html");
      }
    }
  }

  /**
   * Replaces each reference to {@code components/pathItems} by a copy of the item (3.0 has none).
   */
  private static void inlinePathItems(ObjectNode spec) {
    JsonNode items = spec.path("components").path("pathItems");
    if (items.isMissingNode()) {
      return;
    }
    replaceRefs(
        spec,
        "#/components/pathItems/",
        (name, siblings) -> {
          JsonNode item = items.get(name);
          if (!(item instanceof ObjectNode found)) {
            return null;
          }
          ObjectNode copy = found.deepCopy();
          siblings.fields().forEachRemaining(e -> copy.set(e.getKey(), e.getValue()));
          return copy;
        });
    ((ObjectNode) spec.get("components")).remove("pathItems");
  }

  private interface RefReplacement {
    /**
     * The object to put where {@code {$ref: prefix + name, ...siblings}} was, or null to keep it.
     */
    JsonNode replace(String name, ObjectNode siblings);
  }

  private static void replaceRefs(JsonNode node, String prefix, RefReplacement replacement) {
    if (node instanceof ObjectNode o) {
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (DATA_KEYS.contains(e.getKey())) {
          continue;
        }
        JsonNode child = e.getValue();
        if (child instanceof ObjectNode c
            && c.path("$ref").asText("").startsWith(prefix)
            && c.get("$ref").asText().indexOf('/', prefix.length()) < 0) {
          ObjectNode siblings = c.deepCopy();
          siblings.remove("$ref");
          JsonNode replaced =
              replacement.replace(c.get("$ref").asText().substring(prefix.length()), siblings);
          if (replaced != null) {
            e.setValue(replaced);
            child = replaced;
          }
        }
        replaceRefs(child, prefix, replacement);
      }
    } else if (node instanceof ArrayNode a) {
      a.forEach(child -> replaceRefs(child, prefix, replacement));
    }
  }

  /** {@code $ref: '#name'} pointing at an {@code $anchor} becomes a JSON pointer. */
  private static void anchorsToPointers(ObjectNode spec) {
    Map<String, String> anchors = new LinkedHashMap<>();
    collectAnchors(spec, "", anchors);
    if (!anchors.isEmpty()) {
      rewriteRefs(
          spec,
          ref ->
              ref.startsWith("#") && anchors.containsKey(ref.substring(1))
                  ? "#" + anchors.get(ref.substring(1))
                  : ref);
    }
  }

  private static void collectAnchors(JsonNode node, String pointer, Map<String, String> anchors) {
    if (node instanceof ObjectNode o) {
      JsonNode anchor = o.get("$anchor");
      if (anchor != null && anchor.isTextual()) {
        anchors.putIfAbsent(anchor.asText(), pointer);
      }
      o.fields()
          .forEachRemaining(
              e -> {
                if (!DATA_KEYS.contains(e.getKey())) {
                  collectAnchors(e.getValue(), pointer + "/" + escape(e.getKey()), anchors);
                }
              });
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        collectAnchors(a.get(i), pointer + "/" + i, anchors);
      }
    }
  }

  /**
   * Moves every {@code $defs} entry to {@code components/schemas} and points its references there;
   * nested {@code $defs} move in later rounds, from their new place.
   */
  private static void hoistDefs(ObjectNode spec) {
    String pointer;
    while ((pointer = firstDefs(spec, "")) != null) {
      ObjectNode owner = (ObjectNode) spec.at(pointer);
      JsonNode defs = owner.remove("$defs");
      if (!(defs instanceof ObjectNode defined) || defined.isEmpty()) {
        continue;
      }
      ObjectNode schemas = spec.with("components").with("schemas");
      String parent =
          pointer.startsWith("/components/schemas/") && pointer.lastIndexOf('/') == 19
              ? unescape(pointer.substring(20))
              : null;
      Map<String, String> moved = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = defined.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String name = unusedName(schemas, parent == null ? e.getKey() : parent + "_" + e.getKey());
        schemas.set(name, e.getValue());
        moved.put("#" + pointer + "/$defs/" + escape(e.getKey()), SCHEMAS + escape(name));
      }
      rewriteRefs(
          spec,
          ref -> {
            for (Map.Entry<String, String> m : moved.entrySet()) {
              if (ref.equals(m.getKey()) || ref.startsWith(m.getKey() + "/")) {
                return m.getValue() + ref.substring(m.getKey().length());
              }
            }
            return ref;
          });
    }
  }

  private static String firstDefs(JsonNode node, String pointer) {
    if (node instanceof ObjectNode o) {
      if (o.has("$defs")) {
        return pointer;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!DATA_KEYS.contains(e.getKey())) {
          String found = firstDefs(e.getValue(), pointer + "/" + escape(e.getKey()));
          if (found != null) return found;
        }
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        String found = firstDefs(a.get(i), pointer + "/" + i);
        if (found != null) return found;
      }
    }
    return null;
  }

  private static String unusedName(ObjectNode schemas, String wanted) {
    String name = wanted;
    for (int i = 2; schemas.has(name); i++) {
      name = wanted + i;
    }
    return name;
  }

  private static void rewriteRefs(JsonNode node, UnaryOperator<String> rewrite) {
    if (node instanceof ObjectNode o) {
      JsonNode ref = o.get("$ref");
      if (ref != null && ref.isTextual()) {
        o.put("$ref", rewrite.apply(ref.asText()));
      }
      o.fields()
          .forEachRemaining(
              e -> {
                if (!DATA_KEYS.contains(e.getKey())) rewriteRefs(e.getValue(), rewrite);
              });
    } else if (node instanceof ArrayNode a) {
      a.forEach(child -> rewriteRefs(child, rewrite));
    }
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
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
    if ("null".equals(schema.path("type").asText(null))) {
      schema.remove("type");
      schema.put("nullable", true);
    }
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
    lowerContent(schema);
    lowerTuple(schema);
    lowerPropertyMaps(schema);
    DROPPED.forEach(schema::remove);
  }

  private static void lowerContent(ObjectNode schema) {
    JsonNode encoding = schema.remove("contentEncoding");
    JsonNode mediaType = schema.remove("contentMediaType");
    if (schema.has("format") || !"string".equals(schema.path("type").asText("string"))) {
      return;
    }
    if (encoding != null && encoding.asText().equalsIgnoreCase("base64")) {
      schema.put("format", "byte");
    } else if (encoding == null && mediaType != null && !isText(mediaType.asText())) {
      schema.put("format", "binary");
      schema.put("type", "string");
    }
  }

  private static boolean isText(String mediaType) {
    String m = mediaType.toLowerCase();
    return m.startsWith("text/") || m.contains("json") || m.contains("xml");
  }

  private static void lowerTuple(ObjectNode schema) {
    if (schema.remove("prefixItems") instanceof ArrayNode prefix && !schema.has("items")) {
      Set<JsonNode> distinct = new HashSet<>();
      prefix.forEach(distinct::add);
      schema.set("items", distinct.size() == 1 ? prefix.get(0).deepCopy() : NODES.objectNode());
    }
    if ("array".equals(schema.path("type").asText()) && !schema.has("items")) {
      schema.putObject("items");
    }
  }

  private static void lowerPropertyMaps(ObjectNode schema) {
    JsonNode patterns = schema.remove("patternProperties");
    JsonNode unevaluated = schema.remove("unevaluatedProperties");
    if (schema.has("additionalProperties")) {
      return;
    }
    if (patterns instanceof ObjectNode p && !p.isEmpty()) {
      schema.set(
          "additionalProperties", p.size() == 1 ? p.elements().next() : NODES.booleanNode(true));
    } else if (unevaluated != null
        && !schema.has("allOf")
        && !schema.has("anyOf")
        && !schema.has("oneOf")) {
      // Without composition, "no property beyond these" means the same as additionalProperties.
      schema.set("additionalProperties", unevaluated);
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
