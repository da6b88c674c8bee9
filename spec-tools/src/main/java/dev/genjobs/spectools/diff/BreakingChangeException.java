package dev.genjobs.spectools.diff;

import java.util.List;

/**
 * A provider's newest spec breaks clients and the breaks are not (exactly) accepted. The message
 * names every change (method, path, what), the report, and what to do.
 */
public final class BreakingChangeException extends RuntimeException {

  private final transient List<SpecChange> unaccepted;

  BreakingChangeException(String message, List<SpecChange> unaccepted) {
    super(message);
    this.unaccepted = List.copyOf(unaccepted);
  }

  /** The breaking changes no acceptance file lists, over all providers. */
  public List<SpecChange> unaccepted() {
    return unaccepted;
  }
}
