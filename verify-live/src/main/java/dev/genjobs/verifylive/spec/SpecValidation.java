package dev.genjobs.verifylive.spec;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.atlassian.oai.validator.util.OpenApiLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One provider spec, parsed once, with the one configuration of Atlassian's
 * swagger-request-validator that both checks use: the consumer contracts' verification (pacts
 * against the spec) and the live check (a provider's real answers against the spec). Each adds its
 * own custom validations to {@link #validator()}; what counts as an error is decided here.
 *
 * <p>Strict: every message is an error, unexpected query parameters included, trailing slashes
 * significant, paths relative to the base URL the client is given (not the spec's server). {@code
 * validation.schema.additionalProperties} is off: enabled, the validator injects {@code
 * additionalProperties: false} into every schema, free-form maps such as a model's input included;
 * {@link DeclaredFields} checks fields instead.
 */
public final class SpecValidation {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProviderSpec spec;
  private final ObjectNode tree;
  private final DeclaredFields declared;
  private final LevelResolver levels;
  private final MessageResolver messages;
  private final OpenAPI api;
  private final SchemaValidator schemaValidator;

  /** Parses {@code spec} (seconds: compile once, reuse). */
  public SpecValidation(ProviderSpec spec) {
    this.spec = spec;
    this.tree = spec.normalised();
    this.declared = new DeclaredFields(tree);
    this.levels =
        LevelResolver.create()
            .withLoader(null) // no levels from files or system properties: the build decides
            .withDefaultLevel(ValidationReport.Level.ERROR)
            .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
            .build();
    this.messages = new MessageResolver(levels);
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    options.setResolveCombinators(false);
    try {
      this.api =
          new OpenApiLoader()
              .loadApi(
                  OpenApiInteractionValidator.SpecSource.inline(JSON.writeValueAsString(tree)),
                  List.of(),
                  options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.schemaValidator = new SchemaValidator(api, messages);
  }

  public ProviderSpec spec() {
    return spec;
  }

  /** The normalised tree ({@link ProviderSpec#normalised()}) the validator was built from. */
  public ObjectNode tree() {
    return tree;
  }

  public DeclaredFields declared() {
    return declared;
  }

  public MessageResolver messages() {
    return messages;
  }

  public OpenAPI api() {
    return api;
  }

  public SchemaValidator schemaValidator() {
    return schemaValidator;
  }

  /** A validator builder with the shared configuration; add custom validations, then build. */
  public OpenApiInteractionValidator.Builder validator() {
    return OpenApiInteractionValidator.createFor(api)
        .withLevelResolver(levels)
        // Paths are relative to the base URL the client is given, not the spec's server.
        .withBasePathOverride("/")
        .withStrictOperationPathMatching();
  }

  /** Only the messages at level ERROR. */
  public static List<ValidationReport.Message> errors(ValidationReport report) {
    return report.getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .toList();
  }

  /** The operation's node in the spec tree (the validator found it; we need our view of it). */
  public JsonNode operationNode(ApiOperation operation) {
    String template = operation.getApiPath().original();
    String method = operation.getMethod().name().toLowerCase(Locale.ROOT);
    JsonNode paths = tree.path("paths");
    JsonNode item = paths.path(template);
    if (item.isMissingNode()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals(operation.getApiPath().normalised())) item = e.getValue();
      }
    }
    return declared.resolve(item).path(method);
  }

  /** The response the operation declares for {@code status} (or its default), resolved. */
  public JsonNode declaredResponse(JsonNode operation, int status) {
    JsonNode responses = operation.path("responses");
    JsonNode declaredResponse = responses.path(String.valueOf(status));
    if (declaredResponse.isMissingNode()) declaredResponse = responses.path("default");
    return declared.resolve(declaredResponse);
  }

  /** The key of {@code content} that a body of {@code contentType} is checked against, or null. */
  public static String matchingMediaType(JsonNode content, String contentType) {
    String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (content.has(type)) return type;
    String family = type.contains("/") ? type.substring(0, type.indexOf('/')) + "/*" : type;
    if (content.has(family)) return family;
    if (content.has("*/*")) return "*/*";
    return null;
  }

  public static boolean isJson(String contentType) {
    String t = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    return t.equals("application/json") || t.endsWith("+json");
  }
}
