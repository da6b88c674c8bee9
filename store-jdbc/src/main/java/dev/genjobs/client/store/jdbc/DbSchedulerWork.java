package dev.genjobs.client.store.jdbc;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.genjobs.client.store.DurableWork;
import dev.genjobs.client.store.jdbc.internal.Dialect;
import dev.genjobs.client.store.jdbc.internal.DurableScheduler;
import dev.genjobs.client.store.jdbc.internal.TransactionConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The JDBC store's durable work on db-scheduler: executions in {@value DurableScheduler#TABLE},
 * scheduled inside a ledger transaction, run by whichever instance runs a scheduler.
 */
final class DbSchedulerWork implements DurableWork {

  /** db-scheduler task name: resolve an intent whose create could no longer be running. */
  static final String CREATE_DEADLINE = "genjobs-create-deadline";

  /** db-scheduler recurring task: delete ended records past their retention. */
  static final String RETENTION = "genjobs-retention";

  /** How often retention runs; once on the first start of work on a ledger. */
  static final Duration RETENTION_EVERY = Duration.ofHours(1);

  /** How long {@link Running#close()} waits for executions in progress. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(5);

  private final JdbcJobStore store;
  private final DataSource dataSource;
  private final Dialect dialect;
  private final TransactionConnection transaction = new TransactionConnection();
  private final SchedulerClient client;

  /** What the client schedules; a client never executes, so its task does nothing. */
  private final List<Task<?>> scheduled = tasks(ledgerId -> {});

  DbSchedulerWork(JdbcJobStore store, DataSource dataSource, Dialect dialect) {
    this.store = store;
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.client = DurableScheduler.client(transaction, dialect, scheduled);
  }

  private static List<Task<?>> tasks(Consumer<String> createDeadlinePassed) {
    OneTimeTask<Void> createDeadline =
        Tasks.oneTime(CREATE_DEADLINE)
            .execute((instance, context) -> createDeadlinePassed.accept(instance.getId()));
    return List.of(createDeadline);
  }

  @Override
  public void resolveIntentAt(String ledgerId, Instant deadline) {
    @SuppressWarnings("unchecked")
    OneTimeTask<Void> task = (OneTimeTask<Void>) scheduled.get(0);
    store.write(
        "schedule the create deadline of " + ledgerId,
        c -> {
          try {
            return transaction.with(
                c, () -> client.scheduleIfNotExists(task.instance(ledgerId), deadline));
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new IllegalStateException(e); // with() only passes on what the call threw
          }
        });
  }

  @Override
  public Running run(Handlers handlers, int threads, Duration pollEvery) {
    RecurringTask<Void> retention =
        Tasks.recurring(RETENTION, FixedDelay.of(RETENTION_EVERY))
            .execute((instance, context) -> handlers.retentionDue());
    Scheduler scheduler =
        DurableScheduler.builder(
                dataSource, dialect, tasks(handlers::createDeadlinePassed), threads)
            // One row for all instances: the first to start schedules it, one at a time runs it.
            .startTasks(retention)
            .pollingInterval(pollEvery)
            .shutdownMaxWait(STOP_WAIT)
            .build();
    scheduler.start();
    return scheduler::stop;
  }
}
