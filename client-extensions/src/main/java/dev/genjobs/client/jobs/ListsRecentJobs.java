package dev.genjobs.client.jobs;

import java.time.Instant;
import java.util.List;

/**
 * A provider that can list the jobs it recently started, so a create whose answer was lost can be
 * found again by time (and what it ran) instead of staying ambiguous. Implemented by provider
 * clients whose API has a job list.
 */
public interface ListsRecentJobs {

  /** Jobs the provider created between {@code from} (inclusive) and {@code to} (exclusive). */
  List<ListedJob> jobsCreatedBetween(Instant from, Instant to);

  /**
   * @param jobId the provider's job id
   * @param createdAt when the provider says it was created
   * @param ranWhat what it ran (e.g. the template or workflow name), for people resolving by hand
   */
  record ListedJob(String jobId, Instant createdAt, String ranWhat) {}
}
