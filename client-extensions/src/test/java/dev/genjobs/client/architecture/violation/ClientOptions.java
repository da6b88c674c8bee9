package dev.genjobs.client.architecture.violation;

/** Fixture: the facade's settings class. */
public final class ClientOptions {
  public int retries() {
    return 3;
  }
}
