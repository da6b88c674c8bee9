package dev.genjobs.spectools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecValidatorTest {

  @TempDir Path dir;

  private List<SpecProblem> validate(String fixture) {
    SpecsFixture specs = new SpecsFixture(dir).spec("acme", "1.0.0", fixture);
    SpecFile file = SpecLayout.scan(specs.root()).newest("acme").orElseThrow();
    return new SpecValidator().validate(file);
  }

  private static List<SpecProblem> errors(List<SpecProblem> problems) {
    return problems.stream().filter(SpecProblem::isError).toList();
  }

  @Test
  void validOpenApi30SpecHasNoErrors() {
    assertThat(errors(validate("valid-3.0.yaml"))).isEmpty();
  }

  @Test
  void validOpenApi31SpecHasNoErrors() {
    assertThat(errors(validate("valid-3.1.yaml"))).isEmpty();
  }

  @Test
  void malformedYamlIsReportedWithFileLineAndColumn() {
    List<SpecProblem> errors = errors(validate("malformed.yaml"));

    assertThat(errors).hasSize(1);
    SpecProblem problem = errors.get(0);
    assertThat(problem.provider()).isEqualTo("acme");
    assertThat(problem.file()).isEqualTo("acme/1.0.0/openapi.yaml");
    assertThat(problem.location()).matches("line \\d+, column \\d+");
    assertThat(problem.message()).startsWith("invalid YAML");
    assertThat(problem.describe())
        .startsWith("ERROR provider 'acme': specs/acme/1.0.0/openapi.yaml at line ");
  }

  @Test
  void malformedJsonIsReportedWithLineAndColumn() {
    List<SpecProblem> errors = errors(validate("malformed.json"));

    assertThat(errors)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo("acme/1.0.0/openapi.json");
              assertThat(p.location()).startsWith("line 3"); // the unclosed object ends there
              assertThat(p.message()).startsWith("invalid JSON");
            });
  }

  @Test
  void keyGivenTwiceIsAnErrorNotSilentlyOverwritten() {
    List<SpecProblem> errors = errors(validate("duplicate-key.yaml"));

    assertThat(errors)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location()).startsWith("line 9");
              assertThat(p.message()).contains("Duplicate field 'paths'");
            });
  }

  @Test
  void danglingRefNamesTheReferenceAndWhereItIs() {
    List<SpecProblem> errors = errors(validate("dangling-ref.yaml"));

    assertThat(errors)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location())
                  .isEqualTo(
                      "/paths/~1jobs/get/responses/200/content/application~1json/schema/$ref");
              assertThat(p.message()).contains("'#/components/schemas/Missing'");
            });
  }

  @Test
  void specWithoutOperationsIsAnError() {
    List<SpecProblem> errors = errors(validate("no-operations.yaml"));

    assertThat(errors)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location()).isEqualTo("/paths");
              assertThat(p.message()).contains("defines no operations");
            });
  }

  @Test
  void swagger2DocumentIsRejectedWithTheSupportedVersions() {
    assertThat(errors(validate("swagger-2.yaml")))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("expected 3.0.x or 3.1.x"));
  }

  @Test
  void swaggerParserFindingsFailTheSpec() {
    assertThat(errors(validate("missing-response.yaml")))
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.message()).startsWith("Swagger Parser: "))
        .anySatisfy(p -> assertThat(p.message()).contains("responses"));
  }

  @Test
  void missingServerAndOperationIdAreWarningsNotErrors() {
    List<SpecProblem> problems = validate("no-server-no-operation-id.yaml");

    assertThat(problems)
        .isNotEmpty()
        .allMatch(p -> p.severity() == SpecProblem.Severity.WARNING)
        .anySatisfy(p -> assertThat(p.message()).contains("no server URL"))
        .anySatisfy(p -> assertThat(p.message()).contains("no operationId"));
  }

  @Test
  void swaggerParserMessagesAreLocatedWhereTheyPoint() throws Exception {
    JsonNode root =
        SpecDocuments.yaml()
            .readTree(
                """
                paths:
                  /users/{user_id}:
                    get:
                      parameters: [{name: user_id, in: path, schema: {type: string}}]
                      responses: {'200': {content: {application/json: {schema: {$ref: '#/components/schemas/A b'}}}}}
                """);

    assertThat(
            SpecValidator.locate(
                "attribute paths.'/agents/{agent_id}'(get).security is not of type `array`", root))
        .isEqualTo("/paths/~1agents~1{agent_id}/get/security");
    assertThat(
            SpecValidator.locate(
                "attribute components.schemas.WordTimestamps.word_timestamps is unexpected", root))
        .isEqualTo("/components/schemas/WordTimestamps/word_timestamps");
    assertThat(
            SpecValidator.locate(
                "components.schemas.Schema name Data connectors_x doesn't adhere to regular"
                    + " expression ^[a-zA-Z0-9\\.\\-_]+$",
                root))
        .isEqualTo("/components/schemas/Data connectors_x");
    assertThat(
            SpecValidator.locate(
                "paths.For path parameter user_id the required value should be true", root))
        .isEqualTo("/paths/~1users~1{user_id}/get/parameters/0");
    assertThat(
            SpecValidator.locate(
                "Illegal character in fragment at index 23: #/components/schemas/A b", root))
        .isEqualTo(
            "/paths/~1users~1{user_id}/get/responses/200/content/application~1json/schema/$ref");
    assertThat(SpecValidator.locate("unable to read the document", root)).isEqualTo("/");
  }
}
