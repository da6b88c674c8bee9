package dev.genjobs.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.genjobs.client.Provider;
import dev.genjobs.client.RetryPolicy;
import dev.genjobs.client.errors.AmbiguousOutcomeException;
import dev.genjobs.client.errors.HttpFailure;
import dev.genjobs.client.errors.ProviderError;
import dev.genjobs.client.observability.CallOutcome;
import dev.genjobs.client.observability.ClientObserver;
import dev.genjobs.client.observability.Operation;
import dev.genjobs.client.testing.RecordingSleeper;
import dev.genjobs.client.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a {@link ClientObserver} is told about calls: start, each retry, one outcome. */
class CallObservationTest {

  private static final Operation READ = Operation.read(Provider.CREATIVE_API, "getJob");
  private static final Operation CREATE = Operation.create(Provider.CREATIVE_API, "generate");

  private final TestClock clock = TestClock.fixedAt(Instant.parse("2025-03-01T10:00:00Z"));
  private final List<String> events = new ArrayList<>();
  private final List<CallOutcome> outcomes = new ArrayList<>();

  private final ClientObserver recorder =
      new ClientObserver() {
        @Override
        public Call callStarted(Operation operation) {
          events.add("start " + operation.name());
          return new Call() {
            @Override
            public void retrying(int attempt, Throwable failure, Duration wait) {
              events.add("retry after attempt " + attempt);
            }

            @Override
            public void ended(CallOutcome outcome) {
              events.add("end " + outcome.result());
              outcomes.add(outcome);
            }
          };
        }
      };

  private CallExecutor executor(ClientObserver observer) {
    return new CallExecutor(
            RetryPolicy.builder()
                .maxAttempts(3)
                .initialBackoff(Duration.ofMillis(100))
                .maxBackoff(Duration.ofSeconds(1))
                .build(),
            new RecordingSleeper(clock),
            clock,
            () -> 1.0,
            Duration.ofMillis(300))
        .observedBy(observer);
  }

  private static HttpFailureException status(int status) {
    return new HttpFailureException(new HttpFailure(status, ProviderError.none(), "", null, null));
  }

  @Test
  void aCallThatSucceedsAfterARetryReportsTheRetryAndOneSuccess() {
    AtomicInteger calls = new AtomicInteger();

    String answer =
        executor(recorder)
            .execute(
                READ,
                "GET /get",
                () -> {
                  if (calls.incrementAndGet() == 1) throw status(503);
                  return "ok";
                });

    assertThat(answer).isEqualTo("ok");
    assertThat(events).containsExactly("start getJob", "retry after attempt 1", "end SUCCESS");
    assertThat(outcomes.get(0).attempts()).isEqualTo(2);
    assertThat(outcomes.get(0).httpStatus()).isEmpty();
  }

  @Test
  void aCreateAnsweredWith500EndsAmbiguousWithTheStatus() {
    Throwable thrown =
        catchThrowable(
            () ->
                executor(recorder)
                    .execute(
                        CREATE,
                        "POST /generate",
                        () -> {
                          throw status(500);
                        }));

    assertThat(thrown).isInstanceOf(AmbiguousOutcomeException.class);
    assertThat(events).containsExactly("start generate", "end AMBIGUOUS");
    assertThat(outcomes.get(0).httpStatus()).isEqualTo(OptionalInt.of(500));
    assertThat(outcomes.get(0).failure()).isSameAs(thrown);
  }

  @Test
  void aDefiniteClientErrorEndsAsAFailureWithItsStatus() {
    catchThrowable(
        () ->
            executor(recorder)
                .execute(
                    READ,
                    "GET /get",
                    () -> {
                      throw status(404);
                    }));

    assertThat(events).containsExactly("start getJob", "end FAILURE");
    assertThat(outcomes.get(0).httpStatus()).isEqualTo(OptionalInt.of(404));
    assertThat(outcomes.get(0).attempts()).isEqualTo(1);
  }

  @Test
  void anObserverThatThrowsNeverChangesTheCall() {
    ClientObserver broken =
        ClientObserver.composite(
            List.of(
                new ClientObserver() {
                  @Override
                  public Call callStarted(Operation operation) {
                    throw new IllegalStateException("observer bug");
                  }
                },
                recorder));

    String answer = executor(broken).execute(READ, "GET /get", () -> "ok");

    assertThat(answer).isEqualTo("ok");
    assertThat(events).containsExactly("start getJob", "end SUCCESS");
  }
}
