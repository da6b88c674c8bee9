package dev.genjobs.client.store.jdbc.scenarios;

import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedIntentResolvedWithoutResumeTest extends IntentResolvedWithoutResumeContract {
  @TempDir Path directory;

  @Override
  String ledgerLocation() {
    return "embedded:" + directory;
  }

  @Override
  JobStore openLedger() {
    return JdbcJobStore.embedded(directory);
  }
}
