package dev.genjobs.client.store;

import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.jobs.OutputFile;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the job ledger: a create we intended, its outcome, and the job's life at the provider.
 * Immutable; change it with {@link #toBuilder()} and {@link JobStore#replace}. Holds no secret: the
 * request is kept as a secret-free summary and a fingerprint, never its headers.
 *
 * <p>Instants are kept to the microsecond, the precision both supported databases store.
 */
public final class JobRecord {

  /**
   * The most steps a record's history keeps: its first and the latest. A job followed for days (a
   * failed poll is a step) would otherwise grow its row without limit; 50 steps of at most ~1.2 kB
   * each stay well inside the JDBC store's column.
   */
  public static final int MAX_ATTEMPTS = 50;

  /**
   * The most candidate jobs a record keeps: more matching jobs than this in one window say the
   * listing cannot tell them apart, and a person will look at the provider's list anyway.
   */
  public static final int MAX_CANDIDATES = 20;

  private final String ledgerId;
  private final long version;
  private final Provider provider;
  private final String operation;
  private final LedgerState state;
  private final String requestSummary;
  private final String requestFingerprint;
  private final InputFingerprint inputFingerprint;
  private final Instant createDeadlineAt;
  private final List<String> candidateJobIds;
  private final String correlationToken;
  private final String providerJobId;
  private final JobStatus status;
  private final String rawStatus;
  private final String failureReason;
  private final List<URI> outputUrls;
  private final List<OutputFile> outputFiles;
  private final boolean expectWebhook;
  private final Instant createdAt;
  private final Instant updatedAt;
  private final Instant endedAt;
  private final Instant nextPollAt;
  private final int pollFailures;
  private final int polls;
  private final List<Attempt> attempts;

  private JobRecord(Builder b) {
    this.ledgerId = Objects.requireNonNull(b.ledgerId, "ledgerId");
    this.version = b.version;
    this.provider = Objects.requireNonNull(b.provider, "provider");
    this.operation = Objects.requireNonNull(b.operation, "operation");
    this.state = Objects.requireNonNull(b.state, "state");
    this.requestSummary = b.requestSummary == null ? "" : b.requestSummary;
    this.requestFingerprint = b.requestFingerprint == null ? "" : b.requestFingerprint;
    this.inputFingerprint =
        b.inputFingerprint == null ? InputFingerprint.none() : b.inputFingerprint;
    this.createDeadlineAt = micros(b.createDeadlineAt);
    this.candidateJobIds =
        List.copyOf(
            b.candidateJobIds.size() > MAX_CANDIDATES
                ? b.candidateJobIds.subList(0, MAX_CANDIDATES)
                : b.candidateJobIds);
    this.correlationToken = Objects.requireNonNull(b.correlationToken, "correlationToken");
    this.providerJobId = b.providerJobId;
    this.status = b.status;
    this.rawStatus = b.rawStatus;
    this.failureReason = b.failureReason;
    this.outputUrls = List.copyOf(b.outputUrls);
    this.outputFiles = List.copyOf(b.outputFiles);
    this.expectWebhook = b.expectWebhook;
    this.createdAt = micros(Objects.requireNonNull(b.createdAt, "createdAt"));
    this.updatedAt = micros(b.updatedAt == null ? b.createdAt : b.updatedAt);
    this.endedAt = micros(b.endedAt);
    this.nextPollAt = micros(b.nextPollAt);
    this.pollFailures = b.pollFailures;
    this.polls = b.polls;
    this.attempts = List.copyOf(b.attempts);
  }

  private static Instant micros(Instant i) {
    return i == null ? null : i.truncatedTo(ChronoUnit.MICROS);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.ledgerId = ledgerId;
    b.version = version;
    b.provider = provider;
    b.operation = operation;
    b.state = state;
    b.requestSummary = requestSummary;
    b.requestFingerprint = requestFingerprint;
    b.inputFingerprint = inputFingerprint;
    b.createDeadlineAt = createDeadlineAt;
    b.candidateJobIds = candidateJobIds;
    b.correlationToken = correlationToken;
    b.providerJobId = providerJobId;
    b.status = status;
    b.rawStatus = rawStatus;
    b.failureReason = failureReason;
    b.outputUrls = outputUrls;
    b.outputFiles = outputFiles;
    b.expectWebhook = expectWebhook;
    b.createdAt = createdAt;
    b.updatedAt = updatedAt;
    b.endedAt = endedAt;
    b.nextPollAt = nextPollAt;
    b.pollFailures = pollFailures;
    b.polls = polls;
    b.attempts = new ArrayList<>(attempts);
    return b;
  }

  /**
   * Our id for the job, given before the provider's exists; the handle to resolve or look it up.
   */
  public String ledgerId() {
    return ledgerId;
  }

  /** Bumped by every {@link JobStore#replace}; the compare-and-set token. */
  public long version() {
    return version;
  }

  public Provider provider() {
    return provider;
  }

  /** The create operation, e.g. {@code generate} or {@code create_job}. */
  public String operation() {
    return operation;
  }

  public LedgerState state() {
    return state;
  }

  /** What was sent (model, inputs, file names), without secrets, to recognise the job. */
  public String requestSummary() {
    return requestSummary;
  }

  /**
   * SHA-256 of the provider, the operation and the {@link #inputFingerprint()} (or, for a record
   * without one, the summary): equal requests have equal request fingerprints. One value to compare
   * whole requests; the input fingerprint says which fields differ.
   */
  public String requestFingerprint() {
    return requestFingerprint;
  }

  /**
   * Per input field, a short hash of what was sent (never the value): what list reconciliation and
   * a person resolving by hand compare with a provider's job list. {@link InputFingerprint#none()}
   * on records written before fingerprints existed.
   */
  public InputFingerprint inputFingerprint() {
    return inputFingerprint;
  }

  /**
   * When the create, written as this intent, can no longer be answered: the client's retry time,
   * connect and read timeouts, plus the time to send its upload, fixed when the intent was written.
   * Empty on records written before it was stored; their deadline follows the reading client's
   * settings.
   */
  public Optional<Instant> createDeadlineAt() {
    return Optional.ofNullable(createDeadlineAt);
  }

  /**
   * Jobs in the provider's list that match this unresolved record's input and time, when more than
   * one could be its job (or another open record matches the same one): for a person to choose from
   * with {@code jobs resolve}. Empty once the record is bound.
   */
  public List<String> candidateJobIds() {
    return candidateJobIds;
  }

  /**
   * Our token on the webhook URL given to the provider ({@code genjobs_ref} query parameter): a
   * delivery for a job id we never saw is matched to this record through it.
   */
  public String correlationToken() {
    return correlationToken;
  }

  public Optional<String> providerJobId() {
    return Optional.ofNullable(providerJobId);
  }

  /** The normalized status last seen at the provider. */
  public Optional<JobStatus> status() {
    return Optional.ofNullable(status);
  }

  /** The status exactly as the provider last sent it. */
  public Optional<String> rawStatus() {
    return Optional.ofNullable(rawStatus);
  }

  /** Why the create was refused, the job failed, or the outcome is unknown. */
  public Optional<String> failureReason() {
    return Optional.ofNullable(failureReason);
  }

  public List<URI> outputUrls() {
    return outputUrls;
  }

  public List<OutputFile> outputFiles() {
    return outputFiles;
  }

  /** Whether the create asked the provider for a webhook. */
  public boolean expectWebhook() {
    return expectWebhook;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public Optional<Instant> endedAt() {
    return Optional.ofNullable(endedAt);
  }

  /** When the job should next be polled; empty when nothing is to be polled. */
  public Optional<Instant> nextPollAt() {
    return Optional.ofNullable(nextPollAt);
  }

  /**
   * Polls of this job that failed in a row (5xx, timeouts): the error budget spent so far, by
   * {@link dev.genjobs.client.jobs.PollRules}. 0 after any answer.
   */
  public int pollFailures() {
    return pollFailures;
  }

  /**
   * Polls the durable ledger made of this job so far: the next is poll number {@code polls() + 1},
   * whose interval the {@link dev.genjobs.client.jobs.PollPolicy} backoff gives.
   */
  public int polls() {
    return polls;
  }

  /** The record's history, oldest first. */
  public List<Attempt> attempts() {
    return attempts;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof JobRecord r)) return false;
    return version == r.version
        && expectWebhook == r.expectWebhook
        && ledgerId.equals(r.ledgerId)
        && provider == r.provider
        && operation.equals(r.operation)
        && state == r.state
        && requestSummary.equals(r.requestSummary)
        && requestFingerprint.equals(r.requestFingerprint)
        && inputFingerprint.equals(r.inputFingerprint)
        && Objects.equals(createDeadlineAt, r.createDeadlineAt)
        && candidateJobIds.equals(r.candidateJobIds)
        && correlationToken.equals(r.correlationToken)
        && Objects.equals(providerJobId, r.providerJobId)
        && status == r.status
        && Objects.equals(rawStatus, r.rawStatus)
        && Objects.equals(failureReason, r.failureReason)
        && outputUrls.equals(r.outputUrls)
        && outputFiles.equals(r.outputFiles)
        && createdAt.equals(r.createdAt)
        && updatedAt.equals(r.updatedAt)
        && Objects.equals(endedAt, r.endedAt)
        && Objects.equals(nextPollAt, r.nextPollAt)
        && pollFailures == r.pollFailures
        && polls == r.polls
        && attempts.equals(r.attempts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ledgerId, version);
  }

  @Override
  public String toString() {
    return "JobRecord{"
        + ledgerId
        + " "
        + provider.displayName()
        + " "
        + operation
        + " "
        + state
        + (providerJobId == null ? "" : " job " + providerJobId)
        + (status == null ? "" : " " + status + " (" + rawStatus + ")")
        + (failureReason == null ? "" : ": " + failureReason)
        + "}";
  }

  public static final class Builder {
    private String ledgerId;
    private long version;
    private Provider provider;
    private String operation;
    private LedgerState state = LedgerState.INTENT;
    private String requestSummary;
    private String requestFingerprint;
    private InputFingerprint inputFingerprint;
    private Instant createDeadlineAt;
    private List<String> candidateJobIds = List.of();
    private String correlationToken;
    private String providerJobId;
    private JobStatus status;
    private String rawStatus;
    private String failureReason;
    private List<URI> outputUrls = List.of();
    private List<OutputFile> outputFiles = List.of();
    private boolean expectWebhook;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant endedAt;
    private Instant nextPollAt;
    private int pollFailures;
    private int polls;
    private List<Attempt> attempts = new ArrayList<>();

    private Builder() {}

    public Builder ledgerId(String ledgerId) {
      this.ledgerId = ledgerId;
      return this;
    }

    public Builder version(long version) {
      this.version = version;
      return this;
    }

    public Builder provider(Provider provider) {
      this.provider = provider;
      return this;
    }

    public Builder operation(String operation) {
      this.operation = operation;
      return this;
    }

    public Builder state(LedgerState state) {
      this.state = state;
      return this;
    }

    public Builder requestSummary(String requestSummary) {
      this.requestSummary = requestSummary;
      return this;
    }

    public Builder requestFingerprint(String requestFingerprint) {
      this.requestFingerprint = requestFingerprint;
      return this;
    }

    public Builder inputFingerprint(InputFingerprint inputFingerprint) {
      this.inputFingerprint = inputFingerprint;
      return this;
    }

    public Builder createDeadlineAt(Instant createDeadlineAt) {
      this.createDeadlineAt = createDeadlineAt;
      return this;
    }

    /** The candidate jobs, at most {@link #MAX_CANDIDATES} kept; null or empty for none. */
    public Builder candidateJobIds(List<String> candidateJobIds) {
      this.candidateJobIds = candidateJobIds == null ? List.of() : candidateJobIds;
      return this;
    }

    public Builder correlationToken(String correlationToken) {
      this.correlationToken = correlationToken;
      return this;
    }

    public Builder providerJobId(String providerJobId) {
      this.providerJobId = providerJobId;
      return this;
    }

    public Builder status(JobStatus status, String rawStatus) {
      this.status = status;
      this.rawStatus = rawStatus;
      return this;
    }

    public Builder failureReason(String failureReason) {
      this.failureReason = failureReason;
      return this;
    }

    public Builder outputUrls(List<URI> outputUrls) {
      this.outputUrls = outputUrls;
      return this;
    }

    public Builder outputFiles(List<OutputFile> outputFiles) {
      this.outputFiles = outputFiles;
      return this;
    }

    public Builder expectWebhook(boolean expectWebhook) {
      this.expectWebhook = expectWebhook;
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    public Builder endedAt(Instant endedAt) {
      this.endedAt = endedAt;
      return this;
    }

    public Builder nextPollAt(Instant nextPollAt) {
      this.nextPollAt = nextPollAt;
      return this;
    }

    public Builder polls(int polls) {
      if (polls < 0) throw new IllegalArgumentException("polls must be >= 0");
      this.polls = polls;
      return this;
    }

    public Builder pollFailures(int pollFailures) {
      if (pollFailures < 0) throw new IllegalArgumentException("pollFailures must be >= 0");
      this.pollFailures = pollFailures;
      return this;
    }

    /** The history, bounded like {@link #addAttempt}'s. */
    public Builder attempts(List<Attempt> attempts) {
      this.attempts = new ArrayList<>(attempts);
      bound();
      return this;
    }

    /**
     * Adds a step to the history. Past {@link #MAX_ATTEMPTS} the oldest but the first is dropped:
     * the first says how the record began (the intent), the latest what happened recently.
     */
    public Builder addAttempt(Attempt attempt) {
      this.attempts.add(attempt);
      bound();
      return this;
    }

    private void bound() {
      if (attempts.size() > MAX_ATTEMPTS) {
        attempts.subList(1, attempts.size() - (MAX_ATTEMPTS - 1)).clear();
      }
    }

    public JobRecord build() {
      return new JobRecord(this);
    }
  }
}
