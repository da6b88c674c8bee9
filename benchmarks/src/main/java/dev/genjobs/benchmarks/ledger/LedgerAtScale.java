package dev.genjobs.benchmarks.ledger;

import dev.genjobs.benchmarks.Fork;
import dev.genjobs.benchmarks.Result;
import dev.genjobs.benchmarks.Result.Target;
import dev.genjobs.benchmarks.Settings;
import dev.genjobs.benchmarks.provider.ProviderProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The durable job ledger on one embedded PostgreSQL (fsync and synchronous commits on, as in
 * production), against the {@link dev.genjobs.benchmarks.provider.ClockedJobServer} in a JVM of its
 * own:
 *
 * <ol>
 *   <li>what the ledger adds to a create: a client on the ledger against a client without a store,
 *       taking turns in one JVM ({@link LedgerCreateCost}); p50 and p99 ratios;
 *   <li>{@code bench.jobs} jobs created at {@code bench.createRate} per second, half on each of two
 *       instances in JVMs of their own ({@link LedgerInstance}) sharing the ledger: GETs per job
 *       against the fewest a punctual poller on the default (jittered) schedule sends, counted at
 *       the server (a job polled by both instances shows about 2×, late polls show below 1×); poll
 *       lateness p50/p99 and threads, per instance.
 * </ol>
 *
 * <p>The server's own ceiling is measured first, and its headroom over the run's busiest second is
 * a judged row: when it fails, the client rows measure the server.
 */
public final class LedgerAtScale {

  private static final double MIB = 1024.0 * 1024.0;

  private LedgerAtScale() {}

  public static List<Result> run(Settings s) throws Exception {
    int jobs = s.jobs();
    List<Result> results = new ArrayList<>();
    try (EmbeddedPostgres pg =
            EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(Path.of("target", "embedded-pg").toFile())
                .setServerConfig("max_connections", "200")
                // As in production: a commit waits for its WAL to reach the disk (zonky's
                // default is off, which would time the ledger against a database that may lose
                // acknowledged writes).
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        ProviderProcess provider =
            ProviderProcess.start(s.stepMillis(), jobs + 2 * s.ledgerCreates() + 1_000)) {
      double ceiling = provider.ceiling(8, Duration.ofSeconds(3));
      System.out.printf(Locale.ROOT, "ledger: provider ceiling %.0f GETs/s%n", ceiling);
      // A database per part: the create-cost records (never polled there) must not be polled by
      // the two instances and counted as theirs.
      results.addAll(createCost(s, provider, newDatabase(pg, "bench_create_cost")));
      results.addAll(twoInstances(s, provider, newDatabase(pg, "bench_two_instances"), ceiling));
    }
    return results;
  }

  private static String newDatabase(EmbeddedPostgres pg, String name) throws SQLException {
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    return pg.getJdbcUrl("postgres", name);
  }

  private static List<Result> createCost(Settings s, ProviderProcess provider, String url)
      throws Exception {
    provider.newPhase();
    Properties p =
        Fork.run(
            LedgerCreateCost.class,
            List.of("-Xmx512m"),
            List.of(url, provider.baseUrl().toString(), String.valueOf(s.ledgerCreates())),
            Duration.ofMinutes(10));
    Properties server = provider.stats();
    double with50 = num(p, "withP50Nanos") / 1e6;
    double without50 = num(p, "withoutP50Nanos") / 1e6;
    double with99 = num(p, "withP99Nanos") / 1e6;
    double without99 = num(p, "withoutP99Nanos") / 1e6;
    String group = "ledger/create cost";
    String serverSide =
        String.format(
            Locale.ROOT,
            "; the server's own handler time p50 %.3f ms; one committed single-row INSERT on"
                + " this PostgreSQL (fsync %s, synchronous_commit %s) p50 %.2f ms, p99 %.2f ms"
                + " (the extra p50 is %.1f of them)",
            num(server, "serviceP50Nanos") / 1e6,
            p.getProperty("fsync"),
            p.getProperty("synchronousCommit"),
            num(p, "commitP50Nanos") / 1e6,
            num(p, "commitP99Nanos") / 1e6,
            (with50 - without50) / (num(p, "commitP50Nanos") / 1e6));
    return List.of(
        Result.ratio(
            group,
            "create p50, PostgreSQL ledger / no store",
            String.format(
                    Locale.ROOT,
                    "%.2f vs %.2f ms, %s creates each, taking turns in one JVM",
                    with50,
                    without50,
                    p.getProperty("creates"))
                + serverSide,
            with50 / without50,
            Target.atMost(1.3, "×")),
        Result.ratio(
            group,
            "create p99, PostgreSQL ledger / no store",
            String.format(Locale.ROOT, "%.2f vs %.2f ms", with99, without99),
            with99 / without99,
            null));
  }

