package dev.genjobs.client.creatify;

/**
 * A Creatify Asset Generator task: a model and the {@code input_params} its published schema
 * requires, optionally a webhook.
 */
public final class AssetGenerationRequest extends CreatifyJobRequest {

  private final String modelName;

  private AssetGenerationRequest(Builder b) {
    super(b);
    this.modelName = b.modelName;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().copyFrom(this).modelName(modelName);
  }

  public String modelName() {
    return modelName;
  }

  @Override
  String schemaKey() {
    return modelName;
  }

  @Override
  public String toString() {
    return describe("model_name=" + modelName);
  }

  public static final class Builder
      extends CreatifyJobRequest.Builder<Builder, AssetGenerationRequest> {
    private String modelName;

    private Builder() {}

    public Builder modelName(String modelName) {
      this.modelName = modelName;
      return this;
    }

    @Override
    Builder self() {
      return this;
    }

    @Override
    public AssetGenerationRequest build() {
      return new AssetGenerationRequest(this);
    }
  }
}
