package dev.genjobs.client.store.jdbc.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.jobs.PollTicket;
import dev.genjobs.client.jobs.WatchHooks;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import dev.genjobs.client.store.jdbc.testing.Eventually;
import dev.genjobs.client.store.jdbc.testing.LedgerClients;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable jobs are observed as in-process ones are: their polls reach the poll hooks with their
 * lateness, their end is published once before the wait completes, and the jobs-in-flight count
 * reads the ledger.
 */
class DurableObservationTest {

  @TempDir Path directory;

  @Test
  void durablePollsAndEndsReachTheHooksAndJobsInFlightCountsTheLedger() throws Exception {
    Recorder hooks = new Recorder();
    try (ProviderStandIns standIns =
            ProviderStandIns.start(
                StandInOptions.builder().stepDuration(Duration.ofMillis(500)).build());
        JdbcJobStore ledger = JdbcJobStore.embedded(directory);
        GenJobsClient client =
            GenJobsClient.create(
                LedgerClients.options(standIns.baseUrl(), ledger, "observed")
                    .watchHooks(hooks)
                    .build())) {
      Job job = client.creative().generate(LedgerClients.generate(null, 1));
      assertThat(inFlight(client)).as("the running job, from the ledger").isEqualTo(1);

      CompletableFuture<JobSnapshot> wait = job.awaitAsync(Duration.ofSeconds(30));
      // Published before the wait completes, as the watcher's publish does.
      wait.thenRun(() -> hooks.endsSeenByWait.add(hooks.ended.size()));
      JobSnapshot end = wait.get(30, TimeUnit.SECONDS);

      assertThat(end.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(hooks.ended).containsExactly(job.id());
      assertThat(hooks.endsSeenByWait).containsExactly(1);
      assertThat(hooks.polls)
          .as("every durable poll reached pollCompleted with its lateness")
          .isNotEmpty()
          .allSatisfy(
              t -> {
                assertThat(t.jobId()).isEqualTo(job.id());
                assertThat(t.lateness()).isPresent();
              });
      // The count is re-read from the ledger at most every 200 ms here.
      Eventually.await(
          "no job in flight once it ended",
          Duration.ofSeconds(10),
          () -> inFlight(client) == 0,
          () -> inFlight(client));
    }
  }

  private static int inFlight(GenJobsClient client) {
    int n = client.jobsInFlight(Provider.CREATIVE_API, null);
    for (JobStatus s : JobStatus.values()) n += client.jobsInFlight(Provider.CREATIVE_API, s);
    return n;
  }

  private static final class Recorder implements WatchHooks {
    final List<PollTicket> polls = new CopyOnWriteArrayList<>();
    final List<String> ended = new CopyOnWriteArrayList<>();
    final List<Integer> endsSeenByWait = new CopyOnWriteArrayList<>();

    @Override
    public void pollCompleted(PollTicket ticket, JobSnapshot snapshot, Throwable failure) {
      polls.add(ticket);
    }

    @Override
    public CompletionStage<Void> jobEnded(
        Provider provider, String jobId, JobSnapshot terminal, Throwable failure) {
      ended.add(jobId);
      return CompletableFuture.completedFuture(null);
    }
  }
}