  private static List<Result> twoInstances(
      Settings s, ProviderProcess provider, String url, double ceiling) throws Exception {
    int jobs = s.jobs();
    int onA = jobs / 2;
    int onB = jobs - onA;
    double rate = s.createRate() / 2;
    provider.newPhase();
    // Both instances start creating at the same moment, after their JVMs and clients are up.
    long startAt = System.currentTimeMillis() + 15_000;
    Duration limit = Duration.ofSeconds(15 + (long) (jobs / s.createRate()) + 15 * 60);
    CompletableFuture<Properties> a = instance(s, provider, url, onA, rate, startAt, "a", limit);
    CompletableFuture<Properties> b = instance(s, provider, url, onB, rate, startAt, "b", limit);
    Properties pa;
    Properties pb;
    try {
      pa = a.get();
      pb = b.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    Properties server = provider.stats();

    String group = "ledger/2 instances " + jobs + " jobs";
    List<Result> results = new ArrayList<>();
    int succeeded = Integer.parseInt(pa.getProperty("succeeded"));
    succeeded += Integer.parseInt(pb.getProperty("succeeded"));
    results.add(
        Result.absolute(
            group,
            "jobs seen succeeded",
            String.format(
                Locale.ROOT,
                "created at %.0f/s (%.0f/s per instance), a provider job runs %d ms; a: %s failed,"
                    + " %s still waiting, ended %s s after the first create; b: %s failed, %s"
                    + " still waiting, %s s",
                s.createRate(),
                rate,
                3 * s.stepMillis(),
                pa.getProperty("failed"),
                pa.getProperty("notFinished"),
                pa.getProperty("seconds"),
                pb.getProperty("failed"),
                pb.getProperty("notFinished"),
                pb.getProperty("seconds")),
            succeeded,
            Target.exactly(jobs, "")));
    long posts = Long.parseLong(server.getProperty("posts"));
    results.add(
        Result.absolute(
            group,
            "creates sent per job",
            posts + " POSTs for " + jobs + " jobs",
            (double) posts / jobs,
            Target.exactly(1, "")));
    long gets = Long.parseLong(server.getProperty("phaseJobGets"));
    long stray = Long.parseLong(server.getProperty("gets")) - gets;
    long minimum =
        Long.parseLong(pa.getProperty("minimumGets"))
            + Long.parseLong(pb.getProperty("minimumGets"));
    results.add(
        Result.ratio(
            group,
            "GETs / schedule minimum",
            String.format(
                Locale.ROOT,
                "%,d GETs (%.2f per job, counted at the server) vs %,d (%.2f per job) a punctual"
                    + " poller on the default jittered schedule sends; GETs per job: %s (count:"
                    + " jobs), %d GETs to other jobs; below 1 means polls ran late",
                gets,
                gets / (double) jobs,
                minimum,
                minimum / (double) jobs,
                server.getProperty("getsPerJob"),
                stray),
            gets / (double) minimum,
            Target.between(1.0, 1.5, "×")));
    for (Properties p : List.of(pa, pb)) {
      String who = p == pa ? "a" : "b";
      results.add(
          Result.absolute(
              group,
              "poll lateness p99 ms, instance " + who,
              String.format(
                  Locale.ROOT,
                  "%,d polls sent by %s: p50 %s ms, p99 %s ms, max %s ms after due (the client's"
                      + " clock, WatchHooks.pollCompleted); end noticed p50 %s ms, p99 %s ms after"
                      + " the job finished; create p50 %.2f ms, p99 %.2f ms, creates up to %s ms"
                      + " behind their pace",
                  Long.parseLong(p.getProperty("polls")),
                  who,
                  p.getProperty("pollLateP50Millis"),
                  p.getProperty("pollLateP99Millis"),
                  p.getProperty("pollLateMaxMillis"),
                  p.getProperty("noticedLateP50Millis"),
                  p.getProperty("noticedLateP99Millis"),
                  num(p, "createP50Nanos") / 1e6,
                  num(p, "createP99Nanos") / 1e6,
                  p.getProperty("createSlipMillis")),
              // No poll seen through the hooks: the engine does not report its polls (NO DATA).
              Long.parseLong(p.getProperty("polls")) == 0
                  ? Double.NaN
                  : num(p, "pollLateP99Millis"),
              null));
      results.add(
          Result.absolute(
              group,
              "threads, instance " + who,
              String.format(
                  Locale.ROOT,
                  "peak while creating and waiting, above the %s before the client, harness"
                      + " threads excluded: %s; heap pools' peak %.0f MiB",
                  p.getProperty("baselineThreads"),
                  p.getProperty("threadsByName"),
                  num(p, "peakHeapPoolsBytes") / MIB),
              num(p, "threads"),
              null));
    }
    results.addAll(ProviderProcess.rows(group, server, ceiling));
    return results;
  }

  private static CompletableFuture<Properties> instance(
      Settings s,
      ProviderProcess provider,
      String url,
      int jobs,
      double rate,
      long startAt,
      String name,
      Duration limit) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return Fork.run(
                LedgerInstance.class,
                List.of("-Xmx512m"),
                List.of(
                    url,
                    provider.baseUrl().toString(),
                    String.valueOf(jobs),
                    String.valueOf(rate),
                    String.valueOf(startAt),
                    name,
                    // A create on the ledger waits for several commits (tens of ms on a loaded
                    // disk): twice the senders keep each instance's share of the rate on pace.
                    String.valueOf(2 * s.createThreads()),
                    String.valueOf(s.stepMillis())),
                limit);
          } catch (Exception e) {
            throw new IllegalStateException("instance " + name + ": " + e.getMessage(), e);
          }
        },
        runnable -> {
          Thread t = new Thread(runnable, "bench-instance-" + name);
          t.setDaemon(true);
          t.start();
        });
  }

  private static double num(Properties p, String key) {
    return Double.parseDouble(p.getProperty(key));
  }
}
