package dev.genjobs.client.errors;

/** A call needed an API key that was not configured; the message names the variable to set. */
public final class MissingCredentialsException extends GenJobsException {

  private final String variable;

  public MissingCredentialsException(String variable) {
    super(
        null,
        null,
        "API key missing: set the environment variable "
            + variable
            + " (or pass the key to ClientOptions.builder())",
        null);
    this.variable = variable;
  }

  public String variable() {
    return variable;
  }
}
