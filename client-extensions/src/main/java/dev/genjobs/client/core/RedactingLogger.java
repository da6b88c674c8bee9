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

  /** Headers that carry credentials in any API; providers add their own key headers. */
  static final Set<String> STANDARD_SECRET_HEADERS =
      Set.of("authorization", "cookie", "proxy-authorization");

  private final Set<String> secretHeaders;

  /**
   * @param secretHeaders lower-case names of the headers to redact
   */
  RedactingLogger(Set<String> secretHeaders) {
    this.secretHeaders = secretHeaders;
  }

  /** {@link #STANDARD_SECRET_HEADERS} and {@code providerHeaders}, lower-cased. */
  static Set<String> secretHeaders(java.util.Collection<String> providerHeaders) {
    Set<String> all = new java.util.HashSet<>(STANDARD_SECRET_HEADERS);
    for (String h : providerHeaders) all.add(h.toLowerCase(Locale.ROOT));
    return Set.copyOf(all);
  }

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
                    secretHeaders.contains(name.toLowerCase(Locale.ROOT))
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
