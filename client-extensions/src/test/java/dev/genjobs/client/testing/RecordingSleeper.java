package dev.genjobs.client.testing;

import dev.genjobs.client.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Sleeper} that never sleeps: it records each requested wait and advances its {@link
 * TestClock} (if any) by that much, so retry tests are fast and can assert the exact waits.
 * Thread-safe.
 */
public final class RecordingSleeper implements Sleeper {

  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final TestClock clock;

  /** Records waits and moves {@code clock} forward by each; {@code clock} may be null. */
  public RecordingSleeper(TestClock clock) {
    this.clock = clock;
  }

  public RecordingSleeper() {
    this(null);
  }

  @Override
  public void sleep(Duration duration) {
    waits.add(duration);
    if (clock != null) clock.advance(duration);
  }

  /** Every wait requested so far, in order. */
  public List<Duration> waits() {
    return List.copyOf(waits);
  }

  /** The sum of all waits. */
  public Duration total() {
    return waits.stream().reduce(Duration.ZERO, Duration::plus);
  }

  public void clear() {
    waits.clear();
  }
}
