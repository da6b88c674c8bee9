package dev.genjobs.client.core;

import dev.genjobs.client.errors.HttpFailure;

/**
 * Internal carrier from the transport to {@link CallExecutor}, which turns it into the public
 * exception type with the operation's name. Never reaches callers.
 */
final class HttpFailureException extends RuntimeException {

  final transient HttpFailure failure;

  HttpFailureException(HttpFailure failure) {
    super("HTTP " + failure.status(), null, false, false);
    this.failure = failure;
  }
}
