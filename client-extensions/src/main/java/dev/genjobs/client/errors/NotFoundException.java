package dev.genjobs.client.errors;

import dev.genjobs.client.Provider;

/** HTTP 404 Not Found: no such job or resource. */
public class NotFoundException extends ApiException {
  public NotFoundException(Provider provider, String operation, HttpFailure failure) {
    super(provider, operation, failure);
  }
}
