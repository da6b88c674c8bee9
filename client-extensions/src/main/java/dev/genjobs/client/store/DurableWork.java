package dev.genjobs.client.store;

import java.time.Duration;
import java.time.Instant;

/**
 * Work that must happen at a time even if the process that asked for it dies: a store that offers
 * it (the JDBC store, on db-scheduler) runs it on whichever instance on the ledger is running work.
 * The ledger decides what the work means ({@link Handlers}); the store decides when and where it
 * runs. Thread-safe.
 */
public interface DurableWork {

  /** What the ledger does when work falls due; called on the store's work threads. */
  interface Handlers {
    /**
     * The create of {@code ledgerId} could no longer be running: if its record is still an intent,
     * resolve it like an interrupted create.
     */
    void createDeadlinePassed(String ledgerId);

    /** Time to delete ended records past their retention (recurring, on one instance at a time). */
    void retentionDue();
  }

  /**
   * Resolves the intent of {@code ledgerId} at {@code deadline} on an instance that runs work,
   * unless its outcome was stored first (the handler then finds nothing to do). Called right after
   * the intent is stored, before the create is sent.
   */
  void resolveIntentAt(String ledgerId, Instant deadline);

  /**
   * Runs due work on this instance, at most {@code threads} at a time, picking every {@code
   * pollEvery}, until the returned handle is closed.
   */
  Running run(Handlers handlers, int threads, Duration pollEvery);

  /** Work running on this instance; {@link #close()} stops picking and waits briefly for runs. */
  interface Running extends AutoCloseable {
    @Override
    void close();
  }
}
