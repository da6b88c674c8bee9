package dev.genjobs.client.validation;

import dev.genjobs.client.Provider;
import dev.genjobs.client.errors.InvalidInputException;
import dev.genjobs.client.errors.InvalidInputException.Violation;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Collects every problem with a request before anything is sent, then fails once listing them all,
 * so a caller fixes their input in one round.
 */
public final class InputCheck {

  private final Provider provider;
  private final String operation;
  private final List<Violation> violations = new ArrayList<>();

  private InputCheck(Provider provider, String operation) {
    this.provider = provider;
    this.operation = operation;
  }

  public static InputCheck of(Provider provider, String operation) {
    return new InputCheck(provider, operation);
  }

  public InputCheck requireText(String pointer, String value) {
    if (value == null || value.isBlank()) violations.add(new Violation(pointer, "is required"));
    return this;
  }

  public InputCheck requirePresent(String pointer, Object value) {
    if (value == null) violations.add(new Violation(pointer, "is required"));
    return this;
  }

  /** Present and a UUID, e.g. {@code 3fa85f64-5717-4562-b3fc-2c963f66afa6}. */
  public InputCheck requireUuid(String pointer, String value) {
    if (value == null || value.isBlank()) {
      violations.add(new Violation(pointer, "is required"));
    } else {
      try {
        UUID.fromString(value);
      } catch (IllegalArgumentException e) {
        violations.add(new Violation(pointer, "must be a UUID, got '" + value + "'"));
      }
    }
    return this;
  }

  public InputCheck optionalHttpUrl(String pointer, URI value, int maxLength) {
    if (value == null) return this;
    if (value.getScheme() == null
        || !value.getScheme().matches("https?")
        || value.getHost() == null) {
      violations.add(
          new Violation(pointer, "must be an absolute http(s) URL, got '" + value + "'"));
    }
    if (maxLength > 0 && value.toString().length() > maxLength) {
      violations.add(new Violation(pointer, "must be at most " + maxLength + " characters"));
    }
    return this;
  }

  public InputCheck check(boolean ok, String pointer, String message) {
    if (!ok) violations.add(new Violation(pointer, message));
    return this;
  }

  public InputCheck addAll(List<Violation> more) {
    violations.addAll(more);
    return this;
  }

  /**
   * @throws InvalidInputException listing every violation, if any
   */
  public void orThrow() {
    if (!violations.isEmpty()) {
      throw new InvalidInputException(provider, operation, violations);
    }
  }
}
