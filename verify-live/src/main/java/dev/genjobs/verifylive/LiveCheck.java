package dev.genjobs.verifylive;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.store.JobFilter;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.spectools.SpecCatalog;
import dev.genjobs.verifylive.Probe.Call;
import dev.genjobs.verifylive.spec.DeclaredFields.Undeclared;
import dev.genjobs.verifylive.spec.ProviderSpec;
import dev.genjobs.verifylive.spec.SpecValidation;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Asks a provider's real API the read-only questions of its {@link ProviderProbes} (never a create,
 * cancel or upload) and checks every answer (status, content type, body) against the effective spec
 * the client is generated from, with the validator the consumer contracts are verified by ({@link
 * SpecValidation}). A canary for what providers change without publishing it: a new status value, a
 * renamed field, a field that became optional.
 *
 * <pre>{@code
 * try (GenJobsClient client = GenJobsClient.fromEnv()) {
 *   LiveReport report = LiveCheck.of(client).verify(Provider.UNSTRUCTURED);
 *   report.findings().forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>Requests go to each provider's base URL of the client's options with the keys from them; no
 * key, and no query string of a URL found in an answer (signed URLs), ever appears in a report.
 * Thread-safe; one check at a time per provider.
 */
public final class LiveCheck {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The classpath's specs do not change while the JVM runs; compiling one takes seconds. */
  private static final Map<Provider, SpecValidation> SPECS = new ConcurrentHashMap<>();

  private final ClientOptions options;
  private final Function<Provider, Optional<String>> newestJob;
  private final HttpClient http;
  private final Map<Provider, Checker> checkers = new ConcurrentHashMap<>();

  private LiveCheck(ClientOptions options, Function<Provider, Optional<String>> newestJob) {
    this.options = options;
    this.newestJob = newestJob;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(options.connectTimeout())
            // A redirect is an answer the spec may not declare: report it, do not follow it.
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * A check with {@code client}'s base URLs and keys; the job asked about is the newest one in its
   * ledger.
   */
  public static LiveCheck of(GenJobsClient client) {
    return new LiveCheck(client.options(), provider -> newestInLedger(client, provider));
  }

  /** A check with {@code options}' base URLs and keys, without a ledger to take a job id from. */
  public static LiveCheck of(ClientOptions options) {
    return new LiveCheck(options, provider -> Optional.empty());
  }

  /** Checks {@code provider} asking about the newest job in the ledger, if there is one. */
  public LiveReport verify(Provider provider) {
    return verify(provider, null);
  }

  /**
   * Checks {@code provider}, asking about job {@code jobId} (or, when null, the newest one in the
   * ledger; without either, the probes about a job are skipped and the report notes it).
   *
   * @throws dev.genjobs.client.errors.MissingCredentialsException when the provider's key is absent
   */
  public LiveReport verify(Provider provider, String jobId) {
    ProviderProbes probes = ProviderProbes.of(provider);
    Map<String, String> auth = probes.authHeaders(options);
    Optional<String> job =
        jobId != null && !jobId.isBlank() ? Optional.of(jobId.strip()) : newestJob.apply(provider);
    return checkers.computeIfAbsent(provider, Checker::new).run(probes, auth, job);
  }

  private static Optional<String> newestInLedger(GenJobsClient client, Provider provider) {
    try {
      return client.jobs().list(JobFilter.builder().provider(provider).build()).stream()
          .filter(r -> r.providerJobId().isPresent())
          .max(Comparator.comparing(JobRecord::createdAt))
          .flatMap(JobRecord::providerJobId);
    } catch (RuntimeException ledgerUnavailable) {
      return Optional.empty();
    }
  }

  static SpecValidation spec(Provider provider) {
    return SPECS.computeIfAbsent(
        provider, p -> new SpecValidation(ProviderSpec.newest(p.specFolder())));
  }

  /** One provider's spec with the validator wired to collect undeclared fields. */
  private final class Checker {
    private final Provider provider;
    private final SpecValidation spec;
    private final String specVersion;
    private final OpenApiInteractionValidator validator;

    /** Set by the custom response validation during {@link #check}. */
    private List<Undeclared> undeclared = List.of();

    private ApiOperation matched;

    Checker(Provider provider) {
      this.provider = provider;
      this.spec = spec(provider);
      this.specVersion =
          SpecCatalog.fromClasspath().newestVersion(provider.specFolder()).orElse("?");
      this.validator =
          spec.validator()
              // Called once the request matched an operation, even when the status is undeclared.
              .withCustomRequestValidation(
                  (request, operation) -> {
                    matched = operation;
                    return ValidationReport.empty();
                  })
              .withCustomResponseValidation(this::fields)
              .build();
    }

    synchronized LiveReport run(
        ProviderProbes probes, Map<String, String> auth, Optional<String> jobId) {
      Map<String, JsonNode> answers = new HashMap<>();
      Probe.Context context =
          new Probe.Context() {
            @Override
            public Optional<String> jobId() {
              return jobId;
            }

            @Override
            public Optional<JsonNode> answer(String probeName) {
              return Optional.ofNullable(answers.get(probeName));
            }
          };
      Redaction redaction = new Redaction(auth.values());
      List<Finding> findings = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      int checked = 0;
      for (Probe probe : probes.probes()) {
        Optional<Call> call = probe.call().apply(context);
        if (call.isEmpty()) {
          notes.add(
              probe.name()
                  + " not asked: no job id (give one, or create a job with this client's ledger)");
          continue;
        }
        HttpResponse<byte[]> answer;
        try {
          answer = send(call.get(), auth);
        } catch (IOException e) {
          problems.add(probe.name() + " could not be asked: " + redaction.text(String.valueOf(e)));
          continue;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          problems.add(probe.name() + " interrupted");
          break;
        }
        checked++;
        if (answer.statusCode() == 401 || answer.statusCode() == 403) {
          problems.add(
              probe.name()
                  + " answered "
                  + answer.statusCode()
                  + ": the key was refused, so the answers say nothing about drift");
        }
        try {
          findings.addAll(check(probe, call.get(), auth, answer, redaction));
        } catch (RuntimeException e) {
          // Whatever a provider answers, the check reports it; it never ends the run.
          problems.add(
              probe.name() + " answer could not be checked: " + redaction.text(e.toString()));
        }
        if (answer.statusCode() / 100 == 2) {
          try {
            answers.put(probe.name(), JSON.readTree(answer.body()));
          } catch (IOException notJson) {
            // reported by the check; later probes cannot build on it
          }
        }
      }
      return new LiveReport(provider, specVersion, checked, findings, notes, problems);
    }

    private HttpResponse<byte[]> send(Call call, Map<String, String> auth)
        throws IOException, InterruptedException {
      String base = options.baseUrl(provider).toString();
      if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
      String query =
          call.query().entrySet().stream()
              .map(
                  e ->
                      URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                          + "="
                          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      HttpRequest.Builder request =
          HttpRequest.newBuilder(
                  URI.create(base + call.path() + (query.isEmpty() ? "" : "?" + query)))
              .timeout(options.readTimeout())
              .header("Accept", "application/json")
              .GET();
      auth.forEach(request::header);
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private List<Finding> check(
        Probe probe,
        Call call,
        Map<String, String> auth,
        HttpResponse<byte[]> answer,
        Redaction redaction) {
      SimpleRequest.Builder request = SimpleRequest.Builder.get(call.path());
      call.query().forEach(request::withQueryParam);
      auth.forEach(request::withHeader);
      SimpleResponse.Builder response = SimpleResponse.Builder.status(answer.statusCode());
      answer.headers().map().forEach(response::withHeader);
      if (answer.body().length > 0) response.withBody(answer.body());
      matched = null;
      undeclared = List.of();
      ValidationReport report = validator.validate(request.build(), response.build());
      JsonNode body = readJson(answer.body());
      String contentType = answer.headers().firstValue("Content-Type").orElse("");
      Findings out =
          new Findings(
              spec,
              matched,
              probe.name(),
              call.path(),
              answer.statusCode(),
              contentType,
              body,
              redaction);
      for (ValidationReport.Message m : SpecValidation.errors(report)) out.add(m);
      for (Undeclared u : undeclared) out.undeclared(u);
      return out.list();
    }

    /**
     * The custom response validation: fields the spec does not declare, kept for {@link #check}.
     */
    private ValidationReport fields(Response response, ApiOperation operation) {
      matched = operation;
      String contentType = response.getContentType().orElse("");
      if (!SpecValidation.isJson(contentType) || response.getResponseBody().isEmpty()) {
        return ValidationReport.empty();
      }
      JsonNode declaredResponse =
          spec.declaredResponse(spec.operationNode(operation), response.getStatus());
      if (declaredResponse.isMissingNode()) return ValidationReport.empty();
      JsonNode content = declaredResponse.path("content");
      String mediaKey = SpecValidation.matchingMediaType(content, contentType);
      if (mediaKey == null) return ValidationReport.empty();
      try {
        undeclared =
            spec.declared()
                .undeclaredAnswerFields(
                    response.getResponseBody().get().toJsonNode(),
                    content.path(mediaKey).path("schema"));
      } catch (IOException | RuntimeException notJson) {
        // the validator reports a body that is not JSON
      }
      return ValidationReport.empty();
    }
  }

  private static JsonNode readJson(byte[] body) {
    try {
      return body.length == 0 ? null : JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  /** Keeps keys and signed URLs out of what a report shows. */
  static final class Redaction {
    private final List<String> secrets;

    Redaction(Collection<String> secrets) {
      this.secrets =
          secrets.stream().filter(Objects::nonNull).filter(s -> s.length() >= 4).toList();
    }

    /** A text with every key blanked and every URL's query cut off. */
    String text(String text) {
      if (text == null) return "";
      String out = text;
      for (String secret : secrets) out = out.replace(secret, "***");
      return out.replaceAll("(https?://[^\\s\"'?]+)\\?[^\\s\"']*", "$1?…");
    }

    /** A value as a short line: strings quoted and cut, URLs without their query. */
    String value(JsonNode value) {
      if (value == null || value.isMissingNode()) return "(absent)";
      if (value.isObject()) return "an object";
      if (value.isArray()) return "an array of " + value.size();
      String shown = value.isTextual() ? "\"" + value.asText() + "\"" : value.toString();
      shown = text(shown);
      return shown.length() > 80 ? shown.substring(0, 77) + "…" : shown;
    }
  }
}
