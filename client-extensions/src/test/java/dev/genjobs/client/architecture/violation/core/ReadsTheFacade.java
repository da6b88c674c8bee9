package dev.genjobs.client.architecture.violation.core;

import dev.genjobs.client.architecture.violation.ClientOptions;

/** A deliberate violation: shared code that reads the facade's settings class. */
public final class ReadsTheFacade {
  public int retries(ClientOptions options) {
    return options.retries();
  }
}
