package dev.genjobs.client.core;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
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
