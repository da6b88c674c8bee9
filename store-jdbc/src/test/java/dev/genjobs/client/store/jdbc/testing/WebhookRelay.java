package dev.genjobs.client.store.jdbc.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stable webhook URL in front of a service's instances, like a load balancer with a delivery
 * queue: it accepts each delivery at once, then hands it to a random live instance, trying again
 * (every 100 ms, for up to a minute) while none is up or one refuses it, as providers retry.
 */
public final class WebhookRelay implements AutoCloseable {

  /** One instance's way to take a delivery; returns the HTTP status it answered. */
  @FunctionalInterface
  public interface Target {
    int deliver(URI requestUri, byte[] body, Map<String, List<String>> headers) throws Exception;
  }

  private final HttpServer server;
  private final List<Target> targets = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService retries = Executors.newScheduledThreadPool(2);
  public final AtomicInteger delivered = new AtomicInteger();
  public final AtomicInteger abandoned = new AtomicInteger();

  public WebhookRelay() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hooks",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          URI uri = exchange.getRequestURI();
          Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
          exchange.sendResponseHeaders(202, -1);
          exchange.close();
          relay(uri, body, headers, 0);
        });
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks");
  }

  public void add(Target t) {
    targets.add(t);
  }

  public void remove(Target t) {
    targets.remove(t);
  }

  public void clear() {
    targets.clear();
  }

  private void relay(URI uri, byte[] body, Map<String, List<String>> headers, int attempt) {
    int status = -1;
    List<Target> live = List.copyOf(targets);
    if (!live.isEmpty()) {
      Target t = live.get(ThreadLocalRandom.current().nextInt(live.size()));
      try {
        status = t.deliver(uri, body, headers);
      } catch (Exception e) {
        status = -1;
      }
    }
    if (status >= 200 && status < 300) {
      delivered.incrementAndGet();
    } else if (attempt < 600 && !retries.isShutdown()) {
      retries.schedule(() -> relay(uri, body, headers, attempt + 1), 100, TimeUnit.MILLISECONDS);
    } else {
      abandoned.incrementAndGet();
    }
  }

  @Override
  public void close() {
    retries.shutdownNow();
    server.stop(0);
  }
}
