package dev.genjobs.contracts.verification;

import au.com.dius.pact.core.model.DefaultPactReader;
import au.com.dius.pact.core.model.IRequest;
import au.com.dius.pact.core.model.IResponse;
import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.core.model.Pact;
import au.com.dius.pact.core.model.SynchronousRequestResponse;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Body;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.pact.PactRequest;
import com.atlassian.oai.validator.pact.PactResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.atlassian.oai.validator.util.OpenApiLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Checks every interaction of a pact against its provider's spec (bi-directional contract testing
 * without a provider run): the request must be one the spec accepts (path, method, query, headers
 * including the auth header, content type, body schema; multipart bodies too) and the response's
 * status must be declared and its body must satisfy that response's schema.
 *
 * <p>The checking is Atlassian's swagger-request-validator ({@link OpenApiInteractionValidator}
 * with {@link PactRequest}/{@link PactResponse}), strict: every message is an error, unexpected
 * query parameters included, trailing slashes significant. Two checks are added where it is blind:
 *
 * <ul>
 *   <li>multipart request bodies, which it does not validate: the parts become a JSON object that
 *       its schema validator checks against the operation's multipart schema;
 *   <li>fields the spec does not declare ({@link DeclaredFields}): an error even where the schema
 *       allows additional properties, because that is how a renamed field looks.
 * </ul>
 *
 * It checks the pact's example values, not its matchers (the validator reads examples).
 */
public final class PactSpecVerifier {

  static final String UNDECLARED_FIELD = "genjobs.body.undeclaredField";
  static final String MULTIPART = "genjobs.request.body.multipart";
  static final String UNREADABLE = "genjobs.request.body.unreadable";
  static final String NOT_HTTP = "genjobs.interaction.notHttp";
  static final String NO_SPEC = "genjobs.pact.noSpec";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Function<String, ProviderSpec> specs;
  private final Map<String, CompiledSpec> compiled = new HashMap<>();

  private PactSpecVerifier(Function<String, ProviderSpec> specs) {
    this.specs = specs;
  }

  /** Checks pacts against each provider's newest spec in the genjobs-specs jar. */
  public static PactSpecVerifier againstNewestSpecs() {
    return new PactSpecVerifier(ProviderSpec::newest);
  }

  /** Checks pacts against the given specs (a provider without one fails). */
  static PactSpecVerifier against(ProviderSpec... given) {
    Map<String, ProviderSpec> byProvider = new HashMap<>();
    for (ProviderSpec s : given) byProvider.put(s.provider(), s);
    return new PactSpecVerifier(
        provider -> {
          ProviderSpec s = byProvider.get(provider);
          if (s == null) throw new IllegalArgumentException("no spec given for " + provider);
          return s;
        });
  }

