package dev.genjobs.cli;

/** The command line asks for something that cannot work; reported as exit 2, nothing sent. */
final class UsageException extends RuntimeException {

  UsageException(String message) {
    super(message);
  }

  UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
