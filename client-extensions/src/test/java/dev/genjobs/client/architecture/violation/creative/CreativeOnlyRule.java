package dev.genjobs.client.architecture.violation.creative;

/** Fixture: one provider's own rule. */
public final class CreativeOnlyRule {
  public boolean retryable(int status) {
    return status == 503;
  }
}
