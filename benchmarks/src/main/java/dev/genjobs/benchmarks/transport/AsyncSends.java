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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
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
 * How a poll's GET is sent without blocking its caller (issue 22): the JDK client's {@code
 * sendAsync}, as the library did up to e02b92f, against the library's blocking {@code send} on a
 * bounded pool of its own ({@link HttpTransport#sendAsync}), with 4 threads (the default {@code
 * pollThreads}) and 16. Each caller sends one GET, waits for its future, and sends the next, so
 * callers = requests in flight; the server is a loopback JDK server answering a fixed job JSON from
 * a pool of its own started beforehand. Reported per side and caller count: round trips per second,
 * p50/p99, and the threads started during the measured seconds (ThreadMXBean's total, so a thread
 * per answer shows even when it has ended). {@code -Dbench.only=sends}.
 *
 * <p>A fourth side measures a transport candidate (issue 22: answers on the library's own threads,
 * at most 8 while watching, no JVM-wide property): Apache HttpClient 5 classic, blocking {@code
 * execute} on the same pool of 4, a pooled connection manager, the library's connect, read and
 * whole-answer timeouts, idle connections closed by a task on the side's own timer (no evictor
 * thread). Every side's new live threads are listed by name (built before the side, counted after
 * its measured seconds), and the threads a watching client would have on that transport (the side's
 * threads other than its timer, plus the library's 2 {@code genjobs-watcher}) are judged against
 * the 8.
 */
public final class AsyncSends {

  private static final byte[] JOB =
      "{\"jobId\":\"j-1\",\"status\":\"processing\",\"output\":null}"
          .getBytes(StandardCharsets.UTF_8);

  private static final boolean HC5_FIRST = Boolean.getBoolean("bench.sends.hc5First");

  /**
   * Threads of the Jetty side's own executor (its selector leases one of them); 0: the send pool.
   */
  private static final int JETTY_THREADS = Integer.getInteger("bench.sends.jettyThreads", 2);

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
        // -Dbench.sends.hc5First=true measures the candidates (HC5, Jetty, OkHttp) first, so a run
        // in each order shows whether position (JIT state, the load rising during the run) favours
        // a side.
        List<Result> hc5 = List.of();
        List<Result> jetty = List.of();
        List<Result> ok = List.of();
        if (HC5_FIRST) {
          hc5 = measure("HC5 classic on pool of 4", callers, s, () -> hc5ClassicOnPool(4, uri));
          jetty = measure("Jetty on pool of 4", callers, s, () -> jettyOnPool(4, uri));
          ok = measure("OkHttp on pool of 4", callers, s, () -> okHttpOnPool(4, uri));
          results.addAll(hc5);
          results.addAll(jetty);
          results.addAll(ok);
        }
        results.addAll(measure("JDK sendAsync (e02b92f)", callers, s, () -> jdkSendAsync(uri)));
        List<Result> now =
            measure(
                "JDK send on pool of 4 (until 2026-12-05)", callers, s, () -> pooledSend(4, uri));
        results.addAll(now);
        double nowPerSecond = now.get(0).judged();
        results.addAll(measure("send on pool of 16", callers, s, () -> pooledSend(16, uri)));
        if (!HC5_FIRST) {
          hc5 = measure("HC5 classic on pool of 4", callers, s, () -> hc5ClassicOnPool(4, uri));
          results.addAll(hc5);
          jetty = measure("Jetty on pool of 4", callers, s, () -> jettyOnPool(4, uri));
          results.addAll(jetty);
          ok = measure("OkHttp on pool of 4", callers, s, () -> okHttpOnPool(4, uri));
          results.addAll(ok);
        }
        double hc5PerSecond = hc5.get(0).judged();
        List<Result> library =
            measure(
                "library transport (HC5) on pool of 4", callers, s, () -> libraryTransport(4, uri));
        results.addAll(library);
        results.add(
            ratio(
                callers,
                "library transport / plain HC5 classic",
                library.get(0).judged(),
                hc5PerSecond));
        results.add(ratio(callers, "HC5 classic / JDK send on pool", hc5PerSecond, nowPerSecond));
        results.add(
            ratio(callers, "Jetty / JDK send on pool", jetty.get(0).judged(), nowPerSecond));
        results.add(ratio(callers, "OkHttp / JDK send on pool", ok.get(0).judged(), nowPerSecond));
        results.add(ratio(callers, "Jetty / HC5 classic", jetty.get(0).judged(), hc5PerSecond));
        results.add(ratio(callers, "OkHttp / HC5 classic", ok.get(0).judged(), hc5PerSecond));
      }
    } finally {
      server.stop(0);
      serverPool.shutdownNow();
    }
    return results;
  }

  private static Result ratio(int callers, String what, double side, double baseline) {
    return Result.ratio(
        "sends/" + callers + " callers",
        "throughput " + what + " (all pool of 4)",
        String.format(Locale.ROOT, "%,.0f vs %,.0f round trips/s", side, baseline),
        side / baseline,
        null);
  }

  /**
   * A way to send the GET without blocking the caller (its future holds the status code, after the
   * whole body was read into a byte array), and to close what it built.
   */
  private interface Side {
    CompletableFuture<Integer> send();

    void close();

    /**
     * A thread the transport shares JVM-wide (so it may be alive from an earlier side), counted as
     * the side's whenever it is alive after the measured seconds.
     */
    default boolean jvmWide(Thread t) {
      return false;
    }
  }

  /**
   * The side's one timer thread, named like the library's watcher: deadlines and idle sweeps run on
   * it, and a cancelled task leaves its queue at once.
   */
  private static ScheduledThreadPoolExecutor watcherTimer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "genjobs-watcher"));
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /** Runs {@code call} on {@code pool}; the future completes there, with its result or failure. */
  private static CompletableFuture<Integer> onPool(
      ExecutorService pool, java.util.concurrent.Callable<Integer> call) {
    CompletableFuture<Integer> answer = new CompletableFuture<>();
    pool.execute(
        () -> {
          try {
            answer.complete(call.call());
          } catch (Throwable e) {
            answer.completeExceptionally(e);
          }
        });
    return answer;
  }

  private static HttpRequest jdkRequest(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build();
  }

  /** The JDK client as the library built it until it moved to HC5 classic. */
  private static HttpClient jdkClient(ExecutorService http) {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .executor(http)
        .build();
  }

  /** The 2 {@code genjobs-http} threads the library gave its JDK client's internal work. */
  private static ExecutorService jdkHttpExecutor() {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(
        2,
        r -> {
          Thread t = new Thread(r, "genjobs-http-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  private static Side jdkSendAsync(URI uri) {
    ExecutorService http = jdkHttpExecutor();
    HttpClient client = jdkClient(http);
    HttpRequest request = jdkRequest(uri);
    return new Side() {
      @Override
      public CompletableFuture<Integer> send() {
        // As RawHttp did: the whole answer bounded by orTimeout.
        return client
            .sendAsync(request, BodyHandlers.ofByteArray())
            .copy()
            .orTimeout(60, TimeUnit.SECONDS)
            .thenApply(HttpResponse::statusCode);
      }

      @Override
      public void close() {
        http.shutdown();
      }
    };
  }

  /**
   * The library's transport until 2026-12-05: the JDK client's blocking {@code send} on the send
   * pool, its whole-answer deadline scheduled on the timer (which would interrupt the sender).
   */
  private static Side pooledSend(int threads, URI uri) {
    ExecutorService http = jdkHttpExecutor();
    ExecutorService send = HttpTransport.newSendExecutor(threads);
    ScheduledThreadPoolExecutor timer = watcherTimer();
    HttpClient client = jdkClient(http);
    HttpRequest request = jdkRequest(uri);
    return new Side() {
      @Override
      public CompletableFuture<Integer> send() {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        send.execute(
            () -> {
              Thread runner = Thread.currentThread();
              var deadline = timer.schedule(runner::interrupt, 60, TimeUnit.SECONDS);
              try {
                result.complete(client.send(request, BodyHandlers.ofByteArray()).statusCode());
              } catch (Throwable t) {
                result.completeExceptionally(t);
              } finally {
                deadline.cancel(false);
                Thread.interrupted();
              }
            });
        return result;
      }

      @Override
      public void close() {
        send.shutdown();
        http.shutdown();
        timer.shutdownNow();
      }
    };
  }

  /**
   * The library's transport now ({@link HttpTransport#sendAsync}): HC5 classic as {@link
   * HttpTransport#newHttpClient} builds it, blocking on the send pool, the whole-answer deadline on
   * the timer. Against the plain HC5 side it shows what the library's own layer costs.
   */
  private static Side libraryTransport(int threads, URI uri) {
    ExecutorService send = HttpTransport.newSendExecutor(threads);
    ScheduledThreadPoolExecutor timer = watcherTimer();
    HttpTransport.OwnedClient owned =
        HttpTransport.newHttpClient(
            Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(30));
    HttpTransport transport =
        new HttpTransport(
            owned.client(),
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
    org.apache.hc.core5.http.ClassicHttpRequest request =
        org.apache.hc.core5.http.io.support.ClassicRequestBuilder.get(uri).build();
    return new Side() {
      @Override
      public CompletableFuture<Integer> send() {
        return transport.sendAsync(request).thenApply(HttpTransport.Answer::status);
      }

      @Override
      public void close() {
        send.shutdown();
        owned.client().close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
        timer.shutdownNow();
      }
    };
  }

  /**
   * Apache HttpClient 5 classic as the library would run it: blocking {@code execute} on the send
   * pool (the same {@link HttpTransport#newSendExecutor} threads), a pooled connection manager with
   * as many connections per route as sending threads, the library's connect (10 s) and read (10 s)
   * timeouts, keep-alive (HC5's default strategy), no automatic retries (the library has its own),
   * and the whole-answer deadline (60 s) as a {@code cancel()} scheduled on the timer, which closes
   * the exchange's connection. Idle connections are closed by {@code closeIdle}/{@code
   * closeExpired} every 5 s on the same timer: HC5 starts no thread of its own.
   */
  private static Side hc5ClassicOnPool(int threads, URI uri) {
    ExecutorService send = HttpTransport.newSendExecutor(threads);
    ScheduledThreadPoolExecutor timer = watcherTimer();
    PoolingHttpClientConnectionManager connections =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnPerRoute(threads)
            .setMaxConnTotal(threads)
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.ofSeconds(10))
                    .setSocketTimeout(Timeout.ofSeconds(10))
                    .build())
            .build();
    CloseableHttpClient client =
        HttpClients.custom()
            .setConnectionManager(connections)
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setConnectionRequestTimeout(Timeout.ofSeconds(10))
                    .setResponseTimeout(Timeout.ofSeconds(10))
                    .build())
            .disableAutomaticRetries()
            .build();
    timer.scheduleWithFixedDelay(
        () -> {
          connections.closeExpired();
          connections.closeIdle(TimeValue.ofSeconds(30));
        },
        5,
        5,
        TimeUnit.SECONDS);
    return new Side() {
      @Override
      public CompletableFuture<Integer> send() {
        CompletableFuture<Integer> answer = new CompletableFuture<>();
        send.execute(
            () -> {
              HttpGet get = new HttpGet(uri);
              var deadline =
                  timer.schedule(
                      () -> {
                        if (answer.completeExceptionally(new TimeoutException("whole answer"))) {
                          get.cancel();
                        }
                      },
                      60,
                      TimeUnit.SECONDS);
              try {
                answer.complete(
                    client.execute(
                        get,
                        response -> {
                          EntityUtils.toByteArray(response.getEntity());
                          return response.getCode();
                        }));
              } catch (Throwable e) {
                answer.completeExceptionally(e);
              } finally {
                deadline.cancel(false);
              }
            });
        return answer;
      }

      @Override
      public void close() {
        send.shutdown();
        timer.shutdownNow();
        connections.close();
      }
    };
  }

  /**
   * Eclipse Jetty's client 12 ({@link Jetty12}, its own class loader) the same way: blocking {@code
   * send()} on the send pool, as many connections per destination as sending threads, connect 10 s,
   * read 10 s (the request's idle timeout), the whole-answer deadline 60 s (the request's {@code
   * timeout}, on Jetty's scheduler, which here is the side's timer), no retries (Jetty has none),
   * and idle connections closed after 30 s by Jetty's per-client idle timeout. Jetty's own executor
   * ({@code jetty-client-N}) is a {@code QueuedThreadPool} of {@code -Dbench.sends.jettyThreads}
   * (default 2: the selector leases one, the other runs what the selector hands off); 0 gives Jetty
   * the send pool itself as its executor (its selector then holds one of the 4 sending threads).
   */
  private static Side jettyOnPool(int threads, URI uri) {
    ExecutorService send = HttpTransport.newSendExecutor(threads);
    ScheduledThreadPoolExecutor timer = watcherTimer();
    Jetty12 client;
    try {
      client =
          Jetty12.start(
              JETTY_THREADS == 0 ? send : null,
              JETTY_THREADS,
              threads,
              Duration.ofSeconds(10),
              Duration.ofSeconds(30),
              timer);
    } catch (Exception e) {
      send.shutdown();
      timer.shutdownNow();
      throw new IllegalStateException("Jetty client did not start", e);
    }
    return new Side() {
      @Override
      public CompletableFuture<Integer> send() {
        return onPool(send, () -> client.get(uri, Duration.ofSeconds(10), Duration.ofSeconds(60)));
      }

      @Override
      public void close() {
        send.shutdown();
        try {
          client.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        timer.shutdownNow();
      }
    };
  }

  /**
   * OkHttp 5 the same way: blocking {@code execute()} on the send pool, a {@code ConnectionPool}
   * keeping as many idle connections as sending threads for 30 s (per client), connect, read and
   * write 10 s, the whole-answer deadline 60 s as {@code callTimeout} (OkHttp's own: Okio's
   * watchdog thread cancels the call), {@code retryOnConnectionFailure(false)}. OkHttp's threads
   * (the connection pool's cleanup on its {@code TaskRunner}, Okio's watchdog) are its own; the
   * side's timer is idle.
   */
  private static Side okHttpOnPool(int threads, URI uri) {
    ExecutorService send = HttpTransport.newSendExecutor(threads);
    ScheduledThreadPoolExecutor timer = watcherTimer();
    OkHttpClient client =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofSeconds(10))
            .writeTimeout(Duration.ofSeconds(10))
            .callTimeout(Duration.ofSeconds(60))
            .retryOnConnectionFailure(false)
            .connectionPool(new ConnectionPool(threads, 30, TimeUnit.SECONDS))
            .build();
    Request request = new Request.Builder().url(uri.toString()).get().build();
    return new Side() {
      @Override
      public CompletableFuture<Integer> send() {
        return onPool(
            send,
            () -> {
              try (Response response = client.newCall(request).execute()) {
                response.body().bytes();
                return response.code();
              }
            });
      }

      @Override
      public void close() {
        send.shutdown();
        timer.shutdownNow();
        client.connectionPool().evictAll();
        client.dispatcher().executorService().shutdown();
      }

      @Override
      public boolean jvmWide(Thread t) {
        // TaskRunner.INSTANCE's threads (named after the task they run) and Okio's watchdog.
        return t.getName().startsWith("OkHttp ") || t.getName().equals("Okio Watchdog");
      }
    };
  }

  /** Live threads other than the benchmark's callers. */
  private static Set<Thread> liveThreads() {
    Set<Thread> live = new HashSet<>(Thread.getAllStackTraces().keySet());
    live.removeIf(t -> t.getName().startsWith("bench-caller-"));
    return live;
  }

  /** "genjobs-http-send-N ×4, HttpClient-N-SelectorManager ×1": names with digits as N. */
  private static Map<String, Integer> byName(Set<Thread> threads) {
    Map<String, Integer> names = new TreeMap<>();
    for (Thread t : threads) names.merge(t.getName().replaceAll("[0-9]+", "N"), 1, Integer::sum);
    return names;
  }

  private static List<Result> measure(String name, int callers, Settings s, Supplier<Side> build)
      throws Exception {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Set<Thread> before = liveThreads();
    Side side = build.get();
    try {
      segment(side, callers, s.overheadWarmupSeconds());
      long startedBefore = mx.getTotalStartedThreadCount();
      int liveBefore = mx.getThreadCount();
      mx.resetPeakThreadCount();
      long t0 = System.nanoTime();
      LongSamples latencies = segment(side, callers, s.overheadSeconds());
      double seconds = (System.nanoTime() - t0) / 1e9;
      Set<Thread> created = liveThreads();
      created.removeAll(before);
      for (Thread t : liveThreads()) if (side.jvmWide(t)) created.add(t);
      Map<String, Integer> names = byName(created);
      int watcherThreads = names.getOrDefault("genjobs-watcher", 0);
      // A watching client: the transport's threads, plus the library's 2 watcher threads (which
      // also run the deadlines and, for HC5, the idle close); the side's own timer stands for them.
      int watching = created.size() - watcherThreads + 2;
      // The segment starts its callers itself (bench-caller-N, the same on every side).
      long started = mx.getTotalStartedThreadCount() - startedBefore - callers;
      int peakAbove = mx.getPeakThreadCount() - liveBefore - callers;
      String detail =
          String.format(
              Locale.ROOT,
              "%,.0f round trips/s, p50 %.3f ms, p99 %.3f ms, threads started while measuring %d,"
                  + " peak live above the start %d, new live threads %d %s",
              latencies.size() / seconds,
              latencies.percentile(50) / 1e6,
              latencies.percentile(99) / 1e6,
              started,
              Math.max(0, peakAbove),
              created.size(),
              names);
      System.out.println("sends/" + callers + " callers, " + name + ": " + detail);
      String group = "sends/" + callers + " callers";
      return List.of(
          Result.absolute(
              group,
              name + ": round trips/s",
              String.format(
                  Locale.ROOT,
                  "p50 %.3f ms, p99 %.3f ms",
                  latencies.percentile(50) / 1e6,
                  latencies.percentile(99) / 1e6),
              latencies.size() / seconds,
              null),
          Result.absolute(
              group,
              name + ": threads started",
              detail,
              started,
              name.contains("e02b92f") ? null : Result.Target.exactly(0, "threads")),
          Result.absolute(
              group,
              name + ": threads of a watching client",
              names + " new live, less its timer, plus 2 genjobs-watcher",
              watching,
              // sendAsync starts a thread per answer (above), so its live count is no bound.
              name.contains("e02b92f") ? null : Result.Target.atMost(8, "threads")));
    } finally {
      side.close();
    }
  }

  /** {@code callers} threads each sending one GET at a time for {@code seconds}. */
  private static LongSamples segment(Side side, int callers, int seconds)
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
                  int status = side.send().join();
                  if (status != 200) throw new IllegalStateException("HTTP " + status);
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
