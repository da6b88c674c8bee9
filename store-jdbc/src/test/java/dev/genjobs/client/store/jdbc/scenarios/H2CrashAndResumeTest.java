package dev.genjobs.client.store.jdbc.scenarios;

import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2CrashAndResumeTest extends CrashAndResumeContract {
  @TempDir Path directory;

  @Override
  String ledgerLocation() {
    return "h2:" + directory;
  }

  @Override
  JobStore openLedger() {
    return JdbcJobStore.h2(directory);
  }
}
