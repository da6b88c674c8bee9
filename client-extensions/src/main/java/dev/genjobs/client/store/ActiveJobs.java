package dev.genjobs.client.store;

import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.JobStatus;
import java.util.Objects;

/**
 * How many ACTIVE records of {@code provider} last showed {@code status} (null: not polled yet):
 * one row of {@link JobStore#countActive()}, for the jobs-in-flight gauge of a durable ledger.
 */
public record ActiveJobs(Provider provider, JobStatus status, int count) {
  public ActiveJobs {
    Objects.requireNonNull(provider, "provider");
    if (count < 0) throw new IllegalArgumentException("count must be >= 0");
  }
}
