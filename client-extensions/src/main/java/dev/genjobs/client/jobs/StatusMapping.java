package dev.genjobs.client.jobs;

import java.util.Locale;
import java.util.Map;

/** A provider's raw status values mapped to {@link JobStatus}; unknown values mean RUNNING. */
public final class StatusMapping {

  private final Map<String, JobStatus> known;

  private StatusMapping(Map<String, JobStatus> known) {
    this.known = known;
  }

  /** Keys are compared case-insensitively. */
  public static StatusMapping of(Map<String, JobStatus> known) {
    Map<String, JobStatus> lower = new java.util.HashMap<>();
    known.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return new StatusMapping(Map.copyOf(lower));
  }

  public JobStatus map(String raw) {
    if (raw == null) return JobStatus.RUNNING;
    return known.getOrDefault(raw.toLowerCase(Locale.ROOT), JobStatus.RUNNING);
  }

  public boolean isKnown(String raw) {
    return raw != null && known.containsKey(raw.toLowerCase(Locale.ROOT));
  }
}
