package dev.genjobs.benchmarks.transport;

import dev.genjobs.benchmarks.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Two facts Apache HttpClient 5 classic must show before it can carry the library's sends (issue
 * 22), each against a loopback server written on a plain socket so the server sees exactly what the
 * client does to the connection. {@code -Dbench.only=hc5checks}.
 *
 * <ol>
 *   <li>Idle retirement per client: a pooled keep-alive connection idle longer than 2 s is closed
 *       by {@code closeIdle} called every 250 ms from our own scheduler, with no system property
 *       and no HC5 thread; one idle for less is kept. The server records when it reads EOF.
 *   <li>A whole-answer deadline: the server sends the status line and headers (Content-Length
 *       1,000), 10 bytes of body, then stalls with the socket open. The socket timeout is 60 s, so
 *       only our deadline can end the wait: {@code HttpGet.cancel()} from the scheduler after 1 s.
 *       Measured: how long the sending thread stays blocked, what it throws, whether it is left
 *       interrupted, and whether the pool is usable afterwards.
 * </ol>
 */
public final class Hc5Checks {

  private static final byte[] OK =
      ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
          .getBytes(StandardCharsets.US_ASCII);

  private Hc5Checks() {}

  public static List<Result> run() throws Exception {
    List<Result> results = new ArrayList<>();
    results.addAll(idleClose());
    results.addAll(stalledBody());
    return results;
  }

  private static PoolingHttpClientConnectionManager connections(int socketTimeoutSeconds) {
    return PoolingHttpClientConnectionManagerBuilder.create()
        .setMaxConnPerRoute(4)
        .setMaxConnTotal(4)
        .setDefaultConnectionConfig(
            ConnectionConfig.custom()
                .setConnectTimeout(Timeout.ofSeconds(10))
                .setSocketTimeout(Timeout.ofSeconds(socketTimeoutSeconds))
                .build())
        .build();
  }

