package dev.genjobs.client.errors;

import dev.genjobs.client.Provider;
import java.util.Optional;

/**
 * Base of every exception this library throws. Callers can catch this one type; nothing from Feign,
 * Jackson or the HTTP client escapes unwrapped.
 */
public class GenJobsException extends RuntimeException {

  private final Provider provider;
  private final String operation;

  public GenJobsException(Provider provider, String operation, String message, Throwable cause) {
    super(message, cause);
    this.provider = provider;
    this.operation = operation;
  }

  /** The provider called, when the failure belongs to a call. */
  public Optional<Provider> provider() {
    return Optional.ofNullable(provider);
  }

  /**
   * The operation, e.g. {@code generate} or {@code get_job}, when the failure belongs to a call.
   */
  public Optional<String> operation() {
    return Optional.ofNullable(operation);
  }

  static String prefix(Provider provider, String operation) {
    if (provider == null) return "";
    return provider.displayName() + (operation == null ? "" : " " + operation) + ": ";
  }
}
