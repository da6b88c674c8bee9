package dev.genjobs.client.creatify;

/**
 * A Creatify Inspiration job: a template (inspiration) id and the {@code input_params} the template
 * schema requires, optionally a webhook.
 */
public final class InspirationJobRequest extends CreatifyJobRequest {

  private final String inspirationId;

  private InspirationJobRequest(Builder b) {
    super(b);
    this.inspirationId = b.inspirationId;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().copyFrom(this).inspirationId(inspirationId);
  }

  public String inspirationId() {
    return inspirationId;
  }

  @Override
  String schemaKey() {
    return inspirationId;
  }

  @Override
  public String toString() {
    return describe("inspiration_id=" + inspirationId);
  }

  public static final class Builder
      extends CreatifyJobRequest.Builder<Builder, InspirationJobRequest> {
    private String inspirationId;

    private Builder() {}

    public Builder inspirationId(String inspirationId) {
      this.inspirationId = inspirationId;
      return this;
    }

    @Override
    Builder self() {
      return this;
    }

    @Override
    public InspirationJobRequest build() {
      return new InspirationJobRequest(this);
    }
  }
}
