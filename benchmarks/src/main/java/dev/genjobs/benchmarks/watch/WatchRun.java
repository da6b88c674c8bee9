package dev.genjobs.benchmarks.watch;

import dev.genjobs.benchmarks.Fork;
import dev.genjobs.benchmarks.LongSamples;
import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.jobs.PollPolicy;
import dev.genjobs.client.jobs.PollTicket;
import dev.genjobs.client.jobs.ProgressListener;
import dev.genjobs.client.jobs.WatchHooks;
import dev.genjobs.client.webhooks.WebhookReceiver;
import dev.genjobs.standins.StandInProvider;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Child JVM of {@link WatchingAtScale}: the client side only, so that its threads and heap are
 * measured alone (the stand-ins run in the parent). Creates {@code jobs} Creative API jobs with a
 * few threads, then has one {@code GenJobsClient} await all of them at once with {@code
 * awaitAsync}, and reports threads, heap, and per job when it was created, when the wait started
 * and when the wait ended. Request counts are taken from the stand-ins by the parent.
 *
 * <p>Arguments: {@code baseUrl jobs stepMillis watcherThreads createThreads poll|webhook}.
 *
 * <p>In {@code webhook} mode each job is awaited as soon as it is created: the stand-in gives up on
 * a delivery that is refused, and a webhook for a job that is not being watched yet is refused
 * (404, unknown job) by design, so a long create phase must not be able to outrun the watches.
 */
public final class WatchRun {

  /** The poll policy under test: the defaults with jitter 0, so the minimum is exact. */
  static PollPolicy policy(boolean webhooks) {
    PollPolicy.Builder b = PollPolicy.defaults().toBuilder().jitter(0);
    // With webhooks, polling is only the fallback for a lost delivery: far beyond the run.
    if (webhooks) b.webhookFallback(Duration.ofMinutes(10));
    return b.build();
  }

