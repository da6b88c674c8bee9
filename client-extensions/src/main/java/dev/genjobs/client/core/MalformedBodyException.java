package dev.genjobs.client.core;

/** Internal carrier: a 2xx body that could not be read. {@link CallExecutor} maps it. */
final class MalformedBodyException extends RuntimeException {

  final int status;
  final String rawBody;

  MalformedBodyException(int status, String rawBody, String reason, Throwable cause) {
    super(reason, cause);
    this.status = status;
    this.rawBody = rawBody;
  }
}
