package dev.genjobs.client.replicate;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A Replicate prediction: what runs it (an official model {@code owner/name}, or a model version,
 * as its id or as {@code owner/name:id}), its input, and optionally a webhook, the events that call
 * it and how long the create may wait for the final answer ({@code Prefer: wait}).
 *
 * <pre>{@code
 * PredictionRequest.builder()
 *     .model("black-forest-labs/flux-schnell")
 *     .input("prompt", "a red fox")
 *     .waitFor(Duration.ofSeconds(30))
 *     .build()
 * }</pre>
 *
 * <p>Immutable. The builder takes anything; {@link ReplicateClient#create} checks the request
 * (exactly one of model and version, a wait of 1 to 60 whole seconds, an http(s) webhook) and
 * refuses it before anything is sent.
 */
public final class PredictionRequest {

  /** When Replicate calls the webhook ({@code webhook_events_filter}). */
  public enum Event {
    /** The prediction started. */
    START,
    /** The prediction produced output (possibly several times). */
    OUTPUT,
    /** The prediction logged (possibly several times). */
    LOGS,
    /** The prediction ended: succeeded, failed or canceled. */
    COMPLETED;

    /** Its name on the wire, e.g. {@code completed}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final String model;
  private final String version;
  private final Map<String, Object> input;
  private final URI webhook;
  private final Set<Event> webhookEventsFilter;
  private final Duration waitFor;

  private PredictionRequest(Builder b) {
    this.model = b.model;
    this.version = b.version;
    this.input = b.input == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(b.input));
    this.webhook = b.webhook;
    this.webhookEventsFilter =
        b.webhookEventsFilter == null
            ? null
            : Collections.unmodifiableSet(EnumSet.copyOf(b.webhookEventsFilter));
    this.waitFor = b.waitFor;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b =
        new Builder()
            .model(model)
            .version(version)
            .webhook(webhook)
            .webhookEventsFilter(webhookEventsFilter)
            .waitFor(waitFor);
    if (input != null) b.input(input);
    return b;
  }

  /** The official model, {@code owner/name}, when the prediction runs a model's latest version. */
  public Optional<String> model() {
    return Optional.ofNullable(model);
  }

  /** The model version, as its id or as {@code owner/name:id}, when one was given. */
  public Optional<String> version() {
    return Optional.ofNullable(version);
  }

  /** The model's input; null when none was given (sent as an empty object). */
  public Map<String, Object> input() {
    return input;
  }

  public Optional<URI> webhook() {
    return Optional.ofNullable(webhook);
  }

  /** The events that call the webhook; empty when Replicate's default applies (all of them). */
  public Optional<Set<Event>> webhookEventsFilter() {
    return Optional.ofNullable(webhookEventsFilter);
  }

  /** How long the create waits for a final answer ({@code Prefer: wait=<seconds>}). */
  public Optional<Duration> waitFor() {
    return Optional.ofNullable(waitFor);
  }

  /** What runs the prediction, as given: the model or the version. */
  String target() {
    return model != null ? model : version;
  }

  // Inputs may hold prompts or data URLs: only their keys are shown.
  @Override
  public String toString() {
    return (model != null ? "model=" + model : "version=" + version)
        + (webhook == null ? "" : ", webhook=" + webhook)
        + (webhookEventsFilter == null ? "" : ", events=" + webhookEventsFilter)
        + (waitFor == null ? "" : ", wait=" + waitFor.toSeconds() + "s")
        + ", input keys="
        + (input == null ? "[]" : input.keySet());
  }

  public static final class Builder {
    private String model;
    private String version;
    private Map<String, Object> input;
    private URI webhook;
    private Set<Event> webhookEventsFilter;
    private Duration waitFor;

    private Builder() {}

    /** An official model, {@code owner/name}: runs its latest version. */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /** A model version: its 64-character id, or {@code owner/name:id}. */
    public Builder version(String version) {
      this.version = version;
      return this;
    }

    public Builder input(Map<String, ?> input) {
      this.input = input == null ? null : new LinkedHashMap<>(input);
      return this;
    }

    public Builder input(String key, Object value) {
      if (input == null) input = new LinkedHashMap<>();
      input.put(Objects.requireNonNull(key, "key"), value);
      return this;
    }

    public Builder webhook(URI webhook) {
      this.webhook = webhook;
      return this;
    }

    /** The events that call the webhook; null (the default) leaves the choice to Replicate. */
    public Builder webhookEventsFilter(Set<Event> events) {
      this.webhookEventsFilter = events == null ? null : EnumSet.copyOf(eventsOrEmpty(events));
      return this;
    }

    private static Set<Event> eventsOrEmpty(Set<Event> events) {
      return events.isEmpty() ? EnumSet.noneOf(Event.class) : events;
    }

    /** Wait up to this long (1 to 60 whole seconds) for the create's answer to be final. */
    public Builder waitFor(Duration waitFor) {
      this.waitFor = waitFor;
      return this;
    }

    public PredictionRequest build() {
      return new PredictionRequest(this);
    }
  }
}
