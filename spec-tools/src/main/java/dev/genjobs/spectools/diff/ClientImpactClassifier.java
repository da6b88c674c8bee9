package dev.genjobs.spectools.diff;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.openapitools.openapidiff.core.model.ChangedApiResponse;
import org.openapitools.openapidiff.core.model.ChangedContent;
import org.openapitools.openapidiff.core.model.ChangedHeader;
import org.openapitools.openapidiff.core.model.ChangedHeaders;
import org.openapitools.openapidiff.core.model.ChangedMediaType;
import org.openapitools.openapidiff.core.model.ChangedMetadata;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.ChangedParameter;
import org.openapitools.openapidiff.core.model.ChangedParameters;
import org.openapitools.openapidiff.core.model.ChangedRequestBody;
import org.openapitools.openapidiff.core.model.ChangedResponse;
import org.openapitools.openapidiff.core.model.ChangedSchema;
import org.openapitools.openapidiff.core.model.Endpoint;
import org.openapitools.openapidiff.core.model.schema.ChangedEnum;
import org.openapitools.openapidiff.core.model.schema.ChangedOneOfSchema;
import org.openapitools.openapidiff.core.model.schema.ChangedRequired;

/**
 * Classifies openapi-diff's result for a client, which writes requests and reads responses. The
 * library's own verdict ({@code isIncompatible()}) is for a server and is not used: it calls a new
 * response enum value incompatible and a removed optional response field compatible, the opposite
 * of what a generated client needs. Authentication and server URLs are compared here directly:
 * openapi-diff ignores an API key's header name.
 */
final class ClientImpactClassifier {

  private enum Side {
    REQUEST,
    RESPONSE
  }

  /** Deeper than any real payload; stops a walk through a self-referencing schema. */
  private static final int MAX_DEPTH = 32;

  /** An operation that accepts requests without credentials. */
  private static final String ANONYMOUS = "none";

  private final Map<String, SpecChange> changes = new LinkedHashMap<>();
  private final Set<ChangedSchema> walking = Collections.newSetFromMap(new IdentityHashMap<>());
  private String method = "";
  private String path = "";

  private ClientImpactClassifier() {}

  /** Every change between the two specs, classified, in report order, without duplicates. */
  static List<SpecChange> classify(ChangedOpenApi diff) {
    ClientImpactClassifier c = new ClientImpactClassifier();
    c.servers(diff.getOldSpecOpenApi(), diff.getNewSpecOpenApi());
    for (Endpoint e : diff.getMissingEndpoints()) {
      c.at(e.getMethod(), e.getPathUrl())
          .add("", ChangeKind.OPERATION_REMOVED, "operation removed");
    }
    for (Endpoint e : diff.getNewEndpoints()) {
      c.at(e.getMethod(), e.getPathUrl()).add("", ChangeKind.OPERATION_ADDED, "operation added");
    }
    for (ChangedOperation op : diff.getChangedOperations()) {
      c.at(op.getHttpMethod(), op.getPathUrl()).operation(op);
    }
    c.security(diff.getOldSpecOpenApi(), diff.getNewSpecOpenApi());
    List<SpecChange> result = new ArrayList<>(c.changes.values());
    result.sort(SpecChange.ORDER);
    return result;
  }

  private ClientImpactClassifier at(PathItem.HttpMethod httpMethod, String pathUrl) {
    this.method = httpMethod == null ? "" : httpMethod.name();
    this.path = pathUrl == null ? "" : pathUrl;
    return this;
  }

  private void add(String location, ChangeKind kind, String description) {
    SpecChange change = new SpecChange(method, path, location, kind, description);
    changes.putIfAbsent(change.id(), change);
  }

  // ---- operations -------------------------------------------------------------------------