  private static CloseableHttpClient client(PoolingHttpClientConnectionManager connections) {
    return HttpClients.custom()
        .setConnectionManager(connections)
        .setDefaultRequestConfig(
            RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(60)).build())
        .disableAutomaticRetries()
        .build();
  }

  private static Set<String> liveThreadNames() {
    Set<String> names = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) names.add(t.getName() + "#" + t.getId());
    return names;
  }

  /** Reads one request's head (up to the blank line); false at EOF. */
  private static boolean readRequestHead(InputStream in) throws IOException {
    int matched = 0;
    int b;
    while ((b = in.read()) != -1) {
      matched =
          (b == '\r' && (matched == 0 || matched == 2))
              ? matched + 1
              : (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
      if (matched == 4) return true;
    }
    return false;
  }

  private static List<Result> idleClose() throws Exception {
    String propertyBefore = System.getProperty("jdk.httpclient.keepalive.timeout");
    AtomicLong lastAnswerNanos = new AtomicLong();
    AtomicLong closedNanos = new AtomicLong();
    CountDownLatch closed = new CountDownLatch(1);
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread serverThread =
          new Thread(
              () -> {
                try (Socket s = server.accept()) {
                  InputStream in = s.getInputStream();
                  OutputStream out = s.getOutputStream();
                  while (readRequestHead(in)) {
                    out.write(OK);
                    out.flush();
                    lastAnswerNanos.set(System.nanoTime());
                  }
                  closedNanos.set(System.nanoTime());
                  closed.countDown();
                } catch (IOException e) {
                  closedNanos.set(System.nanoTime());
                  closed.countDown();
                }
              },
              "bench-check-server");
      serverThread.setDaemon(true);
      serverThread.start();
      URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/idle");

      Set<String> before = liveThreadNames();
      ScheduledThreadPoolExecutor timer =
          new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "genjobs-watcher"));
      PoolingHttpClientConnectionManager connections = connections(10);
      try (CloseableHttpClient client = client(connections)) {
        timer.scheduleWithFixedDelay(
            () -> {
              connections.closeExpired();
              connections.closeIdle(TimeValue.ofSeconds(2));
            },
            250,
            250,
            TimeUnit.MILLISECONDS);
        for (int i = 0; i < 2; i++) {
          client.execute(new HttpGet(uri), r -> EntityUtils.toByteArray(r.getEntity()));
        }
        int pooledAfterAnswers = connections.getTotalStats().getAvailable();
        boolean closedEarly = closed.await(1, TimeUnit.SECONDS);
        int pooledAt1s = connections.getTotalStats().getAvailable();
        boolean closedInTime = closed.await(5, TimeUnit.SECONDS);
        int pooledAfter = connections.getTotalStats().getAvailable();
        Set<String> created = liveThreadNames();
        created.removeAll(before);
        double idleSeconds = (closedNanos.get() - lastAnswerNanos.get()) / 1e9;
        String propertyAfter = System.getProperty("jdk.httpclient.keepalive.timeout");
        String detail =
            String.format(
                Locale.ROOT,
                "2 GETs on one connection; pooled idle connections: %d after the answers, %d at 1 s"
                    + " (server saw EOF by then: %s), %d after; server saw EOF %.2f s after its last"
                    + " answer (closeIdle(2 s) every 250 ms); new threads %s;"
                    + " jdk.httpclient.keepalive.timeout %s before, %s after",
                pooledAfterAnswers,
                pooledAt1s,
                closedEarly,
                pooledAfter,
                idleSeconds,
                created,
                propertyBefore,
                propertyAfter);
        System.out.println("hc5checks/idle close: " + detail);
        boolean ok =
            closedInTime
                && !closedEarly
                && pooledAfterAnswers == 1
                && pooledAfter == 0
                && idleSeconds >= 2.0
                && idleSeconds < 3.0;
        return List.of(
            Result.absolute(
                "hc5checks/idle close",
                "idle connection closed by our closeIdle after 2-3 s, not before",
                detail,
                ok ? 1 : 0,
                Result.Target.exactly(1, "yes")),
            Result.absolute(
                "hc5checks/idle close",
                "threads HC5 started (timer is ours)",
                String.valueOf(created),
                created.stream().filter(n -> !n.startsWith("genjobs-watcher#")).count(),
                Result.Target.exactly(0, "threads")));
      } finally {
        timer.shutdownNow();
      }
    }
  }

  private static List<Result> stalledBody() throws Exception {
    AtomicLong serverSawClose = new AtomicLong();
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread serverThread =
          new Thread(
              () -> {
                // First connection: headers, 10 of 1,000 body bytes, then stall until released.
                // Later connections: a normal answer (to show the pool is usable after a cancel).
                boolean first = true;
                while (!server.isClosed()) {
                  try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    if (first) {
                      first = false;
                      readRequestHead(in);
                      out.write(
                          ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                                  + "Content-Length: 1000\r\n\r\n0123456789")
                              .getBytes(StandardCharsets.US_ASCII));
                      out.flush();
                      // Stalled: nothing more is written. The client's cancel closes its socket,
                      // which ends this read with EOF (or a reset).
                      try {
                        int b = in.read();
                        if (b == -1) serverSawClose.set(System.nanoTime());
                      } catch (IOException e) {
                        serverSawClose.set(System.nanoTime());
                      }
                    } else {
                      while (readRequestHead(in)) {
                        out.write(OK);
                        out.flush();
                      }
                    }
                  } catch (IOException e) {
                    return;
                  }
                }
              },
              "bench-check-server");
      serverThread.setDaemon(true);
      serverThread.start();
      URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/stall");

      ScheduledThreadPoolExecutor timer =
          new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "genjobs-watcher"));
      // A 60 s socket timeout: only the deadline can end the wait within this check.
      PoolingHttpClientConnectionManager connections = connections(60);
      try (CloseableHttpClient client = client(connections)) {
        HttpGet get = new HttpGet(uri);
        AtomicLong headersNanos = new AtomicLong();
        AtomicLong cancelNanos = new AtomicLong();
        timer.schedule(
            () -> {
              cancelNanos.set(System.nanoTime());
              get.cancel();
            },
            1,
            TimeUnit.SECONDS);
        long t0 = System.nanoTime();
        String outcome;
        try {
          client.execute(
              get,
              response -> {
                headersNanos.set(System.nanoTime());
                return EntityUtils.toByteArray(response.getEntity());
              });
          outcome = "returned normally (not expected)";
        } catch (Exception e) {
          outcome = e.getClass().getName() + ": " + e.getMessage();
        }
        long unblocked = System.nanoTime();
        boolean interrupted = Thread.interrupted();
        int leasedAfter = connections.getTotalStats().getLeased();
        int availableAfter = connections.getTotalStats().getAvailable();
        String next;
        long nextStart = System.nanoTime();
        try {
          next =
              client.execute(
                  new HttpGet(uri),
                  r -> r.getCode() + " " + new String(EntityUtils.toByteArray(r.getEntity())));
        } catch (Exception e) {
          next = e.getClass().getName() + ": " + e.getMessage();
        }
        next += String.format(Locale.ROOT, " in %.1f ms", (System.nanoTime() - nextStart) / 1e6);
        double blockedAfterCancelMs = (unblocked - cancelNanos.get()) / 1e6;
        String detail =
            String.format(
                Locale.ROOT,
                "headers at %.0f ms, cancel() at %.0f ms, execute unblocked %.1f ms after the"
                    + " cancel with %s; server read EOF/reset %.1f ms after the cancel; caller"
                    + " interrupted afterwards: %s; pool leased %d, available %d after; next GET"
                    + " on the same client: %s",
                (headersNanos.get() - t0) / 1e6,
                (cancelNanos.get() - t0) / 1e6,
                blockedAfterCancelMs,
                outcome,
                serverSawClose.get() == 0
                    ? Double.NaN
                    : (serverSawClose.get() - cancelNanos.get()) / 1e6,
                interrupted,
                leasedAfter,
                availableAfter,
                next);
        System.out.println("hc5checks/stalled body: " + detail);
        boolean ok =
            headersNanos.get() != 0
                && cancelNanos.get() != 0
                && blockedAfterCancelMs < 1_000
                && !interrupted
                && leasedAfter == 0
                && next.startsWith("200");
        return List.of(
            Result.absolute(
                "hc5checks/stalled body",
                "cancel() from the scheduler unblocks a body read; pool usable after",
                detail,
                ok ? 1 : 0,
                Result.Target.exactly(1, "yes")),
            Result.absolute(
                "hc5checks/stalled body",
                "sending thread blocked after cancel() (ms)",
                outcome,
                blockedAfterCancelMs,
                null));
      } finally {
        timer.shutdownNow();
      }
    }
  }
}
