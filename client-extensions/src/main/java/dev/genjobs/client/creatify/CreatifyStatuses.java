package dev.genjobs.client.creatify;

import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.jobs.StatusMapping;
import java.util.Map;

/**
 * Status values seen across Creatify jobs (both APIs share them); anything new counts as running.
 */
final class CreatifyStatuses {

  static final StatusMapping MAPPING =
      StatusMapping.of(
          Map.of(
              "pending", JobStatus.QUEUED,
              "in_queue", JobStatus.QUEUED,
              "initializing", JobStatus.QUEUED,
              "running", JobStatus.RUNNING,
              "generating", JobStatus.RUNNING,
              "done", JobStatus.SUCCEEDED,
              "failed", JobStatus.FAILED,
              "rejected", JobStatus.FAILED,
              "cancelled", JobStatus.CANCELLED));

  private CreatifyStatuses() {}
}