  private void operation(ChangedOperation op) {
    if (op.getOperationId() != null
        && !Objects.equals(op.getOperationId().getLeft(), op.getOperationId().getRight())) {
      add(
          "",
          ChangeKind.OPERATION_ID_CHANGED,
          "operationId changed from "
              + quote(op.getOperationId().getLeft())
              + " to "
              + quote(op.getOperationId().getRight()));
    }
    if (op.isDeprecated()) {
      boolean nowDeprecated = Boolean.TRUE.equals(op.getNewOperation().getDeprecated());
      add(
          "",
          nowDeprecated ? ChangeKind.OPERATION_DEPRECATED : ChangeKind.DEPRECATED,
          nowDeprecated ? "operation deprecated" : "operation no longer deprecated");
    }
    documentation("", "summary", op.getSummary());
    documentation("", "description", op.getDescription());
    if (op.getParameters() != null) {
      parameters(op.getParameters());
    }
    if (op.getRequestBody() != null) {
      requestBody(op.getRequestBody());
    }
    if (op.getApiResponses() != null) {
      responses(op.getApiResponses());
    }
  }

  private void parameters(ChangedParameters params) {
    for (Parameter p : params.getMissing()) {
      add(parameterLocation(p), ChangeKind.PARAMETER_REMOVED, "parameter removed");
    }
    for (Parameter p : params.getIncreased()) {
      boolean required = Boolean.TRUE.equals(p.getRequired());
      add(
          parameterLocation(p),
          required ? ChangeKind.NEW_REQUIRED_PARAMETER : ChangeKind.NEW_OPTIONAL_PARAMETER,
          required ? "new required parameter" : "new optional parameter");
    }
    for (ChangedParameter p : params.getChanged()) {
      String location = parameterLocation(p.getNewParameter());
      if (p.isChangeRequired()) {
        boolean required = Boolean.TRUE.equals(p.getNewParameter().getRequired());
        add(
            location,
            required ? ChangeKind.PARAMETER_NOW_REQUIRED : ChangeKind.PARAMETER_NO_LONGER_REQUIRED,
            required ? "parameter became required" : "parameter became optional");
      }
      if (p.isChangeStyle() || p.isChangeExplode() || p.isChangeAllowEmptyValue()) {
        add(
            location,
            ChangeKind.PARAMETER_SERIALIZATION_CHANGED,
            "serialization changed (style/explode/allowEmptyValue)");
      }
      if (p.isDeprecated() && Boolean.TRUE.equals(p.getNewParameter().getDeprecated())) {
        add(location, ChangeKind.DEPRECATED, "parameter deprecated");
      }
      documentation(location, "description", p.getDescription());
      if (p.getSchema() != null) {
        schema(p.getSchema(), Side.REQUEST, location, 0);
      }
      if (p.getContent() != null) {
        content(p.getContent(), Side.REQUEST, location);
      }
    }
  }

  private static String parameterLocation(Parameter p) {
    return "parameter " + p.getIn() + " " + p.getName();
  }

  private void requestBody(ChangedRequestBody body) {
    if (body.isChangeRequired()) {
      boolean required =
          body.getNewRequestBody() != null
              && Boolean.TRUE.equals(body.getNewRequestBody().getRequired());
      add(
          "request body",
          required
              ? ChangeKind.REQUEST_BODY_NOW_REQUIRED
              : ChangeKind.REQUEST_BODY_NO_LONGER_REQUIRED,
          required ? "request body became required" : "request body became optional");
    }
    documentation("request body", "description", body.getDescription());
    if (body.getContent() != null) {
      content(body.getContent(), Side.REQUEST, "request body");
    }
  }

  private void responses(ChangedApiResponse responses) {
    for (String status : responses.getMissing().keySet()) {
      if (isSuccess(status)) {
        add(
            "response " + status,
            ChangeKind.SUCCESS_RESPONSE_REMOVED,
            "success response " + status + " removed");
      } else {
        add(
            "response " + status,
            ChangeKind.ERROR_RESPONSE_REMOVED,
            "response " + status + " no longer documented");
      }
    }
    for (String status : responses.getIncreased().keySet()) {
      add("response " + status, ChangeKind.NEW_RESPONSE_STATUS, "new response status " + status);
    }
    for (Map.Entry<String, ChangedResponse> e : responses.getChanged().entrySet()) {
      String location = "response " + e.getKey();
      ChangedResponse response = e.getValue();
      documentation(location, "description", response.getDescription());
      if (response.getHeaders() != null) {
        headers(response.getHeaders(), location);
      }
      if (response.getContent() != null) {
        content(response.getContent(), Side.RESPONSE, location + " body");
      }
    }
  }

