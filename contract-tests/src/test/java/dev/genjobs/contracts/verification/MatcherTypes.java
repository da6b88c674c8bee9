package dev.genjobs.contracts.verification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genjobs.verifylive.spec.DeclaredFields;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a pact's matchers, not only its example values, against the spec's types and formats. The
 * request validator reads the examples; a matcher says what the consumer will accept or send in
 * general, so it can disagree with the spec where the example does not:
 *
 * <ul>
 *   <li>what the consumer <b>reads</b> (responses, webhook payloads): every value the spec allows
 *       must satisfy the matcher, or a spec-valid answer breaks the consumer. An {@code integer}
 *       matcher on a field the spec types {@code number} rejects {@code 1.5}; a {@code date}
 *       matcher on a {@code date-time} field rejects every value.
 *   <li>what the consumer <b>sends</b> (requests): every value the matcher admits must be one the
 *       spec accepts. A {@code number} matcher on an {@code integer} field admits {@code 1.5}; a
 *       regex of literals admits a value the spec's {@code enum} lacks.
 * </ul>
 *
 * Both directions check the JSON type family first: a regex or timestamp matcher on a field the
 * spec does not type as a string, a number matcher on a non-number, an {@code eachLike} on a
 * non-array. A path the spec does not describe is left to {@link DeclaredFields}.
 */
final class MatcherTypes {

  /** Which way the values flow, which decides the direction of the check. */
  enum Direction {
    SENT,
    READ
  }

  /** A plain alternation of literals, e.g. {@code created|pending|done} (optionally anchored). */
  private static final Pattern LITERALS =
      Pattern.compile("\\^?\\(?([\\w.-]+(\\|[\\w.-]+)*)\\)?\\$?");

  private final DeclaredFields schemas;

  MatcherTypes(DeclaredFields schemas) {
    this.schemas = schemas;
  }

