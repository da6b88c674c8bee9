package dev.genjobs.benchmarks.overhead;

import dev.genjobs.benchmarks.Fork;
import dev.genjobs.benchmarks.LongSamples;
import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.core.ClientContext;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Child JVM of {@link ClientOverhead}: create + get round trips through {@code GenJobsClient} and
 * through {@link RawCreativeCalls}, against one {@link FixedJsonServer}, for each caller count.
 * Each side is warmed up, then measured in {@link #PAIRS} pairs of short time-bounded segments
 * (raw/client, then client/raw, ...), so that drift in machine load falls on both sides alike.
 *
 * <p>Arguments: {@code warmupSeconds measureSeconds callers[,callers...]}.
 */
public final class OverheadRun {

  static final String API_KEY = "bench-key";
  static final String MODEL = "flux-pro";

  /** One create + get round trip. */
  @FunctionalInterface
  interface RoundTrip {
    void run() throws Exception;
  }

  /** Measured pairs (raw then client, or client then raw) per caller count. */
  static final int PAIRS = 6;

  /** What one time-bounded segment measured. */
  record Segment(LongSamples latencies, long elapsedNanos, long errors) {
    double throughput() {
      return latencies.size() / (elapsedNanos / 1e9);
    }
  }

  public static void main(String[] args) throws Exception {
    int warmupSeconds = Integer.parseInt(args[0]);
    int measureSeconds = Integer.parseInt(args[1]);
    String[] callerCounts = args[2].split(",");
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("prompt", "a red fox in snow");
    input.put("width", 1024);
    input.put("height", 1024);
    GenerateRequest request = GenerateRequest.builder().model(MODEL).input(input).build();

    Properties results = new Properties();
    try (FixedJsonServer server = FixedJsonServer.start(4);
        GenJobsClient client =
            GenJobsClient.create(
                ClientOptions.builder()
                    .creativeApiKey(API_KEY)
                    .baseUrl(Provider.CREATIVE_API, server.baseUrl())
                    .build())) {
      RawCreativeCalls raw =
          new RawCreativeCalls(
              RawCreativeCalls.Http.HC5,
              server.baseUrl(),
              API_KEY,
              ClientContext.userAgent(Provider.CREATIVE_API));
      RawCreativeCalls rawJdk =
          new RawCreativeCalls(
              RawCreativeCalls.Http.JDK,
              server.baseUrl(),
              API_KEY,
              ClientContext.userAgent(Provider.CREATIVE_API));
      RoundTrip viaClient =
          () -> {
            Job job = client.creative().generate(request);
            JobSnapshot snapshot = client.creative().fetch(job.id());
            if (snapshot.status() != JobStatus.SUCCEEDED) throw new IllegalStateException();
          };
      RoundTrip viaRaw = roundTrip(raw, input);
      RoundTrip viaRawJdk = roundTrip(rawJdk, input);

      compareRequests(server, viaClient, viaRaw, results);

      for (String c : callerCounts) {
        int callers = Integer.parseInt(c.trim());
        long warmup = warmupSeconds * 1_000_000_000L;
        System.out.printf(Locale.ROOT, "overhead: %d caller(s), warming up%n", callers);
        run(viaRaw, callers, warmup);
        run(viaRawJdk, callers, warmup);
        run(viaClient, callers, warmup);
        // Short alternating pairs, the order flipped every pair: a burst of load from elsewhere
        // falls on both sides, and the median pair ratio ignores the pairs it spoils.
        long segment = measureSeconds * 1_000_000_000L / PAIRS;
        List<Segment> rawSegments = new ArrayList<>();
        List<Segment> rawJdkSegments = new ArrayList<>();
        List<Segment> clientSegments = new ArrayList<>();
        double[] pairRatios = new double[PAIRS];
        double[] jdkPairRatios = new double[PAIRS];
        for (int pair = 0; pair < PAIRS; pair++) {
          // Each "pair" is the raw side on the library's HTTP client and the client (the judged
          // comparison), order flipped every pair, with the raw JDK side (for information) before
          // or after them.
          Segment r;
          Segment cl;
          Segment jdk;
          if (pair % 2 == 0) {
            r = run(viaRaw, callers, segment);
            cl = run(viaClient, callers, segment);
            jdk = run(viaRawJdk, callers, segment);
          } else {
            jdk = run(viaRawJdk, callers, segment);
            cl = run(viaClient, callers, segment);
            r = run(viaRaw, callers, segment);
          }
          rawSegments.add(r);
          rawJdkSegments.add(jdk);
          clientSegments.add(cl);
          pairRatios[pair] = cl.throughput() / r.throughput();
          jdkPairRatios[pair] = cl.throughput() / jdk.throughput();
        }
        recordRatios(results, callers + ".throughputRatio", pairRatios);
        recordRatios(results, callers + ".jdkThroughputRatio", jdkPairRatios);
        record(results, callers + ".raw", rawSegments);
        record(results, callers + ".rawJdk", rawJdkSegments);
        record(results, callers + ".client", clientSegments);
        System.out.printf(
            Locale.ROOT,
            "overhead: %d caller(s): raw HC5 %s, raw JDK %s, client %s round trips/s%n",
            callers,
            results.getProperty(callers + ".raw.throughput"),
            results.getProperty(callers + ".rawJdk.throughput"),
            results.getProperty(callers + ".client.throughput"));
      }
    }
    Fork.write(results);
  }

  private static RoundTrip roundTrip(RawCreativeCalls raw, Map<String, Object> input) {
    return () -> {
      RawCreativeCalls.Generated created = raw.generate(MODEL, input);
      RawCreativeCalls.RawJob job = raw.get(created.jobId());
      if (!"completed".equals(job.status())) throw new IllegalStateException();
    };
  }

  private static void recordRatios(Properties results, String prefix, double[] ratios) {
    double[] sorted = ratios.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    results.setProperty(prefix + "Median", String.format(Locale.ROOT, "%.4f", median));
    results.setProperty(
        prefix + "Range", String.format(Locale.ROOT, "%.3f-%.3f", sorted[0], sorted[n - 1]));
  }

  /** Sends one round trip through each side and compares what the server saw. */
  private static void compareRequests(
      FixedJsonServer server, RoundTrip viaClient, RoundTrip viaRaw, Properties results)
      throws Exception {
    List<List<FixedJsonServer.Captured>> seen = new ArrayList<>();
    for (RoundTrip side : List.of(viaClient, viaRaw)) {
      server.captureNext(2); // the create and the get
      side.run();
      seen.add(server.takeCaptured());
    }
    boolean same = seen.get(0).equals(seen.get(1));
    results.setProperty("sameRequests", String.valueOf(same));
    results.setProperty("clientRequests", seen.get(0).toString());
    results.setProperty("rawRequests", seen.get(1).toString());
    if (!same) {
      System.out.println("overhead: WARNING the two sides send different requests:");
      System.out.println("  client: " + seen.get(0));
      System.out.println("  raw:    " + seen.get(1));
    }
  }

  private static void record(Properties results, String prefix, List<Segment> segments) {
    LongSamples all = new LongSamples(1 << 16);
    long elapsed = 0;
    long errors = 0;
    for (Segment s : segments) {
      all.addAll(s.latencies());
      elapsed += s.elapsedNanos();
      errors += s.errors();
    }
    double throughput = all.size() / (elapsed / 1e9);
    results.setProperty(prefix + ".roundTrips", String.valueOf(all.size()));
    results.setProperty(prefix + ".errors", String.valueOf(errors));
    results.setProperty(prefix + ".throughput", String.format(Locale.ROOT, "%.1f", throughput));
    results.setProperty(prefix + ".p50Nanos", String.valueOf(all.percentile(50)));
    results.setProperty(prefix + ".p99Nanos", String.valueOf(all.percentile(99)));
  }

  /**
   * {@code callers} threads run round trips back to back until {@code nanos} have passed; each
   * round trip's latency is kept. Throughput is counted over the time until the last caller
   * stopped.
   */
  static Segment run(RoundTrip roundTrip, int callers, long nanos) throws InterruptedException {
    CountDownLatch go = new CountDownLatch(1);
    LongSamples[] perCaller = new LongSamples[callers];
    AtomicLong errors = new AtomicLong();
    AtomicReference<Throwable> firstError = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    long[] start = new long[1];
    for (int i = 0; i < callers; i++) {
      LongSamples mine = perCaller[i] = new LongSamples(1 << 14);
      Thread t =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                long end = start[0] + nanos;
                long now = System.nanoTime();
                while (now < end) {
                  try {
                    roundTrip.run();
                  } catch (Exception e) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, e);
                  }
                  long done = System.nanoTime();
                  mine.add(done - now);
                  now = done;
                }
              },
              "bench-caller-" + i);
      threads.add(t);
      t.start();
    }
    start[0] = System.nanoTime();
    go.countDown();
    for (Thread t : threads) t.join();
    long elapsed = System.nanoTime() - start[0];
    if (firstError.get() != null) {
      System.out.println("overhead: " + errors.get() + " failed round trips, first:");
      firstError.get().printStackTrace(System.out);
    }
    LongSamples merged = new LongSamples(1 << 16);
    for (LongSamples s : perCaller) merged.addAll(s);
    return new Segment(merged, elapsed, errors.get());
  }
}
