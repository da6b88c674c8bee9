package dev.genjobs.client.jobs;

import dev.genjobs.client.upload.UploadFile;
import java.net.URI;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A create in provider-neutral terms, for tools that start a job at any provider (the CLI, a
 * service that takes the provider as data): a model or template, the input, files, a webhook. Each
 * provider maps it onto its own request ({@link CreatesJobs}) and says which {@link Part}s it
 * takes. Typed requests ({@code GenerateRequest}, {@code PredictionRequest}, ...) remain the way to
 * call one provider from code.
 */
public final class JobRequest {

  /** The parts of a request; a provider takes some of them ({@link CreatesJobs#parts()}). */
  public enum Part {
    /** What runs the job: a model name (or a model version). */
    MODEL,
    /** What runs the job: a template or workflow id. */
    TEMPLATE,
    /** The input values, as JSON values. */
    INPUT,
    /** Files uploaded with the create. */
    FILES,
    /** A URL the provider POSTs to when the job ends. */
    WEBHOOK,
    /** Wait this long for the create's answer to be final (a synchronous create). */
    WAIT
  }

  /**
   * Which parts a provider takes and which it needs, each with the name the provider's API gives it
   * (for help and errors, e.g. {@code MODEL -> "model_name"}).
   */
  public record Parts(Map<Part, String> accepted, Set<Part> required) {
    public Parts {
      accepted = Collections.unmodifiableMap(new EnumMap<>(accepted));
      required = Set.copyOf(required);
      if (!accepted.keySet().containsAll(required)) {
        throw new IllegalArgumentException("a required part must be accepted: " + required);
      }
    }

    public boolean accepts(Part part) {
      return accepted.containsKey(part);
    }
  }

  private final String model;
  private final String template;
  private final Map<String, Object> input;
  private final List<UploadFile> files;
  private final URI webhook;
  private final java.time.Duration waitFor;

  private JobRequest(Builder b) {
    this.model = b.model;
    this.template = b.template;
    this.input = b.input == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(b.input));
    this.files = List.copyOf(b.files);
    this.webhook = b.webhook;
    this.waitFor = b.waitFor;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<String> model() {
    return Optional.ofNullable(model);
  }

  public Optional<String> template() {
    return Optional.ofNullable(template);
  }

  /** The input, or empty when none was given (not the same as an empty object). */
  public Optional<Map<String, Object>> input() {
    return Optional.ofNullable(input);
  }

  public List<UploadFile> files() {
    return files;
  }

  public Optional<URI> webhook() {
    return Optional.ofNullable(webhook);
  }

  public Optional<java.time.Duration> waitFor() {
    return Optional.ofNullable(waitFor);
  }

  /** The parts this request sets. */
  public Set<Part> partsGiven() {
    Set<Part> given = java.util.EnumSet.noneOf(Part.class);
    if (model != null) given.add(Part.MODEL);
    if (template != null) given.add(Part.TEMPLATE);
    if (input != null) given.add(Part.INPUT);
    if (!files.isEmpty()) given.add(Part.FILES);
    if (webhook != null) given.add(Part.WEBHOOK);
    if (waitFor != null) given.add(Part.WAIT);
    return given;
  }

  /**
   * Why this request does not fit {@code parts} (a part the provider does not take, or one it needs
   * and is missing), or empty when it fits.
   */
  public Optional<String> misfit(Parts parts) {
    for (Part p : partsGiven()) {
      if (!parts.accepts(p)) return Optional.of(p.name().toLowerCase() + " does not apply");
    }
    for (Part p : parts.required()) {
      if (!partsGiven().contains(p)) {
        return Optional.of(
            "needs " + p.name().toLowerCase() + " (" + parts.accepted().get(p) + ")");
      }
    }
    return Optional.empty();
  }

  /**
   * Refuses, before anything is sent, a request that does not fit {@code parts}.
   *
   * @throws dev.genjobs.client.errors.InvalidInputException naming the part
   */
  public void requireFits(Parts parts, dev.genjobs.client.Provider provider, String operation) {
    misfit(parts)
        .ifPresent(
            why -> {
              throw new dev.genjobs.client.errors.InvalidInputException(
                  provider,
                  operation,
                  List.of(new dev.genjobs.client.errors.InvalidInputException.Violation("", why)));
            });
  }

  @Override
  public String toString() {
    return "JobRequest{model="
        + model
        + ", template="
        + template
        + ", input="
        + (input == null ? null : input.keySet())
        + ", files="
        + files.size()
        + ", webhook="
        + (webhook != null)
        + ", waitFor="
        + waitFor
        + "}";
  }

  public static final class Builder {
    private String model;
    private String template;
    private Map<String, Object> input;
    private final java.util.ArrayList<UploadFile> files = new java.util.ArrayList<>();
    private URI webhook;
    private java.time.Duration waitFor;

    private Builder() {}

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    public Builder template(String template) {
      this.template = template;
      return this;
    }

    public Builder input(Map<String, Object> input) {
      this.input = input;
      return this;
    }

    public Builder files(List<UploadFile> files) {
      this.files.addAll(Objects.requireNonNull(files, "files"));
      return this;
    }

    public Builder webhook(URI webhook) {
      this.webhook = webhook;
      return this;
    }

    /** Wait up to this long for a final answer to the create itself (1 to 60 s where supported). */
    public Builder waitFor(java.time.Duration waitFor) {
      this.waitFor = waitFor;
      return this;
    }

    public JobRequest build() {
      return new JobRequest(this);
    }
  }
}
