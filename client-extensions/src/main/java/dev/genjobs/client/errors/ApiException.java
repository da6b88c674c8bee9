package dev.genjobs.client.errors;

import dev.genjobs.client.Provider;
import java.time.Duration;
import java.util.Optional;

/**
 * The provider answered with an error status. Subclasses name the status family; all carry the
 * status, the parsed provider error, the raw body (size-capped) and the request id, if any.
 */
public class ApiException extends GenJobsException {

  private final int status;
  private final ProviderError error;
  private final String rawBody;
  private final String requestId;
  private final Duration retryAfter;

  public ApiException(Provider provider, String operation, HttpFailure failure) {
    super(provider, operation, describe(provider, operation, failure), null);
    this.status = failure.status();
    this.error = failure.error();
    this.rawBody = failure.rawBody();
    this.requestId = failure.requestId();
    this.retryAfter = failure.retryAfter();
  }

  private static String describe(Provider provider, String operation, HttpFailure f) {
    String summary = f.error().summary();
    return prefix(provider, operation)
        + "HTTP "
        + f.status()
        + (summary.isEmpty() ? "" : ": " + summary)
        + (f.requestId() == null ? "" : " (request id " + f.requestId() + ")");
  }

  public int status() {
    return status;
  }

  public ProviderError error() {
    return error;
  }

  /** The response body as received, cut at the configured maximum. */
  public String rawBody() {
    return rawBody;
  }

  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** The provider's {@code Retry-After}, when it sent one (429, 503). */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** Maps a failed response to the exception type of its status. */
  public static ApiException of(Provider provider, String operation, HttpFailure f) {
    int s = f.status();
    return switch (s) {
      case 400 -> new BadRequestException(provider, operation, f);
      case 401 -> new UnauthorizedException(provider, operation, f);
      case 403 -> new PermissionDeniedException(provider, operation, f);
      case 404 -> new NotFoundException(provider, operation, f);
      case 409 -> new ConflictException(provider, operation, f);
      case 422 -> new UnprocessableEntityException(provider, operation, f);
      case 429 -> new RateLimitException(provider, operation, f);
      default ->
          s >= 500
              ? new InternalServerException(provider, operation, f)
              : new UnexpectedStatusException(provider, operation, f);
    };
  }
}
