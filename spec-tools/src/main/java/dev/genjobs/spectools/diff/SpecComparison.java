package dev.genjobs.spectools.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genjobs.spectools.EffectiveSpec;
import dev.genjobs.spectools.OpenApi31Lowering;
import dev.genjobs.spectools.SpecDocuments;
import dev.genjobs.spectools.SpecFile;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;

/**
 * The newest version of a provider's spec compared with the version before it.
 *
 * @param previous the version compared against
 * @param newest the version the client is generated from
 * @param diff openapi-diff's result, which its renderers take
 * @param changes every change, classified for a client, in report order
 * @param hiddenByOverlay the changes among {@code changes} that only the published documents show:
 *     the overlay patches the place they change, so the effective specs look alike there
 * @param lowered whether either spec was OpenAPI 3.1 and was lowered to 3.0 to be compared
 * @param millis how long reading, comparing and classifying took
 */
public record SpecComparison(
    SpecFile previous,
    SpecFile newest,
    ChangedOpenApi diff,
    List<SpecChange> changes,
    List<SpecChange> hiddenByOverlay,
    boolean lowered,
    long millis) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static SpecComparison compare(SpecFile previous, SpecFile newest) throws IOException {
    long start = System.nanoTime();
    Parsed oldSpec = read(previous);
    Parsed newSpec = read(newest);
    ChangedOpenApi diff = OpenApiCompare.fromSpecifications(oldSpec.api(), newSpec.api());
    List<SpecChange> changes = ClientImpactClassifier.classify(diff);
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new SpecComparison(
        previous, newest, diff, changes, List.of(), oldSpec.lowered() || newSpec.lowered(), millis);
  }

  /**
   * This comparison of the effective specs, plus the changes between the two versions' published
   * documents (merged, no overlay) that it does not show. An overlay action that patches a
   * published place (corrects a value, adds a field) makes both effective specs alike there; the
   * provider's change at that place is still a change clients must survive, so the gate sees it.
   */
  public SpecComparison withPublished(SpecFile previousPublished, SpecFile newestPublished)
      throws IOException {
    long start = System.nanoTime();
    Parsed oldSpec = read(previousPublished, EffectiveSpec.published(previousPublished));
    Parsed newSpec = read(newestPublished, EffectiveSpec.published(newestPublished));
    ChangedOpenApi publishedDiff = OpenApiCompare.fromSpecifications(oldSpec.api(), newSpec.api());
    Set<String> seen = new HashSet<>();
    changes.forEach(c -> seen.add(c.id()));
    List<SpecChange> hidden =
        ClientImpactClassifier.classify(publishedDiff).stream()
            .filter(c -> !seen.contains(c.id()))
            .toList();
    List<SpecChange> all = new ArrayList<>(changes);
    all.addAll(hidden);
    all.sort(SpecChange.ORDER);
    return new SpecComparison(
        previous,
        newest,
        diff,
        List.copyOf(all),
        hidden,
        lowered || oldSpec.lowered() || newSpec.lowered(),
        millis + (System.nanoTime() - start) / 1_000_000);
  }

  public List<SpecChange> changes(Classification classification) {
    return changes.stream().filter(c -> c.classification() == classification).toList();
  }

  private record Parsed(OpenAPI api, boolean lowered) {}

  // Read as a tree first so a 3.1 document can be lowered before Swagger Parser models it; the
  // file's URI is kept as the location so relative $refs still resolve.
  private static Parsed read(SpecFile spec) throws IOException {
    JsonNode tree;
    try {
      tree = SpecDocuments.read(spec);
    } catch (SpecDocuments.SyntaxException e) {
      throw new IOException(spec.relativePath() + " " + e.location() + ": " + e.getMessage(), e);
    }
    return read(spec, tree);
  }

  private static Parsed read(SpecFile spec, JsonNode tree) throws IOException {
    boolean lowered = tree instanceof ObjectNode object && OpenApi31Lowering.lower(object);
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result =
        new OpenAPIV3Parser()
            .readContents(
                JSON.writeValueAsString(tree), null, options, spec.path().toUri().toString());
    if (result.getOpenAPI() == null) {
      throw new IOException(
          "cannot read " + spec.relativePath() + " for the diff: " + result.getMessages());
    }
    return new Parsed(result.getOpenAPI(), lowered);
  }
}
