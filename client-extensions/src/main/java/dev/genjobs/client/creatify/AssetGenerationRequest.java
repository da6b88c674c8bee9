package dev.genjobs.client.creatify;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Creatify Asset Generator task: a model and the {@code input_params} its published schema
 * requires, optionally a webhook.
 */
public final class AssetGenerationRequest {

  private final String modelName;
  private final Map<String, Object> inputParams;
  private final URI webhookUrl;

  private AssetGenerationRequest(Builder b) {
    this.modelName = b.modelName;
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
    Builder b = new Builder().modelName(modelName).webhookUrl(webhookUrl);
    if (inputParams != null) b.inputParams(inputParams);
    return b;
  }

  public String modelName() {
    return modelName;
  }

  public Map<String, Object> inputParams() {
    return inputParams;
  }

  public Optional<URI> webhookUrl() {
    return Optional.ofNullable(webhookUrl);
  }

  @Override
  public String toString() {
    return "model_name="
        + modelName
        + (webhookUrl == null ? "" : ", webhook_url=" + webhookUrl)
        + ", input_params keys="
        + (inputParams == null ? "[]" : inputParams.keySet());
  }

  public static final class Builder {
    private String modelName;
    private Map<String, Object> inputParams;
    private URI webhookUrl;

    private Builder() {}

    public Builder modelName(String modelName) {
      this.modelName = modelName;
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

    public AssetGenerationRequest build() {
      return new AssetGenerationRequest(this);
    }
  }
}