  private static boolean isSuccess(String status) {
    return status.startsWith("2");
  }

  private void headers(ChangedHeaders headers, String responseLocation) {
    for (String name : headers.getMissing().keySet()) {
      add(
          responseLocation + " header " + name,
          ChangeKind.RESPONSE_HEADER_REMOVED,
          "response header removed");
    }
    for (String name : headers.getIncreased().keySet()) {
      add(
          responseLocation + " header " + name,
          ChangeKind.RESPONSE_HEADER_ADDED,
          "new response header");
    }
    for (Map.Entry<String, ChangedHeader> e : headers.getChanged().entrySet()) {
      String location = responseLocation + " header " + e.getKey();
      ChangedHeader header = e.getValue();
      if (header.isRequired()) {
        boolean required =
            Boolean.TRUE.equals(
                header.getNewHeader() == null ? null : header.getNewHeader().getRequired());
        add(
            location,
            required
                ? ChangeKind.RESPONSE_FIELD_NOW_REQUIRED
                : ChangeKind.RESPONSE_FIELD_NO_LONGER_REQUIRED,
            required ? "header became required" : "header no longer required");
      }
      documentation(location, "description", header.getDescription());
      if (header.getSchema() != null) {
        schema(header.getSchema(), Side.RESPONSE, location, 0);
      }
      if (header.getContent() != null) {
        content(header.getContent(), Side.RESPONSE, location);
      }
    }
  }

  private void content(ChangedContent content, Side side, String location) {
    for (String mediaType : content.getMissing().keySet()) {
      add(
          location,
          side == Side.REQUEST
              ? ChangeKind.REQUEST_CONTENT_TYPE_REMOVED
              : ChangeKind.RESPONSE_CONTENT_TYPE_REMOVED,
          "content type " + mediaType + " removed");
    }
    for (String mediaType : content.getIncreased().keySet()) {
      add(location, ChangeKind.CONTENT_TYPE_ADDED, "content type " + mediaType + " added");
    }
    for (ChangedMediaType media : content.getChanged().values()) {
      if (media.getSchema() != null) {
        schema(media.getSchema(), side, location, 0);
      }
    }
  }

  // ---- schemas ----------------------------------------------------------------------------

  private void schema(ChangedSchema s, Side side, String location, int depth) {
    if (depth > MAX_DEPTH || !walking.add(s)) {
      return;
    }
    try {
      schemaChanges(s, side, location, depth);
    } finally {
      walking.remove(s);
    }
  }

