package dev.genjobs.client.jobs;

import dev.genjobs.client.Provider;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider's raw status values mapped to {@link JobStatus}. A value nobody mapped counts as
 * RUNNING (a provider's new in-between state must not end a wait), is logged once per provider and
 * value at WARN, and is marked on the snapshot ({@link JobSnapshot#statusRecognized()}), so a new
 * terminal value is seen rather than silently running every wait into its timeout. Users map such
 * values with {@code ClientOptions.Builder.statusMapping(provider, "expired", JobStatus.FAILED)}.
 */
public final class StatusMapping {

  private static final Logger LOG = LoggerFactory.getLogger(StatusMapping.class);

  private final Provider provider;
  private final Map<String, JobStatus> known;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  private StatusMapping(Provider provider, Map<String, JobStatus> known) {
    this.provider = provider;
    this.known = known;
  }

  /** Keys are compared case-insensitively. */
  public static StatusMapping of(Map<String, JobStatus> known) {
    return new StatusMapping(null, lower(known));
  }

  /**
   * This mapping for {@code provider} with the user's {@code overrides} on top (they win over the
   * built-in values).
   */
  public StatusMapping forProvider(Provider provider, Map<String, JobStatus> overrides) {
    Map<String, JobStatus> merged = new HashMap<>(known);
    merged.putAll(lower(overrides));
    return new StatusMapping(provider, Map.copyOf(merged));
  }

  private static Map<String, JobStatus> lower(Map<String, JobStatus> map) {
    Map<String, JobStatus> lower = new HashMap<>();
    map.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return Map.copyOf(lower);
  }

  public JobStatus map(String raw) {
    if (raw == null) return JobStatus.RUNNING;
    JobStatus status = known.get(raw.toLowerCase(Locale.ROOT));
    if (status != null) return status;
    if (warned.add(raw)) {
      LOG.warn(
          "{} sent the unknown job status \"{}\": treated as RUNNING. If it means the job ended,"
              + " map it with ClientOptions.Builder.statusMapping(Provider.valueOf(\"{}\"), \"{}\", ...)",
          provider == null ? "A provider" : provider.displayName(),
          raw,
          provider == null ? "provider" : provider.id(),
          raw);
    }
    return JobStatus.RUNNING;
  }

  public boolean isKnown(String raw) {
    return raw != null && known.containsKey(raw.toLowerCase(Locale.ROOT));
  }

  /** Sets the mapped status, the raw value and whether it was recognized on {@code snapshot}. */
  public JobSnapshot.Builder apply(JobSnapshot.Builder snapshot, String raw) {
    return snapshot.status(map(raw), raw).statusRecognized(raw != null && isKnown(raw));
  }
}
