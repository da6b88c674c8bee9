package dev.genjobs.benchmarks.watch;

import dev.genjobs.benchmarks.Fork;
import dev.genjobs.benchmarks.LongSamples;
import dev.genjobs.benchmarks.PacedCreates;
import dev.genjobs.benchmarks.provider.ClockedJobServer;
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
import dev.genjobs.client.webhooks.WebhookReceiver;
import dev.genjobs.standins.ProviderStandIns;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Child JVM of {@link WatchingAtScale}: the client side only, so that its threads and heap are
 * measured alone (the provider runs in another JVM). Creates {@code jobs} Creative API jobs at
 * {@code createRate} per second (all at once when 0) with a few harness threads, awaits each with
 * {@code awaitAsync} as soon as it is created, and reports threads, heap, every poll's lateness
 * (through {@link WatchHooks#pollCompleted}), when each end was noticed, and the fewest GETs a
 * punctual watcher on the same schedule would have sent. Request counts are the server's.
 *
 * <p>Arguments: {@code baseUrl jobs stepMillis watcherThreads createThreads poll|webhook
 * createRate}.
 *
 * <p>Polling uses the library's own schedule (the default policy, jittered); with webhooks, polling
 * is only the fallback for a lost delivery, far beyond the run. A job awaited late would see its
 * webhook refused (404, unknown job, by design), which is why every job is awaited as soon as it is
 * created.
 */
public final class WatchRun {

  /** The poll policy under test: the library's defaults; with webhooks, no poll in the run. */
  static PollPolicy policy(boolean webhooks) {
    PollPolicy.Builder b = PollPolicy.defaults().toBuilder();
    if (webhooks) b.jitter(0).webhookFallback(Duration.ofMinutes(10));
    return b.build();
  }

  public static void main(String[] args) throws Exception {
    URI baseUrl = URI.create(args[0]);
    int jobs = Integer.parseInt(args[1]);
    long stepMillis = Long.parseLong(args[2]);
    int watcherThreads = Integer.parseInt(args[3]);
    int createThreads = Integer.parseInt(args[4]);
    boolean webhooks = args[5].equals("webhook");
    double createRate = Double.parseDouble(args[6]);
    long runMillis =
        stepMillis
            * ProviderStandIns.registered(Provider.CREATIVE_API.specFolder())
                .statuses()
                .running()
                .size();
    PollPolicy policy = policy(webhooks);

    Timeline t = new Timeline(jobs);
    @SuppressWarnings("unchecked")
    CompletableFuture<Void>[] waits = new CompletableFuture[jobs];
    AtomicInteger succeeded = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    Duration timeout = Duration.ofMillis(runMillis + 180_000);

    Properties out = new Properties();
    // Every poll's lateness (sent - due) as the watcher itself saw it, through its metrics seam.
    LongSamples pollSentLate = new LongSamples(jobs * 10);
    WatchHooks lateness =
        new WatchHooks() {
          @Override
          public void pollCompleted(PollTicket ticket, JobSnapshot snapshot, Throwable failure) {
            long ms = ticket.lateness().map(Duration::toMillis).orElse(-1L);
            synchronized (pollSentLate) {
              pollSentLate.add(ms);
            }
          }
        };
    ResourceSampler sampler = ResourceSampler.startFromBaseline();
    long liveHeapAfterCreates;
    long createMillis;
    long createSlip;
    long waitMillis;
    int notFinished = 0;
    try (GenJobsClient client =
            GenJobsClient.create(
                ClientOptions.builder()
                    .creativeApiKey("bench-key")
                    .baseUrlForAll(baseUrl)
                    .watcherThreads(watcherThreads)
                    .pollPolicy(policy)
                    .watchHooks(lateness)
                    .build());
        WebhookReceiver receiver =
            webhooks
                ? WebhookReceiver.start(
                    client.webhooks(), new InetSocketAddress("127.0.0.1", 0), "/hooks")
                : null) {
      GenerateRequest.Builder request =
          GenerateRequest.builder().model("flux-pro").input("prompt", "a red fox in snow");
      if (receiver != null) request.webhook(receiver.url());
      GenerateRequest generate = request.build();

      long createStart = System.currentTimeMillis();
      sampler.waitStarted(); // each job is awaited as soon as it is created
      createSlip =
          PacedCreates.run(
              jobs,
              createRate > 0 ? createRate : Double.POSITIVE_INFINITY,
              createStart,
              createThreads,
              i -> {
                t.createSentAt[i] = System.currentTimeMillis();
                Job job = client.creative().generate(generate);
                t.finishesAt[i] =
                    webhooks
                        ? t.createSentAt[i] + runMillis // the stand-ins' job ids are random
                        : ClockedJobServer.createdAtMillis(job.id()) + runMillis;
                waits[i] = await(job, i, timeout, t);
              });
      createMillis = System.currentTimeMillis() - createStart;
      System.out.printf(
          Locale.ROOT,
          "watch/%s: %d jobs created in %.1f s%n",
          args[5],
          jobs,
          createMillis / 1000.0);
      // What the jobs still waiting hold, after a full collection.
      liveHeapAfterCreates = sampler.liveHeapNow();
      out.setProperty("waitingAtOnce", String.valueOf(pending(waits)));
      try {
        CompletableFuture.allOf(waits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
        // Counted below, job by job.
      }
      waitMillis = System.currentTimeMillis() - createStart;
      for (int i = 0; i < jobs; i++) {
        if (!waits[i].isDone()) notFinished++;
        else if (t.succeeded[i]) succeeded.incrementAndGet();
        else failed.incrementAndGet();
      }
      sampler.close();
    }

    // The fewest polls the schedule allows, job by job (one draw of its jitter each), and when a
    // punctual watcher would have seen each end; against that, when the end was noticed.
    Random draws = new Random(42);
    long minimumPolls = 0;
    LongSamples noticedLate = new LongSamples(jobs);
    LongSamples scheduleLate = new LongSamples(jobs);
    long firstFinish = Long.MAX_VALUE;
    long lastFinish = Long.MIN_VALUE;
    for (int i = 0; i < jobs; i++) {
      long finishesAt = t.finishesAt[i];
      firstFinish = Math.min(firstFinish, finishesAt);
      lastFinish = Math.max(lastFinish, finishesAt);
      PollSchedule.Punctual punctual =
          PollSchedule.punctual(policy, finishesAt - t.awaitStartedAt[i], draws);
      minimumPolls += webhooks ? 1 : punctual.polls();
      if (t.completedAt[i] > 0) noticedLate.add(t.completedAt[i] - finishesAt);
      scheduleLate.add(t.awaitStartedAt[i] + punctual.seenAfterMillis() - finishesAt);
    }
    long firstAwait = Long.MAX_VALUE;
    for (long a : t.awaitStartedAt) firstAwait = Math.min(firstAwait, a);

    out.setProperty("jobs", String.valueOf(jobs));
    out.setProperty("policy", policy.toString());
    out.setProperty("watcherThreads", String.valueOf(watcherThreads));
    out.setProperty("createSeconds", String.format(Locale.ROOT, "%.1f", createMillis / 1000.0));
    out.setProperty("createSlipMillis", String.valueOf(createSlip));
    out.setProperty("waitSeconds", String.format(Locale.ROOT, "%.1f", waitMillis / 1000.0));
    out.setProperty(
        "finishWindow",
        String.format(
            Locale.ROOT,
            "%.1f-%.1f s",
            (firstFinish - firstAwait) / 1000.0,
            (lastFinish - firstAwait) / 1000.0));
    out.setProperty("succeeded", String.valueOf(succeeded.get()));
    out.setProperty("failed", String.valueOf(failed.get()));
    out.setProperty("notFinished", String.valueOf(notFinished));
    out.setProperty("minimumGets", String.valueOf(minimumPolls));
    out.setProperty("noticedLateP50Millis", String.valueOf(noticedLate.percentile(50)));
    out.setProperty("noticedLateP99Millis", String.valueOf(noticedLate.percentile(99)));
    out.setProperty("noticedLateMaxMillis", String.valueOf(noticedLate.percentile(100)));
    out.setProperty("scheduleLateP50Millis", String.valueOf(scheduleLate.percentile(50)));
    out.setProperty("scheduleLateP99Millis", String.valueOf(scheduleLate.percentile(99)));
    synchronized (pollSentLate) {
      out.setProperty("polls", String.valueOf(pollSentLate.size()));
      out.setProperty("pollSentLateP50Millis", String.valueOf(pollSentLate.percentile(50)));
      out.setProperty("pollSentLateP99Millis", String.valueOf(pollSentLate.percentile(99)));
      out.setProperty("pollSentLateMaxMillis", String.valueOf(pollSentLate.percentile(100)));
    }
    ResourceSampler.Peaks wait = sampler.waitOnly();
    ResourceSampler.Peaks run = sampler.run();
    out.setProperty("threads", String.valueOf(wait.threads));
    out.setProperty("threadsByName", wait.threadsByName.toString());
    out.setProperty("watcherThreadsSeen", String.valueOf(wait.watcherThreads));
    out.setProperty("runThreads", String.valueOf(run.threads));
    out.setProperty("runThreadsByName", run.threadsByName.toString());
    out.setProperty("baselineThreads", String.valueOf(sampler.baselineThreadCount()));
    out.setProperty("baselineHeapBytes", String.valueOf(sampler.baselineHeap()));
    out.setProperty("peakHeapSampledBytes", String.valueOf(wait.heapSampled));
    out.setProperty("peakHeapPoolsBytes", String.valueOf(wait.heapPools));
    out.setProperty("runPeakHeapPoolsBytes", String.valueOf(run.heapPools));
    out.setProperty("liveHeapAfterCreatesBytes", String.valueOf(liveHeapAfterCreates));
    out.setProperty("maxHeapBytes", String.valueOf(Runtime.getRuntime().maxMemory()));
    Fork.write(out);
  }

  /**
   * When things happened to each job, in wall-clock milliseconds (the stand-ins, in another JVM,
   * use the same clock). A job's slots are written by one thread at a time and read after its wait
   * completed.
   */
  private static final class Timeline {
    final long[] createSentAt;
    final long[] awaitStartedAt;
    final long[] completedAt;
    final boolean[] succeeded;
    final long[] finishesAt;

    Timeline(int jobs) {
      createSentAt = new long[jobs];
      awaitStartedAt = new long[jobs];
      completedAt = new long[jobs];
      succeeded = new boolean[jobs];
      finishesAt = new long[jobs];
    }
  }

  /**
   * Awaits the job and notes when and how it ended. The returned stage completes after that, so
   * allOf() sees every time; it holds no snapshot, so the harness does not keep every ended job's
   * answer on the heap it measures (100,000 of them were ~350 MiB).
   */
  private static CompletableFuture<Void> await(Job job, int i, Duration timeout, Timeline t) {
    t.awaitStartedAt[i] = System.currentTimeMillis();
    return job.awaitAsync(timeout)
        .handle(
            (r, e) -> {
              t.succeeded[i] = e == null && r.status() == JobStatus.SUCCEEDED;
              t.completedAt[i] = System.currentTimeMillis();
              return null;
            });
  }

  private static long pending(CompletableFuture<?>[] waits) {
    long pending = 0;
    for (CompletableFuture<?> w : waits) if (!w.isDone()) pending++;
    return pending;
  }
}
