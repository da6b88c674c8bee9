package dev.genjobs.client.observability;

import dev.genjobs.client.errors.AmbiguousOutcomeException;
import dev.genjobs.client.errors.ApiException;
import java.util.OptionalInt;

/**
 * How a provider call ended.
 *
 * @param result success, failure, or ambiguous (a job-creating call whose outcome is unknown)
 * @param httpStatus the status of the last response when it was an error response; empty for a
 *     success (the decoded answer does not carry its 2xx code) and when no response arrived
 * @param attempts attempts made, retries included
 * @param failure what the caller got thrown, or null on success
 */
public record CallOutcome(Result result, OptionalInt httpStatus, int attempts, Throwable failure) {

  public enum Result {
    SUCCESS,
    FAILURE,
    /** A job-creating call failed so that the job may or may not exist. */
    AMBIGUOUS
  }

  public static CallOutcome success(int attempts) {
    return new CallOutcome(Result.SUCCESS, OptionalInt.empty(), attempts, null);
  }

  /** A failed call; ambiguous when {@code failure} is an {@link AmbiguousOutcomeException}. */
  public static CallOutcome failed(int attempts, Throwable failure) {
    Throwable response =
        failure instanceof AmbiguousOutcomeException a && a.getCause() != null
            ? a.getCause()
            : failure;
    OptionalInt status =
        response instanceof ApiException api ? OptionalInt.of(api.status()) : OptionalInt.empty();
    Result result =
        failure instanceof AmbiguousOutcomeException ? Result.AMBIGUOUS : Result.FAILURE;
    return new CallOutcome(result, status, attempts, failure);
  }
}
