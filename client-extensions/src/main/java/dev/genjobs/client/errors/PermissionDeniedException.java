package dev.genjobs.client.errors;

import dev.genjobs.client.Provider;

/** HTTP 403 Forbidden: the key may not do this. */
public class PermissionDeniedException extends ApiException {
  public PermissionDeniedException(Provider provider, String operation, HttpFailure failure) {
    super(provider, operation, failure);
  }
}
