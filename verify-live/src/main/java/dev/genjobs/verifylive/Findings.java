package dev.genjobs.verifylive;

import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import dev.genjobs.verifylive.Finding.Kind;
import dev.genjobs.verifylive.LiveCheck.Redaction;
import dev.genjobs.verifylive.spec.DeclaredFields.Undeclared;
import dev.genjobs.verifylive.spec.SpecValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the validator's messages about one answer into {@link Finding}s: the kind, the JSON
 * pointer, what the spec declares there and what the answer held. Messages about our own request
 * are dropped (they can quote its headers, the keys among them); a request the spec does not know
 * is a bug in a probe, reported as {@link Kind#OTHER}.
 */
final class Findings {

  private static final String BODY_SCHEMA = "validation.response.body.schema.";

  private final SpecValidation spec;
  private final String operationId;
  private final String request;
  private final int status;
  private final String contentType;
  private final JsonNode body;
  private final JsonNode operation;
  private final JsonNode declaredResponse;
  private final JsonNode bodySchema;
  private final Redaction redaction;
  private final List<Finding> out = new ArrayList<>();

  Findings(
      SpecValidation spec,
      ApiOperation matched,
      String probeName,
      String path,
      int status,
      String contentType,
      JsonNode body,
      Redaction redaction) {
    this.spec = spec;
    String id = matched == null ? null : matched.getOperation().getOperationId();
    this.operationId = id == null ? probeName : id;
    this.request = "GET " + (matched == null ? path : matched.getApiPath().original());
    this.status = status;
    this.contentType = contentType.split(";")[0].trim();
    this.body = body;
    this.redaction = redaction;
    this.operation = matched == null ? spec.tree().missingNode() : spec.operationNode(matched);
    this.declaredResponse = spec.declaredResponse(operation, status);
    JsonNode content = declaredResponse.path("content");
    String mediaKey = SpecValidation.matchingMediaType(content, contentType);
    this.bodySchema = mediaKey == null ? null : content.path(mediaKey).path("schema");
  }

  List<Finding> list() {
    return List.copyOf(out);
  }

  void undeclared(Undeclared field) {
    String problem = field.problem();
    int declaredAt = problem.indexOf(" (");
    String expected =
        declaredAt < 0
            ? "not declared"
            : problem.substring(declaredAt + 2, problem.length() - (problem.endsWith(")") ? 1 : 0));
    add(Kind.UNDECLARED_FIELD, field.pointer(), expected, seen(field.pointer()));
  }

  void add(ValidationReport.Message m) {
    String key = m.getKey();
    if (key.startsWith("validation.request.")) {
      if (key.equals("validation.request.path.missing")
          || key.equals("validation.request.operation.notAllowed")) {
        add(Kind.OTHER, "", "the probe's request to be in the spec", "not in the spec");
      }
      return; // our own request: its messages could quote the key headers
    }
    if (key.equals("validation.response.status.unknown")) {
      add(Kind.UNDECLARED_STATUS, "", "one of " + declaredStatuses(), String.valueOf(status));
      return;
    }
    if (key.startsWith("validation.response.contentType")) {
      add(
          Kind.UNDECLARED_CONTENT_TYPE,
          "",
          "one of " + fieldNames(declaredResponse.path("content")),
          contentType.isEmpty() ? "(none)" : contentType);
      return;
    }
    if (key.startsWith(BODY_SCHEMA)) {
      String keyword = key.substring(BODY_SCHEMA.length());
      String pointer =
          m.getContext()
              .flatMap(ValidationReport.MessageContext::getPointers)
              .map(ValidationReport.MessageContext.Pointers::getInstance)
              .orElse("");
      if (pointer.equals("/")) pointer = "";
      JsonNode schema = schemaAt(pointer);
      if (keyword.startsWith("format")) keyword = "type"; // e.g. format.date-time
      switch (keyword) {
        case "required" -> {
          for (String missing : missingRequired(pointer, schema)) {
            String at = pointer + "/" + missing.replace("~", "~0").replace("/", "~1");
            add(Kind.MISSING_REQUIRED_FIELD, at, "required", "(absent)");
          }
          return;
        }
        case "enum" -> {
          add(
              Kind.VALUE_OUTSIDE_ENUM,
              pointer,
              "one of " + redaction.text(schema.path("enum").toString()),
              seen(pointer));
          return;
        }
        case "type", "nullable" -> {
          add(Kind.TYPE_MISMATCH, pointer, describe(schema), seen(pointer));
          return;
        }
        default -> {
          add(Kind.OTHER, pointer, keyword + ": " + redaction.text(m.getMessage()), seen(pointer));
          return;
        }
      }
    }
    add(Kind.OTHER, "", redaction.text(m.getMessage()), "");
  }

  private void add(Kind kind, String pointer, String expected, String seen) {
    out.add(new Finding(operationId, request, status, kind, pointer, expected, seen));
  }

  private String seen(String pointer) {
    return redaction.value(body == null ? null : body.at(pointer));
  }

  private String declaredStatuses() {
    return fieldNames(operation.path("responses")).toString();
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The names {@code schema} requires that the object at {@code pointer} lacks. */
  private List<String> missingRequired(String pointer, JsonNode schema) {
    JsonNode object = body == null ? null : body.at(pointer);
    List<String> missing = new ArrayList<>();
    for (JsonNode s : branches(schema)) {
      for (JsonNode name : s.path("required")) {
        if (object != null && object.isObject() && !object.has(name.asText())) {
          if (!missing.contains(name.asText())) missing.add(name.asText());
        }
      }
    }
    return missing;
  }

  /** What a schema declares, for people: {@code string (format date-time)}, {@code integer}. */
  private String describe(JsonNode schema) {
    StringBuilder text = new StringBuilder();
    for (JsonNode s : branches(schema)) {
      if (s.has("type")) {
        text.append(s.path("type").isArray() ? s.path("type").toString() : s.path("type").asText());
        if (s.has("format")) text.append(" (format ").append(s.path("format").asText()).append(")");
        if (s.path("nullable").asBoolean(false)) text.append(", or null");
        return text.toString();
      }
    }
    return "what the schema declares";
  }

  /** The schema and its allOf branches, resolved. */
  private List<JsonNode> branches(JsonNode schema) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode s = spec.declared().resolve(schema);
    out.add(s);
    for (JsonNode branch : s.path("allOf")) out.add(spec.declared().resolve(branch));
    return out;
  }

  /** The body schema's node at {@code pointer} of the body, following properties and items. */
  private JsonNode schemaAt(String pointer) {
    JsonNode s =
        bodySchema == null ? spec.tree().missingNode() : spec.declared().resolve(bodySchema);
    if (pointer.isEmpty()) return s;
    for (String raw : pointer.substring(1).split("/", -1)) {
      String segment = raw.replace("~1", "/").replace("~0", "~");
      s = child(s, segment);
      if (s.isMissingNode()) return s;
    }
    return s;
  }

  private JsonNode child(JsonNode schema, String segment) {
    List<JsonNode> candidates = new ArrayList<>(branches(schema));
    for (String keyword : List.of("anyOf", "oneOf")) {
      for (JsonNode branch : spec.declared().resolve(schema).path(keyword)) {
        candidates.addAll(branches(branch));
      }
    }
    for (JsonNode s : candidates) {
      JsonNode property = s.path("properties").path(segment);
      if (!property.isMissingNode()) return spec.declared().resolve(property);
    }
    for (JsonNode s : candidates) {
      if (s.has("items") && segment.chars().allMatch(Character::isDigit)) {
        return spec.declared().resolve(s.path("items"));
      }
      if (s.path("additionalProperties").isObject()) {
        return spec.declared().resolve(s.path("additionalProperties"));
      }
    }
    return spec.tree().missingNode();
  }
}
