package dev.genjobs.spectools;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
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

/**
 * Validates one spec: syntax (with line and column), OpenAPI version, internal and relative file
 * {@code $ref}s (with the JSON pointer of the reference), at least one operation, and then Swagger
 * Parser's own validation, which understands OpenAPI 3.0 and 3.1.
 */
public final class SpecValidator {

  /** The operation keys of an OpenAPI path item. */
  public static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  public List<SpecProblem> validate(SpecFile spec) {
    JsonNode root;
    try {
      root = SpecDocuments.read(spec);
    } catch (SpecDocuments.SyntaxException e) {
      return new ArrayList<>(
          List.of(
              SpecProblem.error(
                  spec.provider(), spec.relativePath(), e.location(), e.getMessage())));
    } catch (IOException e) {
      return new ArrayList<>(
          List.of(
              SpecProblem.error(
                  spec.provider(), spec.relativePath(), "", "cannot read file: " + e)));
    }
    return validate(spec, root);
  }

  /** Validates {@code root}, already read from {@code spec}, without reading the file again. */
  public List<SpecProblem> validate(SpecFile spec, JsonNode root) {
    List<SpecProblem> problems = new ArrayList<>();
    String provider = spec.provider();
    String file = spec.relativePath();
    if (!root.isObject()) {
      problems.add(
          SpecProblem.error(provider, file, "/", "an OpenAPI document must be a mapping/object"));
      return problems;
    }
    String openapi = root.path("openapi").asText("");
    if (!openapi.startsWith("3.0.") && !openapi.startsWith("3.1.")) {
      problems.add(
          SpecProblem.error(
              provider,
              file,
              "/openapi",
              root.has("swagger")
                  ? "Swagger/OpenAPI 2.0 is not supported; convert the document to OpenAPI 3"
                      + " (expected 3.0.x or 3.1.x)"
                  : openapi.isEmpty()
                      ? "missing 'openapi' version field; expected 3.0.x or 3.1.x"
                      : "unsupported OpenAPI version '" + openapi + "'; expected 3.0.x or 3.1.x"));
      return problems;
    }
    checkRefs(root, root, "", spec, problems);
    int operations = countOperations(root);
    if (operations == 0) {
      problems.add(
          SpecProblem.error(
              provider,
              file,
              "/paths",
              "the spec defines no operations; a client cannot be generated from it. Add at"
                  + " least one path with a get/post/... operation"));
    }
    if (problems.stream().anyMatch(SpecProblem::isError)) {
      // Swagger Parser would report the same root causes again, less precisely.
      return problems;
    }
    swaggerParserMessages(spec, root, problems);
    ownWarnings(root, spec, problems);
    return problems;
  }

