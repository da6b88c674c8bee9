package dev.genjobs.client.core;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Feign;
import feign.Logger;
import feign.Request;
import feign.RequestInterceptor;
import feign.Response;
import feign.Retryer;
import feign.Util;
import feign.codec.Decoder;
import feign.form.FormEncoder;
import feign.jackson.JacksonEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.ConnectionKeepAliveStrategy;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultConnectionKeepAliveStrategy;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.HttpClientResponseHandler;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The library's HTTP: one pooled Apache HttpClient 5 classic client shared by all providers, the
 * Feign clients of the generated API interfaces built on it, one Jackson configuration, errors and
 * undecodable bodies handed to {@link CallExecutor}, and no retries below it (retries happen in
 * exactly one place).
 *
 * <p>One timeout model for every call (JSON calls, polls, uploads, downloads): the connect timeout;
 * the read timeout as the longest silence while waiting for or reading an answer; and, for every
 * answer read whole (all but downloads), the read timeout again as a deadline for the whole answer
 * from the moment the request is sent, plus an allowance where the request itself takes time (an
 * upload's body, a provider asked to hold its answer). The deadline runs on the library's scheduler
 * and cancels the exchange, which closes its connection: a provider that sends headers and then
 * trickles or stalls the body cannot hold a caller or a poll thread (StalledBodyTest).
 *
 * <p>Why this client (measured, {@code benchmarks/RESULTS.md} "Transport candidates"): a blocking
 * exchange reads its answer on the thread that sent it, so answers complete on the caller's thread
 * or on the library's send pool and never on the common pool or a thread per answer; it starts no
 * thread of its own; idle connections are retired per client (its keep-alive strategy), not through
 * a JVM-wide property; and on loopback it makes about twice the round trips of the JDK client with
 * the same threads.
 */
public final class HttpTransport {

  /**
   * Connections kept per provider host: more than the send pool and the callers of a busy service
   * use at once; a caller beyond it waits for one up to the connect timeout.
   */
  static final int MAX_CONNECTIONS_PER_HOST = 64;

  private static final int MAX_CONNECTIONS = 4 * MAX_CONNECTIONS_PER_HOST;

  private final CloseableHttpClient httpClient;
  private final ObjectMapper mapper;
  private final ResponseFailures failures;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final RequestConfig readConfig;
  private final Logger.Level logLevel;
  private final Executor sendExecutor;
  private final Timer timer;
  private final java.util.Set<String> secretHeaders;

  /**
   * @param httpClient the client every exchange goes through (the library's own from {@link
   *     #newHttpClient}, or the application's)
   * @param secretHeaders the providers' credential headers, logged as {@code ****} (with {@code
   *     Authorization}, {@code Cookie} and {@code Proxy-Authorization})
   * @param sendExecutor the bounded pool asynchronous sends (polls, confirmations) block on
   * @param timer the library's scheduler, which runs the whole-answer deadlines
   */
  public HttpTransport(
      CloseableHttpClient httpClient,
      ObjectMapper mapper,
      int maxErrorBodyChars,
      Clock clock,
      Duration connectTimeout,
      Duration readTimeout,
      Logger.Level logLevel,
      java.util.List<String> secrets,
      java.util.Collection<String> secretHeaders,
      Executor sendExecutor,
      Timer timer) {
    this(
        httpClient,
        mapper,
        new ResponseFailures(mapper, maxErrorBodyChars, clock, secrets),
        connectTimeout,
        readTimeout,
        logLevel,
        RedactingLogger.secretHeaders(secretHeaders),
        sendExecutor,
        timer);
  }

  private HttpTransport(
      CloseableHttpClient httpClient,
      ObjectMapper mapper,
      ResponseFailures failures,
      Duration connectTimeout,
      Duration readTimeout,
      Logger.Level logLevel,
      java.util.Set<String> secretHeaders,
      Executor sendExecutor,
      Timer timer) {
    this.httpClient = httpClient;
    this.mapper = mapper;
    this.failures = failures;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.readConfig = requestConfig(connectTimeout, readTimeout);
    this.logLevel = logLevel;
    this.secretHeaders = secretHeaders;
    this.sendExecutor = sendExecutor;
    this.timer = timer;
  }

  /**
   * This transport (the same HTTP client, pool and clocks) reading error bodies the way one
   * provider writes them.
   */
  public HttpTransport readingErrorsWith(dev.genjobs.client.errors.ErrorBodyReader errorBodies) {
    return new HttpTransport(
        httpClient,
        mapper,
        failures.readingErrorsWith(errorBodies),
        connectTimeout,
        readTimeout,
        logLevel,
        secretHeaders,
        sendExecutor,
        timer);
  }

  /** Whether a header (any case) carries credentials and is logged as {@code ****}. */
  boolean isSecretHeader(String name) {
    return secretHeaders.contains(name.toLowerCase(java.util.Locale.ROOT));
  }

  /** A library-owned client and its connection pool (closed with the client). */
  public record OwnedClient(CloseableHttpClient client, PoolingHttpClientConnectionManager pool) {}

  /**
   * The library's own client: a keep-alive pool ({@value #MAX_CONNECTIONS_PER_HOST} connections per
   * host) whose connections idle longer than {@code idleTimeout} are never reused (a provider's
   * balancer commonly forgets a connection after 60 s idle; a create written to such a connection
   * could only end "may have been created"), the JVM's proxy settings, redirects followed, no
   * cookies, no automatic retries. It starts no thread: nothing here calls {@code
   * evictIdleConnections}.
   */
  public static OwnedClient newHttpClient(
      Duration connectTimeout, Duration readTimeout, Duration idleTimeout) {
    PoolingHttpClientConnectionManager pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(timeout(connectTimeout))
                    .setSocketTimeout(timeout(readTimeout))
                    .build())
            .setMaxConnPerRoute(MAX_CONNECTIONS_PER_HOST)
            .setMaxConnTotal(MAX_CONNECTIONS)
            .build();
    CloseableHttpClient client =
        HttpClients.custom()
            .setConnectionManager(pool)
            .setDefaultRequestConfig(requestConfig(connectTimeout, readTimeout))
            .setKeepAliveStrategy(keepAliveAtMost(idleTimeout))
            // The JVM's proxy settings (https.proxyHost, http.nonProxyHosts, or the application's
            // ProxySelector); direct when none is set.
            .setRoutePlanner(new SystemDefaultRoutePlanner(java.net.ProxySelector.getDefault()))
            .disableAutomaticRetries()
            .disableCookieManagement()
            .build();
    return new OwnedClient(client, pool);
  }

  /**
   * How long a connection may stay idle in the pool: the provider's own {@code Keep-Alive: timeout}
   * when it is shorter, {@code idle} otherwise. The pool discards a connection past this when it
   * would hand it out, so none idle longer is ever reused, and no thread is needed for it.
   */
  private static ConnectionKeepAliveStrategy keepAliveAtMost(Duration idle) {
    TimeValue limit = TimeValue.ofMilliseconds(idle.toMillis());
    ConnectionKeepAliveStrategy provider = DefaultConnectionKeepAliveStrategy.INSTANCE;
    return (response, context) -> {
      TimeValue announced = provider.getKeepAliveDuration(response, context);
      return announced != null && announced.compareTo(limit) < 0 ? announced : limit;
    };
  }

  private static RequestConfig requestConfig(Duration connectTimeout, Duration readTimeout) {
    return RequestConfig.custom()
        .setResponseTimeout(timeout(readTimeout))
        // A caller finding every pooled connection busy waits for one as long as for a connect, and
        // then fails as "not sent" (ConnectionRequestTimeoutException): a create that never got a
        // connection is safe to retry, which the whole-answer deadline, ending later, could not
        // say.
        .setConnectionRequestTimeout(timeout(connectTimeout))
        .setRedirectsEnabled(true)
        .build();
  }

  private static Timeout timeout(Duration d) {
    return Timeout.ofMilliseconds(Math.max(1, d.toMillis()));
  }

  /**
   * The bounded pool that asynchronous sends (polls, webhook confirmations) block on: {@code
   * threads} is the most requests in flight from these paths at once; more wait in its queue. Every
   * such answer is read and completed on one of these threads, whatever the host's CPU count and
   * without any JVM flag.
   */
  public static ExecutorService newSendExecutor(int threads) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, "genjobs-http-send-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /** Runs a task after a delay on a library thread; the returned action calls it off. */
  @FunctionalInterface
  public interface Timer {
    Runnable schedule(Runnable task, Duration delay);
  }

  /** An answer read whole: status, headers (any case) and body. */
  public record Answer(int status, Map<String, List<String>> headers, byte[] body) {

    static Answer of(ClassicHttpResponse response, byte[] body) {
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (Header h : response.getHeaders()) {
        headers.computeIfAbsent(h.getName(), k -> new ArrayList<>(1)).add(h.getValue());
      }
      return new Answer(response.getCode(), headers, body == null ? new byte[0] : body);
    }

    public boolean successful() {
      return status / 100 == 2;
    }
  }

  /**
   * Sends {@code request} on the caller's thread and reads the whole answer, which must arrive
   * within the read timeout plus {@code allowance} (see the class comment).
   */
  public Answer send(ClassicHttpRequest request, Duration allowance) throws IOException {
    Duration limit = readTimeout.plus(allowance);
    return exchange(
        request,
        allowance.isZero() ? readConfig : requestConfig(connectTimeout, limit),
        limit,
        response ->
            Answer.of(
                response,
                response.getEntity() == null
                    ? null
                    : EntityUtils.toByteArray(response.getEntity())));
  }

  /**
   * Sends {@code request} on the caller's thread and hands a 2xx answer's open response to {@code
   * success} (a download streaming to disk); other answers are read whole and thrown as the failure
   * {@link CallExecutor} maps. Only the silence limit applies: a download's length is unbounded.
   */
  public <T> T stream(ClassicHttpRequest request, HttpClientResponseHandler<T> success)
      throws IOException {
    return exchange(
        request,
        readConfig,
        null,
        response -> {
          if (response.getCode() / 100 == 2) return success.handleResponse(response);
          Answer failed =
              Answer.of(
                  response,
                  response.getEntity() == null
                      ? null
                      : EntityUtils.toByteArray(response.getEntity()));
          throw new HttpFailureException(
              failures.parse(failed.status(), failed.headers(), failed.body()));
        });
  }

  /**
   * As {@link #send}, on the send pool: the future completes there, with the answer or the send's
   * failure, never on the caller's or the common pool's threads.
   */
  public CompletableFuture<Answer> sendAsync(ClassicHttpRequest request) {
    CompletableFuture<Answer> result = new CompletableFuture<>();
    try {
      sendExecutor.execute(
          () -> {
            try {
              result.complete(send(request, Duration.ZERO));
            } catch (Throwable t) {
              result.completeExceptionally(t);
            }
          });
    } catch (RejectedExecutionException closed) {
      result.completeExceptionally(new IOException("the client is closed", closed));
    }
    return result;
  }

  /**
   * One exchange: a fresh cancellable copy of {@code request} (a request value may be sent again by
   * a retry), its timeouts, and the whole-answer deadline when {@code whole} is given.
   */
  private <T> T exchange(
      ClassicHttpRequest request,
      RequestConfig config,
      Duration whole,
      HttpClientResponseHandler<T> handler)
      throws IOException {
    HttpUriRequestBase exchange;
    try {
      exchange = new HttpUriRequestBase(request.getMethod(), request.getUri());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("not a URI: " + request.getRequestUri(), e);
    }
    exchange.setHeaders(request.getHeaders());
    exchange.setEntity(request.getEntity());
    exchange.setConfig(config);
    if (whole == null) return httpClient.execute(exchange, handler);
    AtomicBoolean expired = new AtomicBoolean();
    Runnable cancelDeadline =
        timer.schedule(
            () -> {
              expired.set(true);
              exchange.cancel();
            },
            whole);
    try {
      return httpClient.execute(exchange, handler);
    } catch (IOException e) {
      if (expired.get()) {
        SocketTimeoutException timeout =
            new SocketTimeoutException("the whole answer did not arrive within " + whole);
        timeout.initCause(e);
        throw timeout;
      }
      throw e;
    } finally {
      cancelDeadline.run();
    }
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public ResponseFailures failures() {
    return failures;
  }

  /** Whether request and response lines and headers are logged (credentials redacted). */
  boolean logsHttp() {
    return logLevel != Logger.Level.NONE;
  }

  /** A Feign client of a generated API interface, calling {@code baseUrl}. */
  public <T> T target(Class<T> api, URI baseUrl, RequestInterceptor... interceptors) {
    Feign.Builder builder =
        Feign.builder()
            .client(feignClient())
            .encoder(new FormEncoder(new JacksonEncoder(mapper)))
            .decoder(new BodyDecoder())
            .errorDecoder((methodKey, response) -> new HttpFailureException(readFailure(response)))
            .retryer(Retryer.NEVER_RETRY)
            .logger(new RedactingLogger(secretHeaders))
            .logLevel(logLevel);
    for (RequestInterceptor i : interceptors) {
      builder.requestInterceptor(i);
    }
    String url = baseUrl.toString();
    return builder.target(api, url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
  }

  /** The Feign client every generated API interface of this transport runs on. */
  public feign.Client feignClient() {
    return new FeignOverTransport();
  }

  /**
   * Feign's requests sent through {@link #send}: the same client, pool, timeouts and deadline as
   * every other call (Feign's per-method options are not used). The answer is read whole, so the
   * connection is back in the pool before Feign decodes it.
   */
  private final class FeignOverTransport implements feign.Client {
    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
      BasicClassicHttpRequest out =
          new BasicClassicHttpRequest(request.httpMethod().name(), URI.create(request.url()));
      for (Map.Entry<String, Collection<String>> header : request.headers().entrySet()) {
        // The entity states the body's length; HttpClient refuses a request that also says so.
        if (HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(header.getKey())
            || HttpHeaders.TRANSFER_ENCODING.equalsIgnoreCase(header.getKey())) continue;
        for (String value : header.getValue()) out.addHeader(header.getKey(), value);
      }
      if (request.body() != null) {
        // No content type on the entity: the request's own Content-Type header is sent as is.
        out.setEntity(new ByteArrayEntity(request.body(), null));
      }
      Answer answer = send(out, Duration.ZERO);
      // Feign copies the headers into a case-insensitive map of its own.
      @SuppressWarnings({"unchecked", "rawtypes"})
      Map<String, Collection<String>> headers = (Map) answer.headers();
      return Response.builder()
          .status(answer.status())
          .headers(headers)
          .request(request)
          .body(answer.body())
          .build();
    }
  }

  private dev.genjobs.client.errors.HttpFailure readFailure(Response response) {
    byte[] body;
    try {
      body =
          response.body() == null ? new byte[0] : Util.toByteArray(response.body().asInputStream());
    } catch (IOException e) {
      body = new byte[0];
    }
    return failures.parse(response.status(), response.headers(), body);
  }

  /**
   * Decodes a success body as {@code type}: bytes and text as they are, JSON otherwise. An empty or
   * unreadable body becomes the internal malformed-body failure {@link CallExecutor} maps.
   */
  Object decode(int status, byte[] bytes, Type type) {
    return decode(status, bytes, type, null);
  }

  /**
   * As {@link #decode(int, byte[], Type)}; values kept as raw text because their type could not
   * hold them go into {@code unread} when it is given.
   */
  Object decode(int status, byte[] bytes, Type type, java.util.Map<String, String> unread) {
    if (type == byte[].class) return bytes;
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (type == String.class) return text;
    if (text.isBlank()) {
      throw new MalformedBodyException(status, "", "empty body, expected JSON", null);
    }
    Object value;
    try {
      JavaType javaType = mapper.getTypeFactory().constructType(type);
      com.fasterxml.jackson.databind.ObjectReader reader = mapper.readerFor(javaType);
      if (unread != null) reader = reader.withAttribute(LenientValues.UNREAD_FIELDS, unread);
      value = reader.readValue(bytes);
    } catch (IOException e) {
      throw new MalformedBodyException(
          status,
          failures.cap(text),
          "body is not the expected JSON ("
              + (e instanceof com.fasterxml.jackson.core.JsonProcessingException jp
                  ? jp.getOriginalMessage()
                  : e.getMessage())
              + ")",
          e);
    }
    if (value == null) {
      throw new MalformedBodyException(status, failures.cap(text), "body is JSON null", null);
    }
    return value;
  }

  /** Reads the whole body, then decodes; an empty or unreadable body becomes a typed failure. */
  private final class BodyDecoder implements Decoder {
    @Override
    public Object decode(Response response, Type type) throws IOException {
      if (type == void.class || type == Void.class) {
        return null;
      }
      byte[] bytes;
      try (InputStream in =
          response.body() == null
              ? InputStream.nullInputStream()
              : response.body().asInputStream()) {
        bytes = in.readAllBytes();
      }
      return HttpTransport.this.decode(response.status(), bytes, type);
    }
  }
}
