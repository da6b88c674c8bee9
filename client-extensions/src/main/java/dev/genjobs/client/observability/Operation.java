package dev.genjobs.client.observability;

import dev.genjobs.client.Provider;

/**
 * One provider operation as the retry rules see it.
 *
 * @param provider who is called
 * @param name the spec's operationId, e.g. {@code create_job}
 * @param kind whether repeating it is safe
 */
public record Operation(Provider provider, String name, Kind kind) {

  public enum Kind {
    /** Reads (GET, polling): repeating changes nothing. */
    READ,
    /** Writes whose repeat has the same effect as one call, e.g. cancelling a job. */
    IDEMPOTENT_WRITE,
    /** Creates a job: a repeat can start and bill a second job. */
    CREATE
  }

  public static Operation read(Provider provider, String name) {
    return new Operation(provider, name, Kind.READ);
  }

  public static Operation create(Provider provider, String name) {
    return new Operation(provider, name, Kind.CREATE);
  }

  public static Operation idempotentWrite(Provider provider, String name) {
    return new Operation(provider, name, Kind.IDEMPOTENT_WRITE);
  }
}
