package dev.genjobs.benchmarks.provider;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.genjobs.benchmarks.LongSamples;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A provider that is not the bottleneck: the Creative API's two job endpoints on 127.0.0.1, run in
 * a JVM of its own ({@link ProviderProcess}) so it takes no thread or heap from the client it
 * serves. No routing, no JSON parsing, no job table: a job's id carries its creation time and
 * number ({@code new UUID(createdAtMillis, number)}), and its status follows the clock from that
 * time ({@code created}, {@code pending}, {@code processing} for one step each, then {@code
 * completed}).
 *
 * <p>It measures itself: each answer's service time (the handler, from the request read to the
 * answer written), requests per second, and GETs per job, reported since the last {@code
 * /bench/phase} at {@code /bench/stats} as properties. With those the benchmarks tell what is due
 * to the server from what is due to the client.
 *
 * <p>Arguments: {@code stepMillis maxJobs threads}. Prints {@code port N} when it listens and exits
 * when its standard input closes (the parent ended).
 */
public final class ClockedJobServer {

  static final List<String> RUNNING = List.of("created", "pending", "processing");

  /** Steps a job runs before it completes: it completes {@code stepMillis} times this after. */
  public static final int RUNNING_STATUSES = RUNNING.size();

  private static final int SECONDS_KEPT = 7_200;

  private final long stepMillis;
  private final int maxJobs;
  private final AtomicLong jobNumbers = new AtomicLong();
  private final AtomicIntegerArray getsPerJob;

  // The current phase; replaced as a whole by /bench/phase.
  private volatile Phase phase;

  private static final class Phase {
    final long startedAtMillis = System.currentTimeMillis();
    final long firstJob;
    final AtomicLong posts = new AtomicLong();
    final AtomicLong gets = new AtomicLong();
    final AtomicLong notFound = new AtomicLong();
    final AtomicLongArray perSecond = new AtomicLongArray(SECONDS_KEPT);
    final LongSamples serviceNanos = new LongSamples(1 << 16);

    Phase(long firstJob) {
      this.firstJob = firstJob;
    }
  }

  private ClockedJobServer(long stepMillis, int maxJobs) {
    this.stepMillis = stepMillis;
    this.maxJobs = maxJobs;
    this.getsPerJob = new AtomicIntegerArray(maxJobs + 1);
    this.phase = new Phase(1);
  }

