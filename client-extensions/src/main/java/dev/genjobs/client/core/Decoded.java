package dev.genjobs.client.core;

import java.util.Map;

/**
 * A decoded 2xx JSON answer with what the model could not hold.
 *
 * @param value the generated model
 * @param status the HTTP status
 * @param rawBody the body as the provider sent it
 * @param unreadFields values the model could not hold (null in {@code value}), by JSON pointer,
 *     with their raw text
 */
public record Decoded<T>(
    T value,
    int status,
    String rawBody,
    Map<String, String> unreadFields,
    ResponseFailures failures) {

  public Decoded {
    unreadFields = Map.copyOf(unreadFields);
  }

  /**
   * {@code read} (what a provider made of {@link #value()}) with this answer attached: the model,
   * the body as sent and what the model could not hold; {@code id} names the job.
   */
  public dev.genjobs.client.jobs.JobSnapshot attachTo(
      dev.genjobs.client.jobs.JobSnapshot read, String id) {
    return read.toBuilder(id)
        .providerResponse(value)
        .rawResponse(rawBody)
        .unreadFields(unreadFields)
        .build();
  }

  /**
   * Fails like an unreadable body when something the client acts on (a job id, a status) is missing
   * or was unreadable: only such values may fail a decode.
   */
  public Decoded<T> require(java.util.function.Function<T, ?> field, String pointer) {
    Object needed = field.apply(value);
    if (needed == null || (needed instanceof String s && s.isBlank())) {
      String why =
          unreadFields.containsKey(pointer)
              ? pointer + " is unreadable: " + unreadFields.get(pointer)
              : pointer + " is missing";
      throw new MalformedBodyException(status, failures.cap(rawBody), why, null);
    }
    return this;
  }
}
