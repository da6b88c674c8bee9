package dev.genjobs.spectools;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A spec version folder name such as {@code 3.0.5} or {@code 2.0.0-beta.1}, ordered by the Semantic
 * Versioning 2.0 precedence rules so that {@code 1.10.0} sorts after {@code 1.9.0}.
 */
public final class SemanticVersion implements Comparable<SemanticVersion> {

  private static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?"
              + "(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");

  private final String text;
  private final long major;
  private final long minor;
  private final long patch;
  private final String preRelease;
  private final String build;

  private SemanticVersion(
      String text, long major, long minor, long patch, String preRelease, String build) {
    this.text = text;
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.preRelease = preRelease;
    this.build = build;
  }

  /** Parses {@code text}, or returns empty when it is not a semantic version. */
  public static Optional<SemanticVersion> tryParse(String text) {
    Matcher m = SEMVER.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new SemanticVersion(
            text,
            Long.parseLong(m.group(1)),
            Long.parseLong(m.group(2)),
            Long.parseLong(m.group(3)),
            m.group(4),
            m.group(5)));
  }

  public static SemanticVersion parse(String text) {
    return tryParse(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'" + text + "' is not a semantic version (expected MAJOR.MINOR.PATCH)"));
  }

  @Override
  public int compareTo(SemanticVersion other) {
    int c = Long.compare(major, other.major);
    if (c == 0) c = Long.compare(minor, other.minor);
    if (c == 0) c = Long.compare(patch, other.patch);
    if (c == 0) c = comparePreRelease(preRelease, other.preRelease);
    if (c == 0) c = compareBuild(build, other.build);
    return c;
  }

  // Semantic Versioning gives build metadata no precedence, but spec folders need a total order:
  // sync writes 3.0.5+2026-11-29 when a provider changes its spec without bumping the version, and
  // that folder must count as newer than 3.0.5. So a version with build metadata sorts after the
  // same version without, and build metadata compares like pre-release identifiers (dates sort).
  private static int compareBuild(String a, String b) {
    if (Objects.equals(a, b)) return 0;
    if (a == null) return -1;
    if (b == null) return 1;
    return comparePreRelease(a, b);
  }

  /** The build metadata after {@code +}, if any. */
  public Optional<String> build() {
    return Optional.ofNullable(build);
  }

  // A release outranks any of its pre-releases; identifiers compare numerically when both are
  // numeric, otherwise lexically, and a longer list wins when all shared identifiers are equal.
  private static int comparePreRelease(String a, String b) {
    if (Objects.equals(a, b)) return 0;
    if (a == null) return 1;
    if (b == null) return -1;
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      boolean xNum = x[i].chars().allMatch(Character::isDigit);
      boolean yNum = y[i].chars().allMatch(Character::isDigit);
      int c;
      if (xNum && yNum) c = Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]));
      else if (xNum) c = -1;
      else if (yNum) c = 1;
      else c = x[i].compareTo(y[i]);
      if (c != 0) return c;
    }
    return Integer.compare(x.length, y.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SemanticVersion v && compareTo(v) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(major, minor, patch, preRelease, build);
  }

  @Override
  public String toString() {
    return text;
  }
}
