package dev.genjobs.client.store.jdbc.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A main class of the test classpath in its own JVM; its stdout lines are events to wait on. */
public final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();
  private final Thread reader;

  private ChildJvm(Process process) {
    this.process = process;
    reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) lines.add(line);
              } catch (IOException e) {
                // the process is gone
              }
            },
            "child-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  public static ChildJvm start(Class<?> main, File stderr, String... args) throws IOException {
    return start(main, stderr, List.of(), args);
  }

  /** Like {@link #start(Class, File, String...)}, with JVM options such as {@code -Dname=value}. */
  public static ChildJvm start(Class<?> main, File stderr, List<String> jvmOptions, String... args)
      throws IOException {
    List<String> options = new ArrayList<>();
    options.add("-Xmx256m");
    options.addAll(jvmOptions);
    options.add("-Dorg.slf4j.simpleLogger.log.dev.genjobs.client.webhooks=debug");
    options.add("-Dorg.slf4j.simpleLogger.log.dev.genjobs.client.store=debug");
    List<String> command = ChildJvmCommand.of(main, options, List.of(args));
    return new ChildJvm(
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(stderr))
            .start());
  }

  /** Waits for the next line starting with {@code prefix}; fails if the child ends first. */
  public String awaitLine(String prefix, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0)
        throw new AssertionError("no '" + prefix + "' line in " + timeout + ": " + seen);
      String line =
          lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
      if (line != null) {
        seen.add(line);
        if (line.startsWith(prefix)) return line;
      } else if (!process.isAlive() && lines.isEmpty()) {
        throw new AssertionError(
            "child exited with " + process.exitValue() + " before '" + prefix + "': " + seen);
      }
    }
  }

  /** Writes {@code line} to the child's stdin (e.g. "go" to a child that warmed up). */
  public void send(String line) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** The process id, e.g. for the instance name a child gives itself. */
  public long pid() {
    return process.pid();
  }

  /**
   * Every line the child wrote, once it has exited (after {@link #kill()}): what it had
   * acknowledged before it died, including lines no {@link #awaitLine} call read.
   */
  public List<String> linesAfterExit() throws InterruptedException {
    if (process.isAlive()) throw new IllegalStateException("the child is still running");
    reader.join(TimeUnit.SECONDS.toMillis(30));
    List<String> all = new ArrayList<>(seen);
    lines.drainTo(all);
    return all;
  }

  /** Kills the process the way a crash does: no shutdown hooks, nothing flushed. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  public int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("child still running after " + timeout);
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) kill();
  }
}
