package dev.genjobs.client.jobs;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds a failure reason a provider sent in a field its spec does not declare. */
public final class FailureReasons {

  private static final List<String> KEYS =
      List.of("failure_reason", "error", "error_message", "message", "reason", "detail");

  private FailureReasons() {}

  public static Optional<String> undocumented(Map<String, Object> undeclaredFields) {
    if (undeclaredFields == null) return Optional.empty();
    for (String key : KEYS) {
      Object value = undeclaredFields.get(key);
      if (value instanceof String s && !s.isBlank()) return Optional.of(s);
      if (value instanceof Map<?, ?> m && m.get("message") instanceof String s && !s.isBlank()) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
