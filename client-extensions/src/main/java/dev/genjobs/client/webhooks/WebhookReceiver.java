package dev.genjobs.client.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.genjobs.client.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * A minimal webhook endpoint on the JDK's built-in HTTP server, for applications without a web
 * framework: {@code POST <path>} bodies go to a {@link WebhookHandler}, told apart by their body;
 * {@code POST <path>/<provider id>} (e.g. {@code /hooks/replicate}, see {@link #url(Provider)}) are
 * verified as that provider signs them and matched only to its jobs. Bodies over 1 MiB are refused.
 */
public final class WebhookReceiver implements AutoCloseable {

  private static final int MAX_BODY_BYTES = 1 << 20;

  /** Response header naming the {@link WebhookResult.Outcome}, for logs and tests. */
  public static final String OUTCOME_HEADER = "Genjobs-Webhook-Outcome";

  private final HttpServer server;
  private final String path;

  private WebhookReceiver(HttpServer server, String path) {
    this.server = server;
    this.path = path;
  }

  /**
   * Starts listening on {@code address} (port 0 picks a free one) at {@code path}. Deliveries are
   * read on the handler's executor (the client's own small pool: no threads are added but the
   * server's one dispatcher) and answered when the confirming GET is back, without holding a thread
   * meanwhile.
   */
  public static WebhookReceiver start(
      WebhookHandler handler, InetSocketAddress address, String path) throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    server.setExecutor(handler.executor());
    server.createContext(path, exchange -> handle(handler, path, exchange));
    server.start();
    return new WebhookReceiver(server, path);
  }

  private static void handle(WebhookHandler handler, String path, HttpExchange exchange) {
    try {
      if (!"POST".equals(exchange.getRequestMethod())) {
        respondAndClose(exchange, 405, "METHOD_NOT_ALLOWED");
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY_BYTES + 1);
      }
      if (body.length > MAX_BODY_BYTES) {
        respondAndClose(exchange, 413, "TOO_LARGE");
        return;
      }
      String rest = exchange.getRequestURI().getPath().substring(path.length());
      Provider provider = null;
      if (!rest.isEmpty() && !rest.equals("/")) {
        String id = rest.startsWith("/") ? rest.substring(1) : rest;
        provider =
            handler.providers().stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
        if (provider == null) {
          respondAndClose(exchange, 404, "NO_SUCH_PROVIDER");
          return;
        }
      }
      handler
          .handleAsync(provider, exchange.getRequestURI(), body, exchange.getRequestHeaders())
          .whenComplete(
              (result, failure) -> {
                if (failure != null) respondAndClose(exchange, 500, "ERROR");
                else respondAndClose(exchange, result.httpStatus(), result.outcome().name());
              });
    } catch (IOException | RuntimeException e) {
      respondAndClose(exchange, 500, "ERROR");
    }
  }

  private static void respondAndClose(HttpExchange exchange, int status, String outcome) {
    try (exchange) {
      respond(exchange, status, outcome);
    } catch (IOException | RuntimeException e) {
      // The provider hung up; it will deliver again.
    }
  }

  // Status and headers only, no body: the JDK server writes a body in a second segment, which waits
  // ~40 ms on
  // the peer's delayed ACK; providers only read the status.
  private static void respond(HttpExchange exchange, int status, String outcome)
      throws IOException {
    exchange.getResponseHeaders().set(OUTCOME_HEADER, outcome);
    exchange.sendResponseHeaders(status, -1);
  }

  /** The URL to give providers as {@code webhook_url}, e.g. {@code http://127.0.0.1:8123/hooks}. */
  public URI url() {
    InetSocketAddress a = server.getAddress();
    return URI.create("http://" + a.getHostString() + ":" + a.getPort() + path);
  }

  /** The URL to give {@code provider} as its webhook URL: {@link #url()} + {@code /<id>}. */
  public URI url(Provider provider) {
    return URI.create(url() + "/" + provider.id());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
