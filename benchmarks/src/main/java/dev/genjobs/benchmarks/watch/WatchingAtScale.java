package dev.genjobs.benchmarks.watch;

import dev.genjobs.benchmarks.Fork;
import dev.genjobs.benchmarks.Result;
import dev.genjobs.benchmarks.Result.Target;
import dev.genjobs.benchmarks.Settings;
import dev.genjobs.benchmarks.provider.ProviderProcess;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Watching at scale: thousands of jobs awaited at once by one client, which runs in a child JVM
 * ({@link WatchRun}) so its threads and heap are its own.
 *
 * <ul>
 *   <li>Polling, against a provider that is not the bottleneck: the {@link
 *       dev.genjobs.benchmarks.provider.ClockedJobServer} in a JVM of its own, jobs created at
 *       {@code bench.createRate} per second and polled on the library's own jittered schedule. GETs
 *       (counted at the server) against the fewest a punctual watcher sends; the server's ceiling,
 *       busiest second and service time are reported apart from the client's lateness, threads and
 *       heap, and a server without headroom is a MISS of its own.
 *   <li>Webhooks, against the stand-ins in the harness's JVM (they deliver webhooks): exactly a
 *       create and a confirming GET per job.
 * </ul>
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
    long step = s.stepMillis();
    List<String> jvmArgs = new ArrayList<>(s.watchJvmArgs());
    // Polling: creates arrive over time; with webhooks all at once (the stand-ins deliver them).
    double rate = webhooks ? 0 : s.createRate();
    List<String> args =
        List.of(
            "",
            String.valueOf(s.jobs()),
            String.valueOf(step),
            String.valueOf(s.watcherThreads()),
            String.valueOf(s.createThreads()),
            mode,
            String.valueOf(rate));
    Duration limit = Duration.ofMinutes(8 + s.jobs() / 1_000).plusSeconds((long) (s.jobs() / 50.0));
    Properties p;
    long requests;
    List<Result> serverRows = List.of();
    if (webhooks) {
      // Webhooks need a provider that delivers them: the stand-ins, here in the harness's JVM.
      try (ProviderStandIns standIns =
          ProviderStandIns.start(
              StandInOptions.builder()
                  .stepDuration(Duration.ofMillis(step))
                  .deliverWebhooks(true)
                  .build())) {
        long before = standIns.requestCount();
        p = Fork.run(WatchRun.class, jvmArgs, withUrl(args, standIns.baseUrl()), limit);
        requests = standIns.requestCount() - before;
      }
    } else {
      // Polling: the clocked fixed-answer provider in a JVM of its own, its ceiling measured
      // first; its own numbers (service time, busiest second) are reported apart from the client's.
      try (ProviderProcess provider = ProviderProcess.start(step, s.jobs() + 1_000)) {
        double ceiling = provider.ceiling(8, Duration.ofSeconds(3));
        System.out.printf(Locale.ROOT, "watch/poll: provider ceiling %.0f GETs/s%n", ceiling);
        p = Fork.run(WatchRun.class, jvmArgs, withUrl(args, provider.baseUrl()), limit);
        Properties server = provider.stats();
        requests =
            Long.parseLong(server.getProperty("posts"))
                + Long.parseLong(server.getProperty("gets"));
        serverRows = ProviderProcess.rows(group, server, ceiling);
      }
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
    String setup =
        String.format(
            Locale.ROOT,
            "job runs %d ms, watcherThreads %s, %s; created %s in %s s, %s still waiting when"
                + " the creates ended, jobs finish %s after the first create, all ended %s s"
                + " after it",
            step * 3,
            p.getProperty("watcherThreads"),
            p.getProperty("policy"),
            rate > 0
                ? String.format(
                    Locale.ROOT,
                    "at %.0f/s (up to %s ms behind that pace)",
                    rate,
                    p.getProperty("createSlipMillis"))
                : "at once",
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
                    + " (whole run %.1f), largest sample %.1f MiB, live after GC when the creates"
                    + " ended %.1f MiB; -Xmx %.0f MiB",
                Long.parseLong(p.getProperty("baselineHeapBytes")) / MIB,
                pools,
                Long.parseLong(p.getProperty("runPeakHeapPoolsBytes")) / MIB,
                Long.parseLong(p.getProperty("peakHeapSampledBytes")) / MIB,
                Long.parseLong(p.getProperty("liveHeapAfterCreatesBytes")) / MIB,
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
                      + " watcher's own clock, through WatchHooks.pollCompleted)",
                  Long.parseLong(p.getProperty("polls")),
                  p.getProperty("pollSentLateP50Millis"),
                  p.getProperty("pollSentLateP99Millis"),
                  p.getProperty("pollSentLateMaxMillis")),
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
                  "%,d GETs (%.2f per job, counted at the server) vs %,d (%.2f per job) a"
                      + " punctual watcher on the same jittered schedule sends; fewer means polls"
                      + " ran late (a miss); %s",
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
    results.addAll(serverRows);
    return results;
  }

  private static List<String> withUrl(List<String> args, URI baseUrl) {
    List<String> withUrl = new ArrayList<>(args);
    withUrl.set(0, baseUrl.toString());
    return withUrl;
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
