package dev.genjobs.benchmarks.ledger;

import dev.genjobs.benchmarks.LongSamples;
import dev.genjobs.benchmarks.Result;
import dev.genjobs.benchmarks.Settings;
import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.PollPolicy;
import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The durable ledger on one embedded PostgreSQL:
 *
 * <ol>
 *   <li>what a ledger costs per create: creates through a client on the PostgreSQL ledger against
 *       creates through a client without a store (in-memory ledger), interleaved, p50 and p99;
 *   <li>{@code bench.jobs} jobs created and watched by two instances sharing the ledger: GETs per
 *       job against the minimum the poll schedule asks for (a job polled by both instances would
 *       show about 2x).
 * </ol>
 */
public final class LedgerAtScale {

  private static final int CREATES_PER_SIDE = 300;

  private LedgerAtScale() {}

  public static List<Result> run(Settings s) throws Exception {
    List<Result> results = new ArrayList<>();
    AtomicLong gets = new AtomicLong();
    AtomicLong posts = new AtomicLong();
    try (EmbeddedPostgres pg =
            EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(Path.of("target", "embedded-pg").toFile())
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        ProviderStandIns standIns =
            ProviderStandIns.start(
                StandInOptions.builder()
                    .stepDuration(Duration.ofMillis(s.stepMillis()))
                    .listener(
                        e -> {
                          if (e.method().equals("GET")) gets.incrementAndGet();
                          else posts.incrementAndGet();
                        })
                    .build())) {
      String url = pg.getJdbcUrl("postgres", "postgres");
      results.addAll(createCost(standIns, url));
      results.addAll(twoInstances(s, standIns, url, gets, posts));
    }
    return results;
  }

  private static ClientOptions.Builder options(ProviderStandIns standIns) {
    return ClientOptions.builder()
        .creativeApiKey("bench-key")
        .baseUrl(Provider.CREATIVE_API, standIns.baseUrl())
        .logHttp(false);
  }

  private static List<Result> createCost(ProviderStandIns standIns, String url) throws Exception {
    try (JobStore ledger = JdbcJobStore.open(url, "postgres", "");
        GenJobsClient plain = GenJobsClient.create(options(standIns).build());
        GenJobsClient ledgered =
            GenJobsClient.create(
                options(standIns)
                    .jobStore(ledger)
                    .ledgerPolicy(ClientOptions.builder().build().ledgerPolicy().withoutPolling())
                    .build())) {
      LongSamples without = new LongSamples(CREATES_PER_SIDE);
      LongSamples with = new LongSamples(CREATES_PER_SIDE);
      for (int i = 0; i < 50; i++) { // warm-up: JIT, connection pools
        create(plain, i);
        create(ledgered, i);
      }
      for (int i = 0; i < CREATES_PER_SIDE; i++) {
        without.add(timed(plain, i));
        with.add(timed(ledgered, i));
      }
      double p50 = (double) with.percentile(50) / without.percentile(50);
      double p99 = (double) with.percentile(99) / without.percentile(99);
      String detail =
          String.format(
              Locale.ROOT,
              "create p50 %.2f ms with the PostgreSQL ledger vs %.2f ms without a store",
              with.percentile(50) / 1e6,
              without.percentile(50) / 1e6);
      String detail99 =
          String.format(
              Locale.ROOT,
              "create p99 %.2f ms with the PostgreSQL ledger vs %.2f ms without a store",
              with.percentile(99) / 1e6,
              without.percentile(99) / 1e6);
      return List.of(
          Result.ratio("ledger", "create cost p50 (ledger / none)", detail, p50, null),
          Result.ratio("ledger", "create cost p99 (ledger / none)", detail99, p99, null));
    }
  }

  private static void create(GenJobsClient c, int i) {
    c.creative().generate(GenerateRequest.builder().model("m").input("prompt", "p" + i).build());
  }

  private static long timed(GenJobsClient c, int i) {
    long t0 = System.nanoTime();
    create(c, i);
    return System.nanoTime() - t0;
  }

  private static List<Result> twoInstances(
      Settings s, ProviderStandIns standIns, String url, AtomicLong gets, AtomicLong posts)
      throws Exception {
    int jobs = s.jobs();
    PollPolicy policy = PollPolicy.defaults();
    try (JobStore ledgerA = JdbcJobStore.open(url, "postgres", "");
        JobStore ledgerB = JdbcJobStore.open(url, "postgres", "");
        GenJobsClient a =
            GenJobsClient.create(options(standIns).jobStore(ledgerA).instanceId("a").build());
        GenJobsClient b =
            GenJobsClient.create(options(standIns).jobStore(ledgerB).instanceId("b").build())) {
      long getsBefore = gets.get();
      long postsBefore = posts.get();
      long started = System.nanoTime();
      List<CompletableFuture<JobSnapshot>> waits = new ArrayList<>();
      ExecutorService creators = Executors.newFixedThreadPool(Math.max(2, s.createThreads()));
      try {
        List<Future<CompletableFuture<JobSnapshot>>> made = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
          GenJobsClient on = i % 2 == 0 ? a : b;
          int n = i;
          made.add(
              creators.submit(
                  () -> {
                    Job j =
                        on.creative()
                            .generate(
                                GenerateRequest.builder()
                                    .model("m")
                                    .input("prompt", "p" + n)
                                    .build());
                    return j.awaitAsync(Duration.ofMinutes(10));
                  }));
        }
        for (Future<CompletableFuture<JobSnapshot>> f : made) waits.add(f.get());
      } finally {
        creators.shutdown();
      }
      double createSeconds = (System.nanoTime() - started) / 1e9;
      CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).get(15, TimeUnit.MINUTES);
      double totalSeconds = (System.nanoTime() - started) / 1e9;
      long polls = gets.get() - getsBefore;
      long creates = posts.get() - postsBefore;
      // A stand-in Creative job runs 3 steps; one poller makes this many GETs at least.
      Duration runs = Duration.ofMillis(s.stepMillis() * 3);
      int minimum = pollsUntil(policy, runs);
      double perJob = (double) polls / jobs;
      return List.of(
          Result.absolute(
              "ledger",
              "creates sent per job (2 instances)",
              creates + " POSTs for " + jobs + " jobs",
              (double) creates / jobs,
              Result.Target.exactly(1, "")),
          Result.ratio(
              "ledger",
              "GETs/job vs schedule min (2 instances)",
              String.format(
                  Locale.ROOT,
                  "%d jobs on one PostgreSQL, %.2f GETs/job, schedule minimum %d; created in %.0f"
                      + " s, all ended after %.0f s",
                  jobs,
                  perJob,
                  minimum,
                  createSeconds,
                  totalSeconds),
              perJob / minimum,
              Result.Target.atMost(1.5, "x")),
          // Fewer GETs than the schedule asks for means polls were late, not thrifty.
          Result.ratio(
              "ledger",
              "polls on time (GETs/job vs schedule min)",
              "below 0.9x the ledger's claim-and-poll loop fell behind the schedule",
              perJob / minimum,
              Result.Target.atLeast(0.9, "x")));
    }
  }

  /** GETs one poller makes on {@code policy} (no jitter) until a job that runs {@code d} ends. */
  static int pollsUntil(PollPolicy policy, Duration d) {
    long at = 0;
    int n = 0;
    while (at < d.toMillis()) {
      n++;
      at += policy.interval(n).toMillis();
    }
    return n;
  }
}
