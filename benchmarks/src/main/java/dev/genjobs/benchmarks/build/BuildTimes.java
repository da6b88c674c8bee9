package dev.genjobs.benchmarks.build;

import dev.genjobs.benchmarks.LongSamples;
import dev.genjobs.benchmarks.Result;
import dev.genjobs.benchmarks.Result.Target;
import dev.genjobs.benchmarks.Settings;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Build times: a clean {@code install -DskipTests}, then the no-op {@code install -DskipTests} and
 * {@code validate} (Maven's start-up floor) timed alternately, all offline with the wrapper.
 *
 * <p>They run on a copy of the working tree without {@code target/} and {@code .git/}: cleaning the
 * real tree would delete this harness's own classes and the other modules' builds under whoever is
 * working in it. The copy installs into a local repository of its own in the same temporary
 * directory, chained to the user's ({@code maven.repo.local.tail}, Maven 3.9), so the real {@code
 * ~/.m2} jars the running harness has open are not overwritten and nothing is downloaded.
 */
public final class BuildTimes {

  private static final int LOG_TAIL_LINES = 30;

  private BuildTimes() {}

  public static List<Result> run(Settings s) throws Exception {
    if (s.repoRoot() == null) {
      throw new IllegalStateException(
          "repository root not found: run from the checkout or pass -Dbench.repoRoot=...");
    }
    Path work = Files.createTempDirectory("genjobs-build-bench");
    try {
      Path repo = work.resolve("repo");
      copyWithoutBuildOutput(s.repoRoot(), repo);
      Path localRepo = work.resolve("m2");
      List<String> extra = new ArrayList<>();
      extra.add("-Dmaven.repo.local=" + localRepo);
      extra.add("-Dmaven.repo.local.tail=" + userLocalRepository());
      extra.addAll(words(System.getProperty("bench.build.args", "")));
      System.out.println("build: timing on a copy in " + repo);
      double loadBefore = loadAverage();

      double clean = time(repo, extra, "clean", "install", "-DskipTests");
      LongSamples noop = new LongSamples(s.buildRepeats());
      LongSamples validate = new LongSamples(s.buildRepeats());
      for (int i = 0; i < s.buildRepeats(); i++) {
        validate.add((long) (time(repo, extra, "validate") * 1e9));
        noop.add((long) (time(repo, extra, "install", "-DskipTests") * 1e9));
      }
      double noopSeconds = noop.percentile(50) / 1e9;
      double validateSeconds = validate.percentile(50) / 1e9;
      // Both sides of each ratio run alternately under the same load, but a loaded machine
      // stretches Maven's fixed start-up less than the work, so the load is part of the result.
      String runs =
          String.format(
              Locale.ROOT,
              "medians of %d runs; ./mvnw -o -q on a copy, local repository chained to ~/.m2;"
                  + " load average (1 min) %.1f before, %.1f after",
              s.buildRepeats(),
              loadBefore,
              loadAverage());
      return List.of(
          Result.ratio(
              "build",
              "no-op install / validate",
              String.format(
                  Locale.ROOT,
                  "install -DskipTests (no-op) %.1f s vs validate %.1f s; %s",
                  noopSeconds,
                  validateSeconds,
                  runs),
              noopSeconds / validateSeconds,
              Target.atMost(2.0, "×")),
          Result.ratio(
              "build",
              "clean install / validate",
              String.format(
                  Locale.ROOT,
                  "clean install -DskipTests %.1f s vs validate %.1f s",
                  clean,
                  validateSeconds),
              clean / validateSeconds,
              null));
    } finally {
      deleteRecursively(work);
    }
  }

  /** Seconds {@code ./mvnw -o -q goals...} took in {@code repo}; fails with the log's tail. */
  private static double time(Path repo, List<String> extra, String... goals)
      throws IOException, InterruptedException {
    boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("win");
    List<String> command = new ArrayList<>();
    command.add(repo.resolve(windows ? "mvnw.cmd" : "mvnw").toString());
    command.add("-o");
    command.add("-q");
    command.addAll(Arrays.asList(goals));
    command.addAll(extra);
    Path log = Files.createTempFile("genjobs-build-bench", ".log");
    try {
      long start = System.nanoTime();
      Process p =
          new ProcessBuilder(command)
              .directory(repo.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly().waitFor();
        throw new IllegalStateException(String.join(" ", goals) + " took over 10 minutes");
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (p.exitValue() != 0) {
        List<String> lines = Files.readAllLines(log);
        throw new IllegalStateException(
            "./mvnw -o -q "
                + String.join(" ", goals)
                + " failed ("
                + p.exitValue()
                + ") on the copy of the working tree; last lines:\n"
                + String.join(
                    "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())));
      }
      System.out.printf(Locale.ROOT, "build: %s %.1f s%n", String.join(" ", goals), seconds);
      return seconds;
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** The 1-minute system load average, or -1 where the platform does not report it. */
  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static Path userLocalRepository() {
    String configured = System.getProperty("maven.repo.local");
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  /** The working tree as it is, uncommitted work included, without build output or history. */
  private static void copyWithoutBuildOutput(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            if (!dir.equals(from) && (name.equals("target") || name.equals(".git"))) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.copy(
                file,
                to.resolve(from.relativize(file).toString()),
                StandardCopyOption.COPY_ATTRIBUTES);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) return;
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static List<String> words(String s) {
    return Arrays.stream(s.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
  }
}
