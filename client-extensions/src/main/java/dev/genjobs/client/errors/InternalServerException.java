package dev.genjobs.client.errors;

import dev.genjobs.client.Provider;

/** HTTP 5xx: the provider failed. */
public class InternalServerException extends ApiException {
  public InternalServerException(Provider provider, String operation, HttpFailure failure) {
    super(provider, operation, failure);
  }
}
