package dev.genjobs.client.store;

/**
 * Where a job stands in the ledger. The provider's view of a running job is {@link
 * dev.genjobs.client.jobs.JobStatus}; this is ours, and it starts before the provider knows the job
 * exists.
 */
public enum LedgerState {
  /**
   * Written before the create request is sent. A record left in this state by a crash means "maybe
   * sent": it is resolved like {@link #AMBIGUOUS}, never sent again.
   */
  INTENT,
  /** The provider accepted the create: the record has the provider's job id and is watched. */
  ACTIVE,
  /**
   * The create may have started a job but no definite answer came back. Resolved by a webhook
   * carrying the record's correlation token, a provider list (where one exists), or by hand with
   * {@code bind} or {@code abandon}.
   */
  AMBIGUOUS,
  /** The provider refused the create: no job exists and nothing is billed. */
  REFUSED,
  /** The job ended at the provider; its final status, reason and outputs are in the record. */
  ENDED,
  /** Given up by a person or program: the ledger no longer follows it. */
  ABANDONED;

  /** Whether the ledger still has work to do for this record (watch it or resolve it). */
  public boolean isOpen() {
    return this == INTENT || this == ACTIVE || this == AMBIGUOUS;
  }

  /** Whether the outcome of the create is unknown: a person or a reconciliation must decide. */
  public boolean isUnresolved() {
    return this == INTENT || this == AMBIGUOUS;
  }
}
