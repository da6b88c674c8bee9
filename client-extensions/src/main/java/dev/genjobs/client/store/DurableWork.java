package dev.genjobs.client.store;

import java.time.Instant;

/**
 * Work that must happen at a time even if the process that asked for it dies: a store that offers
 * it (the JDBC store, on db-scheduler) runs it on whichever instance on the ledger is running work,
 * one instance per execution, taking over the executions of an instance that died. The ledger
 * decides what the work means ({@link Handlers}); the store decides when and where it runs.
 * Thread-safe.
 *
 * <p>Polls and create deadlines are scheduled by the store itself, in the transaction that stores
 * the record (see {@link JobStore#durableWork()}); webhook confirmations through {@link
 * #confirmDeliveryNow}.
 */
public interface DurableWork {

  /** What the ledger does when work falls due; called on the store's work threads. */
  interface Handlers {
    /**
     * The create of {@code ledgerId} could no longer be running: if its record is still an intent,
     * resolve it like an interrupted create.
     */
    void createDeadlinePassed(String ledgerId);

    /**
     * The poll of {@code ledgerId} due at {@code dueAt} is due. Does nothing when the record's next
     * poll is no longer that one (it ended, or a webhook made an earlier poll due).
     *
     * @param retry whether this execution ran before without completing (its instance died, or it
     *     failed): its GET may already have been sent once
     */
    void pollDue(String ledgerId, Instant dueAt, boolean retry);

    /**
     * A webhook delivery named provider job {@code jobId} with the correlation token of the
     * unresolved record {@code ledgerId}: confirm the job exists at the record's provider (one GET)
     * before binding it to the record.
     *
     * @return null when done, or when to run this confirmation again (the record's create may still
     *     be answered: the delivery waits for that answer or the create's deadline)
     */
    Instant confirmDelivery(String ledgerId, String jobId);

    /** Time to delete ended records past their retention (recurring, on one instance at a time). */
    void retentionDue();
  }

  /**
   * Confirms a token-tagged delivery naming {@code jobId} for the record {@code ledgerId} now, on
   * an instance that runs work ({@link Handlers#confirmDelivery}); a repeated delivery while one is
   * pending adds nothing.
   */
  void confirmDeliveryNow(String ledgerId, String jobId);

  /**
   * Runs due work on this instance as {@code policy} says ({@link LedgerPolicy#workThreads()}
   * executions at a time, checking for due work every {@link LedgerPolicy#workEvery()}, heartbeats
   * every {@link LedgerPolicy#heartbeatEvery()}), until the returned handle is closed.
   *
   * @param instance this instance's name ({@code ClientOptions.instanceId}): the engine marks the
   *     executions it runs with it, so a person (or a test) can tell which instance holds what
   */
  Running run(Handlers handlers, LedgerPolicy policy, String instance);

  /** Work running on this instance; {@link #close()} stops picking and waits briefly for runs. */
  interface Running extends AutoCloseable {
    @Override
    void close();
  }
}
