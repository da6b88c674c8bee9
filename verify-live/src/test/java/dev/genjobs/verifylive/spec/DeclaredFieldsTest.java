package dev.genjobs.verifylive.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

class DeclaredFieldsTest {

  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode spec =
      read(
          """
          components:
            schemas:
              Job:
                type: object
                additionalProperties: true
                properties:
                  id: {type: string}
                  input: {type: object}
                  output: {$ref: '#/components/schemas/Output'}
                  files:
                    type: array
                    items: {$ref: '#/components/schemas/File'}
                  labels:
                    type: object
                    additionalProperties: {$ref: '#/components/schemas/File'}
              Output:
                anyOf:
                  - type: object
                    properties:
                      urls: {type: array, items: {type: string}}
                  - type: string
              File:
                allOf:
                  - {$ref: '#/components/schemas/Named'}
                  - type: object
                    properties:
                      size: {type: integer}
              Named:
                type: object
                properties:
                  name: {type: string}
          """);

  private final DeclaredFields declared = new DeclaredFields(spec);
  private final JsonNode job = spec.at("/components/schemas/Job");

  @Test
  void givenOnlyDeclaredFields_thenNothingIsReported() {
    assertThat(
            declared.undeclared(
                json(
                    "{\"id\":\"1\",\"output\":{\"urls\":[\"u\"]},\"files\":[{\"name\":\"a\",\"size\":1}],"
                        + "\"labels\":{\"any-key\":{\"name\":\"b\"}}}"),
                job))
        .isEmpty();
  }

  @Test
  void givenAFieldTheSchemaDoesNotDeclare_thenItIsReportedEvenThoughAdditionalPropertiesAllowIt() {
    assertThat(declared.undeclared(json("{\"jobId\":\"1\"}"), job))
        .singleElement()
        .asString()
        .startsWith("$.jobId is not declared");
  }

  @Test
  void givenAFreeFormObject_thenItsContentIsNotChecked() {
    assertThat(declared.undeclared(json("{\"input\":{\"prompt\":\"x\",\"seed\":1}}"), job))
        .isEmpty();
  }

  @Test
  void givenNestedUndeclaredFields_thenEachIsReportedWithItsPath() {
    assertThat(
            declared.undeclared(
                json(
                    "{\"output\":{\"url\":\"u\"},\"files\":[{\"name\":\"a\",\"bytes\":1}],"
                        + "\"labels\":{\"k\":{\"title\":\"t\"}}}"),
                job))
        .hasSize(3)
        .anySatisfy(p -> assertThat(p).startsWith("$.output.url "))
        .anySatisfy(p -> assertThat(p).startsWith("$.files[0].bytes "))
        .anySatisfy(p -> assertThat(p).startsWith("$.labels.k.title "));
  }

  @Test
  void givenARealAnswer_thenOnlyObjectsThatSayTheyTakeOtherFieldsTakeThemAndEachHasItsPointer() {
    assertThat(
            declared.undeclaredAnswerFields(
                json("{\"jobId\":\"1\",\"files\":[{\"name\":\"a\",\"bytes\":1}]}"), job))
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.pointer()).isEqualTo("/files/0/bytes");
              assertThat(u.problem()).startsWith("$.files[0].bytes is not declared");
            });
  }

  private static JsonNode read(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
