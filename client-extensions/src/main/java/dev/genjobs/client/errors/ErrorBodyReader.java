package dev.genjobs.client.errors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * How a provider's JSON error body reads into a {@link ProviderError}. A provider module picks one
 * of the conventions here or writes its own; the shared code only knows these conventions, never
 * which provider uses which.
 */
@FunctionalInterface
public interface ErrorBodyReader {

  /** Reads {@code body}, a JSON object or array; never throws. */
  ProviderError read(JsonNode body);

  /**
   * The shapes most HTTP APIs use: a message in {@code message}, {@code error}, {@code detail} or
   * {@code title} (RFC 9457 problem details), a code in {@code status} (text) or {@code code}.
   */
  ErrorBodyReader COMMON = ErrorBodyReader::common;

  /**
   * {@link #COMMON}, and FastAPI's validation errors: {@code detail} as a list of {@code {loc, msg,
   * type}}, each kept as a {@link ProviderError.FieldError}.
   */
  ErrorBodyReader FAST_API =
      body -> {
        ProviderError common = common(body);
        JsonNode detail = body.path("detail");
        if (!detail.isArray()) return common;
        List<ProviderError.FieldError> fields = new ArrayList<>();
        for (JsonNode d : detail) {
          List<Object> loc = new ArrayList<>();
          for (JsonNode l : d.path("loc")) loc.add(l.isInt() ? (Object) l.asInt() : l.asText());
          fields.add(
              new ProviderError.FieldError(
                  loc, d.path("msg").asText(""), d.path("type").asText("")));
        }
        return new ProviderError(common.message(), common.code(), fields);
      };

  private static ProviderError common(JsonNode root) {
    String message = null;
    for (String key : List.of("detail", "message", "error", "title")) {
      if (root.path(key).isTextual()) {
        message = root.get(key).asText();
        break;
      }
    }
    String code = null;
    if (root.path("status").isTextual()) code = root.get("status").asText();
    else if (root.path("code").isValueNode()) code = root.get("code").asText();
    return new ProviderError(message, code, List.of());
  }
}
