package dev.genjobs.spectools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Provider-specific edits of the generator input, kept as data next to the generator config:
 *
 * <pre>
 * actions:
 *   - target: /components/schemas/Job/properties/output   # a JSON pointer into the spec
 *     reason: why the generated code needs this
 *     remove: [type]                                      # keys to delete
 *     update: {description: "..."}                        # keys to set
 * </pre>
 *
 * A target that no longer exists fails the build: the provider changed its spec and the overlay
 * must be reviewed, not silently skipped.
 */
public final class Overlay {

  private final String source;
  private final List<JsonNode> actions;

  private Overlay(String source, List<JsonNode> actions) {
    this.source = source;
    this.actions = actions;
  }

  public static Overlay none() {
    return new Overlay("(none)", List.of());
  }

  public static Overlay read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return none();
    }
    JsonNode root;
    try {
      root = SpecDocuments.read(file, false);
    } catch (SpecDocuments.SyntaxException e) {
      throw new IOException(file + " " + e.location() + ": " + e.getMessage(), e);
    }
    List<JsonNode> actions = new ArrayList<>();
    root.path("actions").forEach(actions::add);
    return new Overlay(file.toString(), actions);
  }

  void applyTo(ObjectNode spec) {
    for (JsonNode action : actions) {
      String target = action.path("target").asText("");
      JsonNode node = spec.at(target);
      if (!(node instanceof ObjectNode object)) {
        throw new IllegalStateException(
            "overlay "
                + source
                + ": target "
                + target
                + " is not an object in the spec; the provider spec changed, review this action ("
                + action.path("reason").asText("no reason given")
                + ")");
      }
      action.path("remove").forEach(key -> object.remove(key.asText()));
      for (Iterator<Map.Entry<String, JsonNode>> it = action.path("update").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        object.set(e.getKey(), e.getValue());
      }
    }
  }
}
