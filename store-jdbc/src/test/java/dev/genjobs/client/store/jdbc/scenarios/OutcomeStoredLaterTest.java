package dev.genjobs.client.store.jdbc.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.store.Attempt;
import dev.genjobs.client.store.DurableWork;
import dev.genjobs.client.store.JobFilter;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.JobStoreException;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import dev.genjobs.client.store.jdbc.testing.LedgerClients;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database does not answer when a create's answer arrives: the job exists at the provider, so
 * the ledger keeps trying to store it, and follows it to its end once the database answers again,
 * without a resume.
 */
class OutcomeStoredLaterTest {

  @TempDir Path directory;

  @Test
  void aJobWhoseOutcomeCouldNotBeStoredIsRecordedAndFollowedOnceTheDatabaseAnswers()
      throws Exception {
    try (ProviderStandIns standIns =
            ProviderStandIns.start(
                StandInOptions.builder().stepDuration(Duration.ofMillis(50)).build());
        JdbcJobStore ledger = JdbcJobStore.embedded(directory);
        OutcomesRefused away = new OutcomesRefused(ledger, 3);
        GenJobsClient client = LedgerClients.client(standIns.baseUrl(), away, "outcome-later")) {
      Job job = client.creative().generate(LedgerClients.generate(null, 1));

      JobSnapshot end = job.await(Duration.ofSeconds(20));

      assertThat(end.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(away.failuresLeft.get()).as("every refused outcome write happened").isNegative();
      JobRecord r = ledger.get(job.ledgerId().orElseThrow()).orElseThrow();
      assertThat(r.providerJobId()).contains(job.id());
      assertThat(r.state()).isEqualTo(LedgerState.ENDED);
      assertThat(r.attempts()).extracting(Attempt::event).contains("created", "ended");
    }
  }

  /** A store whose first {@code failures} outcome writes fail, as with the database away. */
  private static final class OutcomesRefused implements JobStore {
    private final JobStore delegate;
    private final AtomicInteger failuresLeft;

    OutcomesRefused(JobStore delegate, int failures) {
      this.delegate = delegate;
      this.failuresLeft = new AtomicInteger(failures);
    }

    @Override
    public Optional<JobRecord> replace(JobRecord current, JobRecord next) {
      if (current.state() == LedgerState.INTENT
          && next.state() != LedgerState.INTENT
          && failuresLeft.getAndDecrement() > 0) {
        throw new JobStoreException("connection refused (the test's database is away)", null);
      }
      return delegate.replace(current, next);
    }

    @Override
    public void insert(JobRecord record) {
      delegate.insert(record);
    }

    @Override
    public Optional<JobRecord> get(String ledgerId) {
      return delegate.get(ledgerId);
    }

    @Override
    public List<JobRecord> list(JobFilter filter) {
      return delegate.list(filter);
    }

    @Override
    public Optional<DurableWork> durableWork() {
      return delegate.durableWork();
    }
  }
}
