package dev.genjobs.contracts.verification;

import au.com.dius.pact.core.model.DefaultPactReader;
import au.com.dius.pact.core.model.IRequest;
import au.com.dius.pact.core.model.IResponse;
import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.core.model.Pact;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.SynchronousRequestResponse;
import au.com.dius.pact.core.model.V4Interaction;
import au.com.dius.pact.core.model.matchingrules.MatchingRules;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Body;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.pact.PactRequest;
import com.atlassian.oai.validator.pact.PactResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genjobs.verifylive.spec.DeclaredFields;
import dev.genjobs.verifylive.spec.ProviderSpec;
import dev.genjobs.verifylive.spec.SpecValidation;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
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
 * query parameters included, trailing slashes significant. Checks are added where it is blind:
 *
 * <ul>
 *   <li>multipart request bodies, which it does not validate: the parts become a JSON object that
 *       its schema validator checks against the operation's multipart schema;
 *   <li>fields the spec does not declare ({@link DeclaredFields}): an error even where the schema
 *       allows additional properties, because that is how a renamed field looks; in what the client
 *       reads, also fields inside an object that declares nothing;
 *   <li>the pact's matchers against the spec's types and formats ({@link MatcherTypes}): the
 *       validator reads only the example values;
 *   <li>response headers the pact states (other than {@code Content-Type}, which the content
 *       declares): each must be declared on that response, because a consumer that reads a header
 *       (e.g. {@code Retry-After} after a 429) relies on it; the validator checks the values of
 *       declared headers only;
 *   <li>webhook deliveries (V4 asynchronous messages) against the payload schema of the spec's
 *       webhook (3.1 {@code webhooks}, 3.0 {@code callbacks}), which it does not read at all.
 * </ul>
 */
public final class PactSpecVerifier {

  static final String UNDECLARED_FIELD = "genjobs.body.undeclaredField";
  static final String MATCHER_TYPE = "genjobs.body.matcherType";
  static final String UNDECLARED_HEADER = "genjobs.response.header.undeclared";
  static final String WEBHOOK = "genjobs.webhook";
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

  /**
   * Compiled specs by their text: compiling takes seconds, and the same spec is checked by several
   * verifiers (the verifier's own tests check an unchanged fixture before each mutation).
   */
  private static final Map<String, CompiledSpec> COMPILED_BY_TEXT = new ConcurrentHashMap<>();

  private static CompiledSpec compile(ProviderSpec spec) {
    return COMPILED_BY_TEXT.computeIfAbsent(
        spec.provider() + "\n" + spec.published(), text -> new CompiledSpec(spec));
  }

  private static final PactSpecVerifier NEWEST = new PactSpecVerifier(ProviderSpec::newest);

