package dev.genjobs.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The knobs, all system properties so they pass through {@code ./mvnw -Dbench.x=y exec:java}.
 * Defaults are the full run (under 10 minutes on 2 cores); {@code -Dbench.quick=true} shrinks every
 * size for a smoke run while the code is being changed.
 *
 * @param only which benchmarks run: {@code overhead}, {@code transport}, {@code watch}, {@code
 *     ledger}, {@code build}
 * @param overheadSeconds measured seconds per implementation and caller count
 * @param overheadWarmupSeconds warm-up seconds per implementation and caller count
 * @param callers caller counts for the overhead benchmark
 * @param jobs jobs awaited at once in the watch benchmark
 * @param stepMillis how long a stand-in job stays in each running status
 * @param watcherThreads the client's {@code watcherThreads} in the watch benchmark
 * @param createThreads threads creating the watched jobs
 * @param watchJvmArgs JVM options of the watching client's JVM, space-separated
 * @param watchModes which watch scenarios run: {@code poll}, {@code webhook}
 * @param buildRepeats how many times the no-op build and validate are each timed
 * @param repoRoot the reactor root (for the build benchmark)
 * @param createRate jobs created per second, spread evenly, in the ledger run and the polling watch
 *     run (so polls fall due over time, as they do in a service, not all at one instant)
 * @param ledgerCreates creates timed per side (no store, PostgreSQL ledger) in the ledger run
 */
public record Settings(
    Set<String> only,
    int overheadSeconds,
    int overheadWarmupSeconds,
    int[] callers,
    int jobs,
    long stepMillis,
    int watcherThreads,
    int createThreads,
    List<String> watchJvmArgs,
    List<String> watchModes,
    int buildRepeats,
    Path repoRoot,
    double createRate,
    int ledgerCreates) {

  public static Settings fromSystemProperties() {
    boolean quick = Boolean.getBoolean("bench.quick");
    return new Settings(
        Arrays.stream(
                System.getProperty("bench.only", "overhead,transport,watch,ledger,build")
                    .split(","))
            .map(s -> s.trim().toLowerCase(Locale.ROOT))
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet()),
        Integer.getInteger("bench.overhead.seconds", quick ? 2 : 12),
        Integer.getInteger("bench.overhead.warmup", quick ? 1 : 5),
        Arrays.stream(System.getProperty("bench.overhead.callers", "1,16").split(","))
            .mapToInt(s -> Integer.parseInt(s.trim()))
            .toArray(),
        Integer.getInteger("bench.jobs", quick ? 1_000 : 10_000),
        Long.getLong("bench.stepMillis", 4_000),
        Integer.getInteger("bench.watcherThreads", 2),
        Integer.getInteger("bench.createThreads", 4),
        words(System.getProperty("bench.watch.jvmArgs", "-Xmx1g")),
        words(System.getProperty("bench.watch.modes", "poll,webhook").replace(',', ' ')),
        Integer.getInteger("bench.build.repeats", quick ? 1 : 3),
        findRepoRoot(),
        Double.parseDouble(System.getProperty("bench.createRate", "100")),
        Integer.getInteger("bench.ledger.creates", quick ? 200 : 500));
  }

  public boolean runs(String benchmark) {
    return only.contains(benchmark);
  }

  private static List<String> words(String s) {
    return Arrays.stream(s.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
  }

  /** {@code -Dbench.repoRoot}, else the nearest directory upwards with mvnw and benchmarks/. */
  private static Path findRepoRoot() {
    String given = System.getProperty("bench.repoRoot");
    if (given != null && !given.isBlank()) return Path.of(given).toAbsolutePath().normalize();
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("mvnw"))
          && Files.isRegularFile(p.resolve("benchmarks/pom.xml"))) {
        return p;
      }
    }
    return null;
  }
}
