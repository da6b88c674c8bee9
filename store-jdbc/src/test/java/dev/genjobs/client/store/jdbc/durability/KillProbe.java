package dev.genjobs.client.store.jdbc.durability;

import dev.genjobs.client.store.JobFilter;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.jdbc.testing.ChildJvmCommand;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The store-level kill probe: a child JVM ({@link KillProbeChild}) inserts records and acknowledges
 * each one; the parent kills it with SIGKILL ({@link Process#destroyForcibly()} on Linux) at a
 * random moment 0–300 ms after its first acknowledgement, reopens the store, and counts the
 * acknowledged rows that are not there. No JVM shutdown hook, no close, no flush runs in the child:
 * what survives is what the store had made durable when {@code insert} returned.
 *
 * <p>The next children start while the current one writes, warm up, and wait for a "go" line before
 * they open the store, so a round costs one kill and one reopen, not a JVM start-up.
 */
final class KillProbe {

  /** What the rounds showed. {@code insertMicros} holds every acknowledged insert's duration. */
  record Result(int rounds, int acknowledged, List<String> lost, long[] insertMicros) {

    long insertMicrosPercentile(double p) {
      if (insertMicros.length == 0) return 0;
      long[] sorted = insertMicros.clone();
      Arrays.sort(sorted);
      return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }

    @Override
    public String toString() {
      return rounds
          + " rounds, "
          + acknowledged
          + " acknowledged inserts, "
          + lost.size()
          + " lost; insert p50 "
          + insertMicrosPercentile(0.5)
          + " µs, p99 "
          + insertMicrosPercentile(0.99)
          + " µs";
    }
  }

  private static final Duration LINE_TIMEOUT = Duration.ofSeconds(60);

  /** Children warming up while a round runs: start-up, not the round, is what costs time. */
  private static final int CHILDREN_AHEAD = 2;

  private final List<String> childArgs;
  private final Supplier<JobStore> reopen;
  private final File stderr;
  private final Random random;

  /**
   * @param childArgs how {@link KillProbeChild} opens the store
   * @param reopen how the parent opens the same store after a kill
   */
  KillProbe(List<String> childArgs, Supplier<JobStore> reopen, File stderr, long seed) {
    this.childArgs = childArgs;
    this.reopen = reopen;
    this.stderr = stderr;
    this.random = new Random(seed);
  }

  Result run(int rounds) throws Exception {
    // Migrated once here: the children open the database without Flyway.
    reopen.get().close();
    List<String> lost = new ArrayList<>();
    List<Long> micros = new ArrayList<>();
    int acknowledged = 0;
    Deque<Child> warming = new ArrayDeque<>();
    int started = 0;
    for (int round = 0; round < rounds; round++) {
      while (warming.size() < CHILDREN_AHEAD && started < rounds) {
        warming.add(Child.start(childArgs, stderr));
        started++;
      }
      Child child = warming.poll();
      child.awaitLine("READY");
      child.go();
      child.awaitLine("ACK ");
      // The kill lands at a random moment after an acknowledgement: mid-insert, mid-commit, between
      // inserts. This wait is the experiment's random delay, not a synchronisation.
      Thread.sleep(random.nextInt(301));
      child.kill();
      List<String> acks = child.acknowledgements(micros);
      acknowledged += acks.size();
      lost.addAll(missing(acks));
    }
    long[] all = micros.stream().mapToLong(Long::longValue).toArray();
    return new Result(rounds, acknowledged, lost, all);
  }

  private List<String> missing(List<String> ids) {
    try (JobStore store = reopen.get()) {
      Set<String> present = new HashSet<>();
      for (int i = 0; i < ids.size(); i += 500) {
        List<String> chunk = ids.subList(i, Math.min(ids.size(), i + 500));
        store.list(JobFilter.builder().ledgerIds(chunk).limit(chunk.size()).build()).stream()
            .map(JobRecord::ledgerId)
            .forEach(present::add);
      }
      return ids.stream().filter(id -> !present.contains(id)).toList();
    }
  }

  /** One {@link KillProbeChild} JVM; stdout lines are read by a thread into a queue. */
  private static final class Child {
    private final Process process;
    private final File stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final List<String> consumed = new ArrayList<>();

    private Child(Process process, File stderr) {
      this.process = process;
      this.stderr = stderr;
      this.reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = r.readLine()) != null) lines.add(line);
                } catch (IOException e) {
                  // the process is gone; what it wrote before is in the queue
                }
              },
              "kill-probe-stdout");
      reader.setDaemon(true);
      reader.start();
    }

    static Child start(List<String> args, File stderr) throws IOException {
      List<String> command = ChildJvmCommand.of(KillProbeChild.class, List.of("-Xmx128m"), args);
      return new Child(
          new ProcessBuilder(command)
              .redirectError(ProcessBuilder.Redirect.appendTo(stderr))
              .start(),
          stderr);
    }

    void awaitLine(String prefix) throws InterruptedException {
      long deadline = System.nanoTime() + LINE_TIMEOUT.toNanos();
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new AssertionError("no '" + prefix + "' line: " + consumed);
        String line = lines.poll(Math.min(left, 200_000_000L), TimeUnit.NANOSECONDS);
        if (line != null) {
          consumed.add(line);
          if (line.startsWith(prefix)) return;
        } else if (!process.isAlive() && lines.isEmpty()) {
          throw new AssertionError(
              "probe child exited with "
                  + process.exitValue()
                  + " before '"
                  + prefix
                  + "'; the children's stderr ends with:\n"
                  + tail(stderr));
        }
      }
    }

    private static String tail(File file) {
      try {
        String all = Files.readString(file.toPath(), StandardCharsets.UTF_8);
        return all.substring(Math.max(0, all.length() - 3000));
      } catch (IOException e) {
        return "(unreadable: " + e + ")";
      }
    }

    void go() throws IOException {
      OutputStream in = process.getOutputStream();
      in.write('\n');
      in.flush();
    }

    /** SIGKILL: no shutdown hook, no close. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      if (!process.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("child outlived kill");
    }

    /**
     * Every ledger id the dead child acknowledged; adds each insert's duration to {@code micros}.
     */
    List<String> acknowledgements(List<Long> micros) throws InterruptedException {
      reader.join(TimeUnit.SECONDS.toMillis(30));
      List<String> all = new ArrayList<>(consumed);
      lines.drainTo(all);
      List<String> ids = new ArrayList<>();
      for (String line : all) {
        if (!line.startsWith("ACK ")) continue;
        String[] parts = line.split(" ");
        ids.add(parts[1]);
        micros.add(Long.parseLong(parts[2]));
      }
      return ids;
    }
  }
}
