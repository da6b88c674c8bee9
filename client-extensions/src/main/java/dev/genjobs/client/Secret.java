package dev.genjobs.client;

import dev.genjobs.client.errors.MissingCredentialsException;
import java.util.Objects;

/**
 * An API key. It never prints itself: {@link #toString()} names only the environment variable it
 * belongs to, so keys cannot reach logs, exception messages or debugger summaries by accident.
 */
public final class Secret {

  private final String variable;
  private final String value;

  private Secret(String variable, String value) {
    this.variable = Objects.requireNonNull(variable, "variable");
    this.value = value;
  }

  /** A key for {@code variable} (e.g. {@code CREATIVE_API_KEY}); a blank value means absent. */
  public static Secret of(String variable, String value) {
    return new Secret(variable, value == null || value.isBlank() ? null : value.trim());
  }

  public static Secret absent(String variable) {
    return new Secret(variable, null);
  }

  public boolean isPresent() {
    return value != null;
  }

  /** The environment variable this key is read from. */
  public String variable() {
    return variable;
  }

  /**
   * The key itself, for the one place that puts it on the wire.
   *
   * @throws MissingCredentialsException naming the environment variable when the key is absent
   */
  public String reveal() {
    if (value == null) {
      throw new MissingCredentialsException(variable);
    }
    return value;
  }

  @Override
  public String toString() {
    return variable + "=" + (value == null ? "<absent>" : "****");
  }
}
