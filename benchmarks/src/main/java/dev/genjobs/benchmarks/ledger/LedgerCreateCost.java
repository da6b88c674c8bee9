package dev.genjobs.benchmarks.ledger;

import dev.genjobs.benchmarks.Fork;
import dev.genjobs.benchmarks.LongSamples;
import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.store.LedgerPolicy;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Child JVM of {@link LedgerAtScale}: what the ledger adds to one create. Two clients in this JVM
 * against the same provider, one without a store and one on the PostgreSQL ledger, take turns (one
 * create each, {@code creates} times, after a warm-up), so both see the same machine, JIT and load;
 * p50 and p99 of each side are reported. The ledger client does not poll here ({@link
 * LedgerPolicy#withoutPolling()}): what is timed is the create path's writes, not background polls.
 *
 * <p>Arguments: {@code jdbcUrl baseUrl creates}.
 */
public final class LedgerCreateCost {

  public static void main(String[] args) throws Exception {
    String jdbcUrl = args[0];
    URI baseUrl = URI.create(args[1]);
    int creates = Integer.parseInt(args[2]);
    ClientOptions.Builder options =
        ClientOptions.builder()
            .creativeApiKey("bench-key")
            .baseUrl(Provider.CREATIVE_API, baseUrl)
            .logHttp(false);
    LongSamples without = new LongSamples(creates);
    LongSamples with = new LongSamples(creates);
    LongSamples commit = new LongSamples(creates);
    Properties out = new Properties();
    try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "");
        JdbcJobStore store = JdbcJobStore.open(jdbcUrl, "postgres", "");
        GenJobsClient plain = GenJobsClient.create(options.build());
        GenJobsClient ledgered =
            GenJobsClient.create(
                options
                    .jobStore(store)
                    .instanceId("create-cost")
                    .ledgerPolicy(LedgerPolicy.defaults().withoutPolling())
                    .build())) {
      try (Statement st = db.createStatement()) {
        st.execute("CREATE TABLE IF NOT EXISTS bench_commit (id bigint, at timestamptz)");
        out.setProperty("fsync", show(st, "fsync"));
        out.setProperty("synchronousCommit", show(st, "synchronous_commit"));
      }
      try (PreparedStatement insert =
          db.prepareStatement("INSERT INTO bench_commit VALUES (?, now())")) {
        for (int i = 0; i < 200; i++) { // warm-up: JIT, both connection pools
          create(plain, i);
          create(ledgered, i);
          committed(insert, i);
        }
        for (int i = 0; i < creates; i++) {
          without.add(timed(plain, i));
          with.add(timed(ledgered, i));
          commit.add(committed(insert, i));
        }
      }
    }
    out.setProperty("creates", String.valueOf(creates));
    out.setProperty("withoutP50Nanos", String.valueOf(without.percentile(50)));
    out.setProperty("withoutP99Nanos", String.valueOf(without.percentile(99)));
    out.setProperty("withP50Nanos", String.valueOf(with.percentile(50)));
    out.setProperty("withP99Nanos", String.valueOf(with.percentile(99)));
    out.setProperty("commitP50Nanos", String.valueOf(commit.percentile(50)));
    out.setProperty("commitP99Nanos", String.valueOf(commit.percentile(99)));
    Fork.write(out);
  }

  private static String show(Statement st, String setting) throws SQLException {
    try (ResultSet r = st.executeQuery("SHOW " + setting)) {
      r.next();
      return r.getString(1);
    }
  }

  private static void create(GenJobsClient c, int i) {
    c.creative().generate(GenerateRequest.builder().model("m").input("prompt", "p" + i).build());
  }

  /**
   * One committed single-row INSERT on the same database (auto-commit), for scale: what one durable
   * write costs on this machine, so the ledger's extra time can be read as a number of commits.
   */
  private static long committed(PreparedStatement insert, int i) throws SQLException {
    long t0 = System.nanoTime();
    insert.setLong(1, i);
    insert.executeUpdate();
    return System.nanoTime() - t0;
  }

  private static long timed(GenJobsClient c, int i) {
    long t0 = System.nanoTime();
    create(c, i);
    return System.nanoTime() - t0;
  }
}
