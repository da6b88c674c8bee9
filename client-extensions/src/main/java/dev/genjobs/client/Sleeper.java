package dev.genjobs.client;

import java.time.Duration;

/** Waits between retries. An extension point so tests can record waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

  void sleep(Duration duration) throws InterruptedException;

  Sleeper SYSTEM =
      d -> {
        if (!d.isZero() && !d.isNegative()) Thread.sleep(d.toMillis());
      };
}
