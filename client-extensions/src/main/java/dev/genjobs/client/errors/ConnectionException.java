package dev.genjobs.client.errors;

import dev.genjobs.client.Provider;

/**
 * No response arrived: the connection could not be made or broke. {@link #requestWasSent()} tells
 * whether the provider can have seen the request.
 */
public class ConnectionException extends GenJobsException {

  private final boolean requestWasSent;

  public ConnectionException(
      Provider provider, String operation, boolean requestWasSent, Throwable cause) {
    super(
        provider,
        operation,
        prefix(provider, operation)
            + (requestWasSent ? "connection failed after sending: " : "could not connect: ")
            + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()),
        cause);
    this.requestWasSent = requestWasSent;
  }

  public boolean requestWasSent() {
    return requestWasSent;
  }
}
