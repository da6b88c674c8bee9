package dev.genjobs.verifylive;

import java.util.Locale;

/**
 * One way a provider's real answer differs from the effective spec we build from.
 *
 * @param operation the spec's operationId (or the probe's name when the spec has none)
 * @param request the method and path template, e.g. {@code GET /api/inspiration_jobs/{id}/}
 * @param status the HTTP status answered
 * @param kind what differs
 * @param pointer where in the body, as a JSON pointer ({@code ""} for the whole answer)
 * @param expected what the spec declares there
 * @param seen what the answer held (shortened; URLs without their query, so no signed URL is shown)
 */
public record Finding(
    String operation,
    String request,
    int status,
    Kind kind,
    String pointer,
    String expected,
    String seen) {

  /** What differs; each is drift: the spec (or the provider) needs a look. */
  public enum Kind {
    UNDECLARED_FIELD("undeclared field"),
    TYPE_MISMATCH("type or format mismatch"),
    VALUE_OUTSIDE_ENUM("value outside the enum"),
    MISSING_REQUIRED_FIELD("missing required field"),
    UNDECLARED_STATUS("undeclared status code"),
    UNDECLARED_CONTENT_TYPE("undeclared content type"),
    OTHER("other difference");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    /** For people, e.g. {@code value outside the enum}. */
    public String description() {
      return description;
    }

    /** For scripts, e.g. {@code value_outside_enum}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