  public static void main(String[] args) throws Exception {
    URI baseUrl = URI.create(args[0]);
    int jobs = Integer.parseInt(args[1]);
    long stepMillis = Long.parseLong(args[2]);
    int watcherThreads = Integer.parseInt(args[3]);
    int createThreads = Integer.parseInt(args[4]);
    boolean webhooks = args[5].equals("webhook");
    long runMillis = stepMillis * StandInProvider.CREATIVE_API.runningStatuses().size();
    PollPolicy policy = policy(webhooks);

    Timeline t = new Timeline(jobs);
    Job[] created = new Job[jobs];
    @SuppressWarnings("unchecked")
    CompletableFuture<JobSnapshot>[] waits = new CompletableFuture[jobs];
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
    long liveHeapAllWaiting;
    long createMillis;
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
      if (webhooks) sampler.waitStarted(); // each job is awaited as soon as it is created
      ExecutorService creators =
          Executors.newFixedThreadPool(
              createThreads,
              r -> {
                Thread creator = new Thread(r, "bench-create");
                creator.setDaemon(true);
                return creator;
              });
      AtomicInteger next = new AtomicInteger();
      AtomicReference<RuntimeException> createFailure = new AtomicReference<>();
      for (int c = 0; c < createThreads; c++) {
        creators.execute(
            () -> {
              try {
                for (int i = next.getAndIncrement(); i < jobs; i = next.getAndIncrement()) {
                  t.createSentAt[i] = System.currentTimeMillis();
                  created[i] = client.creative().generate(generate);
                  if (webhooks) waits[i] = await(created[i], i, timeout, t);
                }
              } catch (RuntimeException e) {
                createFailure.compareAndSet(null, e);
              }
            });
      }
      creators.shutdown();
      if (!creators.awaitTermination(10, TimeUnit.MINUTES)) throw new TimeoutException("creates");
      if (createFailure.get() != null) throw createFailure.get();
      createMillis = System.currentTimeMillis() - createStart;
      System.out.printf(
          Locale.ROOT,
          "watch/%s: %d jobs created in %.1f s%n",
          args[5],
          jobs,
          createMillis / 1000.0);

      long waitStart = createStart;
      if (!webhooks) {
        waitStart = System.currentTimeMillis();
        sampler.waitStarted();
        for (int i = 0; i < jobs; i++) {
          waits[i] = await(created[i], i, timeout, t);
        }
      }
      // Every job is now pending (the first poll is a second away): what does that hold?
      liveHeapAllWaiting = sampler.liveHeapNow();
      out.setProperty("waitingAtOnce", String.valueOf(pending(waits)));
      try {
        CompletableFuture.allOf(waits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
        // Counted below, job by job.
      }
      waitMillis = System.currentTimeMillis() - waitStart;
      for (CompletableFuture<JobSnapshot> w : waits) {
        if (!w.isDone()) {
          notFinished++;
          continue;
        }
        JobSnapshot s = w.handle((r, e) -> e == null ? r : null).join();
        if (s != null && s.status() == JobStatus.SUCCEEDED) succeeded.incrementAndGet();
        else failed.incrementAndGet();
      }
      sampler.close();
    }

    // The fewest polls the schedule allows, job by job; and how late each end was noticed.
    PollSchedule schedule = new PollSchedule(policy, 1_000);
    long minimumPolls = 0;
    LongSamples noticedLate = new LongSamples(jobs);
    LongSamples scheduleLate = new LongSamples(jobs);
    LongSamples pollLate = new LongSamples(jobs);
    long firstFinish = Long.MAX_VALUE;
    long lastFinish = Long.MIN_VALUE;
    for (int i = 0; i < jobs; i++) {
      long finishesAt = t.createSentAt[i] + runMillis;
      firstFinish = Math.min(firstFinish, finishesAt);
      lastFinish = Math.max(lastFinish, finishesAt);
      int fewest = schedule.minimumPolls(finishesAt - t.awaitStartedAt[i]);
      minimumPolls += webhooks ? 1 : fewest;
      if (t.completedAt[i] > 0) noticedLate.add(t.completedAt[i] - finishesAt);
      // How late the schedule itself sees the end, and how late the last poll actually answered.
      scheduleLate.add(t.awaitStartedAt[i] + schedule.cumulativeMillis(fewest) - finishesAt);
      if (t.lastPoll[i] > 0) {
        pollLate.add(t.lastPollElapsedMillis[i] - schedule.cumulativeMillis(t.lastPoll[i]));
      }
    }
    long firstAwait = Long.MAX_VALUE;
    for (long a : t.awaitStartedAt) firstAwait = Math.min(firstAwait, a);

    out.setProperty("jobs", String.valueOf(jobs));
    out.setProperty("policy", policy.toString());
    out.setProperty("watcherThreads", String.valueOf(watcherThreads));
    out.setProperty("createSeconds", String.format(Locale.ROOT, "%.1f", createMillis / 1000.0));
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
    synchronized (pollSentLate) {
      out.setProperty("polls", String.valueOf(pollSentLate.size()));
      out.setProperty("pollSentLateP50Millis", String.valueOf(pollSentLate.percentile(50)));
      out.setProperty("pollSentLateP99Millis", String.valueOf(pollSentLate.percentile(99)));
      out.setProperty("pollSentLateMaxMillis", String.valueOf(pollSentLate.percentile(100)));
    }
    out.setProperty("scheduleLateP99Millis", String.valueOf(scheduleLate.percentile(99)));
    out.setProperty("pollLateP50Millis", String.valueOf(pollLate.percentile(50)));
    out.setProperty("pollLateP99Millis", String.valueOf(pollLate.percentile(99)));
    out.setProperty("pollLateMaxMillis", String.valueOf(pollLate.percentile(100)));
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
    out.setProperty("liveHeapAllWaitingBytes", String.valueOf(liveHeapAllWaiting));
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
    final int[] lastPoll;
    final long[] lastPollElapsedMillis;

    Timeline(int jobs) {
      createSentAt = new long[jobs];
      awaitStartedAt = new long[jobs];
      completedAt = new long[jobs];
      lastPoll = new int[jobs];
      lastPollElapsedMillis = new long[jobs];
    }
  }

  private static CompletableFuture<JobSnapshot> await(
      Job job, int i, Duration timeout, Timeline t) {
    t.awaitStartedAt[i] = System.currentTimeMillis();
    ProgressListener pollAnswered =
        progress -> {
          t.lastPoll[i] = progress.attempt();
          t.lastPollElapsedMillis[i] = progress.elapsed().toMillis();
        };
    // The returned stage completes after the time is noted, so allOf() sees every time.
    return job.awaitAsync(timeout, pollAnswered)
        .whenComplete((r, e) -> t.completedAt[i] = System.currentTimeMillis());
  }

  private static long pending(CompletableFuture<JobSnapshot>[] waits) {
    long pending = 0;
    for (CompletableFuture<JobSnapshot> w : waits) if (!w.isDone()) pending++;
    return pending;
  }
}
