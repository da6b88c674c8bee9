package dev.genjobs.spectools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a provider's overlay touches of the published text, recorded so that a provider's change to
 * it fails the build instead of being overwritten unseen.
 *
 * <p>An overlay action that updates or removes published content stands on what the provider
 * published on the day the action was written: a corrected value, a field added to a published
 * object, a response added to a published operation. For every place an action touches, the lock
 * ({@value #FILE}, beside the overlay, committed) records the published content there: a
 * fingerprint of the value it replaces, removes or appends to, or {@code absent} for a key the
 * action adds. The build recomputes these from the newest published documents and fails, naming the
 * action, the JSON path and the change, when they differ: the published value changed, the provider
 * no longer publishes it, or it now publishes what the action adds (drop the action). A reviewed
 * change is recorded with {@code ./mvnw genjobs:lock}.
 *
 * <p>Places an action reaches only inside what earlier actions added are ours, not the provider's,
 * and are not recorded.
 */
public final class OverlayLock {

  /** The lock's file name, in the provider folder beside {@value EffectiveSpec#OVERLAY_FILE}. */
  public static final String FILE = "genjobs.overlay.lock.yaml";

  /** The command that refreshes a lock, as messages print it. */
  public static final String REFRESH_COMMAND = "./mvnw genjobs:lock -Dgenjobs.provider=";

  private static final String ABSENT = "absent";
  private static final int SUMMARY_LIMIT = 80;
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  private static final Configuration VALUES =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider())
          .mappingProvider(new JacksonMappingProvider())
          .build();

  /**
   * One published place an action touches.
   *
   * @param target the action's target, as written in the overlay (with the path, the entry's key)
   * @param path the touched place, a normalized JSONPath, e.g. {@code
   *     $['paths']['/get']['get']['operationId']}
   * @param fingerprint {@code absent}, or {@code sha256:<16 hex>} of the published value there
   * @param published a short rendering of the published value, for people; empty when absent
   */
  public record Entry(String target, String path, String fingerprint, String published) {

    boolean absent() {
      return ABSENT.equals(fingerprint);
    }

    String key() {
      return target + " @ " + path;
    }
  }

  /** An entry with the action it belongs to now, for messages. */
  public record Touch(Overlay.Action action, Entry entry) {}

  private OverlayLock() {}

  /** {@code <specsRoot>/<provider>/}{@value #FILE}. */
  public static Path file(Path specsRoot, String provider) {
    return specsRoot.resolve(provider).resolve(FILE);
  }

  /**
   * Applies {@code overlay} to {@code tree} (in place, strictly) and returns what each action
   * touched of {@code published}, the same documents before any action.
   */
  public static List<Touch> applyRecording(Overlay overlay, ObjectNode tree, ObjectNode published) {
    List<Touch> touches = new ArrayList<>();
    applyRecording(overlay, tree, published, touches);
    return touches;
  }

  /**
   * Like {@link #applyRecording(Overlay, ObjectNode, ObjectNode)}, adding to {@code into} as it
   * goes, so that what the actions before a failing one touched is known when it throws.
   */
  public static void applyRecording(
      Overlay overlay, ObjectNode tree, ObjectNode published, List<Touch> into) {
    overlay.applyTo(tree, recorder(published, into));
  }

  /** A listener for {@link Overlay#applyTo(ObjectNode, Overlay.MatchListener)} that records. */
  public static Overlay.MatchListener recorder(ObjectNode published, List<Touch> into) {
    return (action, match) -> record(action, match, published, into);
  }

  /**
   * {@code <overlayDir>/<provider>.overlay.lock.yaml}: the lock of a generator-input overlay
   * ({@code <provider>.overlay.yaml} beside it), which edits only what the generator reads.
   */
  public static Path generatorLockFile(Path overlayDir, String provider) {
    return overlayDir.resolve(provider + ".overlay.lock.yaml");
  }

  private static void record(
      Overlay.Action action, String match, ObjectNode published, List<Touch> into) {
    JsonNode there = at(published, match);
    if (there == null) {
      return; // inside what an earlier action added: ours, not the provider's
    }
    if (action.remove() || there.isArray() || !there.isObject() || !action.update().isObject()) {
      into.add(new Touch(action, entry(action, match, there)));
      return;
    }
    recordUpdate(action, match, (ObjectNode) there, action.update(), into);
  }

  // Mirrors Overlay's merge: objects key by key, so each key the update sets is one place.
  private static void recordUpdate(
      Overlay.Action action, String path, ObjectNode published, JsonNode update, List<Touch> into) {
    for (Iterator<Map.Entry<String, JsonNode>> it = update.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String at = path + "['" + e.getKey().replace("'", "\\'") + "']";
      JsonNode existing = published.get(e.getKey());
      if (existing instanceof ObjectNode object && e.getValue().isObject()) {
        recordUpdate(action, at, object, e.getValue(), into);
      } else {
        into.add(new Touch(action, entry(action, at, existing)));
      }
    }
  }

  private static Entry entry(Overlay.Action action, String path, JsonNode published) {
    if (published == null) {
      return new Entry(action.target(), path, ABSENT, "");
    }
    return new Entry(action.target(), path, fingerprint(published), summary(published));
  }

  private static JsonNode at(ObjectNode tree, String normalizedPath) {
    if ("$".equals(normalizedPath)) {
      return tree;
    }
    try {
      Object found = JsonPath.using(VALUES).parse(tree).read(normalizedPath);
      return found instanceof JsonNode node ? node : null;
    } catch (PathNotFoundException e) {
      return null;
    }
  }

  static String fingerprint(JsonNode value) {
    try {
      byte[] canonical = CANONICAL.writeValueAsBytes(CANONICAL.treeToValue(value, Object.class));
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(canonical);
      return "sha256:" + HexFormat.of().formatHex(sha, 0, 8);
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint a JSON value", e);
    }
  }

  /** {@code "16:9"}, {@code object {type, properties, required}}, {@code list of 3}. */
  static String summary(JsonNode value) {
    String text;
    if (value.isObject()) {
      List<String> keys = new ArrayList<>();
      value.fieldNames().forEachRemaining(keys::add);
      text = "object {" + String.join(", ", keys) + "}";
    } else if (value.isArray()) {
      text = "list of " + value.size() + (value.isEmpty() ? "" : ": " + value);
    } else {
      text = value.toString();
    }
    return text.length() > SUMMARY_LIMIT ? text.substring(0, SUMMARY_LIMIT - 3) + "..." : text;
  }

  /** Reads a lock file; a missing file is {@code null}. */
  public static List<Entry> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    JsonNode root;
    try {
      root = SpecDocuments.read(file, false);
    } catch (SpecDocuments.SyntaxException e) {
      throw new Overlay.OverlayException(file + " " + e.location() + ": " + e.getMessage());
    }
    List<Entry> entries = new ArrayList<>();
    for (JsonNode action : root.path("actions")) {
      String target = action.path("target").asText("");
      for (JsonNode touch : action.path("touches")) {
        entries.add(
            new Entry(
                target,
                touch.path("path").asText(""),
                touch.path("published").asText(""),
                touch.path("was").asText("")));
      }
    }
    return entries;
  }

  /** The lock file's text for {@code touches}, grouped by action in overlay order. */
  public static String render(String provider, List<Touch> touches) throws IOException {
    return render(provider, EffectiveSpec.OVERLAY_FILE, touches, List.of());
  }

  /**
   * The lock file's text for {@code touches} and the published {@code documents} (see {@link
   * InPlaceEdits}).
   */
  public static String render(
      String provider, List<Touch> touches, List<InPlaceEdits.Document> documents)
      throws IOException {
    return render(provider, EffectiveSpec.OVERLAY_FILE, touches, documents);
  }

  /** The documents a lock records, by their path under the provider folder; empty when none. */
  public static List<InPlaceEdits.Document> readDocuments(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<InPlaceEdits.Document> documents = new ArrayList<>();
    try {
      for (JsonNode d : SpecDocuments.read(file, false).path("documents")) {
        documents.add(
            new InPlaceEdits.Document(d.path("file").asText(""), d.path("git-blob").asText("")));
      }
    } catch (SpecDocuments.SyntaxException e) {
      throw new Overlay.OverlayException(file + " " + e.location() + ": " + e.getMessage());
    }
    return documents;
  }

  /** Like {@link #render(String, List)} for the overlay file named {@code overlayName}. */
  public static String render(
      String provider,
      String overlayName,
      List<Touch> touches,
      List<InPlaceEdits.Document> documents)
      throws IOException {
    Map<Integer, List<Touch>> byAction = new TreeMap<>();
    touches.forEach(
        t -> byAction.computeIfAbsent(t.action().index(), i -> new ArrayList<>()).add(t));
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("lock", 1);
    if (!documents.isEmpty()) {
      ArrayNode docs = root.putArray("documents");
      documents.forEach(d -> docs.addObject().put("file", d.file()).put("git-blob", d.gitBlob()));
    }
    ArrayNode actions = root.putArray("actions");
    for (List<Touch> ofAction : byAction.values()) {
      ObjectNode a = actions.addObject();
      a.put("action", ofAction.get(0).action().index());
      a.put("target", ofAction.get(0).action().target());
      ArrayNode list = a.putArray("touches");
      Map<String, Entry> unique = new LinkedHashMap<>();
      ofAction.forEach(t -> unique.putIfAbsent(t.entry().path(), t.entry()));
      for (Entry e : unique.values()) {
        ObjectNode t = list.addObject();
        t.put("path", e.path());
        t.put("published", e.fingerprint());
        if (!e.published().isEmpty()) {
          t.put("was", e.published());
        }
      }
    }
    return "# What "
        + overlayName
        + " touches of the published "
        + provider
        + " documents (see specs/README.md, \"The lock\").\n"
        + "# Written by `"
        + REFRESH_COMMAND
        + provider
        + "` after a review; do not edit by hand.\n"
        + SpecDocuments.toYaml(root);
  }

  /**
   * What differs between the lock and the published documents; empty when they agree.
   *
   * <p>Each recorded place is looked up in {@code published} again: its content changed, the
   * provider no longer publishes it, or it now publishes what an action adds. Then each place the
   * overlay touches now must be recorded (at that place, or at a place above or below it: a key an
   * action adds is recorded whole while absent, and key by key once published).
   *
   * @param locked the lock's entries, or {@code null} when there is no lock file
   * @param overlay the overlay, to name the actions
   * @param published the newest published documents, merged, before any action
   * @param now what the overlay touches of {@code published}
   * @param complete whether {@code now} covers every action (false after an action failed, when
   *     what is missing from {@code now} says nothing)
   */
  public static List<String> check(
      String provider,
      List<Entry> locked,
      Overlay overlay,
      ObjectNode published,
      List<Touch> now,
      boolean complete) {
    return check(FILE, provider, locked, overlay, published, now, complete);
  }

  /** Like the other {@code check}, for a lock file named {@code lockName}. */
  public static List<String> check(
      String lockName,
      String provider,
      List<Entry> locked,
      Overlay overlay,
      ObjectNode published,
      List<Touch> now,
      boolean complete) {
    List<String> problems = new ArrayList<>();
    String refresh = " run `" + REFRESH_COMMAND + provider + "`";
    if (locked == null) {
      if (complete && !now.isEmpty()) {
        problems.add(
            "the overlay touches "
                + now.size()
                + " published place(s) and there is no "
                + lockName
                + " recording them: review the actions, then"
                + refresh);
      }
      return problems;
    }
    for (Entry was : locked) {
      Optional<Overlay.Action> action = actionFor(was, overlay, now);
      if (action.isEmpty()) {
        if (complete) {
          problems.add(
              lockName
                  + " records "
                  + was.path()
                  + " for an action targeting "
                  + was.target()
                  + ", which the overlay no longer has:"
                  + refresh);
        }
        continue;
      }
      JsonNode there = at(published, was.path());
      String fingerprint = there == null ? ABSENT : fingerprint(there);
      if (fingerprint.equals(was.fingerprint())) {
        continue;
      }
      String named = "overlay " + action.get().describe();
      if (was.absent()) {
        problems.add(
            named
                + " adds "
                + was.path()
                + ", which the provider now publishes ("
                + summary(there)
                + "): drop the action if the published definition covers it, or review it; then"
                + refresh);
      } else if (there == null) {
        problems.add(
            named
                + " touches "
                + was.path()
                + ", which the provider no longer publishes (was "
                + was.published()
                + "): review the action, then"
                + refresh);
      } else {
        problems.add(
            named
                + " touches "
                + was.path()
                + ", whose published content changed (was "
                + was.published()
                + ", now "
                + summary(there)
                + "): review the action against the provider's change, then"
                + refresh);
      }
    }
    Set<String> reported = new HashSet<>();
    for (Touch t : now) {
      boolean recorded = locked.stream().anyMatch(e -> related(e, t.entry()));
      if (!recorded && reported.add(t.entry().key())) {
        problems.add(
            "overlay "
                + t.action().describe()
                + " touches published "
                + t.entry().path()
                + (t.entry().absent() ? " (adds it)" : " (now " + t.entry().published() + ")")
                + ", which "
                + lockName
                + " does not record: review it, then"
                + refresh);
      }
    }
    if (complete) {
      for (Entry e : locked) {
        boolean touched = now.stream().anyMatch(t -> related(e, t.entry()));
        if (!touched && actionFor(e, overlay, now).isPresent()) {
          problems.add(
              lockName
                  + " records "
                  + e.path()
                  + " for the action targeting "
                  + e.target()
                  + ", which no action touches now:"
                  + refresh);
        }
      }
    }
    return problems;
  }

  /** The same place, or one inside the other, for the same target. */
  private static boolean related(Entry a, Entry b) {
    return a.target().equals(b.target())
        && (a.path().equals(b.path())
            || a.path().startsWith(b.path() + "[")
            || b.path().startsWith(a.path() + "["));
  }

  /** The action that touches {@code entry}'s place now, else the first with its target. */
  private static Optional<Overlay.Action> actionFor(Entry entry, Overlay overlay, List<Touch> now) {
    return now.stream()
        .filter(t -> related(entry, t.entry()))
        .map(Touch::action)
        .findFirst()
        .or(
            () ->
                overlay.actions().stream()
                    .filter(a -> a.target().equals(entry.target()))
                    .findFirst());
  }
}
