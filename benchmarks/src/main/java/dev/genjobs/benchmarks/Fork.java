package dev.genjobs.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Runs one measurement in a JVM of its own, so that its threads, heap and JIT state are its own and
 * not Maven's: the child gets this module's class path and writes its numbers to a properties file
 * named by {@code -Dbench.out}.
 */
public final class Fork {

  private Fork() {}

  public static Properties run(
      Class<?> main, List<String> jvmArgs, List<String> args, Duration timeout)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("genjobs-bench-", ".properties");
    try {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmArgs);
      command.add("-Dbench.out=" + out);
      command.add("-cp");
      command.add(classPath());
      command.add(main.getName());
      command.addAll(args);
      Process p = new ProcessBuilder(command).inheritIO().start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor();
        throw new IllegalStateException(main.getSimpleName() + " did not finish in " + timeout);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(main.getSimpleName() + " exited with " + p.exitValue());
      }
      Properties props = new Properties();
      try (Reader r = Files.newBufferedReader(out)) {
        props.load(r);
      }
      return props;
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** Writes a child's results where the parent asked for them. */
  public static void write(Properties results) throws IOException {
    String out = System.getProperty("bench.out");
    if (out == null) {
      results.list(System.out);
      return;
    }
    try (var w = Files.newBufferedWriter(Path.of(out))) {
      results.store(w, null);
    }
  }

  /**
   * This module's class path. Under {@code exec:java} the classes come from the plugin's own
   * URLClassLoader, not from {@code java.class.path} (which is Maven's launcher).
   */
  public static String classPath() {
    if (Fork.class.getClassLoader() instanceof URLClassLoader loader) {
      List<String> entries = new ArrayList<>();
      for (URL url : loader.getURLs()) {
        try {
          entries.add(Path.of(url.toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
          throw new IllegalStateException("class path entry " + url, e);
        }
      }
      if (!entries.isEmpty()) return String.join(java.io.File.pathSeparator, entries);
    }
    return System.getProperty("java.class.path");
  }
}
