package dev.genjobs.client.creative;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Creative API generation: a model name and its model-specific input, optionally a webhook.
 *
 * <pre>{@code
 * GenerateRequest.builder().model("flux-pro").input("prompt", "a red fox").build()
 * }</pre>
 */
public final class GenerateRequest {

  private final String model;
  private final Map<String, Object> input;
  private final URI webhook;

  private GenerateRequest(Builder b) {
    this.model = b.model;
    this.input =
        b.input == null
            ? null
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.input));
    this.webhook = b.webhook;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder().model(model).webhook(webhook);
    if (input != null) b.input(input);
    return b;
  }

  public String model() {
    return model;
  }

  public Map<String, Object> input() {
    return input;
  }

  public Optional<URI> webhook() {
    return Optional.ofNullable(webhook);
  }

  @Override
  public String toString() {
    return "model="
        + model
        + (webhook == null ? "" : ", webhook=" + webhook)
        + ", input keys="
        + (input == null ? "[]" : input.keySet());
  }

  public static final class Builder {
    private String model;
    private Map<String, Object> input;
    private URI webhook;

    private Builder() {}

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    public Builder input(Map<String, ?> input) {
      this.input = input == null ? null : new LinkedHashMap<>(input);
      return this;
    }

    public Builder input(String key, Object value) {
      if (input == null) input = new LinkedHashMap<>();
      input.put(Objects.requireNonNull(key), value);
      return this;
    }

    public Builder webhook(URI webhook) {
      this.webhook = webhook;
      return this;
    }

    public GenerateRequest build() {
      return new GenerateRequest(this);
    }
  }
}
