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

  private static ObjectNode rewrite(String yaml) throws Exception {
    return CodegenInput.rewrite(
        (ObjectNode) SpecDocuments.yaml().readTree(yaml), Overlay.none(), "fp");
  }

  @Test
  void openedEnumValuesAreListedInTheDescriptionSoTheyReachTheJavadoc() throws Exception {
    ObjectNode spec =
        rewrite(
            """
            openapi: 3.0.3
            components:
              schemas:
                Job:
                  properties:
                    ratio: {type: string, description: Aspect ratio., enum: ['16:9', '1:1']}
                    status: {type: string, enum: [queued, done]}
            """);

    JsonNode job = spec.at("/components/schemas/Job/properties");
    assertThat(job.at("/ratio/description").asText())
        .isEqualTo("Aspect ratio.\n\nKnown values: 16:9, 1:1.");
    assertThat(job.at("/status/description").asText()).isEqualTo("Known values: queued, done.");
  }

  @Test
  void exampleDataIsNotRewritten() throws Exception {
    ObjectNode spec =
        rewrite(
            """
            openapi: 3.0.3
            components:
              schemas:
                Model:
                  type: object
                  properties: {schema: {type: object}}
                  example: {schema: {type: string, enum: [a, b], readOnly: true}}
            """);

    JsonNode example = spec.at("/components/schemas/Model/example/schema");
    assertThat(example.has("enum")).isTrue();
    assertThat(example.has("readOnly")).isTrue();
  }

  @Test
  void aUnionOfOnePrimitiveTypeIsThatType() throws Exception {
    ObjectNode spec =
        rewrite(
            """
            openapi: 3.0.3
            components:
              schemas:
                LemurModel: {type: string, enum: [default, basic]}
                Params:
                  properties:
                    final_model:
                      default: default
                      anyOf: [{$ref: '#/components/schemas/LemurModel'}, {type: string}]
            """);

    JsonNode model = spec.at("/components/schemas/Params/properties/final_model");
    assertThat(model.has("anyOf")).isFalse();
    assertThat(model.path("type").asText()).isEqualTo("string");
    assertThat(model.path("default").asText()).isEqualTo("default");
  }

  @Test
  void aRequestBodyKeepsOnlyTheFirstMediaTypeTheGeneratorUses() throws Exception {
    ObjectNode spec =
        rewrite(
            """
            openapi: 3.0.3
            paths:
              /images:
                post:
                  requestBody:
                    content:
                      application/json: {schema: {$ref: '#/components/schemas/Json'}}
                      multipart/form-data: {schema: {$ref: '#/components/schemas/Form'}}
                  responses: {'200': {description: ok}}
            components: {schemas: {Json: {type: object}, Form: {type: object}}}
            """);

    JsonNode content = spec.at("/paths/~1images/post/requestBody/content");
    assertThat(content.size()).isEqualTo(1);
    assertThat(content.has("application/json")).isTrue();
  }

  @Test
  void anUntypedRequestPropertyWithAnEnumKeepsItsMeaning() throws Exception {
    ObjectNode spec =
        rewrite(
            """
            openapi: 3.0.3
            paths:
              /elements:
                post:
                  requestBody:
                    content:
                      application/json:
                        schema:
                          type: object
                          properties:
                            sd_version: {default: FLUX_DEV, enum: [SDXL_1_0, FLUX_DEV]}
                            input: {}
                  responses: {'200': {description: ok}}
            """);

    JsonNode properties =
        spec.at("/paths/~1elements/post/requestBody/content/application~1json/schema/properties");
    assertThat(properties.at("/sd_version").has("type")).isFalse();
    assertThat(properties.at("/sd_version/default").asText()).isEqualTo("FLUX_DEV");
    assertThat(properties.at("/input/type").asText()).isEqualTo("object");
  }

  @Test
  void parameterSchemasStayClosedAndInlineResponseSchemasKeepUndeclaredFields() throws Exception {
    ObjectNode spec =
        rewrite(
            """
            openapi: 3.0.3
            paths:
              /jobs:
                get:
                  parameters:
                    - {name: paging, in: query, schema: {$ref: '#/components/schemas/Paging'}}
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            type: object
                            properties:
                              id: {type: string}
                              output: {type: object, properties: {url: {type: string}}}
            components:
              schemas:
                Paging: {type: object, properties: {limit: {type: integer}}}
            """);

    assertThat(spec.at("/components/schemas/Paging").has("additionalProperties")).isFalse();
    assertThat(
            spec.at(
                    "/paths/~1jobs/get/responses/200/content/application~1json/schema/additionalProperties")
                .asBoolean())
        .isTrue();
    assertThat(
            spec.at(
                    "/paths/~1jobs/get/responses/200/content/application~1json/schema/properties/output/additionalProperties")
                .asBoolean())
        .as("an inline object inside a response")
        .isTrue();
  }

  @Test
  void knownValuesAreListedWhereTheGeneratorShowsText() throws Exception {
    ObjectNode spec =
        rewrite(
            """
            openapi: 3.0.3
            paths:
              /jobs:
                get:
                  parameters:
                    - {name: billing, in: query, schema: {$ref: '#/components/schemas/Billing'}}
                  responses: {'200': {description: ok}}
            components:
              schemas:
                Billing: {type: string, enum: [api, subscription]}
                Text:
                  properties:
                    effects: {type: array, items: {type: string, enum: [bold, italic]}}
                    code:
                      anyOf: [{$ref: '#/components/schemas/Billing'}, {type: string}]
            """);

    assertThat(spec.at("/paths/~1jobs/get/parameters/0/description").asText())
        .isEqualTo("Known values: api, subscription.");
    assertThat(spec.at("/components/schemas/Text/properties/effects/description").asText())
        .isEqualTo("Known values: bold, italic.");
    assertThat(spec.at("/components/schemas/Text/properties/code/description").asText())
        .isEqualTo("Known values: api, subscription.");
  }
}
