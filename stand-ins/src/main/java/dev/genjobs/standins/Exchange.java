package dev.genjobs.standins;

import java.util.List;
import java.util.Map;

/**
 * One request a stand-in answered, as seen on the wire: for checking the stand-ins against the
 * specs, or counting requests per job in a test.
 *
 * @param method e.g. {@code GET}
 * @param path the path without the query
 * @param query query parameters
 * @param headers request headers
 * @param requestBody the request body (multipart bodies as sent)
 * @param status the status answered
 * @param responseBody the JSON answered
 */
public record Exchange(
    String method,
    String path,
    Map<String, List<String>> query,
    Map<String, List<String>> headers,
    byte[] requestBody,
    int status,
    String responseBody) {

  /** Told about every exchange, on the stand-in's server threads. */
  @FunctionalInterface
  public interface Listener {
    void onExchange(Exchange exchange);
  }
}
