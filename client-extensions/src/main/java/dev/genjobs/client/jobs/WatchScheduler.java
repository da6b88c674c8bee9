package dev.genjobs.client.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the {@link JobWatcher} keeps time: when polls and wait timeouts are due. Tasks given to it
 * are short and never block (polls are sent asynchronously), so a few threads serve any number of
 * jobs. Tests replace it with a scheduler whose time they move by hand.
 */
public interface WatchScheduler extends AutoCloseable {

  /** A scheduled task that can be called off. */
  @FunctionalInterface
  interface Cancellable {
    /** Calls the task off if it has not started; false when it ran or is running. */
    boolean cancel();
  }

  /** The current time on this scheduler's clock. */
  Instant now();

  /** Runs {@code task} once after {@code delay} (at once when zero or negative). */
  Cancellable schedule(Runnable task, Duration delay);

  /** Stops; scheduled tasks do not run. */
  @Override
  void close();

  /** Daemon threads named {@code genjobs-watcher} on a {@link ScheduledThreadPoolExecutor}. */
  static WatchScheduler threads(int threads, Clock clock) {
    AtomicInteger created = new AtomicInteger();
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            threads,
            r -> {
              created.incrementAndGet();
              Thread t = new Thread(r, "genjobs-watcher");
              t.setDaemon(true);
              return t;
            });
    // Cancelled polls and timeouts leave the queue at once: 100,000 finished waits must not
    // linger until their original due time.
    executor.setRemoveOnCancelPolicy(true);
    return new WatchScheduler() {
      @Override
      public Instant now() {
        return clock.instant();
      }

      @Override
      public Cancellable schedule(Runnable task, Duration delay) {
        ScheduledFuture<?> f =
            executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
      }

      @Override
      public void close() {
        executor.shutdownNow();
      }
    };
  }
}
