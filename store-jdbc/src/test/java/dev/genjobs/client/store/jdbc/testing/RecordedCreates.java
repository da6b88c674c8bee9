package dev.genjobs.client.store.jdbc.testing;

import dev.genjobs.standins.Exchange;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every job-creating request the stand-ins answered, with the correlation token it carried. */
public final class RecordedCreates implements Exchange.Listener {

  /**
   * One create as the provider saw it.
   *
   * @param prompt the {@code prompt} input, where a test puts a marker of its own
   */
  public record Create(String token, String jobId, int status, String prompt) {}

  public final List<Create> creates = new CopyOnWriteArrayList<>();
  public final Map<String, Integer> getsByJob = new ConcurrentHashMap<>();

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  @Override
  public void onExchange(Exchange e) {
    try {
      if (e.method().equals("POST") && e.path().equals("/generate")) {
        var body = JSON.readTree(e.requestBody());
        String webhook = body.path("webhook").asText("");
        int at = webhook.indexOf("genjobs_ref=");
        String token = at < 0 ? null : webhook.substring(at + "genjobs_ref=".length());
        String jobId = JSON.readTree(e.responseBody()).path("jobId").asText(null);
        String prompt = body.path("input").path("prompt").asText(null);
        creates.add(new Create(token, jobId, e.status(), prompt));
      } else if (e.method().equals("GET") && e.path().equals("/get")) {
        String id = e.query().getOrDefault("jobId", List.of("?")).get(0);
        getsByJob.merge(id, 1, Integer::sum);
      }
    } catch (Exception ex) {
      throw new IllegalStateException(ex);
    }
  }
}
