package dev.genjobs.client.store.internal;

import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.store.JobRecord;

/** A record's last known provider state as a {@link JobSnapshot}. Not API. */
public final class LedgerSnapshots {
  private LedgerSnapshots() {}

  public static JobSnapshot of(JobRecord r) {
    return JobSnapshot.builder(r.provider(), r.providerJobId().orElse(r.ledgerId()))
        .status(r.status().orElse(JobStatus.QUEUED), r.rawStatus().orElse(null))
        .failureReason(r.failureReason().orElse(null))
        .outputUrls(r.outputUrls())
        .outputFiles(r.outputFiles())
        .observedAt(r.updatedAt())
        .build();
  }
}
