package dev.genjobs.benchmarks.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.genjobs.benchmarks.LongSamples;
import dev.genjobs.benchmarks.Result;
import dev.genjobs.benchmarks.Settings;
import dev.genjobs.client.core.HttpTransport;
import feign.Logger;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * How a poll's GET is sent without blocking its caller (issue 22): the JDK client's {@code
 * sendAsync}, as the library did up to e02b92f, against the library's blocking {@code send} on a
 * bounded pool of its own ({@link HttpTransport#sendAsync}), with 4 threads (the default {@code
 * pollThreads}) and 16. Each caller sends one GET, waits for its future, and sends the next, so
 * callers = requests in flight; the server is a loopback JDK server answering a fixed job JSON from
 * a pool of its own started beforehand. Reported per side and caller count: round trips per second,
 * p50/p99, and the threads started during the measured seconds (ThreadMXBean's total, so a thread
 * per answer shows even when it has ended). {@code -Dbench.only=sends}.
 */
public final class AsyncSends {

  private static final byte[] JOB =
      "{\"jobId\":\"j-1\",\"status\":\"processing\",\"output\":null}"
          .getBytes(StandardCharsets.UTF_8);

  private AsyncSends() {}

  public static List<Result> run(Settings s) throws Exception {
    // The JDK server writes headers and body as two segments; without nodelay the second waits
    // ~40 ms on the client's delayed ACK, which would be all that is measured (as in
    // FeignTransports). Read once, when the JDK server is first used in this JVM.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    ExecutorService serverPool =
        Executors.newFixedThreadPool(4, r -> new Thread(r, "bench-server"));
    for (int i = 0; i < 4; i++) serverPool.submit(() -> {});
    server.setExecutor(serverPool);
    server.createContext(
        "/get",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, JOB.length);
          exchange.getResponseBody().write(JOB);
          exchange.close();
        });
    server.start();
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/get?jobId=j-1");
    System.out.println("sends: common pool parallelism " + ForkJoinPool.getCommonPoolParallelism());
    List<Result> results = new ArrayList<>();
    try {
      for (int callers : s.callers()) {
        results.add(measure("JDK sendAsync (e02b92f)", callers, s, uri, jdkSendAsync()));
        results.add(measure("send on pool of 4 (now)", callers, s, uri, pooledSend(4)));
        results.add(measure("send on pool of 16", callers, s, uri, pooledSend(16)));
      }
    } finally {
      server.stop(0);
      serverPool.shutdownNow();
    }
    return results;
  }

  /** A way to send one GET without blocking the caller, and to close what it built. */
  private interface Side extends Function<HttpRequest, CompletableFuture<HttpResponse<byte[]>>> {
    void close();
  }

  private static Side jdkSendAsync() {
    ExecutorService http = HttpTransport.newHttpExecutor();
    HttpClient client = HttpTransport.newHttpClient(Duration.ofSeconds(10), http);
    return new Side() {
      @Override
      public CompletableFuture<HttpResponse<byte[]>> apply(HttpRequest r) {
        // As RawHttp did: the whole answer bounded by orTimeout.
        return client
            .sendAsync(r, BodyHandlers.ofByteArray())
            .copy()
            .orTimeout(60, TimeUnit.SECONDS);
      }

      @Override
      public void close() {
        http.shutdown();
      }
    };
  }

  private static Side pooledSend(int threads) {
    ExecutorService http = HttpTransport.newHttpExecutor();
    ExecutorService send = HttpTransport.newSendExecutor(threads);
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "genjobs-watcher"));
    timer.setRemoveOnCancelPolicy(true);
    HttpTransport transport =
        new HttpTransport(
            HttpTransport.newHttpClient(Duration.ofSeconds(10), http),
            new ObjectMapper(),
            8192,
            Clock.systemUTC(),
            Duration.ofSeconds(10),
            Duration.ofSeconds(60),
            Logger.Level.NONE,
            List.of(),
            List.of(),
            send,
            (task, delay) -> {
              var f = timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
              return () -> f.cancel(false);
            });
    return new Side() {
      @Override
      public CompletableFuture<HttpResponse<byte[]>> apply(HttpRequest r) {
        return transport.sendAsync(r, BodyHandlers.ofByteArray(), Duration.ofSeconds(60));
      }

      @Override
      public void close() {
        send.shutdown();
        http.shutdown();
        timer.shutdownNow();
      }
    };
  }

  private static Result measure(String name, int callers, Settings s, URI uri, Side side)
      throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    try {
      segment(side, request, callers, s.overheadWarmupSeconds());
      long startedBefore = mx.getTotalStartedThreadCount();
      int liveBefore = mx.getThreadCount();
      mx.resetPeakThreadCount();
      long t0 = System.nanoTime();
      LongSamples latencies = segment(side, request, callers, s.overheadSeconds());
      double seconds = (System.nanoTime() - t0) / 1e9;
      // The segment starts its callers itself (bench-caller-N, the same on every side).
      long started = mx.getTotalStartedThreadCount() - startedBefore - callers;
      int peakAbove = mx.getPeakThreadCount() - liveBefore - callers;
      String detail =
          String.format(
              Locale.ROOT,
              "%,.0f round trips/s, p50 %.3f ms, p99 %.3f ms, threads started while measuring %d,"
                  + " peak live above the start %d",
              latencies.size() / seconds,
              latencies.percentile(50) / 1e6,
              latencies.percentile(99) / 1e6,
              started,
              Math.max(0, peakAbove));
      System.out.println("sends/" + callers + " callers, " + name + ": " + detail);
      return Result.absolute(
          "sends/" + callers + " callers",
          name + ": threads started",
          detail,
          started,
          name.contains("e02b92f") ? null : Result.Target.exactly(0, "threads"));
    } finally {
      side.close();
    }
  }

  /** {@code callers} threads each sending one GET at a time for {@code seconds}. */
  private static LongSamples segment(Side side, HttpRequest request, int callers, int seconds)
      throws InterruptedException {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<LongSamples> each = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < callers; c++) {
      LongSamples mine = new LongSamples(100_000);
      each.add(mine);
      Thread t =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  long start = System.nanoTime();
                  HttpResponse<byte[]> r = side.apply(request).join();
                  if (r.statusCode() != 200)
                    throw new IllegalStateException("HTTP " + r.statusCode());
                  mine.add(System.nanoTime() - start);
                }
              },
              "bench-caller-" + c);
      threads.add(t);
    }
    for (Thread t : threads) t.start();
    for (Thread t : threads) t.join();
    LongSamples all = new LongSamples(100_000);
    each.forEach(all::addAll);
    return all;
  }
}
