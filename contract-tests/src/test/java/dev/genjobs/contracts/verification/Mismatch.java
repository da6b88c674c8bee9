package dev.genjobs.contracts.verification;

/**
 * One way a pact interaction disagrees with its provider's spec.
 *
 * @param pact the pact file (or the name a test gave its in-memory pact)
 * @param interaction the interaction's description
 * @param key what kind of problem, e.g. {@code validation.response.status.unknown} (the request
 *     validator's message key) or {@code genjobs.response.body.undeclaredField} (our own checks)
 * @param reason what is wrong, in one line
 */
public record Mismatch(String pact, String interaction, String key, String reason) {

  /** {@code pact-file: "interaction": [key] reason}, on one line. */
  public String line() {
    return pact + ": \"" + interaction + "\": [" + key + "] " + reason;
  }

  @Override
  public String toString() {
    return line();
  }
}
