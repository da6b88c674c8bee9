package dev.genjobs.spectools;

import java.util.List;

/** The specs folder or a spec in it is invalid; the message lists every problem. */
public final class SpecValidationException extends RuntimeException {

  private final transient List<SpecProblem> problems;

  public SpecValidationException(String message, List<SpecProblem> problems) {
    super(message);
    this.problems = List.copyOf(problems);
  }

  public List<SpecProblem> problems() {
    return problems;
  }
}
