package dev.genjobs.client.core;

import feign.Request;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Feign's request/response log, sent to SLF4J at DEBUG, with every credential header replaced by
 * {@code ****} whatever the log level, so keys never reach a log file.
 */
final class RedactingLogger extends feign.Logger {

  static final Set<String> SENSITIVE_HEADERS =
      Set.of(
          "x-api-key",
          "x-api-id",
          "unstructured-api-key",
          "authorization",
          "cookie",
          "proxy-authorization");

  private final org.slf4j.Logger log = LoggerFactory.getLogger("dev.genjobs.client.http");

  @Override
  protected void logRequest(String configKey, Level logLevel, Request request) {
    if (!log.isDebugEnabled()) return;
    Map<String, Collection<String>> redacted = new LinkedHashMap<>();
    request
        .headers()
        .forEach(
            (name, values) ->
                redacted.put(
                    name,
                    SENSITIVE_HEADERS.contains(name.toLowerCase(Locale.ROOT))
                        ? List.of("****")
                        : values));
    Request safe =
        Request.create(
            request.httpMethod(), request.url(), redacted, request.body(), request.charset(), null);
    super.logRequest(configKey, logLevel, safe);
  }

  @Override
  protected void log(String configKey, String format, Object... args) {
    if (log.isDebugEnabled()) {
      log.debug(String.format(methodTag(configKey) + format, args));
    }
  }
}