  private static void swaggerParserMessages(
      SpecFile spec, JsonNode root, List<SpecProblem> problems) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setValidateInternalRefs(true);
    SwaggerParseResult result =
        new OpenAPIV3Parser().readLocation(spec.path().toUri().toString(), null, options);
    List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
    for (String message : messages) {
      problems.add(
          SpecProblem.error(
              spec.provider(),
              spec.relativePath(),
              locate(message, root),
              "Swagger Parser: " + message));
    }
    if (result.getOpenAPI() == null && messages.isEmpty()) {
      problems.add(
          SpecProblem.error(
              spec.provider(),
              spec.relativePath(),
              "",
              "Swagger Parser could not read the document"));
    }
  }

  private static void checkRefs(
      JsonNode root, JsonNode node, String pointer, SpecFile spec, List<SpecProblem> problems) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual()) {
        checkRef(root, ref.asText(), pointer + "/$ref", spec, problems);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        checkRefs(root, e.getValue(), pointer + "/" + escape(e.getKey()), spec, problems);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkRefs(root, node.get(i), pointer + "/" + i, spec, problems);
      }
    }
  }

  private static void checkRef(
      JsonNode root, String ref, String where, SpecFile spec, List<SpecProblem> problems) {
    int hash = ref.indexOf('#');
    String filePart = hash < 0 ? ref : ref.substring(0, hash);
    String fragment = hash < 0 ? "" : ref.substring(hash + 1);
    if (filePart.startsWith("http://") || filePart.startsWith("https://")) {
      problems.add(
          SpecProblem.warning(
              spec.provider(),
              spec.relativePath(),
              where,
              "remote $ref '" + ref + "' is not checked and makes the build need the network"));
      return;
    }
    if (!filePart.isEmpty()) {
      Path target = spec.path().getParent().resolve(filePart).normalize();
      if (!Files.isRegularFile(target)) {
        problems.add(
            SpecProblem.error(
                spec.provider(),
                spec.relativePath(),
                where,
                "$ref '" + ref + "' points to a file that does not exist: " + target));
      }
      return;
    }
    if (root.at(fragment).isMissingNode()) {
      problems.add(
          SpecProblem.error(
              spec.provider(),
              spec.relativePath(),
              where,
              "dangling $ref '"
                  + ref
                  + "': nothing is defined at "
                  + fragment
                  + "; define it or fix the reference"));
    }
  }

  static int countOperations(JsonNode root) {
    int count = 0;
    for (JsonNode pathItem : root.path("paths")) {
      for (Iterator<String> it = pathItem.fieldNames(); it.hasNext(); ) {
        if (HTTP_METHODS.contains(it.next())) {
          count++;
        }
      }
    }
    return count;
  }

  private static void ownWarnings(JsonNode root, SpecFile spec, List<SpecProblem> problems) {
    if (root.path("servers").isEmpty()) {
      problems.add(
          SpecProblem.warning(
              spec.provider(),
              spec.relativePath(),
              "/servers",
              "no server URL: clients will need an explicit base URL"));
    }
    for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        if (HTTP_METHODS.contains(op.getKey()) && !op.getValue().has("operationId")) {
          problems.add(
              SpecProblem.warning(
                  spec.provider(),
                  spec.relativePath(),
                  "/paths/" + escape(path.getKey()) + "/" + op.getKey(),
                  "operation has no operationId; the generator will invent a method name"));
        }
      }
    }
  }

  private static final Pattern ATTRIBUTE = Pattern.compile("^attribute (\\S+)");
  private static final Pattern SEGMENT = Pattern.compile("'([^']*)'|\\(([^)]*)\\)|([^.'()]+)");
  private static final Pattern SCHEMA_NAME =
      Pattern.compile("^components\\.schemas\\.Schema name (.+?) doesn't adhere");
  private static final Pattern PATH_PARAMETER =
      Pattern.compile("For path parameter (\\S+) the required value should be true");
  private static final Pattern REFERENCE = Pattern.compile("(#/\\S.*)$");
  private static final Pattern DOTTED_PREFIX = Pattern.compile("^([a-zA-Z]+(?:\\.[a-zA-Z]+)*)\\.");

  /**
   * Where in {@code root} a Swagger Parser message points, as a JSON pointer: the attribute it
   * names ({@code attribute paths.'/jobs'(post).security is not of type `array`} gives {@code
   * /paths/~1jobs/post/security}), the schema, path parameter or {@code $ref} its sentence names,
   * else the section its dotted prefix names ({@code paths.}), else {@code "/"}.
   */
  static String locate(String message, JsonNode root) {
    Matcher attribute = ATTRIBUTE.matcher(message);
    if (attribute.find()) {
      return pointerOf(attribute.group(1));
    }
    Matcher schema = SCHEMA_NAME.matcher(message);
    if (schema.find()) {
      return "/components/schemas/" + escape(schema.group(1));
    }
    Matcher parameter = PATH_PARAMETER.matcher(message);
    if (parameter.find()) {
      String found = optionalPathParameter(root, parameter.group(1));
      if (found != null) return found;
    }
    Matcher reference = REFERENCE.matcher(message);
    if (reference.find()) {
      String found = referenceTo(root, reference.group(1), "");
      if (found != null) return found;
    }
    Matcher prefix = DOTTED_PREFIX.matcher(message);
    return prefix.find() ? pointerOf(prefix.group(1)) : "/";
  }

  /** The JSON pointer of a Swagger Parser attribute path: {@code paths.'/jobs'(post).security}. */
  static String pointerOf(String attribute) {
    StringBuilder pointer = new StringBuilder();
    Matcher segment = SEGMENT.matcher(attribute);
    while (segment.find()) {
      String token =
          segment.group(1) != null
              ? segment.group(1)
              : segment.group(2) != null ? segment.group(2) : segment.group(3);
      pointer.append('/').append(escape(token));
    }
    return pointer.length() == 0 ? "/" : pointer.toString();
  }

  /** The pointer of the first {@code $ref} whose value is {@code ref}, e.g. a malformed one. */
  private static String referenceTo(JsonNode node, String ref, String pointer) {
    if (node.isObject()) {
      if (ref.equals(node.path("$ref").asText(null))) {
        return pointer + "/$ref";
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String found = referenceTo(e.getValue(), ref, pointer + "/" + escape(e.getKey()));
        if (found != null) return found;
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String found = referenceTo(node.get(i), ref, pointer + "/" + i);
        if (found != null) return found;
      }
    }
    return null;
  }

  /** The first path parameter called {@code name} that is not required, as a JSON pointer. */
  private static String optionalPathParameter(JsonNode root, String name) {
    for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      String at = "/paths/" + escape(path.getKey());
      String found = optionalPathParameter(root, path.getValue().path("parameters"), name, at);
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields();
          found == null && ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        if (HTTP_METHODS.contains(op.getKey())) {
          found =
              optionalPathParameter(
                  root, op.getValue().path("parameters"), name, at + "/" + op.getKey());
        }
      }
      if (found != null) return found;
    }
    return null;
  }

  private static String optionalPathParameter(
      JsonNode root, JsonNode parameters, String name, String at) {
    for (int i = 0; i < parameters.size(); i++) {
      JsonNode p = parameters.get(i);
      String ref = p.path("$ref").asText("");
      JsonNode resolved = ref.startsWith("#") ? root.at(ref.substring(1)) : p;
      if (name.equals(resolved.path("name").asText())
          && "path".equals(resolved.path("in").asText())
          && !resolved.path("required").asBoolean(false)) {
        return at + "/parameters/" + i;
      }
    }
    return null;
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
