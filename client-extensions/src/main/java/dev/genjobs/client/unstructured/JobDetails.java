package dev.genjobs.client.unstructured;

import java.util.List;
import java.util.Optional;

/**
 * Processing details of an Unstructured job.
 *
 * @param id the job id
 * @param processingStatus the raw processing status, e.g. {@code COMPLETED_WITH_ERRORS}
 * @param nodeStats per-node counts
 * @param message the provider's message, e.g. why it failed
 */
public record JobDetails(
    String id, String processingStatus, List<NodeStats> nodeStats, String message) {

  public JobDetails {
    nodeStats = List.copyOf(nodeStats);
  }

  public Optional<String> messageText() {
    return Optional.ofNullable(message);
  }

  /** Files per state at one workflow node. */
  public record NodeStats(
      String nodeName,
      String nodeType,
      String nodeSubtype,
      int ready,
      int inProgress,
      int success,
      int failure) {}
}
