package dev.genjobs.client.errors;

import dev.genjobs.client.Provider;

/** A status with no dedicated type. */
public class UnexpectedStatusException extends ApiException {
  public UnexpectedStatusException(Provider provider, String operation, HttpFailure failure) {
    super(provider, operation, failure);
  }
}
