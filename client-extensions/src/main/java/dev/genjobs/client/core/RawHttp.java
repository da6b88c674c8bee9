package dev.genjobs.client.core;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;

/**
 * Calls provider clients write by hand (job reads that keep the raw answer, multipart uploads
 * streamed from disk, downloads to disk, creates with their own timeouts) on the shared {@link
 * HttpTransport}. Error responses are read like Feign's, so callers see the same exceptions; run
 * calls through {@link CallExecutor} for the same retry rules.
 */
public final class RawHttp {

  private static final org.slf4j.Logger HTTP_LOG =
      org.slf4j.LoggerFactory.getLogger("dev.genjobs.client.http");

  private final HttpTransport transport;

  public RawHttp(HttpTransport transport) {
    this.transport = transport;
  }

  /** A GET of {@code uri} with the User-Agent every call carries. */
  public ClassicRequestBuilder get(URI uri, String userAgent) {
    return ClassicRequestBuilder.get(uri).addHeader("User-Agent", userAgent);
  }

  /** A POST to {@code uri} with the User-Agent every call carries. */
  public ClassicRequestBuilder post(URI uri, String userAgent) {
    return ClassicRequestBuilder.post(uri).addHeader("User-Agent", userAgent);
  }

  /**
   * Sends one request and decodes its 2xx JSON body like the Feign path does; the answer may take
   * {@code allowance} longer than the read timeout (an upload's body, a provider asked to hold its
   * answer; zero for neither).
   */
  public <T> T sendJson(ClassicHttpRequest request, Class<T> type, Duration allowance)
      throws IOException {
    logRequest(request);
    return decoded(request, transport.send(request, allowance), type).value();
  }

  /** As {@link #sendJsonAsync}, blocking: for calls run under {@link CallExecutor#execute}. */
  public <T> Decoded<T> sendJsonDecoded(ClassicHttpRequest request, Class<T> type)
      throws IOException {
    logRequest(request);
    return decoded(request, transport.send(request, Duration.ZERO), type);
  }

  /**
   * Sends one request without blocking the caller and decodes its 2xx JSON body like the Feign path
   * does, keeping the raw text. The send, the decoding and whatever the caller chains without an
   * executor run on the transport's send pool (see {@link HttpTransport#sendAsync}), never on the
   * common pool. The future fails with the internal failures {@link CallExecutor#failureOf} maps;
   * nothing is retried here.
   */
  public <T> CompletableFuture<Decoded<T>> sendJsonAsync(
      ClassicHttpRequest request, Class<T> type) {
    logRequest(request);
    return transport.sendAsync(request).thenApply(answer -> decoded(request, answer, type));
  }

  /**
   * Streams a 2xx body into {@code target} (created or replaced) as it arrives; nothing is held in
   * memory. A failed or interrupted download leaves no partial file behind.
   */
  public Path download(ClassicHttpRequest request, Path target) throws IOException {
    logRequest(request);
    Path partial = target.resolveSibling(target.getFileName() + ".part");
    try {
      transport.stream(
          request,
          response -> {
            try (InputStream in =
                response.getEntity() == null
                    ? InputStream.nullInputStream()
                    : response.getEntity().getContent()) {
              Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            return partial;
          });
      return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  // The same lines Feign's log writes at HEADERS level, credentials redacted.
  private void logRequest(ClassicHttpRequest request) {
    if (!transport.logsHttp() || !HTTP_LOG.isDebugEnabled()) return;
    StringBuilder line =
        new StringBuilder("---> ").append(request.getMethod()).append(' ').append(uriOf(request));
    for (Header h : request.getHeaders()) {
      line.append('\n')
          .append(h.getName())
          .append(": ")
          .append(transport.isSecretHeader(h.getName()) ? "****" : h.getValue());
    }
    HTTP_LOG.debug(line.append("\n---> END HTTP").toString());
  }

  private static Object uriOf(ClassicHttpRequest request) {
    try {
      return request.getUri();
    } catch (java.net.URISyntaxException e) {
      return request.getRequestUri();
    }
  }

  private <T> Decoded<T> decoded(
      ClassicHttpRequest request, HttpTransport.Answer answer, Class<T> type) {
    if (transport.logsHttp() && HTTP_LOG.isDebugEnabled()) {
      HTTP_LOG.debug(
          "<--- HTTP " + answer.status() + " " + request.getMethod() + " " + uriOf(request));
    }
    if (!answer.successful()) {
      throw new HttpFailureException(
          transport.failures().parse(answer.status(), answer.headers(), answer.body()));
    }
    Map<String, String> unread = new LinkedHashMap<>();
    T value = type.cast(transport.decode(answer.status(), answer.body(), type, unread));
    return new Decoded<>(
        value,
        answer.status(),
        new String(answer.body(), StandardCharsets.UTF_8),
        unread,
        transport.failures());
  }
}
