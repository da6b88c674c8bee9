package dev.genjobs.client.jobs;

import dev.genjobs.client.Provider;

/**
 * How one provider reads (and maybe cancels) a job. Each provider package implements it over its
 * generated client; everything else about jobs is shared.
 */
public interface JobBackend {

  Provider provider();

  /** One GET of the job's current state. */
  JobSnapshot fetch(String jobId);

  /** Asks the provider to stop the job; providers without a cancel operation refuse. */
  default JobSnapshot cancel(String jobId) {
    throw new UnsupportedOperationException(
        provider().displayName() + " has no cancel operation; stop waiting instead");
  }
}
