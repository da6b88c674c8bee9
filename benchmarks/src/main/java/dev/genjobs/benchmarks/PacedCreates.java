package dev.genjobs.benchmarks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Creates arriving over time, as in a service: create {@code i} is started {@code i / rate} seconds
 * after the start, by one of a few harness threads ({@code bench-create}, not counted as the
 * client's). When the client cannot keep up, creates start late; how late the last one was is
 * reported, so a slow create path is seen rather than hidden in a longer run.
 */
public final class PacedCreates {

  private PacedCreates() {}

  /**
   * Runs {@code create.accept(i)} for {@code i} in {@code [0, jobs)}, {@code i} not before {@code
   * startAtMillis + i * 1000 / rate}, and returns the most any create started after its time, in
   * milliseconds. The first failure is rethrown.
   */
  public static long run(int jobs, double rate, long startAtMillis, int threads, IntConsumer create)
      throws InterruptedException, TimeoutException {
    ExecutorService creators =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "bench-create");
              t.setDaemon(true);
              return t;
            });
    AtomicInteger next = new AtomicInteger();
    AtomicLong slip = new AtomicLong();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    for (int c = 0; c < threads; c++) {
      creators.execute(
          () -> {
            try {
              for (int i = next.getAndIncrement();
                  i < jobs && failure.get() == null;
                  i = next.getAndIncrement()) {
                long due = startAtMillis + (long) (i * 1000.0 / rate);
                long wait = due - System.currentTimeMillis();
                if (wait > 0) Thread.sleep(wait);
                else slip.accumulateAndGet(-wait, Math::max);
                create.accept(i);
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
              failure.compareAndSet(null, e);
            }
          });
    }
    creators.shutdown();
    long budget = (long) (jobs / rate) + 600;
    if (!creators.awaitTermination(budget, TimeUnit.SECONDS)) {
      creators.shutdownNow();
      throw new TimeoutException("creates did not finish in " + budget + " s");
    }
    if (failure.get() != null) throw failure.get();
    return slip.get();
  }
}
