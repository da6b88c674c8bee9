package dev.genjobs.client.store.jdbc.internal;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that hands out the connection of the ledger transaction running on this thread, so
 * db-scheduler's client writes inside that transaction: it commits or rolls back with the ledger's
 * own writes, whatever the pool's auto-commit. Closing what it hands out does nothing; the
 * transaction's owner closes the real connection. Not API.
 */
public final class TransactionConnection implements DataSource {

  private final ThreadLocal<Connection> current = new ThreadLocal<>();

  /** Runs {@code work} with {@code c} as this thread's connection. */
  public <T> T with(Connection c, Callable<T> work) throws Exception {
    Connection before = current.get();
    current.set(c);
    try {
      return work.call();
    } finally {
      if (before == null) current.remove();
      else current.set(before);
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection c = current.get();
    if (c == null) throw new SQLException("no ledger transaction on this thread");
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close")) return null;
              try {
                return method.invoke(c, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return getConnection();
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
