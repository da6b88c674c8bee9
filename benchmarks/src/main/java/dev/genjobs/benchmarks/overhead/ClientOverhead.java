package dev.genjobs.benchmarks.overhead;

import dev.genjobs.benchmarks.Fork;
import dev.genjobs.benchmarks.Result;
import dev.genjobs.benchmarks.Result.Target;
import dev.genjobs.benchmarks.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Client overhead: create + get through {@code GenJobsClient} against the same calls by hand with
 * Jackson on the HTTP client the library runs on (Apache HttpClient 5 classic: the judged baseline,
 * so the ratio is the library's own cost), and, for information, on {@code java.net.http}; same
 * loopback server, measured in one child JVM. Targets (issue 22): throughput at least 0.9× raw for
 * one caller and 1.0× for several (a client with its own pool should not lose to the raw client
 * under concurrency), p99 latency at most 1.2× raw.
 */
public final class ClientOverhead {

  private ClientOverhead() {}

  public static List<Result> run(Settings s) throws Exception {
    String callers =
        Arrays.stream(s.callers()).mapToObj(String::valueOf).collect(Collectors.joining(","));
    long seconds =
        (long) s.callers().length * 3 * (s.overheadWarmupSeconds() + s.overheadSeconds()) + 60;
    Properties p =
        Fork.run(
            OverheadRun.class,
            List.of(
                "-Xms512m",
                "-Xmx512m",
                "-Dsun.net.httpserver.nodelay=true",
                "-Dsun.net.httpserver.idleInterval=3600"),
            List.of(
                String.valueOf(s.overheadWarmupSeconds()),
                String.valueOf(s.overheadSeconds()),
                callers),
            Duration.ofSeconds(seconds));
    List<Result> results = new ArrayList<>();
    if (!Boolean.parseBoolean(p.getProperty("sameRequests"))) {
      results.add(
          Result.absolute(
              "overhead",
              "same requests on both sides",
              "client "
                  + p.getProperty("clientRequests")
                  + " / raw "
                  + p.getProperty("rawRequests"),
              0,
              Target.exactly(1, "")));
    }
    for (int c : s.callers()) {
      String group = "overhead/" + c + (c == 1 ? " caller" : " callers");
      double clientTp = num(p, c + ".client.throughput");
      double rawTp = num(p, c + ".raw.throughput");
      results.add(
          Result.ratio(
              group,
              "throughput client/raw",
              String.format(
                  Locale.ROOT,
                  "median of %d pairs (range %s); overall client %,.0f vs raw %,.0f round trips/s"
                      + " (%s vs %s round trips, failed %s/%s)",
                  OverheadRun.PAIRS,
                  p.getProperty(c + ".throughputRatioRange"),
                  clientTp,
                  rawTp,
                  p.getProperty(c + ".client.roundTrips"),
                  p.getProperty(c + ".raw.roundTrips"),
                  p.getProperty(c + ".client.errors"),
                  p.getProperty(c + ".raw.errors")),
              num(p, c + ".throughputRatioMedian"),
              Target.atLeast(c == 1 ? 0.9 : 1.0, "×")));
      results.add(
          Result.ratio(
              group,
              "throughput client/raw JDK client",
              String.format(
                  Locale.ROOT,
                  "median of %d pairs (range %s); the same calls by hand on java.net.http: %,.0f"
                      + " round trips/s",
                  OverheadRun.PAIRS,
                  p.getProperty(c + ".jdkThroughputRatioRange"),
                  num(p, c + ".rawJdk.throughput")),
              num(p, c + ".jdkThroughputRatioMedian"),
              null));
      for (String q : List.of("p50", "p99")) {
        double cl = num(p, c + ".client." + q + "Nanos");
        double raw = num(p, c + ".raw." + q + "Nanos");
        results.add(
            Result.ratio(
                group,
                q + " latency client/raw",
                String.format(Locale.ROOT, "client %.3f ms vs raw %.3f ms", cl / 1e6, raw / 1e6),
                cl / raw,
                q.equals("p99") ? Target.atMost(1.2, "×") : null));
      }
    }
    return results;
  }

  private static double num(Properties p, String key) {
    String v = p.getProperty(key);
    return v == null ? Double.NaN : Double.parseDouble(v);
  }
}
