package dev.genjobs.client.store.jdbc.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.creatify.AssetGenerationRequest;
import dev.genjobs.client.creatify.InspirationJobRequest;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.store.InputFingerprint;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import dev.genjobs.client.store.jdbc.testing.LedgerClients;
import dev.genjobs.client.unstructured.CreateJobRequest;
import dev.genjobs.client.upload.UploadFile;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each provider client fingerprints the inputs it sends (each field's hash, never its value) into
 * the create's ledger record, and the request fingerprint follows the inputs: equal inputs, equal
 * fingerprints; another prompt, another fingerprint.
 */
class InputFingerprintOfCreatesTest {

  @TempDir Path directory;

  private ProviderStandIns standIns;
  private JdbcJobStore ledger;
  private GenJobsClient client;

  @BeforeEach
  void start() {
    standIns =
        ProviderStandIns.start(
            StandInOptions.builder()
                .stepDuration(Duration.ofMillis(50))
                .deliverWebhooks(false)
                .build());
    ledger = JdbcJobStore.embedded(directory);
    client = LedgerClients.client(standIns.baseUrl(), ledger, "fingerprints");
  }

  @AfterEach
  void stop() {
    client.close();
    ledger.close();
    standIns.close();
  }

  @Test
  void aCreativeApiGenerationKeepsItsModelAndEachInputHashed() throws Exception {
    JobRecord r =
        record(
            client
                .creative()
                .generate(
                    GenerateRequest.builder()
                        .model("flux-pro")
                        .input("prompt", "a red fox in the snow")
                        .input("seed", 7)
                        .build())
                .ledgerId()
                .orElseThrow());

    assertThat(r.inputFingerprint().fields())
        .containsEntry("model", InputFingerprint.hash("flux-pro"))
        .containsEntry("input.prompt", InputFingerprint.hash("a red fox in the snow"))
        .containsEntry("input.seed", InputFingerprint.hash(7))
        .hasSize(3);
    assertThat(columnText("input_fingerprint")).doesNotContain("red fox").doesNotContain("flux");
  }

  @Test
  void equalInputsGiveEqualRequestFingerprintsAndAnotherPromptAnotherOne() {
    JobRecord fox = record(generate("a red fox"));
    JobRecord sameFox = record(generate("a red fox"));
    JobRecord cat = record(generate("a grey cat"));

    assertThat(sameFox.requestFingerprint()).isEqualTo(fox.requestFingerprint());
    assertThat(sameFox.inputFingerprint()).isEqualTo(fox.inputFingerprint());
    // The summary names the input keys only ("input keys=[prompt]"): the request fingerprint
    // used to be equal here, though the jobs differ.
    assertThat(cat.requestSummary()).isEqualTo(fox.requestSummary());
    assertThat(cat.requestFingerprint()).isNotEqualTo(fox.requestFingerprint());
  }

  @Test
  void anInputHoldingAKeyIsLeftOutOfTheFingerprint() {
    JobRecord r =
        record(
            client
                .creative()
                .generate(
                    GenerateRequest.builder()
                        .model("flux-pro")
                        .input("prompt", "use " + LedgerClients.CREATIVE_KEY)
                        .build())
                .ledgerId()
                .orElseThrow());

    assertThat(r.inputFingerprint().fields()).containsOnlyKeys("model");
  }

  @Test
  void creatifyCreatesKeepTheirModelOrTemplateAndEachInputParameterHashed() {
    JobRecord asset =
        record(
            client
                .assetGenerator()
                .create(
                    AssetGenerationRequest.builder()
                        .modelName("flux-dev/text-to-image")
                        .inputParam("prompt", "a cat")
                        .build())
                .ledgerId()
                .orElseThrow());
    JobRecord inspiration =
        record(
            client
                .inspiration()
                .create(
                    InspirationJobRequest.builder()
                        .inspirationId(dev.genjobs.standins.creatify.InspirationStandIn.TEMPLATE_ID)
                        .inputParam("product_url", "https://shop.example/item")
                        .build())
                .ledgerId()
                .orElseThrow());

    assertThat(asset.inputFingerprint().fields())
        .containsEntry("model_name", InputFingerprint.hash("flux-dev/text-to-image"))
        .containsEntry("input_params.prompt", InputFingerprint.hash("a cat"));
    assertThat(inspiration.inputFingerprint().fields())
        .containsEntry(
            "inspiration_id",
            InputFingerprint.hash(dev.genjobs.standins.creatify.InspirationStandIn.TEMPLATE_ID))
        .containsEntry(
            "input_params.product_url", InputFingerprint.hash("https://shop.example/item"));
  }

  @Test
  void anUnstructuredJobKeepsItsTemplateAndFileNamesAsTheJobListShowsThem() {
    JobRecord r =
        record(
            client
                .unstructured()
                .createJob(
                    CreateJobRequest.builder()
                        .templateId("hi_res_partition")
                        .file(file("b.pdf"))
                        .file(file("a.pdf"))
                        .build())
                .ledgerId()
                .orElseThrow());

    assertThat(r.inputFingerprint().fields())
        .containsEntry("request_data.template_id", InputFingerprint.hash("hi_res_partition"))
        .containsEntry("files", InputFingerprint.hash(List.of("a.pdf", "b.pdf")))
        .hasSize(2);
  }

  private String generate(String prompt) {
    return client
        .creative()
        .generate(GenerateRequest.builder().model("flux-pro").input("prompt", prompt).build())
        .ledgerId()
        .orElseThrow();
  }

  private JobRecord record(String ledgerId) {
    return ledger.get(ledgerId).orElseThrow();
  }

  private static UploadFile file(String name) {
    return UploadFile.of(name, "%PDF-1.7".getBytes(StandardCharsets.US_ASCII), "application/pdf");
  }

  private String columnText(String column) throws Exception {
    StringBuilder all = new StringBuilder();
    try (Connection c = DriverManager.getConnection(JdbcJobStore.sqliteUrl(directory));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + column + " FROM genjobs_job")) {
      while (rs.next()) all.append(rs.getString(1)).append('\n');
    }
    assertThat(all).as("the column was read").isNotEmpty();
    return all.toString();
  }
}
