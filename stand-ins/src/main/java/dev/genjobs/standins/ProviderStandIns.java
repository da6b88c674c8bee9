package dev.genjobs.standins;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every registered provider's {@link StandIn} on one WireMock server on 127.0.0.1: create a job and
 * it moves through the provider's real status values, one per {@link
 * StandInOptions#stepDuration()}, then succeeds with outputs or fails with a reason. Bodies follow
 * the shapes in {@code specs/}; requests without the provider's auth header get 401. Finished jobs
 * are POSTed to their webhook URL, if any.
 *
 * <p>The providers are found with {@link ServiceLoader} ({@code
 * META-INF/services/dev.genjobs.standins.StandIn}); this class knows none of them by name.
 *
 * <pre>{@code
 * try (ProviderStandIns standIns = ProviderStandIns.start(StandInOptions.defaults())) {
 *   ClientOptions.builder().baseUrlForAll(standIns.baseUrl())...
 * }
 * }</pre>
 */
public final class ProviderStandIns implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WireMockServer server;
  private final StandInOptions options;
  private final Clock clock;
  // By provider id, in the order they were registered.
  private final Map<String, StandIn> standIns;
  private final Map<String, StandInJobs> jobsByProvider = new LinkedHashMap<>();
  private final Map<String, StandInJob> jobs = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final ScheduledExecutorService webhookSender;

  /** Deliveries in flight at once; providers send webhooks concurrently. */
  private static final int WEBHOOK_SENDERS = 4;

  /** Like providers, a delivery that fails or is not answered 2xx is tried again, with backoff. */
  private static final int WEBHOOK_ATTEMPTS = 3;

  private final HttpClient http = HttpClient.newHttpClient();

  private ProviderStandIns(List<StandIn> registered, StandInOptions options, Clock clock) {
    this.options = options;
    this.clock = clock;
    if (registered.isEmpty()) {
      throw new IllegalStateException(
          "no stand-in registered in META-INF/services/" + StandIn.class.getName());
    }
    this.standIns = byProviderId(registered);
    for (String id : options.failingIds()) {
      if (!standIns.containsKey(id)) {
        throw new IllegalArgumentException(
            "failing(\""
                + id
                + "\"): no stand-in has that provider id; there are "
                + standIns.keySet());
      }
    }
    standIns.forEach(
        (id, standIn) ->
            jobsByProvider.put(
                id, new StandInJobs(standIn, jobs, options, clock, this::scheduleDelivery)));
    this.webhookSender =
        Executors.newScheduledThreadPool(
            WEBHOOK_SENDERS,
            r -> {
              Thread t = new Thread(r, "stand-in-webhooks");
              t.setDaemon(true);
              return t;
            });
    this.server =
        new WireMockServer(
            wireMockConfig()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(16)
                .disableRequestJournal()
                .extensions(new Router()));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(ok()));
  }

  /** Starts a server with every {@link #registered() registered} stand-in. */
  public static ProviderStandIns start(StandInOptions options) {
    return new ProviderStandIns(registered(), options, Clock.systemUTC());
  }

  /**
   * A new instance of every stand-in registered in {@code META-INF/services/}{@code
   * dev.genjobs.standins.StandIn}, in registration order.
   */
  public static List<StandIn> registered() {
    // The context class loader first, as Spring Boot jars and exec:java need; this library's own
    // loader when that one cannot see the services file (a thread made by a container).
    List<StandIn> found = new ArrayList<>();
    ServiceLoader.load(StandIn.class).forEach(found::add);
    if (found.isEmpty()) {
      ServiceLoader.load(StandIn.class, StandIn.class.getClassLoader()).forEach(found::add);
    }
    return List.copyOf(found);
  }

  /** A new instance of the registered stand-in with this provider id, e.g. {@code creative-api}. */
  public static StandIn registered(String providerId) {
    return registered().stream()
        .filter(s -> s.providerId().equals(providerId))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("no stand-in has provider id " + providerId));
  }

  private static Map<String, StandIn> byProviderId(List<StandIn> registered) {
    Map<String, StandIn> byId = new LinkedHashMap<>();
    for (StandIn s : registered) {
      StandIn before = byId.putIfAbsent(s.providerId(), s);
      if (before != null) {
        throw new IllegalStateException(
            "two stand-ins for "
                + s.providerId()
                + ": "
                + before.getClass().getName()
                + " and "
                + s.getClass().getName());
      }
    }
    return Collections.unmodifiableMap(byId);
  }

  /** The provider ids served, e.g. {@code creative-api}, in registration order. */
  public Set<String> providerIds() {
    return standIns.keySet();
  }

  /** The base URL of every provider: point each client at it. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** Requests served so far, all providers. */
  public long requestCount() {
    return requests.get();
  }

  public int jobCount() {
    return jobs.size();
  }

  @Override
  public void close() {
    webhookSender.shutdownNow();
    server.stop();
  }

  private final class Router implements ResponseDefinitionTransformerV2 {
    @Override
    public String getName() {
      return "genjobs-stand-ins";
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      requests.incrementAndGet();
      ResponseDefinition response;
      try {
        response = route(event.getRequest());
      } catch (Exception e) {
        response =
            json(
                500,
                JSON.createObjectNode().put("status", "error").put("message", String.valueOf(e)));
      }
      response = rewritten(event.getRequest(), response);
      options.listener().onExchange(exchange(event.getRequest(), response));
      return response;
    }
  }

  private ResponseDefinition rewritten(LoggedRequest r, ResponseDefinition response) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (response.getHeaders() != null) {
      response.getHeaders().all().forEach(h -> headers.put(h.key(), h.firstValue()));
    }
    AnswerRewriter.Answer before =
        new AnswerRewriter.Answer(response.getStatus(), headers, response.getBody());
    AnswerRewriter.Answer after =
        options
            .answers()
            .rewrite(r.getMethod().getName(), URI.create(r.getUrl()).getPath(), before);
    if (after == before) return response;
    ResponseDefinitionBuilder changed = new ResponseDefinitionBuilder().withStatus(after.status());
    after.headers().forEach(changed::withHeader);
    if (after.body() != null) changed.withBody(after.body());
    return changed.build();
  }

  private ResponseDefinition route(LoggedRequest r) throws Exception {
    String path = URI.create(r.getUrl()).getPath();
    List<StandIn> serving = standIns.values().stream().filter(s -> s.serves(path)).toList();
    if (serving.isEmpty()) return json(404, detail("Not found."));
    if (serving.size() > 1) {
      // Two stand-ins claiming one path is a mistake in a stand-in: say whose, do not pick one.
      return json(
          500,
          detail(
              "stand-ins overlap on "
                  + path
                  + ": "
                  + serving.stream().map(StandIn::providerId).toList()));
    }
    StandIn standIn = serving.get(0);
    return standIn.answer(r, jobsByProvider.get(standIn.providerId()));
  }

  private static Exchange exchange(LoggedRequest r, ResponseDefinition response) {
    URI uri = URI.create(r.getUrl());
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        query
            .computeIfAbsent(decode(kv[0]), k -> new ArrayList<>())
            .add(kv.length > 1 ? decode(kv[1]) : "");
      }
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (var h : r.getHeaders().all()) {
      headers.put(h.key(), h.values());
    }
    return new Exchange(
        r.getMethod().getName(),
        uri.getPath(),
        query,
        headers,
        r.getBody(),
        response.getStatus(),
        response.getBody());
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  // ---- shared ----

  private void scheduleDelivery(StandInJob job) {
    if (job.webhook().isEmpty() || !options.deliverWebhooks()) return;
    long delay = Math.max(0, job.finishesAt().toEpochMilli() - clock.instant().toEpochMilli()) + 50;
    webhookSender.schedule(() -> deliver(job), delay, TimeUnit.MILLISECONDS);
  }

  private void deliver(StandInJob job) {
    deliver(job, 1);
  }

  private void deliver(StandInJob job, int attempt) {
    URI webhook = job.webhook().orElseThrow();
    StandIn standIn = standIns.get(job.providerId());
    byte[] body =
        standIn
            .render(job, clock.instant())
            .toString()
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(webhook)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    standIn.webhookHeaders(job, body, options).forEach(request::header);
    int status;
    try {
      status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException e) {
      status = -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    // 4xx other than 429 is the receiver rejecting this delivery: sending it again cannot help.
    boolean retry = status < 0 || status == 429 || status >= 500;
    if (retry && attempt < WEBHOOK_ATTEMPTS && !webhookSender.isShutdown()) {
      webhookSender.schedule(
          () -> deliver(job, attempt + 1), 200L * (1L << attempt), TimeUnit.MILLISECONDS);
    }
  }

  private static ObjectNode detail(String message) {
    return JSON.createObjectNode().put("detail", message);
  }

  private static ResponseDefinition json(int status, JsonNode body) {
    return StandInAnswers.json(status, body);
  }
}
