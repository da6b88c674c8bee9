package dev.genjobs.client.store.jdbc.scenarios;

import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedTwoInstancesTest extends TwoInstancesContract {
  @TempDir Path directory;

  @Override
  JobStore openLedger() {
    return JdbcJobStore.embedded(directory);
  }
}
