package dev.genjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvidersCommandTest {

  private final CliRunner cli = CliRunner.withEnv(java.util.Map.of());

  @Test
  void listsEveryRegisteredProviderWithTheVariablesItReads() {
    CliRunner.Result r = cli.run("--json", "providers");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    List<String> ids = new ArrayList<>();
    for (JsonNode p : r.json()) ids.add(p.path("id").asText());
    assertThat(ids)
        .contains("creative-api", "creatify-asset-generator", "unstructured-platform")
        .isSorted();
    JsonNode creative = r.json().get(ids.indexOf("creative-api"));
    assertThat(creative.path("key_variables").get(0).asText()).isEqualTo("CREATIVE_API_KEY");
    assertThat(creative.path("base_url_variable").asText()).isEqualTo("CREATIVE_API_BASE_URL");
  }

  @Test
  void textListsTheSame() {
    CliRunner.Result r = cli.run("providers");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("unstructured-platform", "UNSTRUCTURED_API_KEY");
  }
}
