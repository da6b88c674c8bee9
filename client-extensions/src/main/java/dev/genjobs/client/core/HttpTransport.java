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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

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

  public HttpTransport(
      HttpClient httpClient,
      ObjectMapper mapper,
      int maxErrorBodyChars,
      Clock clock,
      Duration connectTimeout,
      Duration readTimeout,
      Logger.Level logLevel,
      java.util.List<String> secrets) {
    this.httpClient = httpClient;
    this.mapper = mapper;
    this.failures = new ResponseFailures(mapper, maxErrorBodyChars, clock, secrets);
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.logLevel = logLevel;
  }

  /**
   * A JDK client with the given connect timeout, HTTP/1.1 keep-alive pooling, redirects within the
   * same scheme strength, and {@code executor} for its internal work (the JDK default is an
   * unbounded cached pool).
   */
  public static HttpClient newHttpClient(
      Duration connectTimeout, java.util.concurrent.Executor executor) {
    return HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .executor(executor)
        .build();
  }

  /** The small named daemon pool a library-owned client works on; shut it down on close. */
  public static java.util.concurrent.ExecutorService newHttpExecutor() {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    return java.util.concurrent.Executors.newFixedThreadPool(
        HTTP_THREADS,
        r -> {
          Thread t = new Thread(r, "genjobs-http-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  private static final int HTTP_THREADS = 4;

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
            .logger(new RedactingLogger())
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
