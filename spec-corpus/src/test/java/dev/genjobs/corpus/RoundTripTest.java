package dev.genjobs.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genjobs.spectools.SpecDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openapitools.codegen.languages.JavaClientCodegen;

/**
 * Every default and enum value of a corpus document reaches the Java our pipeline generates,
 * unchanged.
 *
 * <ul>
 *   <li>A default of a property of a named schema is the initialiser of the model's field: {@code
 *       private String aspectRatio = "16:9";} (a number may be wrapped, {@code new
 *       BigDecimal("0.75")}; a Java enum's constant must carry the value). A null default gives no
 *       value ({@code Object x = ;} and {@code = ""} are failures).
 *   <li>Enum values of such a property: a string enum is opened by our pipeline (an open {@code
 *       String}), so its values are listed in the getter's Javadoc ({@code Known values: 16:9,
 *       1:1.}); any other enum stays a Java enum with one constant per value.
 *   <li>Every other default and enum value (parameters, inline schemas) appears in the generated
 *       sources, as a Java literal or, escaped the way the generator escapes text, in Javadoc.
 * </ul>
 */
class RoundTripTest {

  private static final JavaClientCodegen JAVA = new JavaClientCodegen();
  private static final Set<String> DATA_KEYS = Set.of("example", "examples", "default", "enum");

