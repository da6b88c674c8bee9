package dev.genjobs.client.creatify;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Creatify Inspiration job: a template (inspiration) id and the {@code input_params} its schema
 * requires, optionally a webhook.
 */
public final class InspirationJobRequest {

  private final String inspirationId;
  private final Map<String, Object> inputParams;
  private final URI webhookUrl;

  private InspirationJobRequest(Builder b) {
    this.inspirationId = b.inspirationId;
    this.inputParams =
        b.inputParams == null
            ? null
            : Collections.unmodifiableMap(new LinkedHashMap<>(b.inputParams));
    this.webhookUrl = b.webhookUrl;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder().inspirationId(inspirationId).webhookUrl(webhookUrl);
    if (inputParams != null) b.inputParams(inputParams);
    return b;
  }

  public String inspirationId() {
    return inspirationId;
  }

  public Map<String, Object> inputParams() {
    return inputParams;
  }

  public Optional<URI> webhookUrl() {
    return Optional.ofNullable(webhookUrl);
  }

  @Override
  public String toString() {
    return "inspiration_id="
        + inspirationId
        + (webhookUrl == null ? "" : ", webhook_url=" + webhookUrl)
        + ", input_params keys="
        + (inputParams == null ? "[]" : inputParams.keySet());
  }

  public static final class Builder {
    private String inspirationId;
    private Map<String, Object> inputParams;
    private URI webhookUrl;

    private Builder() {}

    public Builder inspirationId(String inspirationId) {
      this.inspirationId = inspirationId;
      return this;
    }

    public Builder inputParams(Map<String, ?> inputParams) {
      this.inputParams = inputParams == null ? null : new LinkedHashMap<>(inputParams);
      return this;
    }

    public Builder inputParam(String key, Object value) {
      if (inputParams == null) inputParams = new LinkedHashMap<>();
      inputParams.put(Objects.requireNonNull(key), value);
      return this;
    }

    public Builder webhookUrl(URI webhookUrl) {
      this.webhookUrl = webhookUrl;
      return this;
    }

    public InspirationJobRequest build() {
      return new InspirationJobRequest(this);
    }
  }
}
