package dev.genjobs.benchmarks.watch;

import dev.genjobs.benchmarks.Fork;
import dev.genjobs.benchmarks.Result;
import dev.genjobs.benchmarks.Result.Target;
import dev.genjobs.benchmarks.Settings;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Watching at scale: thousands of jobs awaited at once by one client against the stand-ins, which
 * run here while the client runs in a child JVM ({@link WatchRun}) so its threads and heap are its
 * own. First by polling (GETs against the fewest the backoff schedule allows), then with webhooks
 * (exactly a create and a confirming GET per job). Requests are counted by the stand-ins.
 */
public final class WatchingAtScale {

  private static final double MIB = 1024.0 * 1024.0;

  /** Without this the JDK server behind {@code WebhookReceiver} answers each delivery late. */
  static final String NODELAY = "-Dsun.net.httpserver.nodelay=true";

  private WatchingAtScale() {}

  public static List<Result> run(Settings s) throws Exception {
    List<Result> results = new ArrayList<>();
    for (String mode : s.watchModes()) {
      results.addAll(run(s, mode));
    }
    if (s.watchModes().contains("webhook")) results.add(webhookDelivery());
    return results;
  }

  private static List<Result> run(Settings s, String mode) throws Exception {
    String group = "watch/" + mode + " " + s.jobs() + " jobs";
    boolean webhooks = mode.equals("webhook");
    // Polling: every job is created before the wait starts, so its run has to outlast the creates
    // for the jobs to finish during the wait. With webhooks each job is awaited when created.
    long step = webhooks ? s.stepMillis() : stepOutlastingCreates(s);
    List<String> jvmArgs = new ArrayList<>(s.watchJvmArgs());
    Properties p;
    long requests;
    try (ProviderStandIns standIns =
        ProviderStandIns.start(
            StandInOptions.builder()
                .stepDuration(Duration.ofMillis(step))
                .deliverWebhooks(webhooks)
                .build())) {
      long before = standIns.requestCount();
      p =
          Fork.run(
              WatchRun.class,
              jvmArgs,
              List.of(
                  standIns.baseUrl().toString(),
                  String.valueOf(s.jobs()),
                  String.valueOf(step),
                  String.valueOf(s.watcherThreads()),
                  String.valueOf(s.createThreads()),
                  mode),
              Duration.ofMinutes(8 + s.jobs() / 1_000));
      requests = standIns.requestCount() - before;
    }
    int jobs = Integer.parseInt(p.getProperty("jobs"));
    long gets = requests - jobs;
    String late =
        String.format(
            Locale.ROOT,
            "end noticed p50 %s ms, p99 %s ms, max %s ms after the job finished",
            p.getProperty("noticedLateP50Millis"),
            p.getProperty("noticedLateP99Millis"),
            p.getProperty("noticedLateMaxMillis"));
    if (!webhooks) {
      late +=
          String.format(
              Locale.ROOT,
              " (the schedule alone: p50 %s ms); last poll answered p50 %s ms, p99 %s ms, max %s"
                  + " ms after it was due",
              p.getProperty("scheduleLateP50Millis"),
              p.getProperty("pollLateP50Millis"),
              p.getProperty("pollLateP99Millis"),
              p.getProperty("pollLateMaxMillis"));
    }
    String setup =
        String.format(
            Locale.ROOT,
            "stand-in step %d ms, watcherThreads %s, %s; created in %s s, %s waiting at once,"
                + " jobs finish %s after the wait began, all ended %s s after it began",
            step,
            p.getProperty("watcherThreads"),
            p.getProperty("policy"),
            p.getProperty("createSeconds"),
            p.getProperty("waitingAtOnce"),
            p.getProperty("finishWindow"),
            p.getProperty("waitSeconds"));

    List<Result> results = new ArrayList<>();
    int ended = Integer.parseInt(p.getProperty("succeeded"));
    results.add(
        Result.absolute(
            group,
            "jobs seen succeeded",
            setup
                + String.format(
                    Locale.ROOT,
                    "; failed %s, still waiting %s",
                    p.getProperty("failed"),
                    p.getProperty("notFinished")),
            ended,
            Target.exactly(jobs, "")));
    results.add(
        Result.absolute(
            group,
            "client threads (peak in wait)",
            String.format(
                Locale.ROOT,
                "above the %s alive before the client, harness threads excluded: %s;"
                    + " genjobs-watcher %s; whole run (creates too) %s: %s",
                p.getProperty("baselineThreads"),
                p.getProperty("threadsByName"),
                p.getProperty("watcherThreadsSeen"),
                p.getProperty("runThreads"),
                p.getProperty("runThreadsByName")),
            Double.parseDouble(p.getProperty("threads")),
            Target.atMost(8, " threads")));
    double pools = Long.parseLong(p.getProperty("peakHeapPoolsBytes")) / MIB;
    results.add(
        Result.absolute(
            group,
            "peak heap MiB in wait (pools)",
            String.format(
                Locale.ROOT,
                "above %.1f MiB in use after GC before the client: heap pools' peaks %.1f MiB"
                    + " (whole run %.1f), largest sample %.1f MiB, live after GC with every job"
                    + " waiting %.1f MiB; -Xmx %.0f MiB",
                Long.parseLong(p.getProperty("baselineHeapBytes")) / MIB,
                pools,
                Long.parseLong(p.getProperty("runPeakHeapPoolsBytes")) / MIB,
                Long.parseLong(p.getProperty("peakHeapSampledBytes")) / MIB,
                Long.parseLong(p.getProperty("liveHeapAllWaitingBytes")) / MIB,
                Long.parseLong(p.getProperty("maxHeapBytes")) / MIB),
            Math.round(pools * 10) / 10.0,
            Target.atMost(256, " MiB")));
    long minimum = Long.parseLong(p.getProperty("minimumGets"));
    if (mode.equals("poll")) {
      results.add(
          Result.absolute(
              group,
              "poll lateness p99 ms (sent - due)",
              String.format(
                  Locale.ROOT,
                  "%,d polls: sent p50 %s ms, p99 %s ms, max %s ms after they were due (the"
                      + " watcher's own clock, through WatchHooks.pollCompleted); last poll"
                      + " answered p50 %s ms, p99 %s ms, max %s ms after due",
                  Long.parseLong(p.getProperty("polls")),
                  p.getProperty("pollSentLateP50Millis"),
                  p.getProperty("pollSentLateP99Millis"),
                  p.getProperty("pollSentLateMaxMillis"),
                  p.getProperty("pollLateP50Millis"),
                  p.getProperty("pollLateP99Millis"),
                  p.getProperty("pollLateMaxMillis")),
              Double.parseDouble(p.getProperty("pollSentLateP99Millis")),
              Target.atMost(250, " ms")));
      long noticedP99 = Long.parseLong(p.getProperty("noticedLateP99Millis"));
      long scheduleP99 = Long.parseLong(p.getProperty("scheduleLateP99Millis"));
      results.add(
          Result.absolute(
              group,
              "end noticed p99 - schedule p99 ms",
              String.format(
                  Locale.ROOT,
                  "end noticed p50 %s ms, p99 %d ms after the job finished; the schedule's own"
                      + " delay p50 %s ms, p99 %d ms (a punctual watcher sees the end when the"
                      + " schedule does)",
                  p.getProperty("noticedLateP50Millis"),
                  noticedP99,
                  p.getProperty("scheduleLateP50Millis"),
                  scheduleP99),
              noticedP99 - scheduleP99,
              Target.atMost(250, " ms")));
      results.add(
          Result.ratio(
              group,
              "GETs / schedule minimum",
              String.format(
                  Locale.ROOT,
                  "%,d GETs (%.2f per job) vs minimum %,d (%.2f per job); fewer than the minimum"
                      + " means polls ran late (a miss); %s",
                  gets,
                  gets / (double) jobs,
                  minimum,
                  minimum / (double) jobs,
                  late),
              gets / (double) minimum,
              Target.between(1.0, 1.5, "×")));
    } else {
      results.add(
          Result.absolute(
              group,
              "requests per job",
              String.format(
                  Locale.ROOT,
                  "%,d requests = %,d creates + %,d GETs (minimum: 1 confirming GET per job); %s",
                  requests,
                  jobs,
                  gets,
                  late),
              requests / (double) jobs,
              Target.exactly(2, "")));
    }
    return results;
  }

