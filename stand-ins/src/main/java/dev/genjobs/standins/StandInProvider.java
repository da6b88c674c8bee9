package dev.genjobs.standins;

import java.util.List;

/** The providers a stand-in imitates, with the status values their jobs go through. */
public enum StandInProvider {
  CREATIVE_API(List.of("created", "pending", "processing"), "completed", "failed"),
  CREATIFY_ASSET_GENERATOR(List.of("initializing", "generating"), "done", "failed"),
  CREATIFY_INSPIRATION(List.of("pending", "in_queue", "running"), "done", "failed"),
  UNSTRUCTURED(List.of("SCHEDULED", "IN_PROGRESS"), "COMPLETED", "FAILED");

  private final List<String> running;
  private final String succeeded;
  private final String failed;

  StandInProvider(List<String> running, String succeeded, String failed) {
    this.running = running;
    this.succeeded = succeeded;
    this.failed = failed;
  }

  /** Statuses before the end, in order. */
  public List<String> runningStatuses() {
    return running;
  }

  public String succeededStatus() {
    return succeeded;
  }

  public String failedStatus() {
    return failed;
  }
}
