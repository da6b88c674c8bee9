package dev.genjobs.client.store.jdbc.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.jobs.PollPolicy;
import dev.genjobs.client.store.Attempt;
import dev.genjobs.client.store.JobFilter;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.testing.LedgerClients;
import dev.genjobs.client.store.jdbc.testing.RecordedCreates;
import dev.genjobs.client.store.jdbc.testing.WebhookRelay;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two instances of a service on one ledger: jobs created on either, webhooks delivered to a random
 * live instance, one instance dying halfway. Every job ends once; each due poll is made by one
 * instance; waits on the survivor end for jobs the other created, saw end, or held leases on.
 */
abstract class TwoInstancesContract {

  private static final int JOBS = 20;
  private static final Duration STEP = Duration.ofMillis(400);

  /** A new store object on the test's one ledger (each instance opens its own). */
  abstract JobStore openLedger();

  @Test
  void twoInstancesFinishEveryJobOnceWhenOneDiesHalfway() throws Exception {
    RecordedCreates provider = new RecordedCreates();
    JobStore storeA = openLedger();
    JobStore storeB = openLedger();
    try (ProviderStandIns standIns =
            ProviderStandIns.start(
                StandInOptions.builder()
                    .stepDuration(STEP)
                    .deliverWebhooks(true)
                    .listener(provider)
                    .build());
        WebhookRelay relay = new WebhookRelay();
        GenJobsClient b = LedgerClients.client(standIns.baseUrl(), storeB, "instance-b")) {
      GenJobsClient a = LedgerClients.client(standIns.baseUrl(), storeA, "instance-a");
      WebhookRelay.Target toA =
          (u, body, h) ->
              a.webhooks().handleAsync(u, body, h).get(10, TimeUnit.SECONDS).httpStatus();
      WebhookRelay.Target toB =
          (u, body, h) ->
              b.webhooks().handleAsync(u, body, h).get(10, TimeUnit.SECONDS).httpStatus();
      relay.add(toA);
      relay.add(toB);

      List<Job> created = new ArrayList<>();
      Set<String> polledJobs = new HashSet<>();
      for (int i = 0; i < JOBS; i++) {
        GenJobsClient on = i % 2 == 0 ? a : b;
        boolean webhook = i % 4 < 2;
        Job job = on.creative().generate(LedgerClients.generate(webhook ? relay.url() : null, i));
        created.add(job);
        if (!webhook) polledJobs.add(job.id());
      }
      // Every wait is on B, including for A's jobs: B learns of their end from the ledger.
      CountDownLatch halfway = new CountDownLatch(JOBS / 2);
      List<CompletableFuture<JobSnapshot>> waits = new ArrayList<>();
      for (Job j : created) {
        CompletableFuture<JobSnapshot> w =
            b.jobs().job(j.ledgerId().orElseThrow()).awaitAsync(Duration.ofSeconds(90));
        w.whenComplete((s, e) -> halfway.countDown());
        waits.add(w);
      }

      assertThat(halfway.await(60, TimeUnit.SECONDS)).isTrue();
      relay.remove(toA);
      a.close(); // A dies: its leases run out and B takes its polls over
      storeA.close();

      CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
      assertThat(waits).allMatch(w -> w.join().status() == JobStatus.SUCCEEDED);

      List<JobRecord> records = storeB.list(JobFilter.all());
      assertThat(records).hasSize(JOBS).allMatch(r -> r.state() == LedgerState.ENDED);
      for (JobRecord r : records) {
        assertThat(r.attempts().stream().map(Attempt::event).filter("ended"::equals))
            .as("%s ended once", r)
            .hasSize(1);
      }
      assertThat(provider.creates).hasSize(JOBS);
      assertThat(provider.creates)
          .extracting(RecordedCreates.Create::jobId)
          .doesNotHaveDuplicates();

      // Each due poll made once: the polled jobs' GETs stay within 1.5x what one poller makes.
      int polls = polledJobs.stream().mapToInt(id -> provider.getsByJob.getOrDefault(id, 0)).sum();
      int scheduleMinimum = polledJobs.size() * pollsUntil(STEP.multipliedBy(3));
      assertThat(polls).isLessThanOrEqualTo(scheduleMinimum * 3 / 2);
    } finally {
      storeB.close();
    }
  }

  /** Polls one poller makes (no jitter, no lateness) until a job that ends after {@code d}. */
  private static int pollsUntil(Duration d) {
    PollPolicy p = LedgerClients.fastPolls();
    long at = 0;
    int n = 0;
    while (at < d.toMillis()) {
      n++;
      at += p.interval(n).toMillis();
    }
    return n;
  }
}
