package dev.genjobs.client.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * What differs between the databases the ledger runs on: how an instant is written, and which of
 * db-scheduler's SQL customizations applies ({@link DurableScheduler}). Not API.
 *
 * <p>Instants are {@code TIMESTAMP WITH TIME ZONE} values written as UTC, except on SQLite, which
 * has no timestamp type and whose driver binds no {@code OffsetDateTime}: there they are
 * microseconds since the epoch in an integer, which compares and sorts like the instant and keeps
 * the microseconds the other databases keep.
 */
public enum Dialect {
  POSTGRESQL,
  SQLITE,
  GENERIC;

  public static Dialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    if ("PostgreSQL".equalsIgnoreCase(product)) return POSTGRESQL;
    if ("SQLite".equalsIgnoreCase(product)) return SQLITE;
    return GENERIC;
  }

  void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    if (this == SQLITE) {
      if (value == null) ps.setNull(index, Types.BIGINT);
      else ps.setLong(index, ChronoUnit.MICROS.between(Instant.EPOCH, value));
    } else if (value == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, value.atOffset(ZoneOffset.UTC));
    }
  }

  Instant getInstant(ResultSet rs, String column) throws SQLException {
    if (this == SQLITE) {
      long micros = rs.getLong(column);
      return rs.wasNull() ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** Whether {@code e} says a primary key or unique constraint refused the write. */
  public boolean isUniqueViolation(SQLException e) {
    if ("23505".equals(e.getSQLState())) return true; // PostgreSQL, H2
    // SQLite's driver sets no SQLState; its result code 19 is SQLITE_CONSTRAINT, of which only
    // UNIQUE and PRIMARY KEY name an existing row.
    String message = String.valueOf(e.getMessage());
    return this == SQLITE
        && e.getErrorCode() == 19
        && (message.contains("UNIQUE constraint failed")
            || message.contains("PRIMARYKEY")
            || message.contains("PRIMARY KEY"));
  }
}
