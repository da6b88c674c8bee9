package dev.genjobs.client.jobs;

import java.nio.file.Path;

/**
 * A provider client that downloads a finished job's output files through its own API (rather than
 * from public URLs), so a tool can fetch them without naming the provider (the CLI's {@code
 * download}).
 */
public interface DownloadsOutputs {

  /**
   * Streams one output file of job {@code jobId} to {@code target}, never whole in memory.
   *
   * @return the path written
   */
  Path downloadOutput(String jobId, OutputFile file, Path target);
}
