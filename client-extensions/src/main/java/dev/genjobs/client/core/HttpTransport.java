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
import feign.http2client.Http2Client;
import feign.jackson.JacksonEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds Feign clients for the generated API interfaces: one pooled JDK {@link HttpClient} shared
 * by all providers, one Jackson configuration, errors and undecodable bodies handed to {@link
 * CallExecutor}, and Feign's own retries off (retries happen in exactly one place).
 */
public final class HttpTransport {

  private final HttpClient httpClient;
  private final ObjectMapper mapper;
  private final ResponseFailures failures;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Logger.Level logLevel;
  private final Executor sendExecutor;
  private final Timer timer;
  private final java.util.Set<String> secretHeaders;

  /**
   * @param secretHeaders the providers' credential headers, logged as {@code ****} (with {@code
   *     Authorization}, {@code Cookie} and {@code Proxy-Authorization})
   */
  public HttpTransport(
      HttpClient httpClient,
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
      HttpClient httpClient,
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

  /**
   * A JDK client with the given connect timeout, HTTP/1.1 keep-alive pooling, redirects within the
   * same scheme strength, and {@code executor} for its internal work (the JDK default is an
   * unbounded cached pool).
   */
  public static HttpClient newHttpClient(Duration connectTimeout, Executor executor) {
    return HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .executor(executor)
        .build();
  }

  /**
   * The small named daemon pool a library-owned JDK client does its internal work on (reading
   * answers off the selector, feeding body subscribers); shut it down on close. Never blocked by a
   * send: sends wait on {@link #newSendExecutor(int)}'s threads, so the client's internal work can
   * always run (a send waiting on the pool that must deliver its answer would deadlock).
   */
  public static ExecutorService newHttpExecutor() {
    return fixedDaemonPool(HTTP_THREADS, "genjobs-http-");
  }

  /**
   * The bounded pool that asynchronous sends (polls, webhook confirmations) block on: {@code
   * threads} is the most requests in flight from these paths at once; more wait in its queue.
   *
   * <p>Why blocking sends and not {@code HttpClient.sendAsync}: the JDK client completes every
   * {@code sendAsync} future through {@code CompletableFuture}'s default executor, which is the
   * common pool, or a new thread per answer when the common pool's parallelism is 1 (1 or 2 CPUs).
   * The blocking {@code send} makes no such hop, so with it every answer completes on a thread of
   * this pool, whatever the host and without any JVM flag (measured: {@code benchmarks/RESULTS.md},
   * "Transport").
   */
  public static ExecutorService newSendExecutor(int threads) {
    return fixedDaemonPool(threads, "genjobs-http-send-");
  }

  private static ExecutorService fixedDaemonPool(int threads, String prefix) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, prefix + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  private static final int HTTP_THREADS = 2;

  /** Runs a task after a delay on a library thread; the returned action calls it off. */
  @FunctionalInterface
  public interface Timer {
    Runnable schedule(Runnable task, Duration delay);
  }

  /**
   * Sends {@code request} on the send pool and completes the future there: with the response, or
   * with the send's failure, or with an {@link HttpTimeoutException} when the whole answer (body
   * included) has not arrived within {@code whole} after the send began. The JDK's own request
   * timeout ends when the headers arrive; a provider that sends them and then stalls the body would
   * otherwise hold the send, and a poll, forever (StalledBodyTest). On that deadline the sending
   * thread is interrupted, which cancels the JDK exchange.
   */
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler, Duration whole) {
    CompletableFuture<HttpResponse<T>> result = new CompletableFuture<>();
    Sending<T> sending = new Sending<>(request, handler, whole, result);
    try {
      sendExecutor.execute(sending);
    } catch (RejectedExecutionException closed) {
      result.completeExceptionally(new IOException("the client is closed", closed));
    }
    return result;
  }

  /** One send on the send pool, with its whole-answer deadline. */
  private final class Sending<T> implements Runnable {
    private final HttpRequest request;
    private final HttpResponse.BodyHandler<T> handler;
    private final Duration whole;
    private final CompletableFuture<HttpResponse<T>> result;
    private Thread runner;
    private boolean finished;

    Sending(
        HttpRequest request,
        HttpResponse.BodyHandler<T> handler,
        Duration whole,
        CompletableFuture<HttpResponse<T>> result) {
      this.request = request;
      this.handler = handler;
      this.whole = whole;
      this.result = result;
    }

    @Override
    public void run() {
      synchronized (this) {
        runner = Thread.currentThread();
      }
      Runnable cancelDeadline = timer.schedule(this::deadlinePassed, whole);
      try {
        result.complete(httpClient.send(request, handler));
      } catch (InterruptedException e) {
        // Only the deadline interrupts a send; the future already says so.
        result.completeExceptionally(timeout());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      } finally {
        cancelDeadline.run();
        synchronized (this) {
          finished = true;
          // Never leave an interrupt behind for the pool's next task.
          Thread.interrupted();
        }
      }
    }

    private void deadlinePassed() {
      if (!result.completeExceptionally(timeout())) return;
      synchronized (this) {
        if (!finished) runner.interrupt();
      }
    }

    private HttpTimeoutException timeout() {
      return new HttpTimeoutException("the whole answer did not arrive within " + whole);
    }
  }

  public HttpClient httpClient() {
    return httpClient;
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public ResponseFailures failures() {
    return failures;
  }

  public Duration readTimeout() {
    return readTimeout;
  }

  /** Whether request and response lines and headers are logged (credentials redacted). */
  boolean logsHttp() {
    return logLevel != Logger.Level.NONE;
  }

  /** A Feign client of a generated API interface, calling {@code baseUrl}. */
  public <T> T target(Class<T> api, URI baseUrl, RequestInterceptor... interceptors) {
    Feign.Builder builder =
        Feign.builder()
            .client(new Http2Client(httpClient))
            .encoder(new FormEncoder(new JacksonEncoder(mapper)))
            .decoder(new BodyDecoder())
            .errorDecoder((methodKey, response) -> new HttpFailureException(readFailure(response)))
            .retryer(Retryer.NEVER_RETRY)
            // Feign copies the client when its options disagree with the client's own settings:
            // state exactly what the client does, so this one shared client is the one used.
            .options(
                new Request.Options(
                    httpClient.connectTimeout().orElse(connectTimeout).toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS,
                    readTimeout.toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS,
                    httpClient.followRedirects() == HttpClient.Redirect.ALWAYS))
            .logger(new RedactingLogger(secretHeaders))
            .logLevel(logLevel);
    for (RequestInterceptor i : interceptors) {
      builder.requestInterceptor(i);
    }
    String url = baseUrl.toString();
    return builder.target(api, url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
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
