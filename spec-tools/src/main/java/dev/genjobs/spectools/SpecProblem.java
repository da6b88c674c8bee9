package dev.genjobs.spectools;

/**
 * One finding about the specs folder or a spec file, phrased so a person can act on it.
 *
 * @param severity whether the build must fail
 * @param provider the provider folder name, e.g. {@code creative-api}
 * @param file the offending path relative to the specs root, e.g. {@code
 *     creative-api/1.0.0/openapi.yaml}
 * @param location where in the file ({@code line 3, column 7} or a JSON pointer), or empty
 * @param message what is wrong and, where it helps, what to do
 */
public record SpecProblem(
    Severity severity, String provider, String file, String location, String message) {

  public enum Severity {
    ERROR,
    WARNING
  }

  public static SpecProblem error(String provider, String file, String location, String message) {
    return new SpecProblem(Severity.ERROR, provider, file, location, message);
  }

  public static SpecProblem warning(String provider, String file, String location, String message) {
    return new SpecProblem(Severity.WARNING, provider, file, location, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code ERROR provider 'x': specs/x/1.0.0/openapi.yaml at line 3, column 7: message}. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(severity).append(" provider '").append(provider).append("': specs/").append(file);
    if (!location.isEmpty()) {
      sb.append(" at ").append(location);
    }
    return sb.append(": ").append(message).toString();
  }
}
