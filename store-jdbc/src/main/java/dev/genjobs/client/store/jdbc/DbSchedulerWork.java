package dev.genjobs.client.store.jdbc;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.genjobs.client.store.DurableWork;
import dev.genjobs.client.store.JobRecord;
import dev.genjobs.client.store.LedgerPolicy;
import dev.genjobs.client.store.LedgerState;
import dev.genjobs.client.store.jdbc.internal.Dialect;
import dev.genjobs.client.store.jdbc.internal.DurableScheduler;
import dev.genjobs.client.store.jdbc.internal.TransactionConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The JDBC store's durable work on db-scheduler: executions in {@value DurableScheduler#TABLE},
 * scheduled inside a ledger transaction, run by whichever instance runs a scheduler.
 *
 * <p>A poll is one execution of {@value #POLL}, its instance id the record's ledger id and the
 * poll's due time ({@code <ledgerId>@<epoch millis>}): the record says which poll it expects next,
 * so an execution for an older due time (a webhook made a poll due earlier) finds itself stale and
 * does nothing, and a record's polls never need a lock of ours. db-scheduler picks each execution
 * on one instance, heartbeats it, and revives it on another instance when its instance dies; it is
 * then run again as a retry.
 */
final class DbSchedulerWork implements DurableWork {

  /** db-scheduler task name: resolve an intent whose create could no longer be running. */
  static final String CREATE_DEADLINE = "genjobs-create-deadline";

  /** db-scheduler task name: one due poll of one record. */
  static final String POLL = "genjobs-poll";

  /** db-scheduler task name: confirm a token-tagged webhook delivery before binding its job. */
  static final String CONFIRM_DELIVERY = "genjobs-confirm-delivery";

  /** db-scheduler recurring task: delete ended records past their retention. */
  static final String RETENTION = "genjobs-retention";

  /** How often retention runs; once on the first start of work on a ledger. */
  static final Duration RETENTION_EVERY = Duration.ofHours(1);

  /** How long {@link Running#close()} waits for executions in progress. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(5);

  /**
   * After a poll or confirmation that threw (its result could not be stored): 1 s, doubling. The
   * record keeps the poll's due time meanwhile, so the retry polls again.
   */
  private static final Duration RETRY_FIRST = Duration.ofSeconds(1);

  private final JdbcJobStore store;
  private final DataSource dataSource;
  private final Dialect dialect;
  private final Clock clock;
  private final TransactionConnection transaction = new TransactionConnection();
  private final SchedulerClient client;

  /** What the client schedules; a client never executes, so its handlers do nothing. */
  private final OneTimeTasks scheduled = tasks(NO_HANDLERS);

  DbSchedulerWork(JdbcJobStore store, DataSource dataSource, Dialect dialect) {
    this.store = store;
    this.dataSource = dataSource;
    this.dialect = dialect;
    // db-scheduler compares execution times with this JVM's clock; so do we (see README).
    this.clock = Clock.systemUTC();
    this.client = DurableScheduler.client(transaction, dialect, scheduled.all());
  }

  /** The one-time tasks, built on {@code handlers}. */
  private record OneTimeTasks(
      OneTimeTask<Void> createDeadline, OneTimeTask<Void> poll, CustomTask<Void> confirm) {
    List<Task<?>> all() {
      return List.of(createDeadline, poll, confirm);
    }
  }

  private static OneTimeTasks tasks(Handlers handlers) {
    OneTimeTask<Void> createDeadline =
        Tasks.oneTime(CREATE_DEADLINE)
            .execute((instance, context) -> handlers.createDeadlinePassed(instance.getId()));
    OneTimeTask<Void> poll =
        Tasks.oneTime(POLL)
            .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(RETRY_FIRST, 2.0))
            .execute(
                (instance, context) -> {
                  String id = instance.getId();
                  int at = id.lastIndexOf('@');
                  handlers.pollDue(
                      id.substring(0, at),
                      Instant.ofEpochMilli(Long.parseLong(id.substring(at + 1))),
                      // Ran before without completing: its instance died, or it threw.
                      context.getExecution().consecutiveFailures > 0);
                });
    CustomTask<Void> confirm =
        Tasks.custom(CONFIRM_DELIVERY, Void.class)
            .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(RETRY_FIRST, 2.0))
            .execute(
                (instance, context) -> {
                  String id = instance.getId();
                  int at = id.indexOf('@'); // ledger ids are UUIDs; a job id may hold '@'
                  Instant again =
                      handlers.confirmDelivery(id.substring(0, at), id.substring(at + 1));
                  if (again == null) return new CompletionHandler.OnCompleteRemove<>();
                  return (complete, operations) -> operations.reschedule(complete, again);
                });
    return new OneTimeTasks(createDeadline, poll, confirm);
  }

  /** The instance id of the poll of {@code ledgerId} due at {@code dueAt}. */
  static String pollId(String ledgerId, Instant dueAt) {
    return ledgerId + "@" + dueAt.toEpochMilli();
  }

  /**
   * Schedules the resolution of the intent {@code r} at its create deadline on the store's
   * transaction {@code c}: the intent and the work that resolves it commit together.
   */
  void intentStored(Connection c, JobRecord r) throws SQLException {
    if (r.state() != LedgerState.INTENT || r.createDeadlineAt().isEmpty()) return;
    Instant deadline = r.createDeadlineAt().get();
    inTransaction(
        c,
        () ->
            client.scheduleIfNotExists(
                scheduled.createDeadline().instance(r.ledgerId()), deadline));
  }

  @Override
  public void confirmDeliveryNow(String ledgerId, String jobId) {
    store.write(
        "schedule the confirmation of " + jobId + " for " + ledgerId,
        c ->
            inTransaction(
                c,
                () ->
                    client.scheduleIfNotExists(
                        scheduled.confirm().instance(ledgerId + "@" + jobId), clock.instant())));
  }

  /**
   * Keeps the poll schedule in step with a record being stored, on the store's transaction {@code
   * c}: when the record's next poll time changed, the execution for the new time is scheduled and
   * the one for the old time, if not running, is deleted. A record whose poll is no longer due
   * (ended, abandoned) loses its pending execution the same way.
   */
  void pollScheduleChanged(Connection c, Optional<JobRecord> before, JobRecord after)
      throws SQLException {
    Optional<Instant> was = before.flatMap(JobRecord::nextPollAt);
    Optional<Instant> now = after.state().isOpen() ? after.nextPollAt() : Optional.empty();
    if (was.map(Instant::toEpochMilli).equals(now.map(Instant::toEpochMilli))) return;
    if (was.isPresent()) {
      DurableScheduler.deleteIfNotPicked(c, POLL, pollId(after.ledgerId(), was.get()));
    }
    if (now.isPresent()) {
      Instant due = now.get();
      inTransaction(
          c,
          () ->
              client.scheduleIfNotExists(
                  scheduled.poll().instance(pollId(after.ledgerId(), due)), due));
    }
  }

  private <T> T inTransaction(Connection c, java.util.concurrent.Callable<T> work)
      throws SQLException {
    try {
      return transaction.with(c, work);
    } catch (SQLException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e); // with() only passes on what the call threw
    }
  }

  @Override
  public Running run(Handlers handlers, LedgerPolicy policy, String instance) {
    RecurringTask<Void> retention =
        Tasks.recurring(RETENTION, FixedDelay.of(RETENTION_EVERY))
            .execute((execution, context) -> handlers.retentionDue());
    Scheduler scheduler =
        DurableScheduler.builder(dataSource, dialect, tasks(handlers).all(), policy.workThreads())
            // One row for all instances: the first to start schedules it, one at a time runs it.
            .startTasks(retention)
            // picked_by names the instance (db-scheduler's default is the host name, the same for
            // every instance on one machine or in one pod template).
            .schedulerName(new SchedulerName.Fixed(instance))
            .pollingInterval(policy.workEvery())
            .heartbeatInterval(policy.heartbeatEvery())
            .missedHeartbeatsLimit(LedgerPolicy.MISSED_HEARTBEATS)
            .shutdownMaxWait(STOP_WAIT)
            .build();
    scheduler.start();
    return scheduler::stop;
  }

  private static final Handlers NO_HANDLERS =
      new Handlers() {
        @Override
        public void createDeadlinePassed(String ledgerId) {}

        @Override
        public void pollDue(String ledgerId, Instant dueAt, boolean retry) {}

        @Override
        public Instant confirmDelivery(String ledgerId, String jobId) {
          return null;
        }

        @Override
        public void retentionDue() {}
      };
}
