package dev.genjobs.client.errors;

import dev.genjobs.client.Provider;
import java.util.List;

/** Job parameters failed local validation; no request was sent. Lists every violation. */
public class InvalidInputException extends GenJobsException {

  /**
   * One violation.
   *
   * @param pointer JSON pointer to the offending value, e.g. {@code /input_params/duration}
   * @param message what is wrong
   */
  public record Violation(String pointer, String message) {
    @Override
    public String toString() {
      return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
    }
  }

  private final List<Violation> violations;

  public InvalidInputException(Provider provider, String operation, List<Violation> violations) {
    super(
        provider,
        operation,
        prefix(provider, operation)
            + "invalid input, nothing sent: "
            + String.join("; ", violations.stream().map(Violation::toString).toList()),
        null);
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
