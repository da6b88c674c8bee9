package dev.genjobs.spectools.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genjobs.spectools.SpecDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The breaking changes a new spec version ships with on purpose, reviewed and explained. It lives
 * next to the spec it is about, {@code specs/<provider>/<version>/accepted-breaking-changes.yaml}:
 *
 * <pre>
 * # Breaking changes of this version against the one before it, accepted after review.
 * accepted:
 *   - change: "POST /api/v1/jobs/: operation removed"       # the id the build prints
 *     reason: Replaced by POST /api/v2/jobs/; JobsClient.create was moved to it.
 * </pre>
 *
 * The file must list exactly the breaking changes the build finds: an entry that matches none is
 * stale, a breaking change without an entry is unaccepted, and either fails the build. So the file
 * is reviewed again whenever the comparison changes, and never silently accepts a new break.
 */
public final class AcceptedBreakingChanges {

  public static final String FILE_NAME = "accepted-breaking-changes.yaml";

  /** One accepted change: its id as printed by the build, and why clients can take it. */
  public record Entry(String change, String reason) {}

  /**
   * The acceptance file checked against the breaking changes found.
   *
   * @param reasons accepted change id to its reason
   * @param unaccepted breaking changes the file does not list
   * @param stale entries that match no breaking change
   * @param problems the file itself is malformed (each message says where)
   */
  public record Verdict(
      Map<String, String> reasons,
      List<SpecChange> unaccepted,
      List<Entry> stale,
      List<String> problems) {

    public boolean passes() {
      return unaccepted.isEmpty() && stale.isEmpty() && problems.isEmpty();
    }
  }

  private final Path file;
  private final List<Entry> entries;
  private final List<String> problems;

  private AcceptedBreakingChanges(Path file, List<Entry> entries, List<String> problems) {
    this.file = file;
    this.entries = entries;
    this.problems = problems;
  }

  /** Reads the acceptance file of a version folder; an absent file accepts nothing. */
  public static AcceptedBreakingChanges read(Path versionDir) throws IOException {
    Path file = versionDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return new AcceptedBreakingChanges(file, List.of(), List.of());
    }
    List<String> problems = new ArrayList<>();
    List<Entry> entries = new ArrayList<>();
    JsonNode root;
    try {
      root = SpecDocuments.read(file, false);
    } catch (SpecDocuments.SyntaxException e) {
      String where = e.location().isEmpty() ? "" : " at " + e.location();
      problems.add(FILE_NAME + where + ": " + e.getMessage());
      return new AcceptedBreakingChanges(file, entries, problems);
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!"accepted".equals(key)) {
        problems.add(FILE_NAME + ": unknown key '" + key + "'; expected only 'accepted'");
      }
    }
    JsonNode accepted = root.path("accepted");
    if (!accepted.isArray()) {
      problems.add(FILE_NAME + ": expected 'accepted:' with a list of {change, reason} entries");
      return new AcceptedBreakingChanges(file, entries, problems);
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < accepted.size(); i++) {
      JsonNode entry = accepted.get(i);
      String where = FILE_NAME + " /accepted/" + i;
      if (!entry.isObject()) {
        problems.add(where + ": an entry is a mapping: '- change: \"<id>\"' and 'reason: <why>'");
        continue;
      }
      for (Iterator<String> it = entry.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!"change".equals(key) && !"reason".equals(key)) {
          problems.add(where + ": unknown key '" + key + "'; an entry has 'change' and 'reason'");
        }
      }
      String change = normalize(entry.path("change").asText(""));
      String reason = entry.path("reason").asText("").strip();
      if (change.isEmpty()) {
        problems.add(where + ": 'change' is missing; copy the id the build printed");
        continue;
      }
      if (reason.isEmpty()) {
        problems.add(where + " (" + change + "): 'reason' is missing; say why clients can take it");
      }
      if (!seen.add(change)) {
        problems.add(where + ": '" + change + "' is listed twice");
        continue;
      }
      entries.add(new Entry(change, reason));
    }
    return new AcceptedBreakingChanges(file, entries, problems);
  }

  public Path file() {
    return file;
  }

  public boolean exists() {
    return Files.isRegularFile(file);
  }

  public List<Entry> entries() {
    return entries;
  }

  /** Checks this file against {@code changes}; only the breaking ones need accepting. */
  public Verdict check(List<SpecChange> changes) {
    Map<String, SpecChange> breaking = new LinkedHashMap<>();
    Map<String, SpecChange> all = new LinkedHashMap<>();
    for (SpecChange c : changes) {
      all.put(c.id(), c);
      if (c.classification() == Classification.BREAKING) {
        breaking.put(c.id(), c);
      }
    }
    Map<String, String> reasons = new LinkedHashMap<>();
    List<Entry> stale = new ArrayList<>();
    for (Entry e : entries) {
      if (breaking.containsKey(e.change())) {
        reasons.put(e.change(), e.reason());
      } else {
        stale.add(e);
      }
    }
    List<SpecChange> unaccepted =
        breaking.values().stream().filter(c -> !reasons.containsKey(c.id())).toList();
    return new Verdict(reasons, unaccepted, stale, List.copyOf(problems));
  }

  /** Why a stale entry matches nothing, when the change is still there but no longer breaking. */
  static Optional<String> staleHint(Entry entry, List<SpecChange> changes) {
    return changes.stream()
        .filter(c -> c.id().equals(entry.change()))
        .findFirst()
        .map(c -> "this change is now classified " + c.classification() + ", not BREAKING");
  }

  // YAML folding may break a long id over lines; compare ids with single spaces.
  private static String normalize(String id) {
    return id.strip().replaceAll("\\s+", " ");
  }
}
