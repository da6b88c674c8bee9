package dev.genjobs.spectools.sync;

/** Sync could not write a new version; the message says why, and specs/ is untouched. */
public final class SyncException extends RuntimeException {
  public SyncException(String message) {
    super(message);
  }

  public SyncException(String message, Throwable cause) {
    super(message, cause);
  }
}
