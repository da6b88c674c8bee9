package dev.genjobs.client.store.jdbc.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads db-scheduler's table on a ledger, as an operator would: what is due, what is picked. */
public final class ScheduledTasks {

  /** The table the ledger's migrations create for db-scheduler. */
  public static final String TABLE = "genjobs_scheduled_tasks";

  /** One execution. {@code pickedBy} is the scheduler name of the instance running it. */
  public record Execution(String taskName, String taskInstance, boolean picked, String pickedBy) {}

  /** A way to a connection on the ledger's database. */
  @FunctionalInterface
  public interface Connector {
    Connection connect() throws SQLException;
  }

  private ScheduledTasks() {}

  /** Every execution of {@code taskName}. */
  public static List<Execution> executions(Connector database, String taskName) {
    try (Connection c = database.connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT task_name, task_instance, picked, picked_by FROM "
                    + TABLE
                    + " WHERE task_name = ?")) {
      s.setString(1, taskName);
      List<Execution> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Execution(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read " + TABLE, e);
    }
  }
}