  private void schemaChanges(ChangedSchema s, Side side, String location, int depth) {
    Schema<?> oldSchema = s.getOldSchema();
    Schema<?> newSchema = s.getNewSchema();
    if (s.isChangedType()) {
      // openapi-diff stops here: nothing below a changed type is compared.
      add(
          location,
          ChangeKind.TYPE_CHANGED,
          "type changed from " + describeType(oldSchema) + " to " + describeType(newSchema));
      return;
    }
    if (s.isDiscriminatorPropertyChanged()) {
      add(location, ChangeKind.DISCRIMINATOR_CHANGED, "discriminator property changed");
    }
    if (oldSchema == null || newSchema == null) {
      return;
    }
    boolean request = side == Side.REQUEST;
    for (String name : s.getMissingProperties().keySet()) {
      add(
          field(location, name),
          request ? ChangeKind.REQUEST_FIELD_REMOVED : ChangeKind.RESPONSE_FIELD_REMOVED,
          request ? "request field removed" : "response field removed");
    }
    List<String> newRequired = listOrEmpty(newSchema.getRequired());
    for (String name : s.getIncreasedProperties().keySet()) {
      if (!request) {
        add(field(location, name), ChangeKind.NEW_RESPONSE_FIELD, "new response field");
      } else if (newRequired.contains(name)) {
        add(field(location, name), ChangeKind.NEW_REQUIRED_REQUEST_FIELD, "new required field");
      } else {
        add(field(location, name), ChangeKind.NEW_OPTIONAL_REQUEST_FIELD, "new optional field");
      }
    }
    required(s, side, location);
    enumeration(s.getEnumeration(), oldSchema, newSchema, side, location);
    nullable(oldSchema, newSchema, side, location);
    constraints(oldSchema, newSchema, side, location);
    if (s.isChangeDefault()) {
      add(
          location,
          request ? ChangeKind.REQUEST_DEFAULT_CHANGED : ChangeKind.DEFAULT_CHANGED,
          "default changed from "
              + quote(oldSchema.getDefault())
              + " to "
              + quote(newSchema.getDefault()));
    }
    if (s.isChangeDeprecated() && Boolean.TRUE.equals(newSchema.getDeprecated())) {
      add(location, ChangeKind.DEPRECATED, "deprecated");
    }
    if (s.getReadOnly() != null && s.getReadOnly().isDifferent()
        || s.getWriteOnly() != null && s.getWriteOnly().isDifferent()) {
      add(location, ChangeKind.READ_WRITE_ONLY_CHANGED, "readOnly/writeOnly changed");
    }
    documentation(location, "description", s.getDescription());
    if (s.getOneOfSchema() != null) {
      variants(s.getOneOfSchema(), side, location, depth);
    }
    if (s.getItems() != null) {
      schema(s.getItems(), side, location + "[]", depth + 1);
    }
    if (s.getAddProp() != null) {
      ChangedSchema values = s.getAddProp();
      if (values.getOldSchema() != null && values.getNewSchema() != null) {
        schema(values, side, location + "{}", depth + 1);
      } else {
        add(
            location,
            ChangeKind.ADDITIONAL_PROPERTIES_CHANGED,
            "additionalProperties changed from "
                + describeType(values.getOldSchema())
                + " to "
                + describeType(values.getNewSchema()));
      }
    }
    for (Map.Entry<String, ChangedSchema> e : s.getChangedProperties().entrySet()) {
      schema(e.getValue(), side, field(location, e.getKey()), depth + 1);
    }
  }

  private void required(ChangedSchema s, Side side, String location) {
    ChangedRequired required = s.getRequired();
    if (required == null) {
      return;
    }
    boolean request = side == Side.REQUEST;
    for (String name : required.getIncreased()) {
      if (s.getIncreasedProperties().containsKey(name)) {
        continue; // reported as a new required field
      }
      add(
          field(location, name),
          request ? ChangeKind.REQUEST_FIELD_NOW_REQUIRED : ChangeKind.RESPONSE_FIELD_NOW_REQUIRED,
          "field became required");
    }
    for (String name : required.getMissing()) {
      if (s.getMissingProperties().containsKey(name)) {
        continue; // reported as a removed field
      }
      add(
          field(location, name),
          request
              ? ChangeKind.REQUEST_FIELD_NO_LONGER_REQUIRED
              : ChangeKind.RESPONSE_FIELD_NO_LONGER_REQUIRED,
          "field no longer required");
    }
  }

