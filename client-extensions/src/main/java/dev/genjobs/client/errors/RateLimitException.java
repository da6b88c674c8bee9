package dev.genjobs.client.errors;

import dev.genjobs.client.Provider;

/**
 * HTTP 429: too many requests. {@link #retryAfter()} says when to come back, if the provider did.
 */
public class RateLimitException extends ApiException {
  public RateLimitException(Provider provider, String operation, HttpFailure failure) {
    super(provider, operation, failure);
  }
}
