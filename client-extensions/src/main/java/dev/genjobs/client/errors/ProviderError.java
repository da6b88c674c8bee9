package dev.genjobs.client.errors;

import java.util.List;
import java.util.Optional;

/**
 * The error a provider put in its response body, parsed where the body has a known shape:
 * Unstructured's {@code {"detail": [{loc, msg, type}]}} or {@code {"detail": "..."}}, the Creative
 * API's {@code {status, message}}, Creatify's {@code {"detail": "..."}}. Anything else keeps only
 * the raw body on the exception.
 *
 * @param message the provider's human-readable message, if it sent one
 * @param code a provider status or error code such as {@code "error"}, if it sent one
 * @param fieldErrors per-field validation problems (Unstructured 422)
 */
public record ProviderError(String message, String code, List<FieldError> fieldErrors) {

  public ProviderError {
    fieldErrors = List.copyOf(fieldErrors);
  }

  public static ProviderError none() {
    return new ProviderError(null, null, List.of());
  }

  public Optional<String> messageText() {
    return Optional.ofNullable(message);
  }

  /**
   * One validation problem.
   *
   * @param location the path to the offending input, e.g. {@code ["body", "request_data"]}
   * @param message what is wrong
   * @param type the provider's error type, e.g. {@code missing}
   */
  public record FieldError(List<Object> location, String message, String type) {
    public FieldError {
      location = List.copyOf(location);
    }
  }

  /** A one-line summary for exception messages. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    if (message != null) sb.append(message);
    for (FieldError e : fieldErrors) {
      if (!sb.isEmpty()) sb.append("; ");
      sb.append(String.join(".", e.location().stream().map(String::valueOf).toList()))
          .append(": ")
          .append(e.message());
    }
    return sb.toString();
  }
}
