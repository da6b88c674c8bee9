package dev.genjobs.client.architecture.violation.core;

import dev.genjobs.client.architecture.violation.creative.CreativeOnlyRule;

/** A deliberate violation: shared code that knows one provider's rule. */
public final class LeakyRetry {
  public boolean retry(int status) {
    return new CreativeOnlyRule().retryable(status);
  }
}