  public static void main(String[] args) throws Exception {
    long stepMillis = Long.parseLong(args[0]);
    int maxJobs = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    ClockedJobServer s = new ClockedJobServer(stepMillis, maxJobs);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "provider-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/generate", s::generate);
    server.createContext("/get", s::get);
    server.createContext("/bench/phase", s::newPhase);
    server.createContext("/bench/stats", s::stats);
    server.start();
    System.out.println("port " + server.getAddress().getPort());
    System.out.flush();
    // The parent holds our standard input: when it ends, so do we.
    InputStream in = System.in;
    while (in.read() >= 0) {
      // nothing is sent; wait for the end of the stream
    }
    server.stop(0);
    executor.shutdownNow();
  }

  /** When the job with this id was created, by this server's clock (the machine's). */
  public static long createdAtMillis(String jobId) {
    return UUID.fromString(jobId).getMostSignificantBits();
  }

  private void generate(HttpExchange e) throws IOException {
    long start = System.nanoTime();
    Phase p = phase;
    drain(e);
    long number = jobNumbers.incrementAndGet();
    String id = new UUID(System.currentTimeMillis(), number).toString();
    p.posts.incrementAndGet();
    answer(e, 200, "{\"jobId\":\"" + id + "\",\"status\":\"created\"}");
    done(p, start);
  }

  private void get(HttpExchange e) throws IOException {
    long start = System.nanoTime();
    Phase p = phase;
    drain(e);
    p.gets.incrementAndGet();
    String query = e.getRequestURI().getRawQuery();
    String id = null;
    for (String pair : query == null ? new String[0] : query.split("&")) {
      if (pair.startsWith("jobId=")) id = pair.substring("jobId=".length());
    }
    UUID job;
    try {
      job = UUID.fromString(id);
    } catch (RuntimeException notOurs) {
      p.notFound.incrementAndGet();
      answer(e, 404, "{\"status\":\"error\",\"message\":\"Job not found\"}");
      done(p, start);
      return;
    }
    long createdAt = job.getMostSignificantBits();
    long number = job.getLeastSignificantBits();
    if (number > 0 && number <= maxJobs) getsPerJob.incrementAndGet((int) number);
    long step = (System.currentTimeMillis() - createdAt) / stepMillis;
    String status = step < RUNNING.size() ? RUNNING.get((int) Math.max(0, step)) : "completed";
    String output =
        status.equals("completed")
            ? "{\"imageUrl\":[\"https://cdn.example/" + id + "/0.png\"]}"
            : "null";
    answer(
        e,
        200,
        "{\"jobId\":\""
            + id
            + "\",\"model\":\"flux-pro\",\"status\":\""
            + status
            + "\",\"input\":{\"prompt\":\"a red fox in snow\"},\"webhook\":null,\"date\":"
            + createdAt
            + ",\"output\":"
            + output
            + "}");
    done(p, start);
  }

  private static void drain(HttpExchange e) throws IOException {
    try (InputStream in = e.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
    }
  }

  private static void answer(HttpExchange e, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    e.getResponseHeaders().set("Content-Type", "application/json");
    e.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = e.getResponseBody()) {
      out.write(bytes);
    }
    e.close();
  }

  private static void done(Phase p, long startNanos) {
    long took = System.nanoTime() - startNanos;
    int second = (int) ((System.currentTimeMillis() - p.startedAtMillis) / 1000);
    if (second >= 0 && second < SECONDS_KEPT) p.perSecond.incrementAndGet(second);
    synchronized (p.serviceNanos) {
      p.serviceNanos.add(took);
    }
  }

  /** Starts counting afresh; jobs created from now on are this phase's. */
  private void newPhase(HttpExchange e) throws IOException {
    drain(e);
    phase = new Phase(jobNumbers.get() + 1);
    answer(e, 200, "{}");
  }

  private void stats(HttpExchange e) throws IOException {
    drain(e);
    Phase p = phase;
    long now = System.currentTimeMillis();
    Properties out = new Properties();
    out.setProperty("posts", String.valueOf(p.posts.get()));
    out.setProperty("gets", String.valueOf(p.gets.get()));
    out.setProperty("notFound", String.valueOf(p.notFound.get()));
    out.setProperty("seconds", String.valueOf((now - p.startedAtMillis) / 1000.0));
    long peak = 0;
    int busySeconds = 0;
    long inBusySeconds = 0;
    for (int i = 0; i < SECONDS_KEPT; i++) {
      long c = p.perSecond.get(i);
      peak = Math.max(peak, c);
      if (c > 0) {
        busySeconds++;
        inBusySeconds += c;
      }
    }
    out.setProperty("peakPerSecond", String.valueOf(peak));
    out.setProperty(
        "meanPerBusySecond", String.valueOf(busySeconds == 0 ? 0 : inBusySeconds / busySeconds));
    synchronized (p.serviceNanos) {
      out.setProperty("serviceP50Nanos", String.valueOf(p.serviceNanos.percentile(50)));
      out.setProperty("serviceP99Nanos", String.valueOf(p.serviceNanos.percentile(99)));
      out.setProperty("serviceMaxNanos", String.valueOf(p.serviceNanos.percentile(100)));
      out.setProperty("serviceSumNanos", String.valueOf(p.serviceNanos.sum()));
    }
    // GETs per job, for the jobs created in this phase: how many jobs got k GETs.
    long last = Math.min(jobNumbers.get(), maxJobs);
    TreeMap<Integer, Integer> histogram = new TreeMap<>();
    long phaseJobGets = 0;
    for (long j = p.firstJob; j <= last; j++) {
      int g = getsPerJob.get((int) j);
      histogram.merge(g, 1, Integer::sum);
      phaseJobGets += g;
    }
    // GETs for this phase's jobs, whenever sent; the rest of "gets" went to older jobs.
    out.setProperty("phaseJobGets", String.valueOf(phaseJobGets));
    out.setProperty("jobs", String.valueOf(Math.max(0, last - p.firstJob + 1)));
    out.setProperty("getsPerJob", histogram.toString());
    out.setProperty("maxGetsPerJob", String.valueOf(histogram.isEmpty() ? 0 : histogram.lastKey()));
    StringWriter w = new StringWriter();
    out.store(w, null);
    answer(e, 200, w.toString());
  }
}
