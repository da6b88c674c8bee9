package dev.genjobs.cli;

import dev.genjobs.client.store.JobStore;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import java.nio.file.Path;
import java.util.Map;

/** Where the CLI keeps its job ledger, and opening it. */
final class LedgerLocation {

  /** Overrides the default ledger: a directory (the embedded SQLite ledger) or a JDBC URL. */
  static final String STORE_VARIABLE = "GENJOBS_STORE";

  static final String USER_VARIABLE = "GENJOBS_STORE_USER";
  static final String PASSWORD_VARIABLE = "GENJOBS_STORE_PASSWORD";

  private LedgerLocation() {}

  /**
   * The user's data directory for genjobs: {@code $XDG_DATA_HOME/genjobs}, else {@code
   * ~/.local/share/genjobs}; on Windows {@code %LOCALAPPDATA%\genjobs}.
   */
  static Path userDataDirectory(Map<String, String> env) {
    String xdg = env.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank()) return Path.of(xdg, "genjobs");
    String local = env.get("LOCALAPPDATA");
    if (local != null && !local.isBlank()) return Path.of(local, "genjobs");
    return Path.of(System.getProperty("user.home"), ".local", "share", "genjobs");
  }

  /**
   * Opens {@code where}: a JDBC URL ({@code jdbc:postgresql://…}, user and password from {@value
   * #USER_VARIABLE} and {@value #PASSWORD_VARIABLE}) or a directory for the embedded ledger ({@link
   * JdbcJobStore#embedded}).
   */
  static JobStore open(String where, ClientOptionsSource source) {
    if (where.startsWith("jdbc:")) {
      return JdbcJobStore.open(
          where,
          source.variable(USER_VARIABLE).orElse(null),
          source.variable(PASSWORD_VARIABLE).orElse(null));
    }
    return JdbcJobStore.embedded(Path.of(where));
  }
}
