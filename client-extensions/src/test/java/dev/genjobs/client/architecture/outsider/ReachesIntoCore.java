package dev.genjobs.client.architecture.outsider;

import dev.genjobs.client.architecture.violation.core.LeakyRetry;

/** A deliberate violation: code outside the library that uses its core. */
public final class ReachesIntoCore {
  public boolean retry(int status) {
    return new LeakyRetry().retry(status);
  }
}