  static List<CorpusDocument> documents() {
    return CorpusDocument.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void everyDefaultAndEnumValueReachesTheGeneratedJavaUnchanged(CorpusDocument document)
      throws Exception {
    CorpusBuilds.Builds builds = CorpusBuilds.of(document);
    Assumptions.assumeTrue(builds.oursCompiled(), "ours builds no client from " + document);
    JsonNode published = SpecDocuments.read(document.file(), document.isJson());
    JsonNode input = SpecDocuments.read(builds.codegenInput(), false);
    Path models = builds.ours().sources().resolve("corpus/client/model");
    String allSources = readAll(builds.ours().sources());
    List<String> missing = new ArrayList<>();
    int[] checked = {0};

    JsonNode schemas = published.path("components").path("schemas");
    for (Iterator<Map.Entry<String, JsonNode>> it = schemas.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> schema = it.next();
      Path modelFile = models.resolve(JAVA.toModelName(schema.getKey()) + ".java");
      String model = Files.isRegularFile(modelFile) ? Files.readString(modelFile) : null;
      for (Iterator<Map.Entry<String, JsonNode>> props =
              schema.getValue().path("properties").fields();
          props.hasNext(); ) {
        Map.Entry<String, JsonNode> property = props.next();
        JsonNode given = property.getValue();
        JsonNode handed =
            input
                .path("components")
                .path("schemas")
                .path(schema.getKey())
                .path("properties")
                .path(property.getKey());
        String where = schema.getKey() + "." + property.getKey();
        if (model != null && isModelField(handed)) {
          checkField(
              model, JAVA.toVarName(property.getKey()), given, handed, where, missing, checked);
        } else {
          checkAnywhere(allSources, given, where, missing, checked);
        }
      }
    }
    everyOtherValue(published, "", allSources, missing, checked);

    System.out.printf("[round-trip] %-28s %5d values checked%n", document, checked[0]);
    assertThat(missing).as("values that did not reach the generated Java").isEmpty();
  }

  /** A property the generator turns into a model field with an initialiser we can read. */
  private static boolean isModelField(JsonNode handed) {
    return Set.of("string", "integer", "number", "boolean").contains(handed.path("type").asText())
        && !handed.has("$ref")
        && !handed.has("allOf")
        && !handed.has("anyOf")
        && !handed.has("oneOf");
  }

  private static void checkField(
      String model,
      String field,
      JsonNode given,
      JsonNode handed,
      String where,
      List<String> missing,
      int[] checked) {
    Matcher declaration =
        Pattern.compile("\\n  private [\\w<>, .\\[\\]]+ " + Pattern.quote(field) + "(?: = (.*))?;")
            .matcher(model);
    if (!declaration.find()) {
      missing.add(where + ": no field " + field);
      return;
    }
    String initialiser = declaration.group(1) == null ? "" : declaration.group(1);
    if (given.has("default")) {
      checked[0]++;
      JsonNode value = given.get("default");
      if (value.isNull()) {
        if (initialiser.equals("\"\"") || initialiser.isBlank() && declaration.group(1) != null) {
          missing.add(where + ": default null became " + initialiser);
        }
      } else if (value.isValueNode() && !initialiser.contains(literal(value))) {
        if (!enumConstantCarries(model, initialiser, value)) {
          missing.add(where + ": default " + value + " became '" + initialiser + "'");
        }
      }
    }
    JsonNode values = given.path("enum");
    if (values.isArray()) {
      if (handed.has("x-genjobs-known-values")) {
        checked[0] += values.size();
        List<String> texts = new ArrayList<>();
        values.forEach(v -> texts.add(v.isNull() ? "null" : v.asText()));
        String known = javadoc("Known values: " + String.join(", ", texts) + ".");
        if (!model.contains(known)) {
          missing.add(where + ": enum values not listed as '" + known + "'");
        }
      } else {
        for (JsonNode v : values) {
          checked[0]++;
          if (!v.isNull()
              && !model.contains("(" + literal(v) + ")")
              && !model.contains("(" + wrapped(v) + ")")) {
            missing.add(where + ": enum value " + v + " has no constant");
          }
        }
      }
    }
  }

  /** {@code SizeEnum.NUMBER_1024} where {@code NUMBER_1024(Integer.valueOf(1024))}. */
  private static boolean enumConstantCarries(String model, String initialiser, JsonNode value) {
    Matcher constant = Pattern.compile("^\\w+\\.(\\w+)$").matcher(initialiser);
    return constant.find()
        && Pattern.compile(
                "\\b"
                    + Pattern.quote(constant.group(1))
                    + "\\((.*"
                    + Pattern.quote(literal(value))
                    + ".*)\\)")
            .matcher(model)
            .find();
  }

  private static void everyOtherValue(
      JsonNode node, String pointer, String sources, List<String> missing, int[] checked) {
    if (node.isObject()) {
      boolean namedProperty = pointer.matches("/components/schemas/[^/]+/properties/[^/]+");
      if (!namedProperty) {
        checkAnywhere(sources, node, pointer, missing, checked);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!DATA_KEYS.contains(e.getKey()) && !e.getKey().startsWith("x-")) {
          everyOtherValue(e.getValue(), pointer + "/" + e.getKey(), sources, missing, checked);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        everyOtherValue(node.get(i), pointer + "/" + i, sources, missing, checked);
      }
    }
  }

  private static void checkAnywhere(
      String sources, JsonNode schema, String where, List<String> missing, int[] checked) {
    List<JsonNode> values = new ArrayList<>();
    JsonNode d = schema.path("default");
    if (d.isValueNode() && !d.isNull()) {
      values.add(d);
    }
    JsonNode e = schema.path("enum");
    if (e.isArray()) {
      e.forEach(
          v -> {
            if (v.isValueNode() && !v.isNull()) values.add(v);
          });
    }
    for (JsonNode v : values) {
      checked[0]++;
      if (!sources.contains(literal(v)) && !sources.contains(javadoc(v.asText()))) {
        missing.add(where + ": " + v + " appears nowhere");
      }
    }
  }

  /** The Java literal of a JSON scalar, as the generator writes it. */
  private static String literal(JsonNode value) {
    return value.isTextual() ? "\"" + JAVA.escapeText(value.asText()) + "\"" : value.asText();
  }

  private static String wrapped(JsonNode value) {
    return value.isIntegralNumber() ? "Integer.valueOf(" + value.asText() + ")" : literal(value);
  }

  /** Text as it appears in generated Javadoc: the generator's escaping, then Mustache's HTML. */
  private static String javadoc(String text) {
    return JAVA.escapeText(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;")
        .replace("`", "&#x60;")
        .replace("=", "&#x3D;");
  }

  private static String readAll(Path sources) throws IOException {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> walk = Files.walk(sources)) {
      for (Path p : walk.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        sb.append(Files.readString(p)).append('\n');
      }
    }
    return sb.toString();
  }
}
