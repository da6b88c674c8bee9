package dev.genjobs.client.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genjobs.client.errors.ErrorBodyReader;
import dev.genjobs.client.errors.HttpFailure;
import dev.genjobs.client.errors.ProviderError;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an error response into an {@link HttpFailure}: the provider's error body in each known
 * shape, a size-capped copy of the raw body, the request id and {@code Retry-After}. Shared by the
 * Feign path and the streaming upload path, so every provider error looks the same to callers.
 */
public final class ResponseFailures {

  /** Headers providers and their CDNs use to identify a request, in order of preference. */
  static final List<String> REQUEST_ID_HEADERS =
      List.of("x-request-id", "request-id", "x-amzn-requestid", "x-amz-request-id", "cf-ray");

  private final ObjectMapper mapper;
  private final int maxBodyChars;
  private final Clock clock;
  private final List<String> secrets;
  private final ErrorBodyReader errorBodies;

  public ResponseFailures(ObjectMapper mapper, int maxBodyChars, Clock clock) {
    this(mapper, maxBodyChars, clock, List.of());
  }

  /**
   * @param secrets key values to blank out of any body kept or shown (a provider may echo the key
   *     it rejected)
   */
  public ResponseFailures(
      ObjectMapper mapper, int maxBodyChars, Clock clock, List<String> secrets) {
    this(
        mapper,
        maxBodyChars,
        clock,
        secrets.stream().filter(k -> k != null && k.length() >= 4).toList(),
        ErrorBodyReader.COMMON);
  }

  private ResponseFailures(
      ObjectMapper mapper,
      int maxBodyChars,
      Clock clock,
      List<String> secrets,
      ErrorBodyReader errorBodies) {
    this.mapper = mapper;
    this.maxBodyChars = maxBodyChars;
    this.clock = clock;
    this.secrets = secrets;
    this.errorBodies = errorBodies;
  }

  /** The same, reading JSON error bodies the way one provider writes them. */
  public ResponseFailures readingErrorsWith(ErrorBodyReader errorBodies) {
    return new ResponseFailures(mapper, maxBodyChars, clock, secrets, errorBodies);
  }

  public HttpFailure parse(
      int status, Map<String, ? extends Collection<String>> headers, byte[] body) {
    String text = redact(body == null ? "" : new String(body, StandardCharsets.UTF_8));
    return new HttpFailure(
        status,
        parseError(text),
        cap(text),
        firstHeader(headers, REQUEST_ID_HEADERS),
        retryAfter(firstHeader(headers, List.of("retry-after"))));
  }

  /** The body as it may be kept on an exception: keys blanked out, cut at the maximum. */
  public String cap(String text) {
    text = redact(text);
    if (text.length() <= maxBodyChars) return text;
    return text.substring(0, maxBodyChars)
        + "...["
        + (text.length() - maxBodyChars)
        + " more chars]";
  }

  private String redact(String text) {
    for (String secret : secrets) {
      text = text.replace(secret, "****");
    }
    return text;
  }

  ProviderError parseError(String text) {
    String trimmed = text.strip();
    if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
      if (trimmed.isEmpty()) return ProviderError.none();
      boolean html =
          trimmed.regionMatches(true, 0, "<!doctype html", 0, 14)
              || trimmed.regionMatches(true, 0, "<html", 0, 5);
      return new ProviderError(
          html ? "non-JSON HTML error page" : firstLine(trimmed), null, List.of());
    }
    JsonNode root;
    try {
      root = mapper.readTree(trimmed);
    } catch (Exception e) {
      return new ProviderError("unparseable error body", null, List.of());
    }
    return errorBodies.read(root);
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    String line = nl < 0 ? text : text.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  static String firstHeader(Map<String, ? extends Collection<String>> headers, List<String> names) {
    if (headers == null) return null;
    for (String name : names) {
      for (Map.Entry<String, ? extends Collection<String>> e : headers.entrySet()) {
        if (e.getKey() != null
            && e.getKey().equalsIgnoreCase(name)
            && e.getValue() != null
            && !e.getValue().isEmpty()) {
          return e.getValue().iterator().next();
        }
      }
    }
    return null;
  }

  /** {@code Retry-After} as delta-seconds or an HTTP date; null when absent or unreadable. */
  Duration retryAfter(String value) {
    if (value == null || value.isBlank()) return null;
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return Duration.ofSeconds(Math.max(0, seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at =
            ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.US));
        Duration d = Duration.between(clock.instant(), at.toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException unreadable) {
        return null;
      }
    }
  }
}
