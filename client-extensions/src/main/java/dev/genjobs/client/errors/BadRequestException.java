package dev.genjobs.client.errors;

import dev.genjobs.client.Provider;

/** HTTP 400 Bad Request: the provider rejected the request as invalid. */
public class BadRequestException extends ApiException {
  public BadRequestException(Provider provider, String operation, HttpFailure failure) {
    super(provider, operation, failure);
  }
}
