package dev.genjobs.client.jobs;

import dev.genjobs.client.Provider;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider said about a job at one moment. Immutable. Results are typed across providers:
 * {@link #outputUrls()} holds generated asset URLs (Creatify assets and outputs, Creative API
 * images and video), {@link #outputFiles()} files to download by id (Unstructured).
 */
public final class JobSnapshot {

  private final Provider provider;
  private final String id;
  private final JobStatus status;
  private final String rawStatus;
  private final String failureReason;
  private final List<URI> outputUrls;
  private final List<OutputFile> outputFiles;
  private final Instant observedAt;
  private final Object providerResponse;
  private final boolean statusRecognized;
  private final String rawResponse;
  private final Map<String, String> unreadFields;

  private JobSnapshot(Builder b) {
    this.provider = Objects.requireNonNull(b.provider, "provider");
    this.id = Objects.requireNonNull(b.id, "id");
    this.status = Objects.requireNonNull(b.status, "status");
    this.rawStatus = b.rawStatus;
    this.failureReason = b.failureReason;
    this.outputUrls = List.copyOf(b.outputUrls);
    this.outputFiles = List.copyOf(b.outputFiles);
    this.observedAt = b.observedAt;
    this.providerResponse = b.providerResponse;
    this.statusRecognized = b.statusRecognized;
    this.rawResponse = b.rawResponse;
    this.unreadFields = Map.copyOf(b.unreadFields);
  }

  public static Builder builder(Provider provider, String id) {
    return new Builder(provider, id);
  }

  public Builder toBuilder() {
    return toBuilder(id);
  }

  /** A copy of everything but the job id, which is {@code id}. */
  public Builder toBuilder(String id) {
    return new Builder(provider, id)
        .status(status, rawStatus)
        .failureReason(failureReason)
        .outputUrls(outputUrls)
        .outputFiles(outputFiles)
        .observedAt(observedAt)
        .providerResponse(providerResponse)
        .statusRecognized(statusRecognized)
        .rawResponse(rawResponse)
        .unreadFields(unreadFields);
  }

  public Provider provider() {
    return provider;
  }

  /** The provider's job id. */
  public String id() {
    return id;
  }

  public JobStatus status() {
    return status;
  }

  /** The status exactly as the provider sent it, e.g. {@code in_queue} or {@code COMPLETED}. */
  public String rawStatus() {
    return rawStatus;
  }

  /**
   * Whether the library (or the user's {@code statusMapping}) knows {@link #rawStatus()}. An
   * unknown value is reported as RUNNING; see {@link StatusMapping}.
   */
  public boolean statusRecognized() {
    return statusRecognized;
  }

  /** The provider's answer exactly as sent (JSON text), when this snapshot came from a poll. */
  public Optional<String> rawResponse() {
    return Optional.ofNullable(rawResponse);
  }

  /**
   * Values in the provider's answer that {@link #providerResponse(Class)}'s types could not hold
   * (they are null there), by JSON pointer, with their raw text: e.g. {@code /runtime -> P1W}.
   * Nothing the library acts on is ever in here.
   */
  public Map<String, String> unreadFields() {
    return unreadFields;
  }

  public boolean isTerminal() {
    return status.isTerminal();
  }

  /** The provider's reason for a failed job. */
  public Optional<String> failureReason() {
    return Optional.ofNullable(failureReason);
  }

  public List<URI> outputUrls() {
    return outputUrls;
  }

  public List<OutputFile> outputFiles() {
    return outputFiles;
  }

  public Instant observedAt() {
    return observedAt;
  }

  /**
   * The generated model the provider's answer was decoded into, for fields this type does not
   * surface. Prefer the typed accessors: generated types change with the spec.
   */
  public <T> Optional<T> providerResponse(Class<T> type) {
    return type.isInstance(providerResponse)
        ? Optional.of(type.cast(providerResponse))
        : Optional.empty();
  }

  /**
   * This snapshot without the provider's answer: no {@link #rawResponse()} and no {@link
   * #providerResponse(Class)}; status, raw status, failure reason, outputs, unread fields and time
   * are kept. What the job watcher keeps of a job's last answer between polls, so that what a
   * watched job holds does not grow with the provider's body (a body of megabytes times thousands
   * of jobs); listeners and the wait's result get the whole answer.
   */
  public JobSnapshot withoutBody() {
    if (rawResponse == null && providerResponse == null) return this;
    return toBuilder().rawResponse(null).providerResponse(null).build();
  }

  /** This snapshot if the job succeeded; otherwise a {@link JobFailedException} with the reason. */
  public JobSnapshot requireSucceeded() {
    if (status != JobStatus.SUCCEEDED) {
      throw new JobFailedException(this);
    }
    return this;
  }

  @Override
  public String toString() {
    return provider.displayName()
        + " job "
        + id
        + " "
        + status
        + " ("
        + rawStatus
        + (statusRecognized ? "" : ", unrecognized")
        + ")"
        + (failureReason == null ? "" : ": " + failureReason)
        + (outputUrls.isEmpty() ? "" : " " + outputUrls)
        + (outputFiles.isEmpty() ? "" : " files " + outputFiles);
  }

  public static final class Builder {
    private final Provider provider;
    private final String id;
    private JobStatus status = JobStatus.QUEUED;
    private String rawStatus;
    private String failureReason;
    private List<URI> outputUrls = List.of();
    private List<OutputFile> outputFiles = List.of();
    private Instant observedAt = Instant.EPOCH;
    private Object providerResponse;
    private boolean statusRecognized = true;
    private String rawResponse;
    private Map<String, String> unreadFields = Map.of();

    private Builder(Provider provider, String id) {
      this.provider = provider;
      this.id = id;
    }

    public Builder status(JobStatus status, String rawStatus) {
      this.status = status;
      this.rawStatus = rawStatus;
      return this;
    }

    public Builder failureReason(String failureReason) {
      this.failureReason = failureReason == null || failureReason.isBlank() ? null : failureReason;
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

    public Builder observedAt(Instant observedAt) {
      this.observedAt = observedAt;
      return this;
    }

    public Builder providerResponse(Object providerResponse) {
      this.providerResponse = providerResponse;
      return this;
    }

    public Builder statusRecognized(boolean statusRecognized) {
      this.statusRecognized = statusRecognized;
      return this;
    }

    public Builder rawResponse(String rawResponse) {
      this.rawResponse = rawResponse;
      return this;
    }

    public Builder unreadFields(Map<String, String> unreadFields) {
      this.unreadFields = Objects.requireNonNull(unreadFields);
      return this;
    }

    public JobSnapshot build() {
      return new JobSnapshot(this);
    }
  }
}
