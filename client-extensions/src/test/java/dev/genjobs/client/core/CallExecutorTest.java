package dev.genjobs.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.genjobs.client.Provider;
import dev.genjobs.client.RetryPolicy;
import dev.genjobs.client.errors.AmbiguousOutcomeException;
import dev.genjobs.client.errors.BadRequestException;
import dev.genjobs.client.errors.ConflictException;
import dev.genjobs.client.errors.ConnectionException;
import dev.genjobs.client.errors.GenJobsException;
import dev.genjobs.client.errors.HttpFailure;
import dev.genjobs.client.errors.InternalServerException;
import dev.genjobs.client.errors.MalformedResponseException;
import dev.genjobs.client.errors.MissingCredentialsException;
import dev.genjobs.client.errors.NotFoundException;
import dev.genjobs.client.errors.PermissionDeniedException;
import dev.genjobs.client.errors.ProviderError;
import dev.genjobs.client.errors.RateLimitException;
import dev.genjobs.client.errors.RequestTimeoutException;
import dev.genjobs.client.errors.UnauthorizedException;
import dev.genjobs.client.errors.UnexpectedStatusException;
import dev.genjobs.client.errors.UnprocessableEntityException;
import dev.genjobs.client.observability.Operation;
import dev.genjobs.client.testing.Causes;
import dev.genjobs.client.testing.RecordingSleeper;
import dev.genjobs.client.testing.TestClock;
import feign.FeignException;
import feign.Request;
import feign.RetryableException;
import feign.codec.DecodeException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The retry decision table of {@link CallExecutor}, without HTTP: attempts throw the causes the
 * transport throws, a {@link RecordingSleeper} records the waits and a fixed random makes jitter
 * predictable.
 */
class CallExecutorTest {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private static final Operation READ = Operation.read(Provider.CREATIVE_API, "getJob");
  private static final Operation CREATE = Operation.create(Provider.CREATIVE_API, "generate");
  private static final Operation CANCEL =
      Operation.idempotentWrite(Provider.UNSTRUCTURED, "cancel_job");
  private static final Duration READ_TIMEOUT = Duration.ofMillis(300);

