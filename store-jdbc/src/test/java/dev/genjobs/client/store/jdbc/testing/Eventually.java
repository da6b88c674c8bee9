package dev.genjobs.client.store.jdbc.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition by re-checking it until a deadline: a wait on an outcome, not a sleep. */
public final class Eventually {

  private static final long RECHECK_MILLIS = 50;

  private Eventually() {}

  /** Returns once {@code condition} holds; fails with {@code what} and the last state if not. */
  public static void await(
      String what, Duration timeout, BooleanSupplier condition, Supplier<?> state)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout + ": " + what + "; " + state.get());
      }
      TimeUnit.MILLISECONDS.sleep(RECHECK_MILLIS);
    }
  }

  public static void await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    await(what, timeout, condition, () -> "");
  }
}
