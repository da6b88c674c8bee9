package dev.genjobs.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Item: a create must not be sent on a keep-alive connection the provider's balancer has already
 * dropped. A loopback "balancer" forgets connections idle for 3 s; creates are spaced around that.
 * The client's idle timeout is its own setting (no JVM property); each run is still a child JVM, so
 * its timing does not share a JVM with the other tests' threads.
 */
class IdleConnectionRetirementTest {

  // Around the balancer's 3 s: below, just at, and above it. The client retires connections idle
  // 1 s (checked when a connection is taken from the pool, so no thread can run late); a full
  // second between the client's limit and the balancer's keeps the test about the library.
  private static final List<String> PAUSES_MS = List.of("100", "2000", "3100", "3600");

  @Test
  void createsSpacedAroundTheBalancersIdleTimeoutNeverEndAmbiguous() throws Exception {
    try (ForgetfulBalancer balancer = new ForgetfulBalancer(Duration.ofSeconds(3))) {
      List<String> lines = runChild(balancer.port(), "1", List.of());

      assertThat(lines).hasSize(PAUSES_MS.size()).allMatch(l -> l.startsWith("CREATED "));
      assertThat(balancer.requestsDropped).hasValue(0);
      // Idle connections were closed by the client and replaced: more than one was used.
      assertThat(balancer.connectionsAccepted.get()).isGreaterThan(1);
    }
  }

  @Test
  void withoutRetirementTheSameScheduleDoesEndAmbiguous() throws Exception {
    // The control: proves the balancer reproduces the hazard, so the test above can fail.
    try (ForgetfulBalancer balancer = new ForgetfulBalancer(Duration.ofSeconds(3))) {
      List<String> lines = runChild(balancer.port(), "30", List.of());

      assertThat(lines).hasSize(PAUSES_MS.size());
      assertThat(lines).anyMatch(l -> l.startsWith("AMBIGUOUS "));
      assertThat(balancer.requestsDropped.get()).isPositive();
    }
  }

  private static List<String> runChild(int port, String idleSeconds, List<String> jvmArgs)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(SpacedCreates.class.getName());
    command.add(Integer.toString(port));
    command.add(idleSeconds);
    command.addAll(PAUSES_MS);
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("child finished").isTrue();
    assertThat(p.exitValue()).as("child exit, output:%n%s", out).isZero();
    return out.lines().filter(l -> l.startsWith("CREATED ") || l.startsWith("AMBIGUOUS ")).toList();
  }
}
