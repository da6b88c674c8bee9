package dev.genjobs.client.errors;

import dev.genjobs.client.Provider;

/** A success status with a body that is not the documented JSON (empty, HTML, truncated). */
public class MalformedResponseException extends GenJobsException {

  private final int status;
  private final String rawBody;

  public MalformedResponseException(
      Provider provider,
      String operation,
      int status,
      String rawBody,
      String reason,
      Throwable cause) {
    super(
        provider,
        operation,
        prefix(provider, operation) + "malformed HTTP " + status + " response: " + reason,
        cause);
    this.status = status;
    this.rawBody = rawBody;
  }

  public int status() {
    return status;
  }

  public String rawBody() {
    return rawBody;
  }
}
