package dev.genjobs.client.architecture.violation.unstructured;

import dev.genjobs.client.architecture.violation.creative.CreativeOnlyRule;

/** A deliberate violation: one provider package using another's. */
public final class BorrowsFromCreative {
  public boolean retry(int status) {
    return new CreativeOnlyRule().retryable(status);
  }
}
