package dev.genjobs.contracts.stubs;

import au.com.dius.pact.core.matchers.FullRequestMatch;
import au.com.dius.pact.core.matchers.PartialRequestMatch;
import au.com.dius.pact.core.matchers.RequestMatch;
import au.com.dius.pact.core.matchers.RequestMatching;
import au.com.dius.pact.core.model.ContentType;
import au.com.dius.pact.core.model.DefaultPactReader;
import au.com.dius.pact.core.model.IRequest;
import au.com.dius.pact.core.model.IResponse;
import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.core.model.OptionalBody;
import au.com.dius.pact.core.model.Pact;
import au.com.dius.pact.core.model.ProviderState;
import au.com.dius.pact.core.model.Request;
import au.com.dius.pact.core.model.SynchronousRequestResponse;
import au.com.dius.pact.core.model.UnknownPactSource;
import au.com.dius.pact.core.support.json.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Serves Pact interactions as a stub HTTP server on loopback, so code that uses genjobs-java can be
 * tested without the providers: a request gets the response of the interaction whose request
 * matches it, matched by Pact itself ({@code au.com.dius.pact.core.matchers.RequestMatching}, the
 * matching Pact's mock server applies in the consumer tests), so a test against the stub sees
 * exactly what the contract says: method, path, query, headers and body under the pact's matchers,
 * multipart bodies part by part.
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
 * <p>When several interactions match one request, the most specific wins (the one whose request
 * states more literal values, i.e. values without a matcher: the 401 interaction's revoked key over
 * any key), then a 2xx answer over an error, then the earlier interaction. Interactions whose
 * request is the same but whose provider state differs (the same generate call answered 200 or 500)
 * are told apart with {@link Builder#state(String)}. A request no interaction matches is answered
 * 404 with Pact's mismatches for the closest interactions in the body. Message interactions
 * (webhook deliveries) are not served.
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

  private final HttpServer server;
  private final ExecutorService pool;
  private final List<Stub> stubs;

  private PactStubServer(HttpServer server, ExecutorService pool, List<Stub> stubs) {
    this.server = server;
    this.pool = pool;
    this.stubs = stubs;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The server's base URL, e.g. {@code http://127.0.0.1:53211}; give it to the client. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The descriptions of the interactions served, most specific first. */
  public List<String> interactions() {
    return stubs.stream().map(s -> s.interaction().getDescription()).toList();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      IRequest actual = toPactRequest(exchange);
      List<String> mismatches = new ArrayList<>();
      for (Stub stub : stubs) {
        RequestMatch match = RequestMatching.Companion.compareRequest(stub.interaction(), actual);
        if (match instanceof FullRequestMatch) {
          respond(exchange, stub.interaction().getResponse());
          return;
        }
        if (match instanceof PartialRequestMatch && mismatches.size() < 3) {
          mismatches.add(
              "\""
                  + stub.interaction().getDescription()
                  + "\": "
                  + RequestMatching.Companion.requestMismatches(
                          stub.interaction().getRequest(), actual)
                      .getMismatches());
        }
      }
      byte[] body =
          ("no interaction matches "
                  + actual.getMethod()
                  + " "
                  + actual.getPath()
                  + (mismatches.isEmpty() ? "" : "; closest: " + String.join("; ", mismatches)))
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=UTF-8");
      exchange.sendResponseHeaders(404, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  private static IRequest toPactRequest(HttpExchange exchange) throws IOException {
    Map<String, List<String>> query = new LinkedHashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      }
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readAllBytes();
    }
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    OptionalBody body =
        bytes.length == 0
            ? OptionalBody.missing()
            : contentType == null
                ? OptionalBody.body(bytes)
                : OptionalBody.body(bytes, new ContentType(contentType));
    return new Request(
        exchange.getRequestMethod().toUpperCase(Locale.ROOT),
        exchange.getRequestURI().getRawPath(),
        query,
        headers,
        body);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static void respond(HttpExchange exchange, IResponse response) throws IOException {
    boolean hasContentType = false;
    for (Map.Entry<String, List<String>> h : response.getHeaders().entrySet()) {
      exchange.getResponseHeaders().add(h.getKey(), String.join(", ", h.getValue()));
      hasContentType |= h.getKey().equalsIgnoreCase("Content-Type");
    }
    OptionalBody body = response.getBody();
    byte[] bytes = body.isPresent() ? body.orEmpty() : new byte[0];
    if (!hasContentType && body.isPresent() && body.getContentType() != null) {
      exchange.getResponseHeaders().add("Content-Type", body.getContentType().toString());
    }
    exchange.sendResponseHeaders(response.getStatus(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Which pacts to serve, which provider states to select, which port. */
  public static final class Builder {
    private final List<Pact> pacts = new ArrayList<>();
    private final Set<String> states = new LinkedHashSet<>();
    private int port;

    private Builder() {}

    /** A pact file (Pact specification V2 to V4 JSON). */
    public Builder pact(Path file) {
      try {
        pacts.add(read(Files.readString(file, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read pact " + file, e);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("cannot read pact " + file + ": " + e.getMessage(), e);
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
          pacts.add(read(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
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
      List<Stub> stubs = new ArrayList<>();
      for (Pact pact : pacts) {
        for (Interaction interaction : pact.getInteractions()) {
          SynchronousRequestResponse http = interaction.asSynchronousRequestResponse();
          if (http != null && selected(interaction)) stubs.add(Stub.of(http, stubs.size()));
        }
      }
      stubs.sort(Stub.MOST_SPECIFIC_FIRST);
      HttpServer server;
      try {
        server =
            HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
      }
      ExecutorService pool =
          Executors.newFixedThreadPool(
              4,
              r -> {
                Thread t = new Thread(r, "pact-stub-server");
                t.setDaemon(true);
                return t;
              });
      PactStubServer stub = new PactStubServer(server, pool, List.copyOf(stubs));
      server.createContext("/", stub::handle);
      server.setExecutor(pool);
      server.start();
      return stub;
    }

    private static Pact read(String json) {
      return DefaultPactReader.INSTANCE.pactFromJson(
          JsonParser.parseString(json).asObject(), UnknownPactSource.INSTANCE);
    }

    private boolean selected(Interaction interaction) {
      if (states.isEmpty()) return true;
      List<String> own =
          interaction.getProviderStates().stream().map(ProviderState::getName).toList();
      return own.isEmpty() || own.stream().anyMatch(states::contains);
    }
  }

  /** One served interaction, with what decides its priority. */
  private record Stub(
      SynchronousRequestResponse interaction, int literals, boolean success, int order) {

    static final Comparator<Stub> MOST_SPECIFIC_FIRST =
        Comparator.comparingInt((Stub s) -> -s.literals)
            .thenComparing(s -> !s.success)
            .thenComparingInt(s -> s.order);

    static Stub of(SynchronousRequestResponse interaction, int order) {
      IRequest request = interaction.getRequest();
      int stated = 1 + request.getQuery().size() + request.getHeaders().size();
      if (request.getBody().isPresent()) stated += leaves(request.getBody());
      int matched = 0;
      for (String category : List.of("path", "query", "header", "body")) {
        matched += request.getMatchingRules().rulesForCategory(category).getMatchingRules().size();
      }
      int status = interaction.getResponse().getStatus();
      return new Stub(interaction, stated - matched, status / 100 == 2, order);
    }

    /** The number of leaf values of a JSON body (1 for any other body). */
    private static int leaves(OptionalBody body) {
      try {
        return count(JsonParser.parseString(body.valueAsString()));
      } catch (RuntimeException notJson) {
        return 1;
      }
    }

    private static int count(au.com.dius.pact.core.support.json.JsonValue value) {
      if (value instanceof au.com.dius.pact.core.support.json.JsonValue.Object o) {
        return o.getEntries().values().stream().mapToInt(Stub::count).sum();
      }
      if (value instanceof au.com.dius.pact.core.support.json.JsonValue.Array a) {
        return a.getValues().stream().mapToInt(Stub::count).sum();
      }
      return 1;
    }
  }
}
