package dev.genjobs.client.core;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Calls that Feign cannot stream (multipart uploads from disk, downloads to disk) go straight to
 * the shared JDK client. Error responses are read like Feign's, so callers see the same exceptions;
 * run calls through {@link CallExecutor} for the same retry rules.
 */
public final class RawHttp {

  private final HttpTransport transport;

  public RawHttp(HttpTransport transport) {
    this.transport = transport;
  }

  private record ErrorBody(byte[] bytes) {}

  /**
   * Sends one request; a 2xx body goes to {@code success}, anything else becomes the same internal
   * failure the Feign path produces.
   */
  @SuppressWarnings("unchecked")
  public <T> T send(Supplier<HttpRequest> request, HttpResponse.BodyHandler<T> success)
      throws IOException, InterruptedException {
    HttpResponse<Object> response =
        transport
            .httpClient()
            .send(
                request.get(),
                info ->
                    info.statusCode() / 100 == 2
                        ? (BodySubscriber<Object>) (BodySubscriber<?>) success.apply(info)
                        : BodySubscribers.mapping(BodySubscribers.ofByteArray(), ErrorBody::new));
    if (response.body() instanceof ErrorBody error) {
      throw new HttpFailureException(
          transport
              .failures()
              .parse(response.statusCode(), response.headers().map(), error.bytes()));
    }
    return (T) response.body();
  }

  private record StatusAndBody(int status, byte[] body) {}

  /** Sends one request and decodes its 2xx JSON body like the Feign path does. */
  public <T> T sendJson(Supplier<HttpRequest> request, Class<T> type)
      throws IOException, InterruptedException {
    StatusAndBody answer =
        send(
            request,
            info ->
                BodySubscribers.mapping(
                    BodySubscribers.ofByteArray(), b -> new StatusAndBody(info.statusCode(), b)));
    return type.cast(transport.decode(answer.status(), answer.body(), type));
  }

  /**
   * Sends one request without blocking the caller and decodes its 2xx JSON body like the Feign path
   * does, keeping the raw text. The send, the decoding and whatever the caller chains without an
   * executor run on the transport's send pool (see {@link HttpTransport#sendAsync}), never on the
   * common pool. The future fails with the internal failures {@link CallExecutor#failureOf} maps;
   * nothing is retried here.
   */
  public <T> java.util.concurrent.CompletableFuture<Decoded<T>> sendJsonAsync(
      HttpRequest request, Class<T> type) {
    logRequest(request);
    // The same duration as the JDK's request timeout bounds the whole answer, body included.
    Duration whole = request.timeout().orElse(transport.readTimeout());
    return transport
        .sendAsync(request, BodyHandlers.ofByteArray(), whole)
        .thenApply(response -> decoded(response, type));
  }

  /** As {@link #sendJsonAsync}, blocking: for calls run under {@link CallExecutor#execute}. */
  public <T> Decoded<T> sendJsonDecoded(HttpRequest request, Class<T> type)
      throws IOException, InterruptedException {
    logRequest(request);
    return decoded(transport.httpClient().send(request, BodyHandlers.ofByteArray()), type);
  }

  private static final org.slf4j.Logger HTTP_LOG =
      org.slf4j.LoggerFactory.getLogger("dev.genjobs.client.http");

  // The same lines Feign's log writes at HEADERS level, credentials redacted.
  private void logRequest(HttpRequest request) {
    if (!transport.logsHttp() || !HTTP_LOG.isDebugEnabled()) return;
    StringBuilder line =
        new StringBuilder("---> ").append(request.method()).append(' ').append(request.uri());
    request
        .headers()
        .map()
        .forEach(
            (name, values) ->
                line.append('\n')
                    .append(name)
                    .append(": ")
                    .append(transport.isSecretHeader(name) ? "****" : String.join(", ", values)));
    HTTP_LOG.debug(line.append("\n---> END HTTP").toString());
  }

  private <T> Decoded<T> decoded(HttpResponse<byte[]> response, Class<T> type) {
    if (transport.logsHttp() && HTTP_LOG.isDebugEnabled()) {
      HTTP_LOG.debug(
          "<--- HTTP "
              + response.statusCode()
              + " "
              + response.request().method()
              + " "
              + response.request().uri());
    }
    byte[] bytes = response.body() == null ? new byte[0] : response.body();
    if (response.statusCode() / 100 != 2) {
      throw new HttpFailureException(
          transport.failures().parse(response.statusCode(), response.headers().map(), bytes));
    }
    java.util.Map<String, String> unread = new java.util.LinkedHashMap<>();
    T value = type.cast(transport.decode(response.statusCode(), bytes, type, unread));
    return new Decoded<>(
        value,
        response.statusCode(),
        new String(bytes, java.nio.charset.StandardCharsets.UTF_8),
        unread,
        transport.failures());
  }

  /** A request builder with the read timeout and User-Agent every call carries. */
  public HttpRequest.Builder newRequest(java.net.URI uri, String userAgent) {
    return newRequest(uri, userAgent, java.time.Duration.ZERO);
  }

  /**
   * As {@link #newRequest(java.net.URI, String)}, for a request whose body takes time to send: the
   * JDK's timeout runs from the first byte sent, so it is the read timeout plus {@code
   * sendingAllowance}.
   */
  public HttpRequest.Builder newRequest(
      java.net.URI uri, String userAgent, java.time.Duration sendingAllowance) {
    return HttpRequest.newBuilder(uri)
        .timeout(transport.readTimeout().plus(sendingAllowance))
        .header("User-Agent", userAgent);
  }
}
