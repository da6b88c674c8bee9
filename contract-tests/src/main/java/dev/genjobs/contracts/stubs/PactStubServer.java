package dev.genjobs.contracts.stubs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Serves Pact interactions as a stub HTTP server on loopback, so code that uses genjobs-java can be
 * tested without the providers: every interaction becomes one WireMock mapping that answers the
 * pact's response to a request the pact's request matches.
 *
 * <pre>{@code
 * try (PactStubServer stub = PactStubServer.builder().bundledPacts().start();
 *     GenJobsClient client = GenJobsClient.create(ClientOptions.builder()
 *         .baseUrlForAll(stub.baseUrl())
 *         .creativeApiKey("creative-test-key")
 *         .build())) {
 *   JobSnapshot job = client.creative().job("job_7f3c2a1e03").refresh(); // completed, one image
 * }
 * }</pre>
 *
 * <p>How a request is matched: method and path; each query parameter and header the pact names (its
 * regex when the pact has a matching rule for it, the example value otherwise; a Content-Type
 * without a rule only by media type); a JSON body leaf by leaf (literal leaves must be equal,
 * leaves under a type or regex rule only present or matching). Multipart and other non-JSON bodies
 * are not matched. When several interactions match one request, the most specific wins (the one
 * with more literal values, e.g. the 401 interaction's revoked key over any key), then a 2xx answer
 * over an error, then the earlier interaction. Interactions whose request is the same but whose
 * provider state differs (the same generate call answered 200 or 500) are told apart with {@link
 * Builder#state(String)}.
 *
 * <p>The pacts of genjobs-java ship in this jar ({@link Builder#bundledPacts()}); their keys, ids
 * and provider states are listed in each pact file.
 */
public final class PactStubServer implements AutoCloseable {

  /** Where the build puts the pacts in this jar, and their names. */
  public static final String BUNDLED_DIRECTORY = "pacts/";

  public static final List<String> BUNDLED_PACTS =
      List.of(
          "genjobs-java-creative-api.json",
          "genjobs-java-unstructured-platform.json",
          "genjobs-java-creatify-inspiration.json",
          "genjobs-java-creatify-asset-generator.json");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WireMockServer server;
  private final List<String> served;

  private PactStubServer(WireMockServer server, List<String> served) {
    this.server = server;
    this.served = served;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The server's base URL, e.g. {@code http://127.0.0.1:53211}; give it to the client. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  public int port() {
    return server.port();
  }

  /** The descriptions of the interactions served, most specific first. */
  public List<String> interactions() {
    return served;
  }

  @Override
  public void close() {
    server.stop();
  }

  /** Which pacts to serve, which provider states to select, which port. */
  public static final class Builder {
    private final List<JsonNode> pacts = new ArrayList<>();
    private final Set<String> states = new LinkedHashSet<>();
    private int port;

    private Builder() {}

    /** A pact file (Pact specification V3 or V4 JSON). */
    public Builder pact(Path file) {
      try (InputStream in = Files.newInputStream(file)) {
        pacts.add(JSON.readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read pact " + file, e);
      }
      return this;
    }

    /** Every {@code *.json} pact in {@code directory}. */
    public Builder pactDirectory(Path directory) {
      try (Stream<Path> files = Files.list(directory)) {
        files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(this::pact);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + directory, e);
      }
      return this;
    }

    /** The pacts of genjobs-java packaged in this jar. */
    public Builder bundledPacts() {
      ClassLoader loader = PactStubServer.class.getClassLoader();
      for (String name : BUNDLED_PACTS) {
        URL url = loader.getResource(BUNDLED_DIRECTORY + name);
        if (url == null) {
          throw new IllegalStateException(
              BUNDLED_DIRECTORY
                  + name
                  + " is not on the classpath: this jar was built without running its contract"
                  + " tests");
        }
        try (InputStream in = url.openStream()) {
          pacts.add(JSON.readTree(in));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + url, e);
        }
      }
      return this;
    }

    /**
     * Serves only interactions without a provider state or with this one (repeatable). Without any,
     * every interaction is served.
     */
    public Builder state(String providerState) {
      states.add(Objects.requireNonNull(providerState, "providerState"));
      return this;
    }

    /** A fixed port; by default a free one is picked. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Starts the server on 127.0.0.1. */
    public PactStubServer start() {
      if (pacts.isEmpty()) throw new IllegalStateException("no pacts given");
      List<StubbedInteraction> stubs = new ArrayList<>();
      for (JsonNode pact : pacts) {
        for (JsonNode interaction : pact.path("interactions")) {
          if (isHttp(interaction) && selected(interaction)) {
            stubs.add(StubbedInteraction.of(interaction, stubs.size()));
          }
        }
      }
      stubs.sort(StubbedInteraction.MOST_SPECIFIC_FIRST);
      WireMockServer server =
          new WireMockServer(
              wireMockConfig()
                  .bindAddress("127.0.0.1")
                  .port(port)
                  .notifier(new Slf4jNotifier(false)));
      server.start();
      List<String> served = new ArrayList<>();
      for (int i = 0; i < stubs.size(); i++) {
        server.stubFor(stubs.get(i).mapping.atPriority(i + 1));
        served.add(stubs.get(i).description);
      }
      return new PactStubServer(server, List.copyOf(served));
    }

    private static boolean isHttp(JsonNode interaction) {
      String type = interaction.path("type").asText("Synchronous/HTTP");
      return type.equals("Synchronous/HTTP") && interaction.has("request");
    }

    private boolean selected(JsonNode interaction) {
      if (states.isEmpty()) return true;
      List<String> own = new ArrayList<>();
      interaction.path("providerStates").forEach(s -> own.add(s.path("name").asText()));
      if (interaction.hasNonNull("providerState")) {
        own.add(interaction.get("providerState").asText()); // V2 pacts
      }
      return own.isEmpty() || own.stream().anyMatch(states::contains);
    }
  }

  /** One interaction as a WireMock mapping, with what decides its priority. */
  private record StubbedInteraction(
      String description, MappingBuilder mapping, int literals, boolean success, int order) {

    static final Comparator<StubbedInteraction> MOST_SPECIFIC_FIRST =
        Comparator.comparingInt((StubbedInteraction s) -> -s.literals)
            .thenComparing(s -> !s.success)
            .thenComparingInt(s -> s.order);

    static StubbedInteraction of(JsonNode interaction, int order) {
      JsonNode request = interaction.path("request");
      JsonNode rules = request.path("matchingRules");
      int literals = 0;

      String path = request.path("path").asText("/");
      String pathRegex = regex(rules.path("path"));
      MappingBuilder mapping =
          request(
              request.path("method").asText("GET").toUpperCase(Locale.ROOT),
              pathRegex != null ? urlPathMatching(pathRegex) : urlPathEqualTo(path));
      if (pathRegex == null) literals++;

      for (Iterator<Map.Entry<String, JsonNode>> it = request.path("query").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> q = it.next();
        String value =
            q.getValue().isArray() ? q.getValue().path(0).asText() : q.getValue().asText();
        String regex = regex(rules.path("query").path(q.getKey()));
        mapping.withQueryParam(q.getKey(), regex != null ? matching(regex) : equalTo(value));
        if (regex == null) literals++;
      }

      for (Iterator<Map.Entry<String, JsonNode>> it = request.path("headers").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> h = it.next();
        String value =
            h.getValue().isArray() ? h.getValue().path(0).asText() : h.getValue().asText();
        String regex = regexIgnoringCase(rules.path("header"), h.getKey());
        if (regex != null) {
          mapping.withHeader(h.getKey(), matching(regex));
        } else if (h.getKey().equalsIgnoreCase("Content-Type")) {
          mapping.withHeader(h.getKey(), containing(value.split(";")[0].trim()));
        } else {
          mapping.withHeader(h.getKey(), equalTo(value));
          literals++;
        }
      }

      JsonNode body = request.path("body");
      if (isJson(request, body)) {
        JsonBodyMatch match = JsonBodyMatch.of(content(body), rules.path("body"));
        match.patterns().forEach(mapping::withRequestBody);
        literals += match.literals();
      }

      JsonNode response = interaction.path("response");
      int status = response.path("status").asInt(200);
      String description = interaction.path("description").asText("interaction " + order);
      mapping.withName(description).willReturn(response(response));
      return new StubbedInteraction(description, mapping, literals, status / 100 == 2, order);
    }

    private static ResponseDefinitionBuilder response(JsonNode response) {
      ResponseDefinitionBuilder out = aResponse().withStatus(response.path("status").asInt(200));
      boolean hasContentType = false;
      for (Iterator<Map.Entry<String, JsonNode>> it = response.path("headers").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> h = it.next();
        List<String> values = new ArrayList<>();
        if (h.getValue().isArray()) h.getValue().forEach(v -> values.add(v.asText()));
        else values.add(h.getValue().asText());
        out.withHeader(h.getKey(), String.join(", ", values));
        hasContentType |= h.getKey().equalsIgnoreCase("Content-Type");
      }
      JsonNode body = response.path("body");
      if (!body.isMissingNode() && !body.isNull()) {
        if (!hasContentType && body.hasNonNull("contentType")) {
          out.withHeader("Content-Type", body.get("contentType").asText());
        }
        out.withBody(bytes(body));
      }
      return out;
    }

    /** A V4 body ({@code content}, {@code encoded}) or a V3 body (the value itself). */
    private static byte[] bytes(JsonNode body) {
      if (!body.has("content") || !(body.has("encoded") || body.has("contentType"))) {
        return text(body).getBytes(StandardCharsets.UTF_8); // V3: the body is the JSON value
      }
      JsonNode content = body.get("content");
      String encoded = body.path("encoded").asText("false");
      if (encoded.equalsIgnoreCase("base64")) {
        return Base64.getDecoder().decode(content.asText());
      }
      return text(content).getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode content(JsonNode body) {
      if (!body.has("content") || !(body.has("encoded") || body.has("contentType"))) return body;
      JsonNode content = body.get("content");
      if (content.isTextual() && body.path("encoded").asText("false").equalsIgnoreCase("JSON")) {
        try {
          return JSON.readTree(content.asText());
        } catch (IOException e) {
          return content;
        }
      }
      return content;
    }

    private static String text(JsonNode node) {
      return node.isTextual() ? node.asText() : node.toString();
    }

    private static boolean isJson(JsonNode request, JsonNode body) {
      if (body.isMissingNode() || body.isNull()) return false;
      String type = body.path("contentType").asText("");
      if (type.isEmpty()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = request.path("headers").fields();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> h = it.next();
          if (h.getKey().equalsIgnoreCase("Content-Type")) type = h.getValue().path(0).asText();
        }
      }
      String media = type.split(";")[0].trim().toLowerCase(Locale.ROOT);
      return media.equals("application/json") || media.endsWith("+json");
    }

    /** The regex of a V3/V4 matching rule ({@code {matchers: [{match: regex, regex}]}}). */
    private static String regex(JsonNode rule) {
      for (JsonNode m : rule.path("matchers")) {
        if ("regex".equals(m.path("match").asText())) return m.path("regex").asText();
      }
      return rule.has("regex") ? rule.get("regex").asText() : null;
    }

    private static String regexIgnoringCase(JsonNode rules, String name) {
      for (Iterator<Map.Entry<String, JsonNode>> it = rules.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equalsIgnoreCase(name)) return regex(e.getValue());
      }
      return null;
    }
  }

  /**
   * A JSON request body as WireMock body patterns, one per leaf: equal for literal leaves, present
   * (type rule) or matching (regex rule) where a pact matching rule covers the leaf or an ancestor.
   */
  private record JsonBodyMatch(
      List<com.github.tomakehurst.wiremock.matching.ContentPattern<?>> patterns, int literals) {

    static JsonBodyMatch of(JsonNode body, JsonNode rules) {
      List<com.github.tomakehurst.wiremock.matching.ContentPattern<?>> patterns = new ArrayList<>();
      int[] literals = {0};
      walk(body, new ArrayList<>(), rules, patterns, literals);
      return new JsonBodyMatch(patterns, literals[0]);
    }

    private static void walk(
        JsonNode node,
        List<String> path,
        JsonNode rules,
        List<com.github.tomakehurst.wiremock.matching.ContentPattern<?>> out,
        int[] literals) {
      if (node.isObject() && node.size() > 0) {
        node.fields()
            .forEachRemaining(
                e -> {
                  path.add(e.getKey());
                  walk(e.getValue(), path, rules, out, literals);
                  path.remove(path.size() - 1);
                });
        return;
      }
      if (node.isArray() && node.size() > 0) {
        for (int i = 0; i < node.size(); i++) {
          path.add("[" + i + "]");
          walk(node.get(i), path, rules, out, literals);
          path.remove(path.size() - 1);
        }
        return;
      }
      if (node.isNull() || path.isEmpty()) return;
      String jsonPath = jsonPath(path);
      JsonNode rule = ruleFor(path, rules);
      if (rule == null) {
        out.add(
            matchingJsonPath(
                jsonPath, equalTo(node.isTextual() ? node.asText() : node.toString())));
        literals[0]++;
      } else {
        String regex = rule.path("regex").isTextual() ? rule.get("regex").asText() : null;
        boolean onLeaf = regex != null;
        out.add(onLeaf ? matchingJsonPath(jsonPath, matching(regex)) : matchingJsonPath(jsonPath));
      }
    }

    /** {@code $['input']['prompt']}, {@code $['items'][0]}. */
    private static String jsonPath(List<String> path) {
      StringBuilder out = new StringBuilder("$");
      for (String p : path) {
        out.append(p.startsWith("[") ? p : "['" + p.replace("'", "\\'") + "']");
      }
      return out.toString();
    }

    /**
     * The first matcher of the most specific rule whose path is the leaf's path or an ancestor's
     * ({@code $.a.b}, {@code $['a']['b']}, {@code $.a[*].b}, {@code $.a.*}).
     */
    private static JsonNode ruleFor(List<String> leaf, JsonNode rules) {
      JsonNode best = null;
      int bestLength = -1;
      for (Iterator<Map.Entry<String, JsonNode>> it = rules.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        List<String> rulePath = parse(e.getKey());
        if (rulePath.size() <= leaf.size()
            && rulePath.size() > bestLength
            && prefixMatches(rulePath, leaf)) {
          JsonNode matcher = e.getValue().path("matchers").path(0);
          if (matcher.isMissingNode()) matcher = e.getValue();
          // A regex on an ancestor says nothing about this leaf: only a type rule cascades.
          if (rulePath.size() < leaf.size() && matcher.has("regex")) continue;
          best = matcher;
          bestLength = rulePath.size();
        }
      }
      return best;
    }

    private static boolean prefixMatches(List<String> rule, List<String> leaf) {
      for (int i = 0; i < rule.size(); i++) {
        if (!segmentMatches(rule.get(i), leaf.get(i))) return false;
      }
      return true;
    }

    private static boolean segmentMatches(String rule, String leaf) {
      if (rule.equals("*")) return !leaf.startsWith("["); // any key
      if (rule.equals("[*]")) return leaf.startsWith("["); // any index
      return rule.equals(leaf);
    }

    /** {@code $.a['b c'][0][*].d} into {@code [a, b c, [0], [*], d]}. */
    private static List<String> parse(String rulePath) {
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
          if (inside.startsWith("'") && inside.endsWith("'") && inside.length() >= 2) {
            out.add(inside.substring(1, inside.length() - 1));
          } else {
            out.add("[" + inside + "]");
          }
          i = end + 1;
        } else {
          i++;
        }
      }
      return out;
    }
  }
}
