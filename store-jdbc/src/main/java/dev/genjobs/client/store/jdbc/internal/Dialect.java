package dev.genjobs.client.store.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What differs between the databases the ledger runs on: only how due polls are claimed. Not API.
 *
 * <ul>
 *   <li>PostgreSQL: one statement, {@code SELECT … FOR UPDATE SKIP LOCKED} inside an {@code UPDATE
 *       … RETURNING}: instances claiming at the same moment skip each other's rows instead of
 *       waiting on them, and each row goes to exactly one of them.
 *   <li>Anything else (H2): read the due rows, then claim each with a compare-and-set on its
 *       version ({@code UPDATE … WHERE version = ?}); a row another claimer took first updates
 *       nothing and is skipped. The same guarantee, with a wasted read under contention; H2 is the
 *       one-process store, where there is no contention across processes.
 * </ul>
 */
public enum Dialect {
  POSTGRESQL,
  GENERIC;

  public static Dialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    return "PostgreSQL".equalsIgnoreCase(product) ? POSTGRESQL : GENERIC;
  }
}