  private void enumeration(
      ChangedEnum<?> changed,
      Schema<?> oldSchema,
      Schema<?> newSchema,
      Side side,
      String location) {
    if (changed == null || changed.getIncreased().isEmpty() && changed.getMissing().isEmpty()) {
      return;
    }
    boolean request = side == Side.REQUEST;
    boolean wasOpen = listOrEmpty(oldSchema.getEnum()).isEmpty();
    boolean isOpen = listOrEmpty(newSchema.getEnum()).isEmpty();
    if (wasOpen) {
      add(
          location,
          request ? ChangeKind.REQUEST_VALUES_RESTRICTED : ChangeKind.CONSTRAINT_CHANGED,
          "values restricted to enum " + values(newSchema.getEnum()));
      return;
    }
    if (isOpen) {
      add(
          location,
          request ? ChangeKind.CONSTRAINT_CHANGED : ChangeKind.RESPONSE_ENUM_OPENED,
          "enum constraint removed (was " + values(oldSchema.getEnum()) + ")");
      return;
    }
    for (Object value : changed.getMissing()) {
      add(
          location,
          request ? ChangeKind.REQUEST_ENUM_VALUE_REMOVED : ChangeKind.RESPONSE_ENUM_VALUE_REMOVED,
          "enum value " + quote(value) + " removed");
    }
    for (Object value : changed.getIncreased()) {
      add(
          location,
          request ? ChangeKind.REQUEST_ENUM_VALUE_ADDED : ChangeKind.RESPONSE_ENUM_VALUE_ADDED,
          "new enum value " + quote(value));
    }
  }

  private void nullable(Schema<?> oldSchema, Schema<?> newSchema, Side side, String location) {
    boolean was = Boolean.TRUE.equals(oldSchema.getNullable());
    boolean is = Boolean.TRUE.equals(newSchema.getNullable());
    if (was == is) {
      return;
    }
    ChangeKind kind = ChangeKind.NULLABLE_CHANGED;
    if (side == Side.RESPONSE && is) {
      kind = ChangeKind.RESPONSE_FIELD_NOW_NULLABLE;
    } else if (side == Side.REQUEST && was) {
      kind = ChangeKind.REQUEST_FIELD_NO_LONGER_NULLABLE;
    }
    add(location, kind, is ? "became nullable" : "no longer nullable");
  }

  /** How a validation keyword's new value restricts what a request may send. */
  private enum Bound {
    UPPER, // maxLength, maximum, ...: lower is tighter
    LOWER, // minLength, minimum, ...: higher is tighter
    EXACT, // pattern, multipleOf: any new value may reject old requests
    FLAG // uniqueItems, exclusiveMinimum: becoming true is tighter
  }

  /** Validation keywords. Only a request can be rejected for them; responses are not validated. */
  private void constraints(Schema<?> oldSchema, Schema<?> newSchema, Side side, String location) {
    constraint(
        side,
        location,
        "maxLength",
        Bound.UPPER,
        oldSchema.getMaxLength(),
        newSchema.getMaxLength());
    constraint(
        side,
        location,
        "minLength",
        Bound.LOWER,
        oldSchema.getMinLength(),
        newSchema.getMinLength());
    constraint(
        side, location, "maximum", Bound.UPPER, oldSchema.getMaximum(), newSchema.getMaximum());
    constraint(
        side, location, "minimum", Bound.LOWER, oldSchema.getMinimum(), newSchema.getMinimum());
    constraint(
        side, location, "maxItems", Bound.UPPER, oldSchema.getMaxItems(), newSchema.getMaxItems());
    constraint(
        side, location, "minItems", Bound.LOWER, oldSchema.getMinItems(), newSchema.getMinItems());
    constraint(
        side,
        location,
        "maxProperties",
        Bound.UPPER,
        oldSchema.getMaxProperties(),
        newSchema.getMaxProperties());
    constraint(
        side,
        location,
        "minProperties",
        Bound.LOWER,
        oldSchema.getMinProperties(),
        newSchema.getMinProperties());
    constraint(
        side, location, "pattern", Bound.EXACT, oldSchema.getPattern(), newSchema.getPattern());
    constraint(
        side,
        location,
        "multipleOf",
        Bound.EXACT,
        oldSchema.getMultipleOf(),
        newSchema.getMultipleOf());
    constraint(
        side,
        location,
        "uniqueItems",
        Bound.FLAG,
        oldSchema.getUniqueItems(),
        newSchema.getUniqueItems());
    constraint(
        side,
        location,
        "exclusiveMinimum",
        Bound.FLAG,
        oldSchema.getExclusiveMinimum(),
        newSchema.getExclusiveMinimum());
    constraint(
        side,
        location,
        "exclusiveMaximum",
        Bound.FLAG,
        oldSchema.getExclusiveMaximum(),
        newSchema.getExclusiveMaximum());
  }

