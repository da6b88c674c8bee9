package dev.genjobs.micrometer;

/**
 * Every observation, meter and tag genjobs records. Tag {@code provider} is the provider's spec
 * folder name, its id (e.g. {@code creative-api}).
 *
 * <table>
 *   <caption>Meters (with a meter observation handler for the observations)</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@code genjobs.call}</td><td>observation: timer</td><td>provider, operation,
 *       outcome (SUCCESS, FAILURE, AMBIGUOUS), http.status (error response code, 2xx, NONE),
 *       error</td></tr>
 *   <tr><td>{@code genjobs.call.retry}</td><td>counter (observation event)</td><td>provider,
 *       operation</td></tr>
 *   <tr><td>{@code genjobs.call.ambiguous}</td><td>counter (observation event)</td><td>provider,
 *       operation, outcome, http.status</td></tr>
 *   <tr><td>{@code genjobs.webhook}</td><td>observation: timer</td><td>verdict (the
 *       WebhookResult outcome), provider, error</td></tr>
 *   <tr><td>{@code genjobs.poll.lateness}</td><td>timer</td><td>provider, reason</td></tr>
 *   <tr><td>{@code genjobs.job.time.to.result}</td><td>timer</td><td>provider, status
 *       (SUCCEEDED, FAILED, CANCELLED, ERROR)</td></tr>
 *   <tr><td>{@code genjobs.jobs.in.flight}</td><td>gauge</td><td>provider, status (QUEUED,
 *       RUNNING, UNKNOWN: not polled yet)</td></tr>
 * </table>
 */
public final class GenJobsMeters {

  public static final String CALL = "genjobs.call";
  public static final String RETRY_EVENT = "retry";
  public static final String AMBIGUOUS_EVENT = "ambiguous";
  public static final String WEBHOOK = "genjobs.webhook";
  public static final String POLL_LATENESS = "genjobs.poll.lateness";
  public static final String TIME_TO_RESULT = "genjobs.job.time.to.result";
  public static final String JOBS_IN_FLIGHT = "genjobs.jobs.in.flight";

  public static final String PROVIDER = "provider";
  public static final String OPERATION = "operation";
  public static final String OUTCOME = "outcome";
  public static final String HTTP_STATUS = "http.status";
  public static final String REASON = "reason";
  public static final String STATUS = "status";
  public static final String VERDICT = "verdict";

  public static final String HTTP_STATUS_SUCCESS = "2xx";
  public static final String NONE = "NONE";
  public static final String STATUS_ERROR = "ERROR";
  public static final String STATUS_UNKNOWN = "UNKNOWN";

  private GenJobsMeters() {}
}
