package dev.genjobs.client.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.CountMatchingStrategy;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A stand-in for all four providers: WireMock on a free port of 127.0.0.1 and a {@link
 * GenJobsClient} pointed at it, with test keys, short timeouts and a {@link RecordingSleeper}, so
 * no test ever really waits between retries. One per test; close it (try-with-resources or
 * {@code @AfterEach}).
 *
 * <pre>{@code
 * try (Stand stand = Stand.start(o -> o.retryPolicy(RetryPolicy.none()))) {
 *   stand.stubFor(get(urlPathEqualTo("/get")).willReturn(okJson("{...}")));
 *   stand.client().creative().job("j-1").refresh();
 *   stand.verify(exactly(1), getRequestedFor(urlPathEqualTo("/get")));
 * }
 * }</pre>
 *
 * <p>Defaults: every provider's base URL is the WireMock root; keys are the {@code *_KEY} constants
 * below; connect timeout 1 s, read timeout 2 s; the library's default {@code RetryPolicy}; the
 * sleeper records waits and advances {@link #clock()} by them.
 */
public final class Stand implements AutoCloseable {

  /** Test keys: distinctive strings, so a leak check can search output for them. */
  public static final String CREATIFY_API_ID = "test-creatify-id-4f1c9a";

  public static final String CREATIFY_API_KEY = "test-creatify-key-8b2e7d";
  public static final String UNSTRUCTURED_API_KEY = "test-unstructured-key-3c6a0f";
  public static final String CREATIVE_API_KEY = "test-creative-key-5e9d21";

  /** All four test keys. */
  public static final List<String> ALL_KEYS =
      List.of(CREATIFY_API_ID, CREATIFY_API_KEY, UNSTRUCTURED_API_KEY, CREATIVE_API_KEY);

  private final WireMockServer server;
  private final AtomicInteger arrivals = new AtomicInteger();
  private final TestClock clock;
  private final RecordingSleeper sleeper;
  private final ClientOptions options;
  private final GenJobsClient client;

  private Stand(Consumer<ClientOptions.Builder> customizer) {
    this.server =
        new WireMockServer(
            wireMockConfig()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .jettyAcceptors(1)
                .notifier(new Slf4jNotifier(false))
                .extensions(new ArrivalCounter(arrivals)));
    server.start();
    this.clock = TestClock.systemUtc();
    this.sleeper = new RecordingSleeper(clock);
    try {
      ClientOptions.Builder builder = defaults(baseUrlOf(server), clock, sleeper);
      customizer.accept(builder);
      this.options = builder.build();
      this.client = GenJobsClient.create(options);
    } catch (RuntimeException | Error e) {
      server.stop();
      throw e;
    }
  }

  /** A stand with the defaults described on the class. */
  public static Stand start() {
    return start(b -> {});
  }

  /** A stand whose options are the defaults, then changed by {@code customizer}. */
  public static Stand start(Consumer<ClientOptions.Builder> customizer) {
    return new Stand(customizer);
  }

  /**
   * The options a stand starts from: all providers at {@code baseUrl}, the four test keys, connect
   * timeout 1 s, read timeout 2 s, {@code sleeper} and {@code clock}.
   */
  public static ClientOptions.Builder defaults(
      URI baseUrl, TestClock clock, RecordingSleeper sleeper) {
    return ClientOptions.builder()
        .baseUrlForAll(baseUrl)
        .creatifyCredentials(CREATIFY_API_ID, CREATIFY_API_KEY)
        .unstructuredApiKey(UNSTRUCTURED_API_KEY)
        .creativeApiKey(CREATIVE_API_KEY)
        .connectTimeout(Duration.ofSeconds(1))
        .readTimeout(Duration.ofSeconds(2))
        .clock(clock)
        .sleeper(sleeper);
  }

  /** A loopback URL where nothing listens: connecting to it is refused. */
  public static URI closedPortUrl() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static URI baseUrlOf(WireMockServer server) {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  public GenJobsClient client() {
    return client;
  }

  public ClientOptions options() {
    return options;
  }

  public WireMockServer server() {
    return server;
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public URI baseUrl() {
    return baseUrlOf(server);
  }

  public RecordingSleeper sleeper() {
    return sleeper;
  }

  public TestClock clock() {
    return clock;
  }

  public StubMapping stubFor(MappingBuilder mapping) {
    return server.stubFor(mapping);
  }

  /**
   * WireMock's {@code verify}, e.g. {@code verify(exactly(1), postRequestedFor(...))}, after {@link
   * #settle()}: counts include requests whose (delayed) responses were still being written.
   */
  public void verify(CountMatchingStrategy count, RequestPatternBuilder pattern) {
    settle();
    server.verify(count, pattern);
  }

  /** The requests WireMock received that match {@code pattern}, after {@link #settle()}. */
  public List<LoggedRequest> requests(RequestPatternBuilder pattern) {
    settle();
    return server.findAll(pattern);
  }

  /**
   * Waits (polling, at most 3 s) until every request that reached WireMock is in its journal.
   * WireMock journals a request only once its response is written, so a response delayed past the
   * client's read timeout is journaled after the client gave up; call this (or {@link #verify},
   * which does) before counting requests.
   */
  public void settle() {
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (server.getAllServeEvents().size() < arrivals.get() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Waits (polling, at most 3 s) until WireMock has journaled at least {@code atLeast} requests
   * matching {@code pattern}. Use it after a response delayed past the read timeout, before {@link
   * #verify}: the request may not even have reached WireMock's counter when the client gave up.
   */
  public void awaitJournaled(int atLeast, RequestPatternBuilder pattern) {
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (server.findAll(pattern).size() < atLeast && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Counts requests when they arrive, before WireMock matches, delays or journals them. */
  private static final class ArrivalCounter implements StubRequestFilterV2 {
    private final AtomicInteger arrivals;

    ArrivalCounter(AtomicInteger arrivals) {
      this.arrivals = arrivals;
    }

    @Override
    public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
      arrivals.incrementAndGet();
      return RequestFilterAction.continueWith(request);
    }

    @Override
    public String getName() {
      return "genjobs-arrival-counter";
    }
  }

  /** Closes the client, then stops WireMock. */
  @Override
  public void close() {
    try {
      client.close();
    } finally {
      server.stop();
    }
  }
}
