package dev.genjobs.client.store.jdbc.internal;

import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.store.ActiveJobs;
import dev.genjobs.client.store.JobFilter;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.LedgerState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The ledger's SQL, portable between the databases except for what {@link Dialect} says. Not API.
 */
public final class LedgerSql {

  static final String TABLE = "genjobs_job";
  private static final String OPEN_STATES =
      "('" + LedgerState.INTENT + "','" + LedgerState.ACTIVE + "','" + LedgerState.AMBIGUOUS + "')";

  private static final String INSERT =
      "INSERT INTO "
          + TABLE
          + " (ledger_id, version, "
          + String.join(", ", RecordColumns.DATA)
          + ") VALUES (?, ?"
          + ", ?".repeat(RecordColumns.DATA.size())
          + ")";

  private static final String REPLACE =
      "UPDATE "
          + TABLE
          + " SET version = ?, "
          + RecordColumns.DATA.stream().map(c -> c + " = ?").collect(Collectors.joining(", "))
          + " WHERE ledger_id = ? AND version = ?";

  private LedgerSql() {}

  public static void insert(Connection c, Dialect d, JobRecord r) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setString(1, r.ledgerId());
      ps.setLong(2, r.version());
      RecordColumns.bind(d, ps, 3, r);
      ps.executeUpdate();
    }
  }

  /** Returns whether the row still had {@code expectedVersion} (and now has {@code next}). */
  public static boolean replace(Connection c, Dialect d, long expectedVersion, JobRecord next)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(REPLACE)) {
      ps.setLong(1, next.version());
      int i = RecordColumns.bind(d, ps, 2, next);
      ps.setString(i++, next.ledgerId());
      ps.setLong(i, expectedVersion);
      return ps.executeUpdate() == 1;
    }
  }

  public static Optional<JobRecord> get(Connection c, Dialect d, String ledgerId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT * FROM " + TABLE + " WHERE ledger_id = ?")) {
      ps.setString(1, ledgerId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(RecordColumns.read(d, rs)) : Optional.empty();
      }
    }
  }

  public static List<JobRecord> list(Connection c, Dialect d, JobFilter f) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT * FROM " + TABLE + " WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    f.provider()
        .ifPresent(
            p -> {
              sql.append(" AND provider = ?");
              args.add(p.id());
            });
    if (!f.states().isEmpty()) {
      sql.append(" AND state IN (")
          .append(String.join(", ", java.util.Collections.nCopies(f.states().size(), "?")))
          .append(")");
      f.states().stream().map(Enum::name).sorted().forEach(args::add);
    }
    if (f.ledgerIds().isPresent()) {
      List<String> ids = f.ledgerIds().get();
      if (ids.isEmpty()) return List.of();
      sql.append(" AND ledger_id IN (")
          .append(String.join(", ", java.util.Collections.nCopies(ids.size(), "?")))
          .append(")");
      args.addAll(ids);
    }
    f.providerJobId()
        .ifPresent(
            id -> {
              sql.append(" AND provider_job_id = ?");
              args.add(id);
            });
    f.correlationToken()
        .ifPresent(
            t -> {
              sql.append(" AND correlation_token = ?");
              args.add(t);
            });
    f.createdAfter()
        .ifPresent(
            t -> {
              sql.append(" AND created_at >= ?");
              args.add(t);
            });
    f.createdBefore()
        .ifPresent(
            t -> {
              sql.append(" AND created_at < ?");
              args.add(t);
            });
    sql.append(" ORDER BY created_at DESC, ledger_id LIMIT ?");
    args.add(f.limit());
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        Object a = args.get(i);
        if (a instanceof Instant t) d.setInstant(ps, i + 1, t);
        else if (a instanceof Integer n) ps.setInt(i + 1, n);
        else ps.setString(i + 1, (String) a);
      }
      return readAll(d, ps);
    }
  }

  /**
   * Deletes at most {@code batch} records that ended before {@code cutoff} (open ones never);
   * returns how many. Batched so one run never holds a long transaction on a large ledger.
   */
  public static int deleteEnded(Connection c, Dialect d, Instant cutoff, int batch)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM "
                + TABLE
                + " WHERE ledger_id IN (SELECT ledger_id FROM "
                + TABLE
                + " WHERE state NOT IN "
                + OPEN_STATES
                + " AND COALESCE(ended_at, updated_at) < ? LIMIT ?)")) {
      d.setInstant(ps, 1, cutoff);
      ps.setInt(2, batch);
      return ps.executeUpdate();
    }
  }

  /** ACTIVE records counted by provider and last status: one grouped query on the state index. */
  public static List<ActiveJobs> countActive(Connection c) throws SQLException {
    List<ActiveJobs> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT provider, status, COUNT(*) FROM "
                + TABLE
                + " WHERE state = ? GROUP BY provider, status"); ) {
      ps.setString(1, LedgerState.ACTIVE.name());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String status = rs.getString(2);
          // A provider whose module this instance does not have (another instance's, or one
          // removed) is not counted here rather than failing every gauge read.
          java.util.Optional<Provider> provider = Provider.find(rs.getString(1));
          if (provider.isEmpty()) continue;
          out.add(
              new ActiveJobs(
                  provider.get(), status == null ? null : JobStatus.valueOf(status), rs.getInt(3)));
        }
      }
    }
    return out;
  }

  private static List<JobRecord> readAll(Dialect d, PreparedStatement ps) throws SQLException {
    List<JobRecord> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) out.add(RecordColumns.read(d, rs));
    }
    return out;
  }
}
