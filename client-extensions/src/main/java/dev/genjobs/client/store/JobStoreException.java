package dev.genjobs.client.store;

/**
 * The job ledger could not be read or written (e.g. its database is unreachable). Never holds
 * credentials.
 */
public class JobStoreException extends RuntimeException {
  public JobStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