  /**
   * A stand-in step long enough that jobs created one after another by {@code createThreads} finish
   * about 10 s after the last create and the rest within the create time after that: the create
   * rate is measured here first, on a throwaway stand-in.
   */
  private static long stepOutlastingCreates(Settings s) throws Exception {
    double perSecond = CreateRate.measure(s.createThreads(), Math.min(500, s.jobs()));
    double createSeconds = s.jobs() / perSecond;
    int steps = dev.genjobs.standins.StandInProvider.CREATIVE_API.runningStatuses().size();
    long step = (long) ((createSeconds + 10) * 1000 / steps);
    System.out.printf(
        Locale.ROOT,
        "watch/poll: creates run at about %.0f/s; stand-in step %d ms%n",
        perSecond,
        Math.max(s.stepMillis(), step));
    return Math.max(s.stepMillis(), step);
  }

  /** Delivery latency to the library's {@code WebhookReceiver}, as shipped and with nodelay. */
  private static Result webhookDelivery() throws Exception {
    Properties shipped =
        Fork.run(WebhookProbe.class, List.of(), List.of("100"), Duration.ofMinutes(2));
    Properties nodelay =
        Fork.run(WebhookProbe.class, List.of(NODELAY), List.of("100"), Duration.ofMinutes(2));
    double a = Double.parseDouble(shipped.getProperty("p50Nanos")) / 1e6;
    double b = Double.parseDouble(nodelay.getProperty("p50Nanos")) / 1e6;
    return Result.ratio(
        "watch/webhook receiver",
        "delivery p50 as shipped/nodelay",
        String.format(
            Locale.ROOT,
            "one delivery answered in %.2f ms as shipped vs %.2f ms with %s (p99 %.2f vs %.2f"
                + " ms); target: as shipped is as fast (the receiver answers without a body)",
            a,
            b,
            NODELAY,
            Double.parseDouble(shipped.getProperty("p99Nanos")) / 1e6,
            Double.parseDouble(nodelay.getProperty("p99Nanos")) / 1e6),
        a / b,
        null);
  }
}
