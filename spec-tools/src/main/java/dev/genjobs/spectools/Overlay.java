package dev.genjobs.spectools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An <a href="https://spec.openapis.org/overlay/v1.0.0.html">OpenAPI Overlay 1.0</a> document: an
 * ordered list of actions, each with a JSONPath {@code target} (evaluated by Jayway JsonPath), a
 * {@code description} saying why, and either {@code update} (merged into every node the target
 * matches) or {@code remove: true} (deletes them).
 *
 * <pre>
 * overlay: 1.0.0
 * info: {title: genjobs additions to the Unstructured Platform spec, version: 1.0.0}
 * actions:
 *   - target: $.components.schemas.JobStatus
 *     description: Why this change is needed.
 *     update: {description: "..."}
 * </pre>
 *
 * <p>Merging follows the specification: an object is merged into an object key by key (objects
 * recursively, arrays appended, scalars replaced); an update aimed at an array is appended to it;
 * any other combination is an error. Every action must carry a description, our record of why the
 * published text is not enough.
 *
 * <p>An action whose target matches nothing fails {@link #applyTo} naming the action: the provider
 * changed its spec, and the addition must be reviewed rather than silently dropped.
 */
public final class Overlay {

  private static final Configuration PATHS =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider())
          .mappingProvider(new JacksonMappingProvider())
          .options(Option.AS_PATH_LIST)
          .build();
  private static final Configuration VALUES =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider())
          .mappingProvider(new JacksonMappingProvider())
          .build();

  /**
   * One action of the overlay.
   *
   * @param index its position in the overlay, from 1, as people count
   * @param target the JSONPath expression
   * @param description why the action exists
   * @param update what is merged into each match, or null
   * @param remove whether each match is deleted
   */
  public record Action(
      int index, String target, String description, JsonNode update, boolean remove) {

    /** {@code action #3 ($.paths['/jobs'], "Adds the GET the provider docs describe")}. */
    public String describe() {
      String firstLine = description.strip().lines().findFirst().orElse("");
      if (firstLine.length() > 100) {
        firstLine = firstLine.substring(0, 97) + "...";
      }
      return "action #" + index + " (" + target + ", \"" + firstLine + "\")";
    }
  }

  /** An overlay that cannot be read or applied; the message names the file and the action. */
  public static final class OverlayException extends RuntimeException {
    OverlayException(String message) {
      super(message);
    }
  }

  private final String source;
  private final List<Action> actions;

  private Overlay(String source, List<Action> actions) {
    this.source = source;
    this.actions = List.copyOf(actions);
  }

  public static Overlay none() {
    return new Overlay("(none)", List.of());
  }

  /** Reads {@code file}; a missing file is an empty overlay. */
  public static Overlay read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return none();
    }
    JsonNode root;
    try {
      root = SpecDocuments.read(file, file.getFileName().toString().endsWith(".json"));
    } catch (SpecDocuments.SyntaxException e) {
      throw new OverlayException(file + " " + e.location() + ": " + e.getMessage());
    }
    return parse(file.toString(), root);
  }

  static Overlay parse(String source, JsonNode root) {
    List<String> problems = new ArrayList<>();
    if (!root.path("overlay").asText("").startsWith("1.0")) {
      problems.add(
          "'overlay: 1.0.0' is missing (found '"
              + root.path("overlay").asText("")
              + "'); this file must be an OpenAPI Overlay 1.0 document");
    }
    if (!root.path("actions").isArray()) {
      problems.add("'actions' must be a list of actions");
    }
    List<Action> actions = new ArrayList<>();
    int index = 0;
    for (JsonNode a : root.path("actions")) {
      index++;
      String target = a.path("target").asText("");
      String description = a.path("description").asText("");
      boolean remove = a.path("remove").asBoolean(false);
      JsonNode update = a.get("update");
      String where = "action #" + index + (target.isEmpty() ? "" : " (" + target + ")");
      if (!target.startsWith("$")) {
        problems.add(where + ": 'target' must be a JSONPath expression starting with $");
      } else {
        try {
          JsonPath.compile(target);
        } catch (InvalidPathException e) {
          problems.add(where + ": 'target' is not valid JSONPath: " + e.getMessage());
        }
      }
      if (description.isBlank()) {
        problems.add(where + ": 'description' is missing; say why the published spec needs it");
      }
      if (remove == (update != null)) {
        problems.add(where + ": give exactly one of 'update' or 'remove: true'");
      }
      actions.add(new Action(index, target, description, update, remove));
    }
    if (!problems.isEmpty()) {
      throw new OverlayException(
          "overlay " + source + " is invalid:\n  " + String.join("\n  ", problems));
    }
    return new Overlay(source, actions);
  }

  public String source() {
    return source;
  }

  public List<Action> actions() {
    return actions;
  }

  public boolean isEmpty() {
    return actions.isEmpty();
  }

  /**
   * Applies every action to {@code spec} in place, in order.
   *
   * @throws OverlayException naming the first action whose target matches nothing, or whose update
   *     cannot be merged
   */
  public void applyTo(ObjectNode spec) {
    applyTo(spec, (action, match) -> {});
  }

  /**
   * Like {@link #applyTo(ObjectNode)}, telling {@code listener} of every match just before the
   * action changes it ({@link OverlayLock} records what each action touches this way).
   */
  public void applyTo(ObjectNode spec, MatchListener listener) {
    List<Action> unmatched = apply(spec, true, listener);
    assert unmatched.isEmpty();
  }

  /** Told of each node an action is about to change. */
  @FunctionalInterface
  public interface MatchListener {
    /**
     * @param action the action
     * @param match the matched node's normalized JSONPath, e.g. {@code $['paths']['/get']['get']}
     */
    void beforeChange(Action action, String match);
  }

  /**
   * Applies the actions that match; returns those whose target matched nothing. Used for an older
   * spec version, which the overlay (maintained for the newest) may no longer fit.
   */
  public List<Action> applyLeniently(ObjectNode spec) {
    return apply(spec, false, (action, match) -> {});
  }

  private List<Action> apply(ObjectNode spec, boolean strict, MatchListener listener) {
    List<Action> unmatched = new ArrayList<>();
    for (Action action : actions) {
      List<String> matches = matches(spec, action.target());
      if (matches.isEmpty()) {
        if (strict) {
          throw new OverlayException(
              "overlay "
                  + source
                  + ": "
                  + action.describe()
                  + " matches nothing in the spec. The provider's spec changed: review this"
                  + " action (remove it if the provider now publishes what it added, or fix its"
                  + " target)");
        }
        unmatched.add(action);
        continue;
      }
      DocumentContext document = JsonPath.using(VALUES).parse(spec);
      // Last match first: removing an array element must not shift the indexes still to visit.
      List<String> lastFirst = new ArrayList<>(matches);
      java.util.Collections.reverse(lastFirst);
      for (String match : lastFirst) {
        listener.beforeChange(action, match);
        if (action.remove()) {
          if ("$".equals(match)) {
            throw new OverlayException(
                "overlay " + source + ": " + action.describe() + " cannot remove the document");
          }
          document.delete(match);
        } else {
          Object node = "$".equals(match) ? spec : document.read(match);
          if (!(node instanceof ContainerNode<?> container)) {
            throw new OverlayException(
                "overlay "
                    + source
                    + ": "
                    + action.describe()
                    + " targets "
                    + match
                    + ", which is a value, not an object or a list; target its parent instead");
          }
          merge(container, action.update(), match, action);
        }
      }
    }
    return unmatched;
  }

  private static List<String> matches(ObjectNode spec, String target) {
    if ("$".equals(target)) {
      return List.of("$");
    }
    try {
      // With the Jackson provider, the path list comes back as an array of strings.
      Object found = JsonPath.using(PATHS).parse(spec).read(target);
      List<String> paths = new ArrayList<>();
      if (found instanceof ArrayNode array) {
        array.forEach(p -> paths.add(p.asText()));
      } else if (found instanceof List<?> list) {
        list.forEach(p -> paths.add(String.valueOf(p)));
      }
      return paths;
    } catch (PathNotFoundException e) {
      return List.of();
    }
  }

  private void merge(ContainerNode<?> target, JsonNode update, String where, Action action) {
    if (target instanceof ArrayNode array) {
      array.add(update.deepCopy());
      return;
    }
    ObjectNode object = (ObjectNode) target;
    if (!update.isObject()) {
      throw incompatible(where, action, "an object cannot be updated with " + update.getNodeType());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = update.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = object.get(e.getKey());
      JsonNode value = e.getValue();
      String at = where + "['" + e.getKey() + "']";
      if (existing == null) {
        object.set(e.getKey(), value.deepCopy());
      } else if (existing.isObject() && value.isObject()) {
        merge((ObjectNode) existing, value, at, action);
      } else if (existing.isArray() && value.isArray()) {
        ((ArrayNode) existing).addAll(((ArrayNode) value).deepCopy());
      } else if (existing.isValueNode() && value.isValueNode()) {
        object.set(e.getKey(), value.deepCopy());
      } else {
        throw incompatible(
            at,
            action,
            "cannot merge "
                + value.getNodeType()
                + " into "
                + existing.getNodeType()
                + "; remove the old value first with a 'remove: true' action");
      }
    }
  }

  private OverlayException incompatible(String where, Action action, String why) {
    return new OverlayException(
        "overlay " + source + ": " + action.describe() + " at " + where + ": " + why);
  }
}