  /**
   * Checks pacts against each provider's newest spec in the genjobs-specs jar. One instance per
   * JVM: a spec is compiled once (seconds per spec) and reused by every check that needs it.
   */
  public static PactSpecVerifier againstNewestSpecs() {
    return NEWEST;
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

  /**
   * Compiles the specs of {@code providers} now (seconds each), e.g. on a background thread while
   * the pacts to check are still being produced.
   */
  public synchronized void prepare(List<String> providers) {
    for (String provider : providers) {
      compiled.computeIfAbsent(provider, p -> compile(specs.apply(p)));
    }
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
  public synchronized List<Mismatch> verify(String pactName, Pact pact) {
    String provider = pact.getProvider().getName();
    CompiledSpec spec;
    try {
      spec = compiled.computeIfAbsent(provider, p -> compile(specs.apply(p)));
    } catch (RuntimeException e) {
      return List.of(
          new Mismatch(pactName, "(whole pact)", NO_SPEC, "no spec for " + provider + ": " + e));
    }
    List<Mismatch> out = new ArrayList<>();
    for (Interaction interaction : pact.getInteractions()) {
      if (interaction instanceof V4Interaction.AsynchronousMessage message) {
        for (ValidationReport.Message m : spec.validateWebhook(message)) {
          out.add(new Mismatch(pactName, interaction.getDescription(), m.getKey(), oneLine(m)));
        }
        continue;
      }
      SynchronousRequestResponse http = interaction.asSynchronousRequestResponse();
      if (http == null) {
        out.add(
            new Mismatch(
                pactName,
                interaction.getDescription(),
                NOT_HTTP,
                "only HTTP request/response interactions and asynchronous messages (webhook"
                    + " deliveries) can be checked against OpenAPI"));
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
    private final SpecValidation shared;
    private final ObjectNode tree;
    private final DeclaredFields declared;
    private final MessageResolver messages;
    private final SchemaValidator schemaValidator;
    private final OpenApiInteractionValidator validator;
    private final OpenAPI api;
    private final MatcherTypes matchers;

    /** The operation the validator matched in the current {@link #validate} call, if any. */
    private ApiOperation matched;

    CompiledSpec(ProviderSpec spec) {
      // The parsing and the validator's configuration are shared with the live check.
      SpecValidation shared = new SpecValidation(spec);
      this.shared = shared;
      this.tree = shared.tree();
      this.declared = shared.declared();
      this.matchers = new MatcherTypes(declared);
      this.messages = shared.messages();
      this.api = shared.api();
      this.schemaValidator = shared.schemaValidator();
      this.validator =
          shared
              .validator()
              .withCustomRequestValidation(this::checkRequestBody)
              .withCustomResponseValidation(this::checkResponseBody)
              .build();
    }

    synchronized List<ValidationReport.Message> validate(IRequest request, IResponse response) {
      matched = null;
      ValidationReport report =
          validator.validate(PactRequest.of(request), PactResponse.of(response));
      List<ValidationReport.Message> out = new ArrayList<>(SpecValidation.errors(report));
      if (matched != null) {
        JsonNode operation = shared.operationNode(matched);
        JsonNode requestSchema =
            jsonSchema(declared.resolve(operation.path("requestBody")), contentType(request));
        matcherMismatches(
            "request body",
            request.getMatchingRules(),
            requestSchema,
            MatcherTypes.Direction.SENT,
            out);
        undeclaredHeaders(shared.declaredResponse(operation, response.getStatus()), response, out);
        JsonNode responseSchema =
            jsonSchema(
                shared.declaredResponse(operation, response.getStatus()), contentType(response));
        matcherMismatches(
            "response body",
            response.getMatchingRules(),
            responseSchema,
            MatcherTypes.Direction.READ,
            out);
      }
      return out;
    }

    /**
     * A webhook delivery (a V4 asynchronous message) against the payload schema of the webhook the
     * spec declares: schema-valid, every field the consumer reads declared, matchers of the spec's
     * types. The message's {@code webhook} metadata names the webhook when the spec has several.
     */
    synchronized List<ValidationReport.Message> validateWebhook(
        V4Interaction.AsynchronousMessage message) {
      // What normalised() copied to components: the 3.1 lowering has dropped `webhooks` itself.
      Map<String, JsonNode> webhooks = new TreeMap<>();
      tree.path("components")
          .path("schemas")
          .fields()
          .forEachRemaining(
              e -> {
                if (e.getKey().startsWith(ProviderSpec.WEBHOOK_SCHEMA_PREFIX)) {
                  webhooks.put(
                      e.getKey().substring(ProviderSpec.WEBHOOK_SCHEMA_PREFIX.length()),
                      e.getValue());
                }
              });
      Object named = message.getMetadata().get("webhook");
      String name =
          named != null
              ? named.toString()
              : webhooks.size() == 1 ? webhooks.keySet().iterator().next() : null;
      if (name == null || !webhooks.containsKey(name)) {
        return List.of(
            messages.create(
                WEBHOOK + ".unknown",
                (webhooks.isEmpty()
                        ? "the spec declares no webhook (3.1 webhooks, 3.0 callbacks)"
                        : "the spec declares webhooks " + webhooks.keySet())
                    + (named == null ? "" : "; the message names " + named)));
      }
      io.swagger.v3.oas.models.media.Schema<?> schema =
          api.getComponents().getSchemas().get(ProviderSpec.WEBHOOK_SCHEMA_PREFIX + name);
      JsonNode schemaNode =
          tree.path("components").path("schemas").path(ProviderSpec.WEBHOOK_SCHEMA_PREFIX + name);
      JsonNode payload;
      try {
        payload = JSON.readTree(message.contentsAsBytes());
      } catch (IOException e) {
        return List.of(
            messages.create(WEBHOOK + ".unreadable", "payload is not JSON: " + e.getMessage()));
      }
      List<ValidationReport.Message> out = new ArrayList<>();
      for (ValidationReport.Message m :
          schemaValidator.validate(() -> payload, schema, "webhook.body").getMessages()) {
        out.add(
            messages.create(
                WEBHOOK + "." + m.getKey().replaceFirst("^validation\\.webhook\\.body\\.", ""),
                "webhook " + name + ": " + m.getMessage()));
      }
      for (String problem : declared.undeclaredRead(payload, schemaNode)) {
        out.add(messages.create(UNDECLARED_FIELD, "webhook " + name + " payload field " + problem));
      }
      matcherMismatches(
          "webhook " + name + " payload",
          message.getContents().getMatchingRules(),
          schemaNode,
          MatcherTypes.Direction.READ,
          out);
      return SpecValidation.errors(ValidationReport.from(out));
    }

    private void undeclaredHeaders(
        JsonNode declaredResponse, IResponse response, List<ValidationReport.Message> out) {
      if (declaredResponse.isMissingNode()) return; // the status is reported
      Set<String> declaredNames = new TreeSet<>();
      declared
          .resolve(declaredResponse.path("headers"))
          .fieldNames()
          .forEachRemaining(n -> declaredNames.add(n.toLowerCase(Locale.ROOT)));
      for (String name : response.getHeaders().keySet()) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("content-type") || declaredNames.contains(lower)) continue;
        out.add(
            messages.create(
                UNDECLARED_HEADER,
                "response "
                    + response.getStatus()
                    + " header "
                    + name
                    + " is not declared"
                    + (declaredNames.isEmpty()
                        ? " (the spec declares no header on this response)"
                        : " (declared: " + declaredNames + ")")));
      }
    }

    private void matcherMismatches(
        String what,
        MatchingRules rules,
        JsonNode schema,
        MatcherTypes.Direction direction,
        List<ValidationReport.Message> out) {
      if (schema == null || schema.isMissingNode()) return;
      Map<String, List<JsonNode>> byPath = new LinkedHashMap<>();
      rules
          .rulesForCategory("body")
          .getMatchingRules()
          .forEach(
              (path, group) ->
                  byPath.put(
                      path,
                      group.getRules().stream()
                          .map(r -> (JsonNode) JSON.valueToTree(r.toMap(PactSpecVersion.V4)))
                          .toList()));
      for (String problem : matchers.check(byPath, schema, direction)) {
        out.add(messages.create(MATCHER_TYPE, what + " " + problem));
      }
    }

    /** The JSON schema of a request body or response for the content type, if it is JSON. */
    private JsonNode jsonSchema(JsonNode bodyOrResponse, String contentType) {
      if (!SpecValidation.isJson(contentType)) return null;
      JsonNode content = bodyOrResponse.path("content");
      String mediaKey = SpecValidation.matchingMediaType(content, contentType);
      return mediaKey == null ? null : content.path(mediaKey).path("schema");
    }

    private static String contentType(IRequest request) {
      String type = request.determineContentType().toString();
      return type == null ? "" : type;
    }

    private static String contentType(IResponse response) {
      String type = response.determineContentType().toString();
      return type == null ? "" : type;
    }

    private ValidationReport checkRequestBody(Request request, ApiOperation operation) {
      matched = operation;
      Optional<Body> body = request.getRequestBody();
      if (body.isEmpty() || !body.get().hasBody()) return ValidationReport.empty();
      String contentType = request.getContentType().orElse("");
      JsonNode requestBody = shared.operationNode(operation).path("requestBody");
      requestBody = declared.resolve(requestBody);
      String mediaKey = SpecValidation.matchingMediaType(requestBody.path("content"), contentType);
      if (mediaKey == null) return ValidationReport.empty(); // the validator reports the type
      JsonNode schema = requestBody.path("content").path(mediaKey).path("schema");
      try {
        if (isMultipart(contentType)) {
          return checkMultipart(body.get(), contentType, schema, operation, mediaKey);
        }
        if (SpecValidation.isJson(contentType)) {
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
      if (body.isEmpty() || !body.get().hasBody() || !SpecValidation.isJson(contentType)) {
        return ValidationReport.empty();
      }
      JsonNode declaredResponse =
          shared.declaredResponse(shared.operationNode(operation), response.getStatus());
      if (declaredResponse.isMissingNode()) return ValidationReport.empty(); // status reported
      JsonNode content = declaredResponse.path("content");
      String mediaKey = SpecValidation.matchingMediaType(content, contentType);
      if (mediaKey == null) return ValidationReport.empty();
      try {
        List<ValidationReport.Message> out = new ArrayList<>();
        JsonNode schema = content.path(mediaKey).path("schema");
        for (String problem : declared.undeclaredRead(body.get().toJsonNode(), schema)) {
          out.add(messages.create(UNDECLARED_FIELD, "response body field " + problem));
        }
        return ValidationReport.from(out);
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
  }

  private static boolean isMultipart(String contentType) {
    return contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
  }
}
