package dev.genjobs.client.jobs;

/**
 * A provider client that starts jobs from a provider-neutral {@link JobRequest}, so a tool can
 * create at any provider without naming one in its code (the CLI's {@code create}).
 */
public interface CreatesJobs {

  /** The parts of a {@link JobRequest} this provider takes, and those it needs. */
  JobRequest.Parts parts();

  /**
   * Starts a job: the request mapped onto this provider's own create, checked as that create checks
   * its input (nothing is sent when it is invalid).
   *
   * @throws dev.genjobs.client.errors.InvalidInputException when the request does not fit {@link
   *     #parts()} or the provider's input rules
   */
  Job create(JobRequest request);
}
