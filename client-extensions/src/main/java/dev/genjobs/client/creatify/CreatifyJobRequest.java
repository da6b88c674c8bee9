package dev.genjobs.client.creatify;

import static dev.genjobs.client.store.internal.Ledger.WEBHOOK_TAG_LENGTH;

import dev.genjobs.client.Provider;
import dev.genjobs.client.validation.InputCheck;
import dev.genjobs.client.validation.InputSchemas;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What both Creatify job requests carry: the {@code input_params} checked against a published JSON
 * Schema, and an optional webhook URL.
 */
public abstract class CreatifyJobRequest {

  /** The specs' {@code maxLength} of {@code webhook_url}. */
  private static final int MAX_WEBHOOK_URL_LENGTH = 200;

  private final Map<String, Object> inputParams;
  private final URI webhookUrl;

  CreatifyJobRequest(Builder<?, ?> b) {
    this.inputParams =
        b.inputParams == null
            ? null
            : Collections.unmodifiableMap(new LinkedHashMap<>(b.inputParams));
    this.webhookUrl = b.webhookUrl;
  }

  public Map<String, Object> inputParams() {
    return inputParams;
  }

  public Optional<URI> webhookUrl() {
    return Optional.ofNullable(webhookUrl);
  }

  /** The key of the published schema the input is checked against. */
  abstract String schemaKey();

  /**
   * Checks the request locally before anything is sent: the key ({@code keyCheck}), the input and
   * webhook, then the input against the published schema of {@link #schemaKey()}.
   */
  void validate(
      Provider provider,
      String operation,
      InputSchemas schemas,
      java.util.function.Consumer<InputCheck> keyCheck) {
    InputCheck check = InputCheck.of(provider, operation);
    keyCheck.accept(check);
    check
        .requirePresent("/input_params", inputParams)
        .optionalHttpUrl("/webhook_url", webhookUrl, 0)
        .check(
            webhookUrl == null
                || webhookUrl.toString().length() <= MAX_WEBHOOK_URL_LENGTH - WEBHOOK_TAG_LENGTH,
            "/webhook_url",
            "must be at most "
                + (MAX_WEBHOOK_URL_LENGTH - WEBHOOK_TAG_LENGTH)
                + " characters: the provider allows "
                + MAX_WEBHOOK_URL_LENGTH
                + " and the client adds its "
                + WEBHOOK_TAG_LENGTH
                + "-character correlation token, which ties a lost create to its webhook")
        .orThrow();
    InputCheck.of(provider, operation)
        .addAll(schemas.validate(schemaKey(), inputParams, "/input_params"))
        .orThrow();
  }

  String describe(String key) {
    return key
        + (webhookUrl == null ? "" : ", webhook_url=" + webhookUrl)
        + ", input_params keys="
        + (inputParams == null ? "[]" : inputParams.keySet());
  }

  /** Shared builder steps; {@code B} is the concrete builder, {@code R} what it builds. */
  public abstract static class Builder<B extends Builder<B, R>, R extends CreatifyJobRequest> {
    private Map<String, Object> inputParams;
    private URI webhookUrl;

    Builder() {}

    abstract B self();

    public abstract R build();

    B copyFrom(CreatifyJobRequest r) {
      if (r.inputParams != null) inputParams(r.inputParams);
      return webhookUrl(r.webhookUrl);
    }

    public B inputParams(Map<String, ?> inputParams) {
      this.inputParams = inputParams == null ? null : new LinkedHashMap<>(inputParams);
      return self();
    }

    public B inputParam(String key, Object value) {
      if (inputParams == null) inputParams = new LinkedHashMap<>();
      inputParams.put(Objects.requireNonNull(key), value);
      return self();
    }

    public B webhookUrl(URI webhookUrl) {
      this.webhookUrl = webhookUrl;
      return self();
    }
  }
}