  private final TestClock clock = TestClock.fixedAt(T0);
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);

  @AfterEach
  void clearInterruptFlag() {
    Thread.interrupted();
  }

  /** Three attempts, backoff 100 ms doubling to 1 s, jitter fixed at the ceiling. */
  private CallExecutor executor() {
    return executor(
        RetryPolicy.builder()
            .maxAttempts(3)
            .initialBackoff(Duration.ofMillis(100))
            .maxBackoff(Duration.ofSeconds(1))
            .build(),
        () -> 1.0);
  }

  private CallExecutor executor(RetryPolicy policy, DoubleSupplier random) {
    return new CallExecutor(policy, sleeper, clock, random, READ_TIMEOUT);
  }

  /** An attempt that counts its calls and always throws {@code failure}. */
  private static final class Failing implements CallExecutor.Attempt<String> {
    final AtomicInteger calls = new AtomicInteger();
    final Supplier<? extends Exception> failure;

    Failing(Supplier<? extends Exception> failure) {
      this.failure = failure;
    }

    @Override
    public String call() throws Exception {
      calls.incrementAndGet();
      throw failure.get();
    }
  }

  private static HttpFailureException status(int status) {
    return status(status, null);
  }

  private static HttpFailureException status(int status, Duration retryAfter) {
    return new HttpFailureException(
        new HttpFailure(status, ProviderError.none(), "", null, retryAfter));
  }

  private static Supplier<Exception> named(Supplier<Exception> s) {
    return s;
  }

  static Stream<Arguments> retriedForReads() {
    return Stream.of(
        Arguments.of("connect refused", named(ConnectException::new), ConnectionException.class),
        Arguments.of(
            "connect timeout",
            named(
                () -> new org.apache.hc.client5.http.ConnectTimeoutException("connect timed out")),
            ConnectionException.class),
        Arguments.of(
            "read timeout",
            named(() -> new java.net.SocketTimeoutException("request timed out")),
            RequestTimeoutException.class),
        Arguments.of(
            "reset after send",
            named(() -> new IOException("Connection reset")),
            ConnectionException.class),
        Arguments.of("408", named(() -> status(408)), UnexpectedStatusException.class),
        Arguments.of("429", named(() -> status(429)), RateLimitException.class),
        Arguments.of("500", named(() -> status(500)), InternalServerException.class),
        Arguments.of("502", named(() -> status(502)), InternalServerException.class),
        Arguments.of("503", named(() -> status(503)), InternalServerException.class),
        Arguments.of("504", named(() -> status(504)), InternalServerException.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("retriedForReads")
  void
      givenARead_whenEveryAttemptFailsRetryably_thenItIsTriedMaxAttemptsTimesAndTheLastFailureIsThrown(
          String name, Supplier<Exception> cause, Class<? extends GenJobsException> expected) {
    Failing attempt = new Failing(cause);

    Throwable thrown = catchThrowable(() -> executor().execute(READ, "jobId=j-1", attempt));

    assertThat(thrown).isExactlyInstanceOf(expected);
    assertThat(attempt.calls).hasValue(3);
    assertThat(sleeper.waits()).hasSize(2);
    assertThat(Causes.containsFeignException(thrown)).isFalse();
  }

  static Stream<Arguments> ambiguousForCreates() {
    return Stream.of(
        Arguments.of(
            "read timeout",
            named(() -> new java.net.SocketTimeoutException("request timed out")),
            RequestTimeoutException.class),
        Arguments.of(
            "reset after send",
            named(() -> new IOException("Connection reset")),
            ConnectionException.class),
        Arguments.of("500", named(() -> status(500)), InternalServerException.class),
        Arguments.of("502", named(() -> status(502)), InternalServerException.class),
        Arguments.of(
            "503 without Retry-After", named(() -> status(503)), InternalServerException.class),
        Arguments.of("504", named(() -> status(504)), InternalServerException.class),
        Arguments.of(
            "2xx with unreadable body",
            named(() -> new MalformedBodyException(200, "{not json", "body is not JSON", null)),
            MalformedResponseException.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ambiguousForCreates")
  void givenACreate_whenTheOutcomeIsUnknown_thenItIsNotRetriedAndAmbiguousOutcomeIsRaised(
      String name, Supplier<Exception> cause, Class<? extends GenJobsException> expectedCause) {
    Failing attempt = new Failing(cause);

    Throwable thrown = catchThrowable(() -> executor().execute(CREATE, "model=flux", attempt));

    assertThat(thrown).isExactlyInstanceOf(AmbiguousOutcomeException.class);
    assertThat(thrown.getCause()).isExactlyInstanceOf(expectedCause);
    assertThat(attempt.calls).hasValue(1);
    assertThat(sleeper.waits()).isEmpty();
  }

  static Stream<Arguments> retriedForCreates() {
    return Stream.of(
        Arguments.of("connect refused", named(ConnectException::new), ConnectionException.class),
        Arguments.of(
            "connect timeout",
            named(
                () -> new org.apache.hc.client5.http.ConnectTimeoutException("connect timed out")),
            ConnectionException.class),
        Arguments.of("429", named(() -> status(429)), RateLimitException.class),
        Arguments.of(
            "503 with Retry-After",
            named(() -> status(503, Duration.ofSeconds(1))),
            InternalServerException.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("retriedForCreates")
  void givenACreate_whenTheProviderProvablyDidNotTakeIt_thenItIsRetried(
      String name, Supplier<Exception> cause, Class<? extends GenJobsException> expected) {
    Failing attempt = new Failing(cause);

    Throwable thrown = catchThrowable(() -> executor().execute(CREATE, "model=flux", attempt));

    assertThat(thrown).isExactlyInstanceOf(expected);
    assertThat(attempt.calls).hasValue(3);
    assertThat(sleeper.waits()).hasSize(2);
  }

  static Stream<Arguments> definiteClientErrors() {
    return Stream.of(
        Arguments.of(READ, 400, BadRequestException.class),
        Arguments.of(READ, 401, UnauthorizedException.class),
        Arguments.of(READ, 403, PermissionDeniedException.class),
        Arguments.of(READ, 404, NotFoundException.class),
        Arguments.of(READ, 409, ConflictException.class),
        Arguments.of(READ, 422, UnprocessableEntityException.class),
        Arguments.of(CREATE, 400, BadRequestException.class),
        Arguments.of(CREATE, 401, UnauthorizedException.class),
        Arguments.of(CREATE, 422, UnprocessableEntityException.class));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("definiteClientErrors")
  void givenAClientError_whenExecuting_thenItFailsAtOnceWithTheStatusType(
      Operation op, int statusCode, Class<? extends GenJobsException> expected) {
    Failing attempt = new Failing(() -> status(statusCode));

    Throwable thrown = catchThrowable(() -> executor().execute(op, "summary", attempt));

    assertThat(thrown).isExactlyInstanceOf(expected);
    assertThat(attempt.calls).hasValue(1);
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void givenARead_whenTheBodyIsUnreadable_thenItFailsAtOnceAsMalformedResponse() {
    Failing attempt =
        new Failing(() -> new MalformedBodyException(200, "<html>", "body is not JSON", null));

    Throwable thrown = catchThrowable(() -> executor().execute(READ, "jobId=j-1", attempt));

    assertThat(thrown).isExactlyInstanceOf(MalformedResponseException.class);
    assertThat(((MalformedResponseException) thrown).rawBody()).isEqualTo("<html>");
    assertThat(attempt.calls).hasValue(1);
  }

  @Test
  void givenAnIdempotentWrite_whenTheProviderFailsThenRecovers_thenItIsRetriedLikeARead() {
    AtomicInteger calls = new AtomicInteger();

    String result =
        executor()
            .execute(
                CANCEL,
                "job_id=1",
                () -> {
                  if (calls.incrementAndGet() == 1) throw new IOException("Connection reset");
                  if (calls.get() == 2) throw status(500);
                  return "cancelled";
                });

    assertThat(result).isEqualTo("cancelled");
    assertThat(calls).hasValue(3);
  }

  @Test
  void givenTwoFailures_whenTheThirdAttemptSucceeds_thenItsResultIsReturned() {
    AtomicInteger calls = new AtomicInteger();

    String result =
        executor()
            .execute(
                READ,
                "jobId=j-1",
                () -> {
                  if (calls.incrementAndGet() < 3) throw status(503);
                  return "done";
                });

    assertThat(result).isEqualTo("done");
    assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void givenRetryAfter_whenRetrying_thenTheWaitIsExactlyRetryAfterWithoutJitter() {
    AtomicInteger calls = new AtomicInteger();

    executor(RetryPolicy.defaults(), () -> 0.1)
        .execute(
            READ,
            "jobId=j-1",
            () -> {
              if (calls.incrementAndGet() == 1) throw status(429, Duration.ofSeconds(2));
              return "ok";
            });

    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void givenRetryAfterLongerThanAllowed_whenExecuting_thenRateLimitIsThrownAtOnceWithoutWaiting() {
    RetryPolicy policy = RetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(30)).build();
    Failing attempt = new Failing(() -> status(429, Duration.ofSeconds(31)));

    Throwable thrown = catchThrowable(() -> executor(policy, () -> 1.0).execute(READ, "", attempt));

    assertThat(thrown).isExactlyInstanceOf(RateLimitException.class);
    assertThat(((RateLimitException) thrown).retryAfter()).contains(Duration.ofSeconds(31));
    assertThat(attempt.calls).hasValue(1);
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void givenMaxElapsed_whenTheNextWaitWouldPassIt_thenItGivesUpBeforeMaxAttempts() {
    // Ceilings 400 ms then 800 ms: after the first wait 400 ms have passed, and 400 + 800 > 1 s.
    RetryPolicy policy =
        RetryPolicy.builder()
            .maxAttempts(10)
            .initialBackoff(Duration.ofMillis(400))
            .maxElapsed(Duration.ofSeconds(1))
            .build();
    Failing attempt = new Failing(() -> status(503));

    Throwable thrown = catchThrowable(() -> executor(policy, () -> 1.0).execute(READ, "", attempt));

    assertThat(thrown).isExactlyInstanceOf(InternalServerException.class);
    assertThat(attempt.calls).hasValue(2);
    assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(400));
  }

  @Test
  void givenFullJitter_whenRetryingManyTimes_thenEveryWaitLiesBetweenZeroAndItsCeiling() {
    RetryPolicy policy =
        RetryPolicy.builder()
            .maxAttempts(12)
            .initialBackoff(Duration.ofMillis(100))
            .maxBackoff(Duration.ofSeconds(2))
            .maxElapsed(Duration.ofHours(1))
            .build();
    Random seeded = new Random(42);

    catchThrowable(
        () ->
            executor(policy, seeded::nextDouble)
                .execute(READ, "", new Failing(() -> new IOException("reset"))));

    List<Duration> waits = sleeper.waits();
    assertThat(waits).hasSize(11);
    List<Duration> ceilings = new ArrayList<>();
    for (int retry = 1; retry <= waits.size(); retry++) {
      Duration wait = waits.get(retry - 1);
      ceilings.add(policy.backoffCeiling(retry));
      assertThat(wait).isBetween(Duration.ZERO, policy.backoffCeiling(retry));
    }
    assertThat(waits).isNotEqualTo(ceilings); // jittered, not the plain exponential sequence
  }

  @Test
  void givenRandomAtHalf_whenRetrying_thenEachWaitIsHalfItsCeiling() {
    catchThrowable(
        () ->
            executor(RetryPolicy.defaults(), () -> 0.5)
                .execute(READ, "", new Failing(() -> status(500))));

    assertThat(sleeper.waits())
        .containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void givenAnInterruptDuringAWait_whenRetrying_thenItStopsKeepsTheFlagAndThrowsTheFailure() {
    CallExecutor executor =
        new CallExecutor(
            RetryPolicy.defaults(),
            d -> {
              throw new InterruptedException("shutdown");
            },
            clock,
            () -> 1.0,
            READ_TIMEOUT);
    Failing attempt = new Failing(() -> status(503));

    Throwable thrown = catchThrowable(() -> executor.execute(READ, "", attempt));

    assertThat(Thread.currentThread().isInterrupted()).isTrue();
    assertThat(thrown).isExactlyInstanceOf(InternalServerException.class);
    assertThat(thrown.getSuppressed()).singleElement().isInstanceOf(InterruptedException.class);
    assertThat(attempt.calls).hasValue(1);
  }

  @Test
  void givenAnAmbiguousCreate_whenRaised_thenItCarriesSentAtSummaryProviderAndOperation() {
    clock.advance(Duration.ofSeconds(5));

    AmbiguousOutcomeException thrown =
        (AmbiguousOutcomeException)
            catchThrowable(
                () ->
                    executor()
                        .execute(
                            CREATE,
                            "model=flux, input keys=[prompt]",
                            new Failing(() -> status(500))));

    assertThat(thrown.sentAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(thrown.requestSummary()).isEqualTo("model=flux, input keys=[prompt]");
    assertThat(thrown.provider()).contains(Provider.CREATIVE_API);
    assertThat(thrown.operation()).contains("generate");
    assertThat(thrown.getMessage()).contains("model=flux", "may have been created");
  }

  @Test
  void givenCausesWrappedByFeign_whenExecuting_thenTheRootCauseDecidesAndNoFeignTypeEscapes() {
    Request request =
        Request.create(
            Request.HttpMethod.GET,
            "http://127.0.0.1/get",
            Map.of(),
            null,
            StandardCharsets.UTF_8,
            null);

    Throwable refused =
        catchThrowable(
            () ->
                executor()
                    .execute(
                        CREATE,
                        "",
                        new Failing(
                            () ->
                                new RetryableException(
                                    -1,
                                    "Connection refused",
                                    Request.HttpMethod.POST,
                                    new ConnectException("Connection refused"),
                                    (Long) null,
                                    request))));
    Throwable malformed =
        catchThrowable(
            () ->
                executor()
                    .execute(
                        READ,
                        "",
                        new Failing(
                            () ->
                                new DecodeException(
                                    200,
                                    "bad",
                                    request,
                                    new MalformedBodyException(200, "x", "not JSON", null)))));
    Throwable async =
        catchThrowable(
            () ->
                executor()
                    .execute(
                        READ,
                        "",
                        new Failing(() -> new CompletionException(new IOException("reset")))));

    assertThat(refused).isExactlyInstanceOf(ConnectionException.class);
    assertThat(((ConnectionException) refused).requestWasSent()).isFalse();
    assertThat(malformed).isExactlyInstanceOf(MalformedResponseException.class);
    assertThat(async).isExactlyInstanceOf(ConnectionException.class);
    assertThat(List.of(refused, malformed, async)).noneMatch(Causes::containsFeignException);
  }

  @Test
  void
      givenABodyThatBrokeOffWhileFeignReadIt_whenExecuting_thenItIsAConnectionFailureAfterSending() {
    // Feign reports a body cut mid-transfer as a plain FeignException around the IOException.
    Supplier<Exception> brokenBody =
        () -> new FeignException(200, "closed reading GET", new IOException("closed")) {};

    Throwable read = catchThrowable(() -> executor().execute(READ, "", new Failing(brokenBody)));
    Throwable create =
        catchThrowable(() -> executor().execute(CREATE, "model=flux", new Failing(brokenBody)));

    assertThat(read).isExactlyInstanceOf(ConnectionException.class);
    assertThat(((ConnectionException) read).requestWasSent()).isTrue();
    assertThat(create).isExactlyInstanceOf(AmbiguousOutcomeException.class);
    assertThat(List.of(read, create)).noneMatch(Causes::containsFeignException);
  }

  @Test
  void givenAnUnexpectedRuntimeException_whenExecuting_thenItIsWrappedOnceAndNotRetried() {
    Failing attempt = new Failing(() -> new IllegalStateException("bug in a mapper"));

    Throwable thrown = catchThrowable(() -> executor().execute(READ, "", attempt));

    assertThat(thrown).isExactlyInstanceOf(GenJobsException.class);
    assertThat(thrown).hasCauseExactlyInstanceOf(IllegalStateException.class);
    assertThat(attempt.calls).hasValue(1);
  }

  @Test
  void givenALibraryException_whenThrownByTheAttempt_thenTheSameInstanceReachesTheCaller() {
    MissingCredentialsException missing = new MissingCredentialsException("CREATIVE_API_KEY");
    Failing attempt = new Failing(() -> missing);

    assertThatThrownBy(() -> executor().execute(CREATE, "", attempt)).isSameAs(missing);
    assertThat(attempt.calls).hasValue(1);
  }

  @Test
  void givenAnError_whenThrownByTheAttempt_thenItPropagatesUnwrappedAndIsNotRetried() {
    AtomicInteger calls = new AtomicInteger();
    StackOverflowError error = new StackOverflowError();

    assertThatThrownBy(
            () ->
                executor()
                    .execute(
                        READ,
                        "",
                        () -> {
                          calls.incrementAndGet();
                          throw error;
                        }))
        .isSameAs(error);
    assertThat(calls).hasValue(1);
  }
}
