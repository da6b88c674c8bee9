package dev.genjobs.spectools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A provider that publishes one API as several documents gets one effective spec. */
class EffectiveSpecTest {

  @TempDir Path dir;

  private static final String HEAD =
      """
      {"openapi":"3.0.0","info":{"title":"Creative","version":"1.0.0"},
       "servers":[{"url":"https://api.example.test"}],
       "components":{"securitySchemes":{"Key":{"type":"apiKey","in":"header","name":"x-api-key"}}},
      """;

  private SpecFile twoDocuments(String second) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("creative/1.0.0"));
    Files.writeString(
        folder.resolve("a-generate.openapi.json"),
        HEAD
            + "\"paths\":{\"/generate\":{\"post\":{\"responses\":{\"200\":{\"description\":\"ok\"}}}}}}");
    Files.writeString(folder.resolve("b-get.openapi.json"), second);
    SpecLayout layout = SpecLayout.scan(dir);
    assertThat(layout.problems()).isEmpty();
    return layout.newest("creative").orElseThrow();
  }

  @Test
  void documentsAreMergedInFileNameOrder_pathsAndComponentsUnited() throws Exception {
    SpecFile spec =
        twoDocuments(
            HEAD
                + "\"paths\":{\"/get\":{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\"}}}}}}");

    ObjectNode merged = EffectiveSpec.published(spec);

    assertThat(spec.documents())
        .extracting(p -> p.getFileName().toString())
        .containsExactly("a-generate.openapi.json", "b-get.openapi.json");
    assertThat(merged.path("paths").fieldNames()).toIterable().containsExactly("/generate", "/get");
    assertThat(merged.at("/components/securitySchemes/Key/name").asText()).isEqualTo("x-api-key");
    assertThat(merged.fieldNames())
        .toIterable()
        .containsExactly("openapi", "info", "servers", "components", "paths");
  }

  @Test
  void documentsThatDisagreeOnInfoCannotBeMerged() throws Exception {
    SpecFile spec =
        twoDocuments(
            HEAD.replace("\"version\":\"1.0.0\"", "\"version\":\"1.1.0\"")
                + "\"paths\":{\"/get\":{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\"}}}}}}");

    assertThatThrownBy(() -> EffectiveSpec.published(spec))
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("/info differs between creative/1.0.0/a-generate.openapi.json")
        .hasMessageContaining("creative/1.0.0/b-get.openapi.json");
  }

  @Test
  void aPathDefinedDifferentlyInTwoDocumentsCannotBeMerged() throws Exception {
    SpecFile spec =
        twoDocuments(
            HEAD
                + "\"paths\":{\"/generate\":{\"post\":{\"responses\":{\"201\":{\"description\":\"ok\"}}}}}}");

    assertThatThrownBy(() -> EffectiveSpec.published(spec))
        .hasMessageContaining("/paths/~1generate differs between");
  }

  @Test
  void theOverlayIsAppliedToTheMergedDocuments() throws Exception {
    SpecFile spec =
        twoDocuments(
            HEAD
                + "\"paths\":{\"/get\":{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\"}}}}}}");
    Path overlay =
        Files.writeString(
            dir.resolve("creative").resolve(EffectiveSpec.OVERLAY_FILE),
            """
            overlay: 1.0.0
            info: {title: ours, version: 1.0.0}
            actions:
              - target: $.paths['/get'].get
                description: the published documents have no operationId
                update: {operationId: getJob}
            """);

    ObjectNode effective = EffectiveSpec.of(spec, Overlay.read(overlay));

    assertThat(effective.at("/paths/~1get/get/operationId").asText()).isEqualTo("getJob");
    assertThat(EffectiveSpec.overlayFile(dir, "creative")).isEqualTo(overlay);
    assertThat(List.of(Files.readString(spec.documents().get(1))))
        .noneMatch(s -> s.contains("getJob"));
  }
}
