package dev.genjobs.standins;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One provider imitated on the shared stand-in server: its paths, bodies and auth header. What
 * every provider shares (the server, the job clock, failing on demand, webhook delivery with
 * retries, request counting, listeners and answer rewriting) is done by {@link ProviderStandIns}.
 *
 * <p>Stand-ins are found with {@link java.util.ServiceLoader}: add the class name to {@code
 * META-INF/services/dev.genjobs.standins.StandIn}. Each server loads its own instances, so an
 * implementation may keep state about its jobs in fields; it must be safe to call from several
 * server threads at once. It needs a public no-argument constructor.
 */
public interface StandIn {

  /**
   * The provider's spec folder name, e.g. {@code creative-api}: the key of {@link
   * StandInOptions.Builder#failing(String)}.
   */
  String providerId();

  /** The status values the provider's jobs go through. */
  Statuses statuses();

  /**
   * Whether requests to this path (without the query) are this provider's. Checked before auth, so
   * that a request without the provider's auth header gets the provider's own 401. Paths must not
   * overlap another stand-in's.
   */
  boolean serves(String path);

  /**
   * The answer to a request to one of {@link #serves its paths}, auth check included. Create and
   * find jobs through {@code jobs}; it holds this provider's jobs only. An exception is answered
   * with 500.
   *
   * @see StandInAnswers#json(int, JsonNode)
   */
  ResponseDefinition answer(Request request, StandInJobs jobs) throws Exception;

  /** The job as the provider shows it at {@code now}: the body its webhook delivery POSTs. */
  JsonNode render(StandInJob job, Instant now);

  /**
   * Headers to add to one attempt of a webhook delivery of {@code job}, e.g. the provider's
   * signature over {@code body} (the bytes POSTed); none by default. Called again for each retry.
   *
   * @param options the server's options, e.g. {@link StandInOptions#webhookSecret()}
   */
  default Map<String, String> webhookHeaders(StandInJob job, byte[] body, StandInOptions options) {
    return Map.of();
  }

  /**
   * A provider's status values: a job is in each running status for one step, then ends in
   * succeeded or failed.
   *
   * @param running the statuses before the end, in order; at least one
   */
  record Statuses(List<String> running, String succeeded, String failed) {
    public Statuses {
      running = List.copyOf(running);
      if (running.isEmpty()) throw new IllegalArgumentException("no running status");
      Objects.requireNonNull(succeeded, "succeeded");
      Objects.requireNonNull(failed, "failed");
    }
  }
}
