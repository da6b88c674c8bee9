package dev.genjobs.spectools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class OpenApi31LoweringTest {

  private static ObjectNode yaml(String text) throws Exception {
    return (ObjectNode) SpecDocuments.yaml().readTree(text);
  }

  @Test
  void givenATypeArrayWithNull_whenLowered_thenItIsANullableSingleType() throws Exception {
    ObjectNode spec =
        yaml(
            """
            openapi: 3.1.0
            components: {schemas: {Job: {properties: {url: {type: [string, 'null']}}}}}
            """);

    OpenApi31Lowering.lower(spec);

    JsonNode url = spec.at("/components/schemas/Job/properties/url");
    assertThat(spec.path("openapi").asText()).isEqualTo("3.0.3");
    assertThat(url.path("type").asText()).isEqualTo("string");
    assertThat(url.path("nullable").asBoolean()).isTrue();
  }

  @Test
  void givenAnAnyOfWithNull_whenLowered_thenTheRemainingBranchIsMergedIn() throws Exception {
    ObjectNode spec =
        yaml(
            """
            openapi: 3.1.0
            components:
              schemas:
                Job:
                  properties:
                    runtime: {title: Runtime, anyOf: [{type: string, format: duration}, {type: 'null'}]}
            """);

    OpenApi31Lowering.lower(spec);

    JsonNode runtime = spec.at("/components/schemas/Job/properties/runtime");
    assertThat(runtime.has("anyOf")).isFalse();
    assertThat(runtime.path("type").asText()).isEqualTo("string");
    assertThat(runtime.path("format").asText()).isEqualTo("duration");
    assertThat(runtime.path("title").asText()).isEqualTo("Runtime");
    assertThat(runtime.path("nullable").asBoolean()).isTrue();
  }

  @Test
  void givenAPropertyNamedDefault_whenLowered_thenItIsStillLowered() throws Exception {
    ObjectNode spec =
        yaml(
            """
            openapi: 3.1.0
            components: {schemas: {Config: {properties: {default: {type: [integer, 'null']}}}}}
            """);

    OpenApi31Lowering.lower(spec);

    assertThat(spec.at("/components/schemas/Config/properties/default/type").asText())
        .isEqualTo("integer");
  }

  @Test
  void givenExampleData_whenLowered_thenItIsLeftAsWritten() throws Exception {
    ObjectNode spec =
        yaml(
            """
            openapi: 3.1.0
            components:
              schemas:
                Job:
                  type: object
                  example: {type: [a, 'null']}
            """);

    OpenApi31Lowering.lower(spec);

    assertThat(spec.at("/components/schemas/Job/example/type").isArray()).isTrue();
  }

  @Test
  void givenAnOpenApi30Document_whenLowered_thenNothingChanges() throws Exception {
    ObjectNode spec =
        yaml("openapi: 3.0.3\ncomponents: {schemas: {A: {type: [string, 'null']}}}\n");
    ObjectNode before = spec.deepCopy();

    boolean lowered = OpenApi31Lowering.lower(spec);

    assertThat(lowered).isFalse();
    assertThat(spec).isEqualTo(before);
  }
}
