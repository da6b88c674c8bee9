package dev.genjobs.verifylive.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds fields in a body (a pact's, or a live answer's) that the spec's schema does not declare. A
 * schema validator cannot: a provider schema that allows additional properties (the default)
 * accepts a field the provider renamed, so the consumer silently reads nothing. Here every field of
 * an object whose schema declares {@code properties} must be one of them, whatever {@code
 * additionalProperties} says.
 *
 * <p>Walks the value and the schema together, following {@code $ref}, {@code allOf} (properties of
 * all branches), {@code anyOf}/{@code oneOf} (the branch that fits best), {@code items} and {@code
 * properties}. A map schema ({@code additionalProperties: {schema}} without properties) has its
 * values checked. An object whose schema says it is free-form ({@code additionalProperties: true}
 * and no properties: a model's {@code input}, the keywords of a JSON Schema value) is not looked
 * into.
 *
 * <p>An object schema that declares nothing at all ({@code type: object}, or no schema) depends on
 * the direction. What the consumer sends into it ({@link #undeclared}) is its own business. What
 * the consumer reads from it ({@link #undeclaredRead}: responses, webhook payloads) is a field no
 * spec promises, so each is reported: the provider has to declare it, or declare the object
 * free-form on purpose.
 */
public final class DeclaredFields {

  /**
   * One field the spec does not declare.
   *
   * @param pointer where it is in the body, as a JSON pointer (e.g. {@code /output/url})
   * @param problem one line for people, e.g. {@code $.jobId is not declared by the spec (declared:
   *     id, status)}
   */
  public record Undeclared(String pointer, String problem) {}

  private final JsonNode spec;
  private boolean reading;
  private boolean openWhereSaid;

  public DeclaredFields(JsonNode spec) {
    this.spec = spec;
  }

  /**
   * One line per undeclared field of a body the consumer sends, e.g. {@code $.jobId is not declared
   * by the spec (declares: id, status)}.
   */
  public List<String> undeclared(JsonNode value, JsonNode schema) {
    return problems(undeclaredFields(value, schema, false));
  }

  /**
   * One line per undeclared field of a body the consumer reads: as {@link #undeclared}, and fields
   * of an object whose schema declares nothing, not even that it is free-form.
   */
  public List<String> undeclaredRead(JsonNode value, JsonNode schema) {
    return problems(undeclaredFields(value, schema, true));
  }

  /**
   * Every undeclared field with where it is: as {@link #undeclaredRead} when {@code read}, else as
   * {@link #undeclared}. Not thread-safe: one walk at a time.
   */
  public List<Undeclared> undeclaredFields(JsonNode value, JsonNode schema, boolean read) {
    reading = read;
    openWhereSaid = false;
    return check(value, schema, new At("$", ""), 0);
  }

  /**
   * Every undeclared field of a provider's real answer: as {@link #undeclaredRead}, except in an
   * object whose schema says in so many words that it takes other fields ({@code
   * additionalProperties: true} or a schema, next to its {@code properties}): there the provider
   * promised nothing about them, e.g. the keywords of a JSON Schema value. Where the spec is silent
   * (the default), an extra field is reported: that is how a renamed field looks.
   */
  public List<Undeclared> undeclaredAnswerFields(JsonNode value, JsonNode schema) {
    reading = true;
    openWhereSaid = true;
    return check(value, schema, new At("$", ""), 0);
  }

  private static List<String> problems(List<Undeclared> found) {
    return found.stream().map(Undeclared::problem).toList();
  }

  /** Where the walk is: the JSONPath-like text people read, and the JSON pointer. */
  private record At(String path, String pointer) {
    At field(String name) {
      return new At(path + "." + name, pointer + "/" + name.replace("~", "~0").replace("/", "~1"));
    }

    At item(int index) {
      return new At(path + "[" + index + "]", pointer + "/" + index);
    }
  }

  private List<Undeclared> check(JsonNode value, JsonNode schema, At at, int depth) {
    if (value == null || value.isNull() || schema == null || depth > 64) return List.of();
    JsonNode s = resolve(schema);
    if (value.isObject() && !properties(s).isEmpty()) return checkObject(value, s, at, depth);
    List<JsonNode> alternatives = alternatives(s);
    if (!alternatives.isEmpty()) {
      // anyOf/oneOf: the value is fine if one branch of its type declares everything it holds.
      List<JsonNode> fitting = alternatives.stream().filter(b -> typeFits(value, b)).toList();
      return (fitting.isEmpty() ? alternatives : fitting)
          .stream()
              .map(branch -> check(value, branch, at, depth + 1))
              .min(Comparator.comparingInt(List::size))
              .orElse(List.of());
    }
    if (value.isObject()) return checkObject(value, s, at, depth);
    if (value.isArray()) {
      List<JsonNode> items = collect(s, "items");
      if (items.isEmpty()) return List.of();
      List<Undeclared> problems = new ArrayList<>();
      for (int i = 0; i < value.size(); i++) {
        problems.addAll(checkAgainstAny(value.get(i), items, at.item(i), depth));
      }
      return problems;
    }
    return List.of();
  }

  private List<Undeclared> checkObject(JsonNode value, JsonNode s, At at, int depth) {
    Map<String, List<JsonNode>> declared = properties(s);
    List<Undeclared> problems = new ArrayList<>();
    if (declared.isEmpty()) {
      List<JsonNode> valueSchemas = collect(s, "additionalProperties");
      boolean freeFormOnPurpose = valueSchemas.stream().anyMatch(JsonNode::asBoolean);
      valueSchemas.removeIf(JsonNode::isBoolean);
      if (valueSchemas.isEmpty()) {
        // Only an object schema that says nothing about its content: an untyped schema ({} or
        // just a description) is "any value" on purpose.
        boolean saysNothing = s.isMissingNode() || "object".equals(s.path("type").asText());
        if (freeFormOnPurpose || !reading || !saysNothing) return List.of();
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
          At field = at.field(names.next());
          problems.add(
              new Undeclared(
                  field.pointer(),
                  field.path()
                      + " is not declared by the spec ("
                      + at.path()
                      + " declares no properties; a free-form object says"
                      + " additionalProperties: true)"));
        }
        return problems;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        problems.addAll(checkAgainstAny(e.getValue(), valueSchemas, at.field(e.getKey()), depth));
      }
      return problems;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      List<JsonNode> propertySchemas = declared.get(e.getKey());
      At field = at.field(e.getKey());
      if (propertySchemas == null && openWhereSaid) {
        List<JsonNode> others = collect(s, "additionalProperties");
        if (others.stream().anyMatch(o -> o.isBoolean() && o.asBoolean())) continue;
        others.removeIf(JsonNode::isBoolean);
        if (!others.isEmpty()) {
          problems.addAll(checkAgainstAny(e.getValue(), others, field, depth));
          continue;
        }
      }
      if (propertySchemas == null) {
        problems.add(
            new Undeclared(
                field.pointer(),
                field.path()
                    + " is not declared by the spec (declared: "
                    + String.join(", ", declared.keySet())
                    + ")"));
      } else {
        problems.addAll(checkAgainstAny(e.getValue(), propertySchemas, field, depth));
      }
    }
    return problems;
  }

  private List<Undeclared> checkAgainstAny(
      JsonNode value, List<JsonNode> schemas, At at, int depth) {
    return schemas.stream()
        .map(schema -> check(value, schema, at, depth + 1))
        .min(Comparator.comparingInt(List::size))
        .orElse(List.of());
  }

  /** Whether a branch's declared {@code type} (if any) admits the value's JSON type. */
  private boolean typeFits(JsonNode value, JsonNode branch) {
    for (JsonNode s : allOfClosure(branch)) {
      String type = s.path("type").asText("");
      if (type.isEmpty()) continue;
      return switch (type) {
        case "object" -> value.isObject();
        case "array" -> value.isArray();
        case "string" -> value.isTextual();
        case "integer" -> value.isIntegralNumber();
        case "number" -> value.isNumber();
        case "boolean" -> value.isBoolean();
        case "null" -> value.isNull();
        default -> true;
      };
    }
    return true;
  }

  /** The properties a schema declares, with allOf branches merged in (a name may have several). */
  private Map<String, List<JsonNode>> properties(JsonNode schema) {
    Map<String, List<JsonNode>> out = new java.util.LinkedHashMap<>();
    for (JsonNode s : allOfClosure(schema)) {
      s.path("properties")
          .fields()
          .forEachRemaining(
              e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    }
    return out;
  }

  /** {@code keyword}'s value in the schema and its allOf branches. */
  private List<JsonNode> collect(JsonNode schema, String keyword) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode s : allOfClosure(schema)) {
      if (s.has(keyword)) out.add(s.get(keyword));
    }
    return out;
  }

  /** The schema itself plus, recursively, every allOf branch (resolved). */
  private Set<JsonNode> allOfClosure(JsonNode schema) {
    Set<JsonNode> out = new LinkedHashSet<>();
    List<JsonNode> todo = new ArrayList<>(List.of(resolve(schema)));
    while (!todo.isEmpty()) {
      JsonNode s = todo.remove(todo.size() - 1);
      if (!out.add(s)) continue;
      for (JsonNode branch : s.path("allOf")) todo.add(resolve(branch));
    }
    return out;
  }

  /**
   * The anyOf/oneOf branches of a schema (and of its allOf branches); empty when there are none.
   */
  private List<JsonNode> alternatives(JsonNode schema) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode s : allOfClosure(schema)) {
      for (String keyword : List.of("anyOf", "oneOf")) {
        for (JsonNode branch : s.path(keyword)) out.add(resolve(branch));
      }
    }
    return out;
  }

  /** Follows local {@code $ref}s ({@code #/components/...}) to the schema they name. */
  public JsonNode resolve(JsonNode schema) {
    JsonNode s = schema;
    for (int hops = 0; s != null && s.has("$ref") && hops < 32; hops++) {
      String ref = s.get("$ref").asText();
      if (!ref.startsWith("#")) {
        throw new IllegalArgumentException("only local $refs are supported, got " + ref);
      }
      JsonNode target = spec.at(ref.substring(1));
      if (target.isMissingNode()) {
        throw new IllegalArgumentException("$ref " + ref + " names nothing in the spec");
      }
      s = target;
    }
    return s;
  }
}
