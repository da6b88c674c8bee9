package dev.genjobs.client.errors;

import dev.genjobs.client.Provider;

/** HTTP 422 Unprocessable Entity: see {@link #error()} for the field errors. */
public class UnprocessableEntityException extends ApiException {
  public UnprocessableEntityException(Provider provider, String operation, HttpFailure failure) {
    super(provider, operation, failure);
  }
}
