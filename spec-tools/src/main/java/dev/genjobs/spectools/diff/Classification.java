package dev.genjobs.spectools.diff;

/** What a spec change means for a client of the API, which writes requests and reads responses. */
public enum Classification {
  /**
   * Existing client code or its calls stop working: the build fails unless the change is accepted.
   */
  BREAKING("Breaking"),
  /** Decodes and sends as before, but code built on the client may need a look: a build warning. */
  NEEDS_ATTENTION("Needs attention"),
  /** Nothing to do: the regenerated client simply has more. */
  COMPATIBLE("Compatible");

  private final String title;

  Classification(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }
}
