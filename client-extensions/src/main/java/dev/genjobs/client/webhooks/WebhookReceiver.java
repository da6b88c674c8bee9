package dev.genjobs.client.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal webhook endpoint on the JDK's built-in HTTP server, for applications without a web
 * framework: {@code POST <path>} bodies go to a {@link WebhookHandler}. Bodies over 1 MiB are
 * refused.
 */
public final class WebhookReceiver implements AutoCloseable {

  private static final int MAX_BODY_BYTES = 1 << 20;

  /** Response header naming the {@link WebhookResult.Outcome}, for logs and tests. */
  public static final String OUTCOME_HEADER = "Genjobs-Webhook-Outcome";

  private final HttpServer server;
  private final ExecutorService executor;
  private final String path;

  private WebhookReceiver(HttpServer server, ExecutorService executor, String path) {
    this.server = server;
    this.executor = executor;
    this.path = path;
  }

  /** Starts listening on {@code address} (port 0 picks a free one) at {@code path}. */
  public static WebhookReceiver start(
      WebhookHandler handler, InetSocketAddress address, String path) throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "genjobs-webhooks");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext(path, exchange -> handle(handler, exchange));
    server.start();
    return new WebhookReceiver(server, executor, path);
  }

  private static void handle(WebhookHandler handler, HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, "METHOD_NOT_ALLOWED");
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY_BYTES + 1);
      }
      if (body.length > MAX_BODY_BYTES) {
        respond(exchange, 413, "TOO_LARGE");
        return;
      }
      WebhookResult result =
          handler.handle(exchange.getRequestURI(), body, exchange.getRequestHeaders());
      respond(exchange, result.httpStatus(), result.outcome().name());
    } catch (RuntimeException e) {
      respond(exchange, 500, "ERROR");
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

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