  private void constraint(
      Side side, String location, String keyword, Bound bound, Object oldValue, Object newValue) {
    int order = compare(oldValue, newValue);
    if (order == 0) {
      return;
    }
    boolean tighter =
        newValue != null
            && switch (bound) {
              case UPPER -> oldValue == null || order > 0;
              case LOWER -> oldValue == null || order < 0;
              case EXACT -> true;
              case FLAG -> Boolean.TRUE.equals(newValue);
            };
    add(
        location,
        side == Side.REQUEST && tighter
            ? ChangeKind.REQUEST_CONSTRAINT_TIGHTENED
            : ChangeKind.CONSTRAINT_CHANGED,
        keyword + " changed from " + quote(oldValue) + " to " + quote(newValue));
  }

  /** Numbers by value (1.0 equals 1), anything else by equality; 0 when equal. */
  private static int compare(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
    }
    return Objects.equals(a, b) ? 0 : 1;
  }

  private void variants(ChangedOneOfSchema oneOf, Side side, String location, int depth) {
    boolean request = side == Side.REQUEST;
    for (String name : oneOf.getMissing().keySet()) {
      add(
          location,
          request ? ChangeKind.REQUEST_VARIANT_REMOVED : ChangeKind.VARIANTS_CHANGED,
          "oneOf variant " + quote(name) + " removed");
    }
    for (String name : oneOf.getIncreased().keySet()) {
      add(
          location,
          request ? ChangeKind.VARIANTS_CHANGED : ChangeKind.RESPONSE_VARIANT_ADDED,
          "new oneOf variant " + quote(name));
    }
    for (Map.Entry<String, ChangedSchema> e : oneOf.getChanged().entrySet()) {
      schema(e.getValue(), side, location + "<" + e.getKey() + ">", depth + 1);
    }
  }

  private void documentation(String location, String what, ChangedMetadata changed) {
    if (changed != null && !Objects.equals(changed.getLeft(), changed.getRight())) {
      add(location, ChangeKind.DOCUMENTATION_CHANGED, what + " changed");
    }
  }

  // ---- whole-spec checks openapi-diff does not make ---------------------------------------

  private void servers(OpenAPI oldSpec, OpenAPI newSpec) {
    String oldUrl = firstServerUrl(oldSpec);
    String newUrl = firstServerUrl(newSpec);
    if (oldUrl != null && newUrl != null && !oldUrl.equals(newUrl)) {
      method = "";
      path = "";
      add(
          "servers",
          ChangeKind.SERVER_URL_CHANGED,
          "default server URL changed from " + oldUrl + " to " + newUrl);
    }
  }

  private static String firstServerUrl(OpenAPI spec) {
    List<Server> servers = spec.getServers();
    return servers == null || servers.isEmpty() ? null : servers.get(0).getUrl();
  }

  /**
   * Compares what credentials each operation accepts, as sent on the wire (scheme type, and for an
   * API key where it goes and its name), for every operation both specs have.
   */
  private void security(OpenAPI oldSpec, OpenAPI newSpec) {
    Map<String, Map.Entry<String, PathItem>> newPaths = new LinkedHashMap<>();
    mapOrEmpty(newSpec.getPaths())
        .forEach((p, item) -> newPaths.put(normalizePath(p), Map.entry(p, item)));
    mapOrEmpty(oldSpec.getPaths())
        .forEach(
            (oldPath, oldItem) -> {
              Map.Entry<String, PathItem> match = newPaths.get(normalizePath(oldPath));
              if (match == null) {
                return;
              }
              Map<PathItem.HttpMethod, Operation> newOps = match.getValue().readOperationsMap();
              oldItem
                  .readOperationsMap()
                  .forEach(
                      (httpMethod, oldOp) -> {
                        Operation newOp = newOps.get(httpMethod);
                        if (newOp != null) {
                          at(httpMethod, match.getKey());
                          compareSecurity(credentials(oldSpec, oldOp), credentials(newSpec, newOp));
                        }
                      });
            });
  }

  private void compareSecurity(Set<String> before, Set<String> after) {
    if (before.equals(after)) {
      return;
    }
    if (after.containsAll(before) || after.contains(ANONYMOUS)) {
      add(
          "security",
          ChangeKind.AUTH_RELAXED,
          "authentication options changed from " + before + " to " + after);
    } else {
      add(
          "security",
          ChangeKind.AUTH_CHANGED,
          "authentication changed from " + before + " to " + after);
    }
  }

  /** The alternatives an operation accepts, each as its wire-level credentials. */
  private static Set<String> credentials(OpenAPI spec, Operation op) {
    List<SecurityRequirement> requirements =
        op.getSecurity() != null ? op.getSecurity() : spec.getSecurity();
    Set<String> alternatives = new TreeSet<>();
    if (requirements == null || requirements.isEmpty()) {
      alternatives.add(ANONYMOUS);
      return alternatives;
    }
    Map<String, SecurityScheme> schemes =
        spec.getComponents() == null
            ? Map.of()
            : mapOrEmpty(spec.getComponents().getSecuritySchemes());
    for (SecurityRequirement requirement : requirements) {
      if (requirement.isEmpty()) {
        alternatives.add(ANONYMOUS);
        continue;
      }
      alternatives.add(
          requirement.entrySet().stream()
              .map(e -> describeScheme(e.getKey(), schemes.get(e.getKey()), e.getValue()))
              .sorted()
              .collect(Collectors.joining(" + ")));
    }
    return alternatives;
  }

  private static String describeScheme(String name, SecurityScheme scheme, List<String> scopes) {
    if (scheme == null || scheme.getType() == null) {
      return "undefined scheme '" + name + "'";
    }
    return switch (scheme.getType()) {
      case APIKEY -> "apiKey in " + scheme.getIn() + " '" + scheme.getName() + "'";
      case HTTP -> "http " + String.valueOf(scheme.getScheme()).toLowerCase(Locale.ROOT);
      case OAUTH2 -> "oauth2" + (scopes == null || scopes.isEmpty() ? "" : " " + scopes);
      case OPENIDCONNECT -> "openIdConnect " + scheme.getOpenIdConnectUrl();
      case MUTUALTLS -> "mutualTLS";
    };
  }

  /** Path templates match whatever their parameters are named, as openapi-diff matches them. */
  private static String normalizePath(String path) {
    return path.replaceAll("\\{[^}]*}", "{}");
  }

  // ---- helpers ----------------------------------------------------------------------------

  private static String field(String location, String name) {
    return location + "." + name;
  }

  static String describeType(Schema<?> schema) {
    if (schema == null) {
      return "none";
    }
    String type = schema.getType();
    if (type == null && schema.getTypes() != null && !schema.getTypes().isEmpty()) {
      type = String.join("|", new TreeSet<>(schema.getTypes()));
    }
    if (type == null && schema instanceof ComposedSchema composed) {
      type =
          composed.getOneOf() != null
              ? "oneOf"
              : composed.getAnyOf() != null
                  ? "anyOf"
                  : composed.getAllOf() != null ? "allOf" : null;
    }
    if (type == null) {
      type = "any";
    }
    return schema.getFormat() == null ? type : type + "/" + schema.getFormat();
  }

  private static String values(List<?> values) {
    return listOrEmpty(values).stream()
        .map(ClientImpactClassifier::quote)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String quote(Object value) {
    return value == null ? "none" : "'" + value + "'";
  }

  private static <T> List<T> listOrEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static <K, V> Map<K, V> mapOrEmpty(Map<K, V> map) {
    return map == null ? Map.of() : map;
  }
}
