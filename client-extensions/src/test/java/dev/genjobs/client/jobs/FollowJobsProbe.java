package dev.genjobs.client.jobs;

import com.sun.net.httpserver.HttpServer;
import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run by {@link OwnThreadsTest} in a JVM of its own: follows {@link #JOBS} Creative API jobs to
 * their end on a loopback stand-in and prints which threads the client started meanwhile. The
 * stand-in (the JDK server with a pool of its own, all started before counting) answers each job
 * "processing" to its first GET and "completed" to the next.
 */
public final class FollowJobsProbe {

  static final int JOBS = 1_000;

  public static void main(String[] args) throws Exception {
    Map<String, AtomicInteger> gets = new ConcurrentHashMap<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    ThreadPoolExecutor serverPool =
        new ThreadPoolExecutor(
            4, 4, 1, TimeUnit.HOURS, new LinkedBlockingQueue<>(), r -> new Thread(r, "stand-in"));
    serverPool.prestartAllCoreThreads();
    server.setExecutor(serverPool);
    server.createContext(
        "/get",
        exchange -> {
          String jobId = exchange.getRequestURI().getQuery().substring("jobId=".length());
          int n = gets.computeIfAbsent(jobId, k -> new AtomicInteger()).incrementAndGet();
          byte[] body =
              ("{\"jobId\":\""
                      + jobId
                      + "\",\"status\":\""
                      + (n == 1 ? "processing" : "completed")
                      + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Set<Long> before = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) before.add(t.getId());
    long startedBefore = threads.getTotalStartedThreadCount();

    int succeeded = 0;
    try (GenJobsClient client =
        GenJobsClient.create(
            ClientOptions.builder()
                .baseUrlForAll(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .creativeApiKey("probe-key")
                .pollPolicy(
                    PollPolicy.builder()
                        .initialInterval(Duration.ofMillis(10))
                        .multiplier(1.5)
                        .maxInterval(Duration.ofMillis(50))
                        .build())
                .build())) {
      List<CompletableFuture<JobSnapshot>> waits = new ArrayList<>(JOBS);
      for (int i = 0; i < JOBS; i++) {
        waits.add(client.creative().job("job-" + i).awaitAsync(Duration.ofMinutes(2)));
      }
      for (CompletableFuture<JobSnapshot> w : waits) {
        if (w.join().status() == JobStatus.SUCCEEDED) succeeded++;
      }
      long started = threads.getTotalStartedThreadCount() - startedBefore;
      List<String> created = new ArrayList<>();
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (!before.contains(t.getId())) created.add(t.getName());
      }
      System.out.println("parallelism=" + ForkJoinPool.getCommonPoolParallelism());
      System.out.println("succeeded=" + succeeded);
      System.out.println("gets=" + gets.values().stream().mapToInt(AtomicInteger::get).sum());
      System.out.println("started=" + started);
      System.out.println("alive=" + String.join(",", created));
    } finally {
      server.stop(0);
      serverPool.shutdownNow();
    }
  }

  private FollowJobsProbe() {}

  static final Provider PROVIDER = Provider.CREATIVE_API;
}
