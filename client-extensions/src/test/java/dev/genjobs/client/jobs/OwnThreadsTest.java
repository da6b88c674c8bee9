package dev.genjobs.client.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Answers complete on threads the library owns, on any CPU count and without JVM flags from the
 * user: in a JVM whose common pool has parallelism 1 (as on a 1–2 CPU host, where {@code
 * CompletableFuture}'s default executor then starts a thread per task), following 1,000 jobs to
 * their end starts no thread beyond the client's fixed set. Counted with the JVM's total of started
 * threads, so a thread that started and ended during the run is counted too.
 */
class OwnThreadsTest {

  /**
   * The client's fixed set with default options: 2 {@code genjobs-watcher}, 4 {@code
   * genjobs-http-send} (polls) and 1 {@code genjobs-ledger}. The HTTP client starts none: answers
   * are read on the thread that sent the request.
   */
  private static final int FIXED_SET = 2 + 4 + 1;

  @Test
  void givenACommonPoolOfOne_whenFollowing1000Jobs_thenOnlyTheLibrarysOwnThreadsAreStarted()
      throws Exception {
    Process child =
        new ProcessBuilder(
                List.of(
                    new File(System.getProperty("java.home"), "bin/java").getPath(),
                    "-Djava.util.concurrent.ForkJoinPool.common.parallelism=1",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-Xmx256m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    FollowJobsProbe.class.getName()))
            .redirectErrorStream(true)
            .start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(3, TimeUnit.MINUTES)).as(output).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    Map<String, String> result = new LinkedHashMap<>();
    for (String line : output.split("\\R")) {
      int eq = line.indexOf('=');
      if (eq > 0 && line.matches("[a-z]+=.*"))
        result.put(line.substring(0, eq), line.substring(eq + 1));
    }

    // For benchmarks/RESULTS.md: what the child JVM counted.
    System.out.println("OwnThreadsTest: " + result);
    assertThat(result.get("parallelism")).as(output).isEqualTo("1");
    assertThat(result.get("succeeded")).as(output).isEqualTo("1000");
    assertThat(Integer.parseInt(result.get("gets"))).as(output).isEqualTo(2 * 1000);
    List<String> alive = Arrays.asList(result.get("alive").split(","));
    assertThat(alive)
        .as("threads started by the client and still alive; the probe said:%n%s", output)
        .allMatch(name -> name.startsWith("genjobs-"))
        .hasSizeLessThanOrEqualTo(FIXED_SET);
    // Nothing started and ended in between (a thread per answer would): every thread started
    // during the run is one of those still alive.
    assertThat(Integer.parseInt(result.get("started"))).as(output).isEqualTo(alive.size());
  }
}
