package dev.genjobs.spectools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The spec a provider's clients are built from: its published documents, merged, with our overlay
 * ({@value #OVERLAY_FILE} in the provider folder) applied. The published files are never edited.
 *
 * <p>Merging exists for providers that publish one API as several documents (the Creative API: one
 * path each). The documents are merged in file-name order: the first one's keys in its order, then
 * what each later one adds. {@code paths}, {@code components.*} and {@code tags} are unions; any
 * other top-level key ({@code openapi}, {@code info}, {@code servers}, {@code security}) must be
 * the same in every document, and a path or component defined differently in two documents is an
 * error naming both files, because no merge order could be right for it.
 */
public final class EffectiveSpec {

  /** Our additions to a provider's published spec, in OpenAPI Overlay 1.0 format. */
  public static final String OVERLAY_FILE = "genjobs.overlay.yaml";

  private EffectiveSpec() {}

  /** {@code <specsRoot>/<provider>/genjobs.overlay.yaml}, which may not exist. */
  public static Path overlayFile(Path specsRoot, String provider) {
    return specsRoot.resolve(provider).resolve(OVERLAY_FILE);
  }

  /** The published documents of {@code spec} merged into one tree, overlay not applied. */
  public static ObjectNode published(SpecFile spec) throws IOException {
    ObjectNode merged = null;
    String mergedFrom = null;
    for (Path document : spec.documents()) {
      String name = spec.provider() + "/" + spec.version() + "/" + document.getFileName();
      JsonNode tree;
      try {
        tree = SpecDocuments.read(document, document.getFileName().toString().endsWith(".json"));
      } catch (SpecDocuments.SyntaxException e) {
        throw new SpecValidationException(
            "spec error in " + name + ": " + e.getMessage(),
            List.of(SpecProblem.error(spec.provider(), name, e.location(), e.getMessage())));
      }
      if (!(tree instanceof ObjectNode object)) {
        throw new SpecValidationException(
            name + " is not an OpenAPI document",
            List.of(
                SpecProblem.error(
                    spec.provider(), name, "/", "an OpenAPI document must be a mapping/object")));
      }
      if (merged == null) {
        merged = object;
        mergedFrom = name;
      } else {
        mergeDocument(merged, mergedFrom, object, name, spec.provider());
        mergedFrom = mergedFrom + " + " + document.getFileName();
      }
    }
    return merged;
  }

  /** The effective spec: published documents merged, then {@code overlay} applied strictly. */
  public static ObjectNode of(SpecFile spec, Overlay overlay) throws IOException {
    ObjectNode tree = published(spec);
    overlay.applyTo(tree);
    return tree;
  }

  private static void mergeDocument(
      ObjectNode into, String intoName, ObjectNode next, String nextName, String provider) {
    for (Iterator<Map.Entry<String, JsonNode>> it = next.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode existing = into.get(key);
      if (existing == null) {
        into.set(key, e.getValue());
      } else if ("paths".equals(key)) {
        union((ObjectNode) existing, e.getValue(), "/paths", intoName, nextName, provider);
      } else if ("components".equals(key)) {
        for (Iterator<Map.Entry<String, JsonNode>> sections = e.getValue().fields();
            sections.hasNext(); ) {
          Map.Entry<String, JsonNode> section = sections.next();
          JsonNode have = existing.get(section.getKey());
          if (have == null) {
            ((ObjectNode) existing).set(section.getKey(), section.getValue());
          } else {
            union(
                (ObjectNode) have,
                section.getValue(),
                "/components/" + section.getKey(),
                intoName,
                nextName,
                provider);
          }
        }
      } else if ("tags".equals(key) && existing.isArray()) {
        Set<String> names = new HashSet<>();
        existing.forEach(t -> names.add(t.path("name").asText()));
        for (JsonNode tag : e.getValue()) {
          if (names.add(tag.path("name").asText())) {
            ((ArrayNode) existing).add(tag);
          }
        }
      } else if (!existing.equals(e.getValue())) {
        throw conflict(provider, "/" + key, intoName, nextName);
      }
    }
  }

  private static void union(
      ObjectNode into,
      JsonNode next,
      String pointer,
      String intoName,
      String nextName,
      String provider) {
    for (Iterator<Map.Entry<String, JsonNode>> it = next.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = into.get(e.getKey());
      if (existing == null) {
        into.set(e.getKey(), e.getValue());
      } else if (!existing.equals(e.getValue())) {
        throw conflict(
            provider, pointer + "/" + SpecValidator.escape(e.getKey()), intoName, nextName);
      }
    }
  }

  private static SpecValidationException conflict(
      String provider, String pointer, String first, String second) {
    String message =
        "the published documents cannot be merged: "
            + pointer
            + " differs between "
            + first
            + " and "
            + second;
    return new SpecValidationException(
        message, List.of(SpecProblem.error(provider, second, pointer, message)));
  }
}
