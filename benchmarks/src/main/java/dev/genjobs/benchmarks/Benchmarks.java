package dev.genjobs.benchmarks;

import dev.genjobs.benchmarks.build.BuildTimes;
import dev.genjobs.benchmarks.ledger.LedgerAtScale;
import dev.genjobs.benchmarks.overhead.ClientOverhead;
import dev.genjobs.benchmarks.overhead.FeignTransports;
import dev.genjobs.benchmarks.watch.WatchingAtScale;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs every benchmark and prints each result against its baseline from the same run:
 *
 * <pre>
 * ./mvnw -B -q install -DskipTests && ./mvnw -B -q -pl benchmarks exec:java
 * </pre>
 *
 * <p>Knobs are system properties ({@link Settings}): {@code -Dbench.quick=true} for a smoke run,
 * {@code -Dbench.only=overhead,watch,build} to pick, {@code -Dbench.jobs=1000} and so on.
 */
public final class Benchmarks {

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    Settings s = Settings.fromSystemProperties();
    long started = System.nanoTime();
    String machine = Machine.describe();
    String loadBefore = Machine.load();
    System.out.println("machine: " + machine);
    System.out.println("before: " + loadBefore);

    List<Result> results = new ArrayList<>();
    if (s.runs("overhead")) run("overhead", () -> ClientOverhead.run(s), results);
    if (s.runs("transport")) run("transport", () -> FeignTransports.run(s), results);
    if (s.runs("sends")) {
      run("sends", () -> dev.genjobs.benchmarks.transport.AsyncSends.run(s), results);
    }
    if (s.runs("hc5checks")) {
      run("hc5checks", () -> dev.genjobs.benchmarks.transport.Hc5Checks.run(), results);
    }
    if (s.runs("watch")) run("watch", () -> WatchingAtScale.run(s), results);
    if (s.runs("ledger")) run("ledger", () -> LedgerAtScale.run(s), results);
    if (s.runs("build")) run("build", () -> BuildTimes.run(s), results);

    System.out.println();
    System.out.println("== genjobs benchmarks ==");
    System.out.println("machine: " + machine);
    System.out.println("load:    " + loadBefore + " before, " + Machine.load() + " after");
    System.out.printf(Locale.ROOT, "took:    %.0f s%n%n", (System.nanoTime() - started) / 1e9);
    print(results);
  }

  /** One benchmark; the others still run, and report, when it fails. */
  interface Benchmark {
    List<Result> run() throws Exception;
  }

  private static void run(String name, Benchmark benchmark, List<Result> results) {
    try {
      results.addAll(benchmark.run());
    } catch (Exception e) {
      System.out.println(name + ": FAILED");
      e.printStackTrace(System.out);
      String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      results.add(
          Result.absolute(
              name, "failed", e.getClass().getSimpleName() + ": " + message, Double.NaN, null));
    }
  }

  static void print(List<Result> results) {
    int g = 5;
    int m = 6;
    for (Result r : results) {
      g = Math.max(g, r.group().length());
      m = Math.max(m, r.metric().length());
    }
    String row = "%-" + g + "s  %-" + m + "s  %9s  %-10s  %-7s  %s%n";
    System.out.printf(
        Locale.ROOT, row, "bench", "result", "value", "target", "verdict", "measured");
    for (Result r : results) {
      System.out.printf(
          Locale.ROOT,
          row,
          r.group(),
          r.metric(),
          r.judgedText(),
          r.target() == null ? "-" : r.target().toString(),
          r.verdict(),
          r.detail());
    }
  }
}
