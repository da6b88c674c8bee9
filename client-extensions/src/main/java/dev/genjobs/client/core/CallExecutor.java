package dev.genjobs.client.core;

import dev.genjobs.client.RetryPolicy;
import dev.genjobs.client.Sleeper;
import dev.genjobs.client.errors.AmbiguousOutcomeException;
import dev.genjobs.client.errors.ApiException;
import dev.genjobs.client.errors.ConnectionException;
import dev.genjobs.client.errors.GenJobsException;
import dev.genjobs.client.errors.MalformedResponseException;
import dev.genjobs.client.errors.RequestTimeoutException;
import dev.genjobs.client.observability.CallOutcome;
import dev.genjobs.client.observability.ClientObserver;
import dev.genjobs.client.observability.Operation;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides whether a failed call is retried. Every provider call, through Feign
 * or the streaming upload path, runs here.
 *
 * <table>
 *   <caption>Retry rules</caption>
 *   <tr><th>failure</th><th>read / idempotent write</th><th>job-creating POST</th></tr>
 *   <tr><td>could not connect</td><td>retry</td><td>retry: the provider never saw it</td></tr>
 *   <tr><td>429</td><td>retry after Retry-After</td><td>retry: the provider refused it</td></tr>
 *   <tr><td>503 with Retry-After</td><td>retry</td><td>retry: the provider refused it</td></tr>
 *   <tr><td>other 5xx</td><td>retry</td><td>ambiguous: the job may exist</td></tr>
 *   <tr><td>408</td><td>retry</td><td>fail: the provider never got the whole request</td></tr>
 *   <tr><td>read timeout, reset after send</td><td>retry</td><td>ambiguous</td></tr>
 *   <tr><td>2xx with unreadable body</td><td>fail</td><td>ambiguous</td></tr>
 *   <tr><td>other 4xx</td><td>fail</td><td>fail: definitely not created</td></tr>
 * </table>
 *
 * <p>Below this, the JDK client resends an idempotent request (GET) once when a connection dies
 * before any response byte; it never resends a POST.
 *
 * <p>"Ambiguous" raises {@link AmbiguousOutcomeException} instead of retrying: a second POST after
 * a lost answer can start and bill a second job, so the caller must look first.
 */
