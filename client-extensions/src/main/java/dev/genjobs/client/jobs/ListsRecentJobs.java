package dev.genjobs.client.jobs;

import dev.genjobs.client.store.InputFingerprint;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A provider that can list the jobs it recently started, so a create whose answer was lost can be
 * found again by time and by what it ran instead of staying ambiguous. Implemented by provider
 * clients whose API has a job list.
 */
public interface ListsRecentJobs {

  /** Jobs the provider created between {@code from} (inclusive) and {@code to} (exclusive). */
  List<ListedJob> jobsCreatedBetween(Instant from, Instant to);

  /**
   * @param jobId the provider's job id
   * @param createdAt when the provider says it was created
   * @param ranWhat what it ran (e.g. the template or workflow name), for people resolving by hand
   * @param exposedInputs the inputs the list shows, hashed as the provider client hashes a create's
   *     inputs into a record's {@link dev.genjobs.client.store.JobRecord#inputFingerprint()}; a
   *     listed job is bound to a record only when they agree on every field listed here
   */
  record ListedJob(
      String jobId, Instant createdAt, String ranWhat, InputFingerprint exposedInputs) {

    public ListedJob {
      Objects.requireNonNull(jobId, "jobId");
      Objects.requireNonNull(createdAt, "createdAt");
      exposedInputs = exposedInputs == null ? InputFingerprint.none() : exposedInputs;
    }

    /** A listed job whose list shows none of its inputs: it is never bound automatically. */
    public ListedJob(String jobId, Instant createdAt, String ranWhat) {
      this(jobId, createdAt, ranWhat, InputFingerprint.none());
    }
  }
}
