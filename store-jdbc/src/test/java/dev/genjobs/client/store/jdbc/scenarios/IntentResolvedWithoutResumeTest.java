package dev.genjobs.client.store.jdbc.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.store.Attempt;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.JobStoreException;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import dev.genjobs.client.store.jdbc.testing.DelegatingStore;
import dev.genjobs.client.store.jdbc.testing.LedgerClients;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An intent whose process stopped before it stored the create's answer is resolved at its create
 * deadline by another instance on the ledger, with no one calling {@code resume()}: the deadline
 * was scheduled as durable work (db-scheduler) when the intent was written.
 */
class IntentResolvedWithoutResumeTest {

  @TempDir Path directory;

  @Test
  void anInterruptedIntentIsResolvedByAnotherInstanceAtItsDeadline() throws Exception {
    try (ProviderStandIns standIns =
            ProviderStandIns.start(
                StandInOptions.builder().stepDuration(Duration.ofMillis(50)).build());
        JdbcJobStore ledger = JdbcJobStore.embedded(directory)) {
      String ledgerId;
      // Instance A only creates (like a command-line call) and loses its database for good right
      // after sending: its answer is never stored. Then it stops.
      try (GenJobsClient creator =
          GenJobsClient.create(
              LedgerClients.options(standIns.baseUrl(), new OutcomesLost(ledger), "creator")
                  .ledgerPolicy(LedgerClients.fastLedger().withoutPolling())
                  .build())) {
        Job job = creator.creative().generate(LedgerClients.generate(null, 1));
        ledgerId = job.ledgerId().orElseThrow();
      }
      assertThat(ledger.get(ledgerId).orElseThrow().state()).isEqualTo(LedgerState.INTENT);

      // Instance B runs durable work; nobody calls resume().
      Resolutions resolutions = new Resolutions(ledger);
      try (GenJobsClient other = LedgerClients.client(standIns.baseUrl(), resolutions, "other")) {
        assertThat(resolutions.ambiguous.await(30, TimeUnit.SECONDS))
            .as("the intent was resolved at its deadline")
            .isTrue();
      }

      JobRecord r = ledger.get(ledgerId).orElseThrow();
      assertThat(r.state()).isEqualTo(LedgerState.AMBIGUOUS);
      assertThat(r.attempts())
          .filteredOn(a -> a.event().equals("deadline-passed"))
          .extracting(Attempt::instance)
          .containsExactly("other");
    }
  }

  /** Instance A's view of the ledger: every create's answer fails to be stored. */
  private static final class OutcomesLost extends DelegatingStore {
    OutcomesLost(JobStore delegate) {
      super(delegate);
    }

    @Override
    public Optional<JobRecord> replace(JobRecord current, JobRecord next) {
      if (current.state() == LedgerState.INTENT && next.state() != LedgerState.INTENT) {
        throw new JobStoreException("connection refused (the test's database is away)", null);
      }
      return super.replace(current, next);
    }
  }

  /** Instance B's view: tells the test when an intent becomes AMBIGUOUS. */
  private static final class Resolutions extends DelegatingStore {
    final CountDownLatch ambiguous = new CountDownLatch(1);

    Resolutions(JobStore delegate) {
      super(delegate);
    }

    @Override
    public Optional<JobRecord> replace(JobRecord current, JobRecord next) {
      Optional<JobRecord> stored = super.replace(current, next);
      if (stored.isPresent()
          && current.state() == LedgerState.INTENT
          && next.state() == LedgerState.AMBIGUOUS) {
        ambiguous.countDown();
      }
      return stored;
    }
  }
}
