package dev.genjobs.benchmarks.overhead;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Creative API's two job endpoints answering fixed JSON from the JDK's HTTP server on
 * 127.0.0.1: no routing, no state, no JSON work, so both sides of the comparison wait on the same
 * cheap server (a create's answer carries a fresh job id). It can capture requests to show that
 * both sides send the same thing.
 */
final class FixedJsonServer implements AutoCloseable {

  private static final String JOB_ID_SLOT = "{jobId}";

  private static final String JOB =
      "{\"jobId\":\""
          + JOB_ID_SLOT
          + "\",\"model\":\"flux-pro\",\"status\":\"completed\","
          + "\"input\":{\"prompt\":\"a red fox in snow\",\"width\":1024,\"height\":1024},"
          + "\"webhook\":null,\"date\":1767225600000,"
          + "\"output\":{\"imageUrl\":[\"https://cdn.example/"
          + JOB_ID_SLOT
          + "/0.png\",\"https://cdn.example/"
          + JOB_ID_SLOT
          + "/1.png\"]}}";

  /** One request as the server saw it: method, path and query, headers, body. */
  record Captured(String requestLine, Map<String, String> headers, String body) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicLong creates = new AtomicLong();
  private final List<Captured> captured = new ArrayList<>();
  private int toCapture;

  private FixedJsonServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  static FixedJsonServer start(int threads) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "bench-server-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    FixedJsonServer s = new FixedJsonServer(server, executor);
    server.createContext("/generate", e -> s.answer(e, "POST", s.generated()));
    server.createContext("/get", e -> s.answer(e, "GET", job(e.getRequestURI().getRawQuery())));
    server.start();
    return s;
  }

  /**
   * A create's answer with a job id of its own, as a provider gives: with one fixed id the client's
   * job ledger refused every outcome after the first (a job id is recorded once) and logged an
   * error per call, which the measured "client" then included.
   */
  private byte[] generated() {
    String id = new UUID(0x0b3f6c1e8f0a4d5bL, creates.incrementAndGet()).toString();
    return ("{\"jobId\":\"" + id + "\",\"status\":\"created\"}").getBytes(StandardCharsets.UTF_8);
  }

  /** The finished job the GET asks for ({@code jobId=...}), echoing its id. */
  private static byte[] job(String query) {
    String id = "";
    for (String pair : query == null ? new String[0] : query.split("&")) {
      if (pair.startsWith("jobId=")) id = pair.substring("jobId=".length());
    }
    return JOB.replace(JOB_ID_SLOT, id).getBytes(StandardCharsets.UTF_8);
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The next {@code n} requests are kept for {@link #takeCaptured()}. */
  synchronized void captureNext(int n) {
    captured.clear();
    toCapture = n;
  }

  synchronized List<Captured> takeCaptured() {
    List<Captured> taken = List.copyOf(captured);
    captured.clear();
    return taken;
  }

  private synchronized void maybeCapture(HttpExchange exchange, byte[] request) {
    if (toCapture == 0) return;
    toCapture--;
    captured.add(
        new Captured(
            // Each create gets its own job id, so the GET that follows names a different one on
            // each side; the comparison is of everything else.
            exchange.getRequestMethod()
                + " "
                + exchange.getRequestURI().toString().replaceAll("jobId=[^&]*", "jobId={id}"),
            flatten(exchange.getRequestHeaders()),
            new String(request, StandardCharsets.UTF_8)));
  }

  private void answer(HttpExchange exchange, String method, byte[] body) throws IOException {
    try (exchange) {
      byte[] request;
      try (InputStream in = exchange.getRequestBody()) {
        request = in.readAllBytes();
      }
      maybeCapture(exchange, request);
      int status = 200;
      byte[] answer = body;
      if (!method.equals(exchange.getRequestMethod())) {
        status = 405;
        answer = new byte[0];
      } else if (!exchange.getRequestHeaders().containsKey("x-api-key")) {
        status = 401;
        answer = "{\"status\":\"error\",\"message\":\"Unauthorized\"}".getBytes();
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    }
  }

  private static Map<String, String> flatten(Headers headers) {
    Map<String, String> flat = new TreeMap<>();
    headers.forEach(
        (name, values) -> flat.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
    return flat;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
