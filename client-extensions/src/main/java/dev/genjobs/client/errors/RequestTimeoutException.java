package dev.genjobs.client.errors;

import dev.genjobs.client.Provider;
import java.time.Duration;

/** The provider did not answer within the read timeout, or the overall deadline passed. */
public class RequestTimeoutException extends GenJobsException {

  private final Duration timeout;

  public RequestTimeoutException(
      Provider provider, String operation, Duration timeout, Throwable cause) {
    super(provider, operation, prefix(provider, operation) + "no answer within " + timeout, cause);
    this.timeout = timeout;
  }

  public Duration timeout() {
    return timeout;
  }
}