  /**
   * One line per matcher that disagrees with {@code schema}, e.g. {@code $.date: integer matcher,
   * the spec types it number (1.5 is spec-valid and fails the matcher)}.
   *
   * @param rules body matching rules by path ({@code $.a[*].b}), each a list of matchers as in the
   *     pact file ({@code {match: regex, regex: ...}})
   */
  List<String> check(Map<String, List<JsonNode>> rules, JsonNode schema, Direction direction) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<JsonNode>> rule : rules.entrySet()) {
      List<JsonNode> at = schemasAt(schema, segments(rule.getKey()));
      if (at.isEmpty()) continue;
      for (JsonNode matcher : rule.getValue()) {
        String problem = mismatch(matcher, at, direction);
        if (problem != null) problems.add(rule.getKey() + ": " + problem);
      }
    }
    return problems;
  }

  private String mismatch(JsonNode matcher, List<JsonNode> at, Direction direction) {
    Set<String> types = new LinkedHashSet<>();
    Set<String> formats = new LinkedHashSet<>();
    Set<String> enumValues = new LinkedHashSet<>();
    boolean nullable = false;
    for (JsonNode s : at) {
      String type = s.path("type").asText("");
      if (type.isEmpty()) return null; // untyped: anything goes
      if (type.equals("null")) {
        nullable = true;
        continue;
      }
      types.add(type);
      nullable |= s.path("nullable").asBoolean(false);
      if (s.hasNonNull("format")) formats.add(s.get("format").asText());
      s.path("enum").forEach(v -> enumValues.add(v.asText()));
    }
    if (types.isEmpty()) return null;
    String match = matcher.path("match").asText("");
    boolean min = matcher.has("min") || matcher.has("max");
    if (min && !types.contains("array")) {
      return "eachLike/min/max matcher, the spec types it " + types;
    }
    switch (match) {
      case "regex", "include", "semver" -> {
        if (!types.contains("string")) return match + " matcher, the spec types it " + types;
        if (direction == Direction.SENT && match.equals("regex") && !enumValues.isEmpty()) {
          var literals = LITERALS.matcher(matcher.path("regex").asText());
          if (literals.matches()) {
            for (String literal : literals.group(1).split("\\|")) {
              if (!enumValues.contains(literal)) {
                return "regex admits '" + literal + "', not in the spec's enum " + enumValues;
              }
            }
          }
        }
      }
      case "timestamp", "datetime", "date", "time" -> {
        if (!types.contains("string")) return match + " matcher, the spec types it " + types;
        String expected =
            switch (match) {
              case "date" -> "date";
              case "time" -> "time";
              default -> "date-time";
            };
        if (!formats.isEmpty() && !formats.contains(expected)) {
          return match + " matcher, the spec's format is " + formats;
        }
      }
      case "integer" -> {
        if (!types.contains("integer") && !types.contains("number")) {
          return "integer matcher, the spec types it " + types;
        }
        if (direction == Direction.READ && !types.contains("integer")) {
          return "integer matcher, the spec types it number (1.5 is spec-valid and fails the"
              + " matcher)";
        }
      }
      case "decimal" -> {
        if (!types.contains("number")) return "decimal matcher, the spec types it " + types;
      }
      case "number" -> {
        if (!types.contains("integer") && !types.contains("number")) {
          return "number matcher, the spec types it " + types;
        }
        if (direction == Direction.SENT && !types.contains("number")) {
          return "number matcher, the spec types it integer (1.5 passes the matcher and is"
              + " rejected)";
        }
      }
      case "boolean" -> {
        if (!types.contains("boolean")) return "boolean matcher, the spec types it " + types;
      }
      case "null" -> {
        if (!nullable) return "null matcher, the spec does not allow null";
      }
      default -> {
        // type, equality, values, contentType, ...: the example's type is what they carry, and
        // the request validator checks the example against the spec.
      }
    }
    return null;
  }

  /** The schemas a rule path names, following properties, items, maps, $ref and combinators. */
  private List<JsonNode> schemasAt(JsonNode root, List<String> path) {
    List<JsonNode> current = expand(root);
    for (String segment : path) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode s : current) {
        if (segment.startsWith("[")) {
          if (s.has("items")) next.addAll(expand(s.get("items")));
        } else if (segment.equals("*")) {
          s.path("properties").forEach(p -> next.addAll(expand(p)));
          if (s.path("additionalProperties").isObject()) {
            next.addAll(expand(s.get("additionalProperties")));
          }
        } else if (s.path("properties").has(segment)) {
          next.addAll(expand(s.get("properties").get(segment)));
        } else if (s.path("additionalProperties").isObject()) {
          next.addAll(expand(s.get("additionalProperties")));
        }
      }
      if (next.isEmpty()) return List.of();
      current = next;
    }
    return current;
  }

  /** A schema and, recursively, its allOf/anyOf/oneOf branches (each resolved). */
  private List<JsonNode> expand(JsonNode schema) {
    List<JsonNode> out = new ArrayList<>();
    List<JsonNode> todo = new ArrayList<>(List.of(schemas.resolve(schema)));
    while (!todo.isEmpty()) {
      JsonNode s = todo.remove(todo.size() - 1);
      if (out.contains(s)) continue;
      boolean combinator = false;
      for (String keyword : List.of("allOf", "anyOf", "oneOf")) {
        for (JsonNode branch : s.path(keyword)) {
          todo.add(schemas.resolve(branch));
          combinator = true;
        }
      }
      if (!combinator || s.has("type") || s.has("properties")) out.add(s);
    }
    return out;
  }

  /** {@code $.a['b c'][*].d} into {@code [a, b c, [*], d]}. */
  static List<String> segments(String rulePath) {
    List<String> out = new ArrayList<>();
    String p = rulePath.startsWith("$") ? rulePath.substring(1) : rulePath;
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') end++;
        out.add(p.substring(i + 1, end));
        i = end;
      } else if (c == '[') {
        int end = p.indexOf(']', i);
        if (end < 0) break;
        String inside = p.substring(i + 1, end);
        boolean quoted = inside.length() >= 2 && inside.startsWith("'") && inside.endsWith("'");
        out.add(quoted ? inside.substring(1, inside.length() - 1) : "[" + inside + "]");
        i = end + 1;
      } else {
        i++;
      }
    }
    return out;
  }
}