  /** Every {@code *.json} pact in {@code directory}. */
  public List<Mismatch> verifyDirectory(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      List<Mismatch> all = new ArrayList<>();
      files
          .filter(f -> f.getFileName().toString().endsWith(".json"))
          .sorted()
          .forEach(f -> all.addAll(verify(f)));
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Mismatch> verify(Path pactFile) {
    Pact pact = DefaultPactReader.INSTANCE.loadPact(pactFile.toFile());
    return verify(pactFile.getFileName().toString(), pact);
  }

  /** Checks {@code pact}; {@code pactName} names it in the mismatches. */
  public List<Mismatch> verify(String pactName, Pact pact) {
    String provider = pact.getProvider().getName();
    CompiledSpec spec;
    try {
      spec = compiled.computeIfAbsent(provider, p -> new CompiledSpec(specs.apply(p)));
    } catch (RuntimeException e) {
      return List.of(
          new Mismatch(pactName, "(whole pact)", NO_SPEC, "no spec for " + provider + ": " + e));
    }
    List<Mismatch> out = new ArrayList<>();
    for (Interaction interaction : pact.getInteractions()) {
      SynchronousRequestResponse http = interaction.asSynchronousRequestResponse();
      if (http == null) {
        out.add(
            new Mismatch(
                pactName,
                interaction.getDescription(),
                NOT_HTTP,
                "only HTTP request/response interactions can be checked against OpenAPI"));
        continue;
      }
      for (ValidationReport.Message m : spec.validate(http.getRequest(), http.getResponse())) {
        out.add(new Mismatch(pactName, interaction.getDescription(), m.getKey(), oneLine(m)));
      }
    }
    return out;
  }

  private static String oneLine(ValidationReport.Message m) {
    StringBuilder text = new StringBuilder(m.getMessage());
    m.getContext()
        .ifPresent(
            c -> {
              String where =
                  c.getRequestMethod().map(Enum::name).orElse("")
                      + " "
                      + c.getRequestPath().orElse("")
                      + c.getResponseStatus().map(s -> " -> " + s).orElse("");
              if (!where.isBlank()) text.insert(0, where.trim() + ": ");
            });
    m.getAdditionalInfo().forEach(info -> text.append(" (").append(info).append(")"));
    return text.toString().replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }

  /** One spec, parsed once, with the request validator and our checks wired to it. */
  private static final class CompiledSpec {
    private final ObjectNode tree;
    private final DeclaredFields declared;
    private final MessageResolver messages;
    private final SchemaValidator schemaValidator;
    private final OpenApiInteractionValidator validator;

    CompiledSpec(ProviderSpec spec) {
      this.tree = spec.normalised();
      this.declared = new DeclaredFields(tree);
      LevelResolver levels =
          LevelResolver.create()
              .withLoader(null) // no levels from files or system properties: the build decides
              .withDefaultLevel(ValidationReport.Level.ERROR)
              // Enabled, Atlassian injects additionalProperties:false into every schema, free-form
              // maps such as a model's input included; DeclaredFields checks fields instead.
              .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
              .build();
      this.messages = new MessageResolver(levels);
      ParseOptions options = new ParseOptions();
      options.setResolve(true);
      options.setResolveFully(true);
      options.setResolveCombinators(false);
      OpenAPI api;
      try {
        api =
            new OpenApiLoader()
                .loadApi(
                    OpenApiInteractionValidator.SpecSource.inline(JSON.writeValueAsString(tree)),
                    List.of(),
                    options);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      this.schemaValidator = new SchemaValidator(api, messages);
      this.validator =
          OpenApiInteractionValidator.createFor(api)
              .withLevelResolver(levels)
              // Pact paths are relative to the base URL the client is given, not the spec's server.
              .withBasePathOverride("/")
              .withStrictOperationPathMatching()
              .withCustomRequestValidation(this::checkRequestBody)
              .withCustomResponseValidation(this::checkResponseBody)
              .build();
    }

    List<ValidationReport.Message> validate(IRequest request, IResponse response) {
      ValidationReport report =
          validator.validate(PactRequest.of(request), PactResponse.of(response));
      return report.getMessages().stream()
          .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
          .toList();
    }

    private ValidationReport checkRequestBody(Request request, ApiOperation operation) {
      Optional<Body> body = request.getRequestBody();
      if (body.isEmpty() || !body.get().hasBody()) return ValidationReport.empty();
      String contentType = request.getContentType().orElse("");
      JsonNode requestBody = operationNode(operation).path("requestBody");
      requestBody = declared.resolve(requestBody);
      String mediaKey = matchingMediaType(requestBody.path("content"), contentType);
      if (mediaKey == null) return ValidationReport.empty(); // the validator reports the type
      JsonNode schema = requestBody.path("content").path(mediaKey).path("schema");
      try {
        if (isMultipart(contentType)) {
          return checkMultipart(body.get(), contentType, schema, operation, mediaKey);
        }
        if (isJson(contentType)) {
          return undeclared("request body", body.get().toJsonNode(), schema);
        }
      } catch (IOException | IllegalArgumentException e) {
        return ValidationReport.singleton(
            messages.create(UNREADABLE, "request body cannot be read: " + e.getMessage()));
      }
      return ValidationReport.empty();
    }

    private ValidationReport checkMultipart(
        Body body, String contentType, JsonNode schema, ApiOperation operation, String mediaKey)
        throws IOException {
      MultipartForm form =
          MultipartForm.parse(
              body.toString(StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.ISO_8859_1),
              contentType);
      ObjectNode asJson = JSON.createObjectNode();
      for (MultipartForm.Part part : form.parts()) {
        JsonNode propertySchema =
            declared.resolve(declared.resolve(schema).path("properties")).path(part.name());
        String value = part.fileName() != null ? "<file " + part.fileName() + ">" : part.text();
        if (isArraySchema(propertySchema)) {
          JsonNode existing = asJson.get(part.name());
          ArrayNode array = existing instanceof ArrayNode a ? a : asJson.putArray(part.name());
          array.add(value);
        } else {
          asJson.put(part.name(), value);
        }
      }
      MediaType media = operation.getOperation().getRequestBody().getContent().get(mediaKey);
      ValidationReport schemaReport =
          schemaValidator.validate(() -> asJson, media.getSchema(), "request.body");
      List<ValidationReport.Message> out = new ArrayList<>();
      for (ValidationReport.Message m : schemaReport.getMessages()) {
        out.add(
            messages.create(
                MULTIPART + "." + m.getKey().replaceFirst("^validation\\.request\\.body\\.", ""),
                "multipart form " + asJson + ": " + m.getMessage()));
      }
      return ValidationReport.from(out).merge(undeclared("multipart form", asJson, schema));
    }

    private boolean isArraySchema(JsonNode propertySchema) {
      JsonNode s = declared.resolve(propertySchema);
      if ("array".equals(s.path("type").asText())) return true;
      for (String keyword : List.of("anyOf", "oneOf", "allOf")) {
        for (JsonNode branch : s.path(keyword)) {
          if (isArraySchema(branch)) return true;
        }
      }
      return false;
    }

    private ValidationReport checkResponseBody(Response response, ApiOperation operation) {
      Optional<Body> body = response.getResponseBody();
      String contentType = response.getContentType().orElse("");
      if (body.isEmpty() || !body.get().hasBody() || !isJson(contentType)) {
        return ValidationReport.empty();
      }
      JsonNode responses = operationNode(operation).path("responses");
      JsonNode declaredResponse = responses.path(String.valueOf(response.getStatus()));
      if (declaredResponse.isMissingNode()) declaredResponse = responses.path("default");
      if (declaredResponse.isMissingNode()) return ValidationReport.empty(); // status reported
      JsonNode content = declared.resolve(declaredResponse).path("content");
      String mediaKey = matchingMediaType(content, contentType);
      if (mediaKey == null) return ValidationReport.empty();
      try {
        return undeclared(
            "response body", body.get().toJsonNode(), content.path(mediaKey).path("schema"));
      } catch (IOException e) {
        return ValidationReport.empty(); // not JSON: the validator reports it
      }
    }

    private ValidationReport undeclared(String what, JsonNode value, JsonNode schema) {
      List<ValidationReport.Message> out = new ArrayList<>();
      for (String problem : declared.undeclared(value, schema)) {
        out.add(messages.create(UNDECLARED_FIELD, what + " field " + problem));
      }
      return ValidationReport.from(out);
    }

    /** The operation's node in the spec tree (the validator found it; we need our view of it). */
    private JsonNode operationNode(ApiOperation operation) {
      String template = operation.getApiPath().original();
      String method = operation.getMethod().name().toLowerCase(Locale.ROOT);
      JsonNode paths = tree.path("paths");
      JsonNode item = paths.path(template);
      if (item.isMissingNode()) {
        for (var it = paths.fields(); it.hasNext(); ) {
          var e = it.next();
          if (e.getKey().equals(operation.getApiPath().normalised())) item = e.getValue();
        }
      }
      return declared.resolve(item).path(method);
    }
  }

  private static String matchingMediaType(JsonNode content, String contentType) {
    String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (content.has(type)) return type;
    String family = type.contains("/") ? type.substring(0, type.indexOf('/')) + "/*" : type;
    if (content.has(family)) return family;
    if (content.has("*/*")) return "*/*";
    return null;
  }

  private static boolean isJson(String contentType) {
    String t = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    return t.equals("application/json") || t.endsWith("+json");
  }

  private static boolean isMultipart(String contentType) {
    return contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
  }
}
