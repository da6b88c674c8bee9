package dev.genjobs.client.errors;

import dev.genjobs.client.Provider;

/** HTTP 409 Conflict. */
public class ConflictException extends ApiException {
  public ConflictException(Provider provider, String operation, HttpFailure failure) {
    super(provider, operation, failure);
  }
}
