package dev.genjobs.standins;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Changes a stand-in's answer before it is sent: for tests that need a provider whose answers drift
 * from its spec (a renamed field, a new status value, an undeclared status code).
 */
@FunctionalInterface
public interface AnswerRewriter {

  /**
   * The answer to send instead of {@code answer} (or {@code answer} itself).
   *
   * @param method e.g. {@code GET}
   * @param path the request path, without the query
   */
  Answer rewrite(String method, String path, Answer answer);

  /**
   * One answer: status, headers (by name, one value each) and body.
   *
   * @param headers e.g. {@code Content-Type}; a copy is kept
   */
  record Answer(int status, Map<String, String> headers, String body) {
    public Answer {
      headers = Map.copyOf(headers);
    }

    public Answer withStatus(int newStatus) {
      return new Answer(newStatus, headers, body);
    }

    public Answer withBody(String newBody) {
      return new Answer(status, headers, newBody);
    }

    public Answer withHeader(String name, String value) {
      Map<String, String> changed = new LinkedHashMap<>(headers);
      changed.put(name, value);
      return new Answer(status, changed, body);
    }
  }
}
