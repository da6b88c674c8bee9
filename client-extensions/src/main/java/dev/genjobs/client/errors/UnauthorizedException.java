package dev.genjobs.client.errors;

import dev.genjobs.client.Provider;

/** HTTP 401 Unauthorized: the API key is missing, wrong or revoked. */
public class UnauthorizedException extends ApiException {
  public UnauthorizedException(Provider provider, String operation, HttpFailure failure) {
    super(provider, operation, failure);
  }
}