public final class CallExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(CallExecutor.class);

  /** One attempt of a call; may throw whatever the transport throws. */
  @FunctionalInterface
  public interface Attempt<T> {
    T call() throws Exception;
  }

  private enum Decision {
    RETRY,
    FAIL,
    AMBIGUOUS
  }

  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final Clock clock;
  private final DoubleSupplier random;
  private final Duration readTimeout;
  private ClientObserver observer = ClientObserver.NONE;

  public CallExecutor(RetryPolicy policy, Sleeper sleeper, Clock clock, Duration readTimeout) {
    this(policy, sleeper, clock, () -> ThreadLocalRandom.current().nextDouble(), readTimeout);
  }

  CallExecutor(
      RetryPolicy policy,
      Sleeper sleeper,
      Clock clock,
      DoubleSupplier random,
      Duration readTimeout) {
    this.policy = policy;
    this.sleeper = sleeper;
    this.clock = clock;
    this.random = random;
    this.readTimeout = readTimeout;
  }

  public RetryPolicy policy() {
    return policy;
  }

  /** Tells {@code observer} about every call; set once, before the first call. */
  public CallExecutor observedBy(ClientObserver observer) {
    this.observer = java.util.Objects.requireNonNull(observer, "observer");
    return this;
  }

  /**
   * Runs a job-creating call: {@link Operation.Kind#CREATE} rules, and an answer without a job id
   * counts as malformed, which for a create means ambiguous: the job may exist, but we cannot name
   * it.
   *
   * @param jobIdOf reads the job id from the answer
   */
  public <T> T create(
      Operation op,
      String requestSummary,
      Attempt<T> attempt,
      java.util.function.Function<T, ?> jobIdOf) {
    if (op.kind() != Operation.Kind.CREATE) {
      throw new IllegalArgumentException(op + " is not a create");
    }
    return execute(
        op,
        requestSummary,
        () -> {
          T answer = attempt.call();
          Object id = answer == null ? null : jobIdOf.apply(answer);
          if (id == null || id.toString().isBlank()) {
            throw new MalformedBodyException(
                200, String.valueOf(answer), "no job id in the answer", null);
          }
          observer.jobCreated(op.provider(), id.toString());
          return answer;
        });
  }

  /**
   * Runs {@code attempt} under the retry rules.
   *
   * @param requestSummary what is sent, without secrets; shown on an ambiguous outcome
   */
  public <T> T execute(Operation op, String requestSummary, Attempt<T> attempt) {
    ClientObserver.Call call = observer.callStarted(op);
    int[] attempts = {0};
    T answer;
    try {
      answer = executeAttempts(op, requestSummary, attempt, call, attempts);
    } catch (RuntimeException | Error e) {
      call.ended(CallOutcome.failed(attempts[0], e));
      throw e;
    }
    call.ended(CallOutcome.success(attempts[0]));
    return answer;
  }

  private <T> T executeAttempts(
      Operation op,
      String requestSummary,
      Attempt<T> attempt,
      ClientObserver.Call call,
      int[] attempts) {
    Instant start = clock.instant();
    for (int attemptNo = 1; ; attemptNo++) {
      attempts[0] = attemptNo;
      Instant sentAt = clock.instant();
      GenJobsException failure;
      Decision decision;
      Duration retryAfter = null;
      try {
        return attempt.call();
      } catch (Throwable t) {
        Throwable cause = unwrap(t);
        if (cause instanceof Error e) throw e;
        failure = toException(op, cause);
        decision = decide(op, cause, failure);
        if (failure instanceof ApiException api && decision == Decision.RETRY) {
          retryAfter = retryAfterOf(api);
          if (retryAfter != null && retryAfter.compareTo(policy.maxRetryAfter()) > 0) {
            // Waiting longer than the caller allowed: hand the decision to them.
            throw failure;
          }
        }
      }
      if (decision == Decision.FAIL) throw failure;
      if (decision == Decision.AMBIGUOUS) {
        throw new AmbiguousOutcomeException(
            op.provider(), op.name(), sentAt, requestSummary, failure);
      }
      Duration wait = retryAfter != null ? retryAfter : jitter(policy.backoffCeiling(attemptNo));
      Duration elapsed = Duration.between(start, clock.instant());
      if (attemptNo >= policy.maxAttempts()
          || elapsed.plus(wait).compareTo(policy.maxElapsed()) > 0) {
        LOG.debug(
            "{} {}: giving up after {} attempt(s): {}",
            op.provider(),
            op.name(),
            attemptNo,
            failure.getMessage());
        throw failure;
      }
      LOG.debug(
          "{} {}: attempt {} failed ({}), retrying in {} ms",
          op.provider(),
          op.name(),
          attemptNo,
          failure.getMessage(),
          wait.toMillis());
      call.retrying(attemptNo, failure, wait);
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure.addSuppressed(e);
        throw failure;
      }
    }
  }

  /**
   * One attempt without retries: {@code attempt}'s failure (thrown or in the future) becomes the
   * same typed exception {@link #execute} would raise. For callers that schedule their own next
   * attempt instead of sleeping (the job watcher's polls).
   */
  public <T> java.util.concurrent.CompletableFuture<T> once(
      Operation op,
      java.util.function.Supplier<java.util.concurrent.CompletableFuture<T>> attempt) {
    ClientObserver.Call call = observer.asyncCallStarted(op);
    java.util.concurrent.CompletableFuture<T> started;
    try {
      started = attempt.get();
    } catch (RuntimeException e) {
      started = java.util.concurrent.CompletableFuture.failedFuture(e);
    }
    java.util.concurrent.CompletableFuture<T> result =
        new java.util.concurrent.CompletableFuture<>();
    started.whenComplete(
        (value, failure) -> {
          if (failure == null) {
            call.ended(CallOutcome.success(1));
            result.complete(value);
          } else {
            GenJobsException typed = failureOf(op, failure);
            call.ended(CallOutcome.failed(1, typed));
            result.completeExceptionally(typed);
          }
        });
    return result;
  }

  /** The typed exception for a failure of {@code op}, as callers see it. */
  public GenJobsException failureOf(Operation op, Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof Error e) throw e;
    return toException(op, cause);
  }

  private Duration jitter(Duration ceiling) {
    return Duration.ofMillis((long) (random.getAsDouble() * ceiling.toMillis()));
  }

  private static Duration retryAfterOf(ApiException api) {
    return api.retryAfter().orElse(null);
  }

  private static Decision decide(Operation op, Throwable cause, GenJobsException failure) {
    boolean create = op.kind() == Operation.Kind.CREATE;
    if (failure instanceof ApiException api) {
      int s = api.status();
      if (s == 429) return Decision.RETRY;
      if (create) {
        // 503 with Retry-After is the provider saying "not now, come back": nothing was created.
        if (s == 503 && api.retryAfter().isPresent()) return Decision.RETRY;
        return s >= 500 ? Decision.AMBIGUOUS : Decision.FAIL;
      }
      return s == 408 || s >= 500 ? Decision.RETRY : Decision.FAIL;
    }
    if (failure instanceof MalformedResponseException) {
      return create ? Decision.AMBIGUOUS : Decision.FAIL;
    }
    if (failure instanceof ConnectionException ce) {
      if (!ce.requestWasSent()) return Decision.RETRY;
      return create ? Decision.AMBIGUOUS : Decision.RETRY;
    }
    if (failure instanceof RequestTimeoutException) {
      return create ? Decision.AMBIGUOUS : Decision.RETRY;
    }
    return Decision.FAIL;
  }

  private GenJobsException toException(Operation op, Throwable cause) {
    if (cause instanceof GenJobsException g) return g;
    if (cause instanceof HttpFailureException h) {
      return ApiException.of(op.provider(), op.name(), h.failure);
    }
    if (cause instanceof MalformedBodyException m) {
      return new MalformedResponseException(
          op.provider(), op.name(), m.status, m.rawBody, m.getMessage(), m.getCause());
    }
    // Nothing was written: no connection was made, or none was free in the pool in time.
    if (cause instanceof org.apache.hc.client5.http.ConnectTimeoutException
        || cause instanceof org.apache.hc.core5.http.ConnectionRequestTimeoutException
        || cause instanceof ConnectException
        || cause instanceof UnknownHostException
        || cause instanceof NoRouteToHostException
        || cause instanceof UnresolvedAddressException) {
      return new ConnectionException(op.provider(), op.name(), false, cause);
    }
    if (cause instanceof SocketTimeoutException) {
      return new RequestTimeoutException(op.provider(), op.name(), readTimeout, cause);
    }
    if (cause instanceof IOException) {
      return new ConnectionException(op.provider(), op.name(), true, cause);
    }
    // Never hand a Feign type to the caller, not even as a cause.
    return new GenJobsException(
        op.provider(),
        op.name(),
        op.provider().displayName() + " " + op.name() + ": unexpected failure: " + cause,
        cause instanceof feign.FeignException ? null : cause);
  }

  /** Feign wraps transport and decoder failures; the root cause decides. */
  private static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while ((current instanceof feign.FeignException
            || current instanceof java.util.concurrent.CompletionException
            || current instanceof java.util.concurrent.ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
