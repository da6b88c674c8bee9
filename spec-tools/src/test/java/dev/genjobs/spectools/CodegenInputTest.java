package dev.genjobs.spectools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodegenInputTest {

  @TempDir Path dir;

  private ObjectNode fixture(String name) throws Exception {
    SpecsFixture specs = new SpecsFixture(dir).spec("acme", "1.0.0", name);
    return (ObjectNode)
        SpecDocuments.read(SpecLayout.scan(specs.root()).newest("acme").orElseThrow());
  }

  @Test
  void openApi31NullUnionsBecomeNullableTypes() throws Exception {
    ObjectNode spec = CodegenInput.rewrite(fixture("valid-3.1.yaml"), Overlay.none(), "fp");

    JsonNode job = spec.at("/components/schemas/Job/properties");
    assertThat(spec.path("openapi").asText()).isEqualTo("3.0.3");
    assertThat(job.at("/runtime/type").asText()).isEqualTo("string");
    assertThat(job.at("/runtime/format").asText()).isEqualTo("duration");
    assertThat(job.at("/runtime/nullable").asBoolean()).isTrue();
    assertThat(job.at("/runtime").has("anyOf")).isFalse();
    JsonNode files = spec.at("/components/schemas/Body/properties/input_files");
    assertThat(files.path("type").asText()).isEqualTo("array");
    assertThat(files.at("/items/format").asText()).isEqualTo("binary");
  }

  @Test
  void primitiveUnionsBecomeAnyJsonValue() throws Exception {
    ObjectNode spec = CodegenInput.rewrite(fixture("valid-3.1.yaml"), Overlay.none(), "fp");

    JsonNode items = spec.at("/components/schemas/Job/properties/loc/items");
    assertThat(items.has("anyOf")).isFalse();
    assertThat(items.has("type")).isFalse();
  }

  @Test
  void responseSchemasKeepUndeclaredFieldsButRequestBodiesDoNot() throws Exception {
    ObjectNode spec = CodegenInput.rewrite(fixture("valid-3.1.yaml"), Overlay.none(), "fp");

    assertThat(spec.at("/components/schemas/Job/additionalProperties").asBoolean()).isTrue();
    assertThat(spec.at("/components/schemas/Body").has("additionalProperties")).isFalse();
  }

  @Test
  void readOnlyIsDroppedSoResponsesStillDecodeEveryField() throws Exception {
    ObjectNode spec = CodegenInput.rewrite(fixture("valid-3.1.yaml"), Overlay.none(), "fp");

    assertThat(spec.at("/components/schemas/Job/properties/id").has("readOnly")).isFalse();
  }

  @Test
  void stringEnumsBecomeOpenStringsKeepingTheKnownValues() throws Exception {
    ObjectNode spec = CodegenInput.rewrite(fixture("valid-3.0.yaml"), Overlay.none(), "fp");

    JsonNode status = spec.at("/components/schemas/Job/properties/status");
    assertThat(status.has("enum")).isFalse();
    assertThat(status.path("x-genjobs-known-values"))
        .extracting(JsonNode::asText)
        .containsExactly("queued", "done");
  }

  @Test
  void fingerprintIsWrittenIntoInfoSoConfigChangesChangeTheInput() throws Exception {
    Path pom = Files.writeString(dir.resolve("pom.xml"), "<config a='1'/>");
    String before = CodegenInput.fingerprint(List.of("7.25.0"), List.of(pom));
    Files.writeString(pom, "<config a='2'/>");
    String after = CodegenInput.fingerprint(List.of("7.25.0"), List.of(pom));

    ObjectNode spec = CodegenInput.rewrite(fixture("valid-3.0.yaml"), Overlay.none(), after);

    assertThat(before).isNotEqualTo(after);
    assertThat(CodegenInput.fingerprint(List.of("7.26.0"), List.of(pom))).isNotEqualTo(after);
    assertThat(spec.at("/info/x-genjobs-codegen-fingerprint").asText()).isEqualTo(after);
  }

  @Test
  void overlayRemovesAndUpdatesKeysAtItsTarget() throws Exception {
    Path overlay =
        Files.writeString(
            dir.resolve("acme.overlay.yaml"),
            """
            overlay: 1.0.0
            info: {title: test, version: 1.0.0}
            actions:
              - target: $.components.schemas.Job.properties.id.type
                description: the provider sends any JSON value
                remove: true
              - target: $.components.schemas.Job.properties.id
                description: say so
                update: {description: any JSON value}
            """);

    ObjectNode spec = CodegenInput.rewrite(fixture("valid-3.0.yaml"), Overlay.read(overlay), "fp");

    JsonNode id = spec.at("/components/schemas/Job/properties/id");
    assertThat(id.has("type")).isFalse();
    assertThat(id.path("description").asText()).isEqualTo("any JSON value");
  }

  @Test
  void overlayWhoseTargetVanishedFailsNamingTheTarget() throws Exception {
    Path overlay =
        Files.writeString(
            dir.resolve("acme.overlay.yaml"),
            """
            overlay: 1.0.0
            info: {title: test, version: 1.0.0}
            actions:
              - target: $.components.schemas.Gone.properties.output.type
                description: provider sends JSON text
                remove: true
            """);
    ObjectNode spec = fixture("valid-3.0.yaml");

    assertThatThrownBy(() -> CodegenInput.rewrite(spec, Overlay.read(overlay), "fp"))
        .hasMessageContaining("action #1 ($.components.schemas.Gone.properties.output.type")
        .hasMessageContaining("provider sends JSON text");
  }
}
