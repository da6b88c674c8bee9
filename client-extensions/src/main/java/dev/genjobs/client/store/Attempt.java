package dev.genjobs.client.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a record's history: the create being sent and answered, resolutions, confirmations
 * and the end. Never holds a secret.
 *
 * @param at when it happened
 * @param event what happened, e.g. {@code create-sent}, {@code created}, {@code ambiguous}, {@code
 *     webhook}, {@code ended}, {@code bound}, {@code abandoned}
 * @param detail a short, secret-free explanation (a status, an error class and message)
 * @param instance which client instance recorded it
 */
public record Attempt(Instant at, String event, String detail, String instance) {
  public Attempt {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(event, "event");
    detail = detail == null ? "" : detail;
    instance = instance == null ? "" : instance;
  }
}
