package dev.genjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genjobs.cli.CliRunner.Result;
import org.junit.jupiter.api.Test;

class ModelsCommandTest {

  private final CliRunner cli = CliRunner.against(StandIns.succeeding());

  @Test
  void listsEveryModelWithItsInputPropertiesForPeople() {
    Result r = cli.run("models");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("flux-dev/text-to-image", "kling-video/v1.6/pro/image-to-video")
        .containsPattern("prompt\\s+string, max length 2000\\s+\\(required\\)")
        .containsPattern("aspect_ratio\\s+string, one of 16:9\\|9:16\\|1:1")
        .containsPattern("duration\\s+integer, 5\\.\\.10");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void jsonListsEachModelWithItsFullSchema() {
    Result r = cli.run("--json", "models");

    JsonNode models = r.json();
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(models.isArray()).isTrue();
    assertThat(models).hasSize(2);
    assertThat(models.get(0).path("model_name").asText()).isEqualTo("flux-dev/text-to-image");
    assertThat(models.get(0).path("input_params_schema").path("required").get(0).asText())
        .isEqualTo("prompt");
  }

  @Test
  void namedModelsAreTheOnlyOnesListed() {
    Result r = cli.run("models", "--json", "kling-video/v1.6/pro/image-to-video");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.json())
        .singleElement()
        .satisfies(
            m ->
                assertThat(m.path("model_name").asText())
                    .isEqualTo("kling-video/v1.6/pro/image-to-video"));
  }

  @Test
  void anotherProviderIsBadUsage() {
    Result r = cli.run("models", "--provider", "creative-api");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("models does not apply to --provider creative-api")
        .contains("creatify-asset-generator");
  }

  @Test
  void anySchemaTheProviderPublishesIsDescribedEvenOddOnes() throws Exception {
    JsonNode schema =
        new ObjectMapper()
            .readTree(
                "{\"required\":[\"\"],\"properties\":{\"\":{\"type\":[\"string\",\"null\"]},"
                    + "\"seed\":true,\"mode\":{\"type\":{\"not\":\"a type\"}}}}");

    assertThat(Output.schemaLines(schema))
        .containsExactly("      string|null  (required)", "seed  any", "mode  any");
  }
}
