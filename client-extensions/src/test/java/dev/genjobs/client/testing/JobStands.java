package dev.genjobs.client.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.RetryPolicy;
import dev.genjobs.client.jobs.PollPolicy;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What job tests add to the shared {@link Stand}: polls fast enough for a test (20 ms growing to 50
 * ms, webhook fallback a minute away), retries whose waits cost nothing, provider status sequences
 * as WireMock scenarios, and small waiting and thread-counting helpers.
 */
public final class JobStands {

  private JobStands() {}

  /** Polls after ~20 ms, growing by 1.5 to at most 50 ms, ±20 %; webhooks awaited for a minute. */
  public static PollPolicy fastPolls() {
    return PollPolicy.builder()
        .initialInterval(Duration.ofMillis(20))
        .multiplier(1.5)
        .maxInterval(Duration.ofMillis(50))
        .jitter(0.2)
        .webhookFallback(Duration.ofMinutes(1))
        .build();
  }

  /**
   * For webhook tests: no poll for a minute, before or after a delivery, so every GET a test sees
   * is a webhook confirmation.
   */
  public static PollPolicy webhookOnlyPolls() {
    return fastPolls().toBuilder()
        .initialInterval(Duration.ofMinutes(1))
        .maxInterval(Duration.ofMinutes(1))
        .build();
  }

  /** Three attempts per call; the stand's sleeper records the waits, so they cost no time. */
  public static RetryPolicy fastRetries() {
    return RetryPolicy.builder()
        .maxAttempts(3)
        .initialBackoff(Duration.ofMillis(5))
        .maxBackoff(Duration.ofMillis(20))
        .maxElapsed(Duration.ofSeconds(10))
        .build();
  }

  /** A {@link Stand} with {@link #fastPolls()} and {@link #fastRetries()}. */
  public static Stand stand() {
    return stand(b -> {});
  }

  /** A {@link Stand} with fast polls and retries, then changed by {@code tweak}. */
  public static Stand stand(Consumer<ClientOptions.Builder> tweak) {
    return Stand.start(
        b -> {
          b.pollPolicy(fastPolls()).retryPolicy(fastRetries()).logHttp(false);
          tweak.accept(b);
        });
  }

  /**
   * Stubs {@code request} to answer {@code responses} in order, one per request; the last answer
   * repeats. Each call needs its own scenario name.
   */
  public static void stubSequence(
      WireMockServer server,
      String scenario,
      Supplier<MappingBuilder> request,
      ResponseDefinitionBuilder... responses) {
    for (int i = 0; i < responses.length; i++) {
      ScenarioMappingBuilder m =
          request
              .get()
              .inScenario(scenario)
              .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "step-" + i);
      if (i < responses.length - 1) {
        m = m.willSetStateTo("step-" + (i + 1));
      }
      server.stubFor(m.willReturn(responses[i]));
    }
  }

  /** Every request the stand received, counted once all of them are in its journal. */
  public static int requestCount(Stand stand) {
    return stand.requests(anyRequestedFor(anyUrl())).size();
  }

  /** 200 with a JSON body. */
  public static ResponseDefinitionBuilder json(String body) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  /** {@code status} with a JSON body. */
  public static ResponseDefinitionBuilder json(int status, String body) {
    return json(body).withStatus(status);
  }

  /** Single quotes to double quotes, so JSON in Java strings stays readable. */
  public static String q(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  /** Live threads with exactly this name. */
  public static int liveThreadsNamed(String name) {
    return (int)
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.isAlive() && name.equals(t.getName()))
            .count();
  }

  /** Waits up to {@code timeout} for {@code condition}; false if it never held. */
  public static boolean eventually(Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) return true;
      Thread.sleep(5);
    }
    return condition.getAsBoolean();
  }
}
