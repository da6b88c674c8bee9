package dev.genjobs.spectools.diff;

import java.util.Comparator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One change between two versions of a provider spec, as a client sees it.
 *
 * @param method the HTTP method in upper case, or empty for a change of the whole spec
 * @param path the path template, or empty for a change of the whole spec
 * @param location where in the operation, e.g. {@code parameter query status}, {@code request
 *     body.mode} or {@code response 200 body[].status}; empty for the operation itself
 * @param kind what changed; it decides the classification
 * @param description one line saying what changed, with values, e.g. {@code enum value 'STOPPED'
 *     removed} or {@code type changed from string/date-time to integer}
 */
public record SpecChange(
    String method, String path, String location, ChangeKind kind, String description) {

  /** Report order: by classification, then where, then what. */
  public static final Comparator<SpecChange> ORDER =
      Comparator.comparing(SpecChange::classification)
          .thenComparing(SpecChange::path)
          .thenComparing(SpecChange::method)
          .thenComparing(SpecChange::location)
          .thenComparing(SpecChange::description);

  public Classification classification() {
    return kind.classification();
  }

  /**
   * The stable name of this change, e.g. {@code GET /api/v1/jobs/ response 200 body[].status: enum
   * value 'STOPPED' removed}. Acceptance files list breaking changes by it, so it holds no line
   * numbers or other incidental detail.
   */
  public String id() {
    String where =
        Stream.of(method, path, location)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.joining(" "));
    return where + ": " + description;
  }

  @Override
  public String toString() {
    return id();
  }
}
