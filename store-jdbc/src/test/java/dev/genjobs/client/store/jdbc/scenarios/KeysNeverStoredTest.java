package dev.genjobs.client.store.jdbc.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import dev.genjobs.client.store.jdbc.testing.LedgerClients;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every byte of the ledger is read back as text: no API key may be in it. */
class KeysNeverStoredTest {

  @TempDir Path directory;

  @Test
  void noApiKeyReachesAnyLedgerColumnEvenWhenTheRequestCarriesOne() throws Exception {
    try (ProviderStandIns standIns =
            ProviderStandIns.start(
                StandInOptions.builder()
                    .stepDuration(Duration.ofMillis(50))
                    .deliverWebhooks(false) // the URL is not loopback: never call it
                    .build());
        JdbcJobStore ledger = JdbcJobStore.embedded(directory);
        GenJobsClient client = LedgerClients.client(standIns.baseUrl(), ledger, "keys")) {
      // A careless caller puts a key into the prompt and the webhook URL.
      client
          .creative()
          .generate(
              GenerateRequest.builder()
                  .model("flux-pro")
                  .input("prompt", "use " + LedgerClients.CREATIVE_KEY)
                  .webhook(URI.create("https://hooks.example/in?k=" + LedgerClients.CREATIFY_KEY))
                  .build())
          .await(Duration.ofSeconds(30));
      client.creative().generate(LedgerClients.generate(null, 1)).await(Duration.ofSeconds(30));
    }

    String everything = dump();
    assertThat(everything).contains("flux-pro"); // the dump does read the rows
    for (String key :
        List.of(
            LedgerClients.CREATIVE_KEY,
            LedgerClients.CREATIFY_ID,
            LedgerClients.CREATIFY_KEY,
            LedgerClients.UNSTRUCTURED_KEY)) {
      assertThat(everything).doesNotContain(key);
    }
  }

  private String dump() throws Exception {
    StringBuilder all = new StringBuilder();
    try (Connection c = DriverManager.getConnection(JdbcJobStore.sqliteUrl(directory));
        Statement s = c.createStatement()) {
      for (String table : List.of("genjobs_job", "genjobs_schema_history")) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= columns; i++) all.append(rs.getString(i)).append('\n');
          }
        }
      }
    }
    return all.toString();
  }
}
