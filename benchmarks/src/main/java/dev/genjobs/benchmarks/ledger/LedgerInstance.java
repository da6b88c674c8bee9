package dev.genjobs.benchmarks.ledger;

import dev.genjobs.benchmarks.Fork;
import dev.genjobs.benchmarks.LongSamples;
import dev.genjobs.benchmarks.PacedCreates;
import dev.genjobs.benchmarks.provider.ClockedJobServer;
import dev.genjobs.benchmarks.watch.PollSchedule;
import dev.genjobs.benchmarks.watch.ResourceSampler;
import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.jobs.PollPolicy;
import dev.genjobs.client.jobs.PollTicket;
import dev.genjobs.client.jobs.WatchHooks;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Child JVM of {@link LedgerAtScale}: one instance of a service on the shared PostgreSQL ledger, as
 * a user builds it ({@code JdbcJobStore.open}, {@code instanceId}, the default poll and ledger
 * policies). From {@code startAtMillis} it creates its share of the jobs at its share of the rate
 * and awaits each one as soon as it is created; the ledger decides which instance polls which job.
 * It reports, for itself: its threads and heap while it works, how late the polls it sent were (the
 * client's own clock, through {@link WatchHooks#pollCompleted}), when each end was noticed, and the
 * fewest GETs a punctual poller would have spent on its jobs.
 *
 * <p>Arguments: {@code jdbcUrl baseUrl jobs ratePerSecond startAtMillis instanceId createThreads
 * stepMillis}.
 */
public final class LedgerInstance {

  public static void main(String[] args) throws Exception {
    String jdbcUrl = args[0];
    URI baseUrl = URI.create(args[1]);
    int jobs = Integer.parseInt(args[2]);
    double rate = Double.parseDouble(args[3]);
    long startAt = Long.parseLong(args[4]);
    String instance = args[5];
    int createThreads = Integer.parseInt(args[6]);
    long stepMillis = Long.parseLong(args[7]);
    long runMillis = stepMillis * ClockedJobServer.RUNNING_STATUSES;
    PollPolicy policy = PollPolicy.defaults();

    LongSamples pollLate = new LongSamples(jobs * 8);
    long[] waitStartedAt = new long[jobs];
    long[] finishesAt = new long[jobs];
    long[] noticedAt = new long[jobs];
    LongSamples createNanos = new LongSamples(jobs);
    @SuppressWarnings("unchecked")
    CompletableFuture<Void>[] waits = new CompletableFuture[jobs];
    boolean[] endedSucceeded = new boolean[jobs];
    WatchHooks lateness =
        new WatchHooks() {
          @Override
          public void pollCompleted(PollTicket ticket, JobSnapshot snapshot, Throwable failure) {
            long ms = ticket.lateness().map(Duration::toMillis).orElse(-1L);
            synchronized (pollLate) {
              pollLate.add(ms);
            }
          }
        };
    Duration timeout = Duration.ofMillis(runMillis).plusMinutes(10);
    GenerateRequest request =
        GenerateRequest.builder().model("flux-pro").input("prompt", "a red fox in snow").build();

    ResourceSampler sampler = ResourceSampler.startFromBaseline();
    long createSlip;
    long endedAt;
    try (JdbcJobStore store = JdbcJobStore.open(jdbcUrl, "postgres", "");
        GenJobsClient client =
            GenJobsClient.create(
                ClientOptions.builder()
                    .creativeApiKey("bench-key")
                    .baseUrl(Provider.CREATIVE_API, baseUrl)
                    .logHttp(false)
                    .jobStore(store)
                    .instanceId(instance)
                    .watchHooks(lateness)
                    .build())) {
      sampler.waitStarted();
      createSlip =
          PacedCreates.run(
              jobs,
              rate,
              startAt,
              createThreads,
              i -> {
                long t0 = System.nanoTime();
                Job job = client.creative().generate(request);
                long took = System.nanoTime() - t0;
                synchronized (createNanos) {
                  createNanos.add(took);
                }
                waitStartedAt[i] = System.currentTimeMillis();
                finishesAt[i] = ClockedJobServer.createdAtMillis(job.id()) + runMillis;
                waits[i] =
                    job.awaitAsync(timeout)
                        // Notes how and when it ended, and keeps no snapshot on the heap.
                        .handle(
                            (s, e) -> {
                              endedSucceeded[i] = e == null && s.status() == JobStatus.SUCCEEDED;
                              noticedAt[i] = System.currentTimeMillis();
                              return null;
                            });
              });
      try {
        CompletableFuture.allOf(waits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // counted job by job below
      }
      endedAt = System.currentTimeMillis();
      sampler.close();
    }

    int succeeded = 0;
    int failed = 0;
    int notFinished = 0;
    long minimum = 0;
    Random jitter = new Random(instance.hashCode());
    LongSamples noticedLate = new LongSamples(jobs);
    for (int i = 0; i < jobs; i++) {
      minimum += PollSchedule.punctual(policy, finishesAt[i] - waitStartedAt[i], jitter).polls();
      if (!waits[i].isDone()) {
        notFinished++;
        continue;
      }
      if (endedSucceeded[i]) succeeded++;
      else failed++;
      noticedLate.add(noticedAt[i] - finishesAt[i]);
    }

    Properties out = new Properties();
    out.setProperty("jobs", String.valueOf(jobs));
    out.setProperty("succeeded", String.valueOf(succeeded));
    out.setProperty("failed", String.valueOf(failed));
    out.setProperty("notFinished", String.valueOf(notFinished));
    out.setProperty("minimumGets", String.valueOf(minimum));
    out.setProperty("createSlipMillis", String.valueOf(createSlip));
    out.setProperty("seconds", String.valueOf((endedAt - startAt) / 1000.0));
    out.setProperty("createP50Nanos", String.valueOf(createNanos.percentile(50)));
    out.setProperty("createP99Nanos", String.valueOf(createNanos.percentile(99)));
    out.setProperty("noticedLateP50Millis", String.valueOf(noticedLate.percentile(50)));
    out.setProperty("noticedLateP99Millis", String.valueOf(noticedLate.percentile(99)));
    synchronized (pollLate) {
      out.setProperty("polls", String.valueOf(pollLate.size()));
      out.setProperty("pollLateP50Millis", String.valueOf(pollLate.percentile(50)));
      out.setProperty("pollLateP99Millis", String.valueOf(pollLate.percentile(99)));
      out.setProperty("pollLateMaxMillis", String.valueOf(pollLate.percentile(100)));
    }
    ResourceSampler.Peaks peaks = sampler.waitOnly();
    out.setProperty("threads", String.valueOf(peaks.threads));
    out.setProperty("threadsByName", peaks.threadsByName.toString());
    out.setProperty("baselineThreads", String.valueOf(sampler.baselineThreadCount()));
    out.setProperty("peakHeapPoolsBytes", String.valueOf(peaks.heapPools));
    Fork.write(out);
  }
}
