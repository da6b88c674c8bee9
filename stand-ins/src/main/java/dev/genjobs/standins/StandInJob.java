package dev.genjobs.standins;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One job a stand-in runs: its status follows from the time since it was created, one {@link
 * StandInOptions#stepDuration()} per running status. Immutable.
 */
public final class StandInJob {

  private final String providerId;
  private final StandIn.Statuses statuses;
  private final String id;
  private final Instant createdAt;
  private final boolean fails;
  private final Duration step;
  private final JsonNode input;
  private final String model;
  private final URI webhook;

  StandInJob(
      String providerId,
      StandIn.Statuses statuses,
      String id,
      Instant createdAt,
      boolean fails,
      Duration step,
      JsonNode input,
      String model,
      URI webhook) {
    this.providerId = providerId;
    this.statuses = statuses;
    this.id = id;
    this.createdAt = createdAt;
    this.fails = fails;
    this.step = step;
    this.input = input;
    this.model = model;
    this.webhook = webhook;
  }

  /** The {@link StandIn#providerId()} of the stand-in that created it. */
  public String providerId() {
    return providerId;
  }

  public String id() {
    return id;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** What the job was created with (an empty object if nothing); do not change it. */
  public JsonNode input() {
    return input;
  }

  /** The model, or what the stand-in named the kind of job. */
  public String model() {
    return model;
  }

  /** Where its end is POSTed, if anywhere. */
  public Optional<URI> webhook() {
    return Optional.ofNullable(webhook);
  }

  /** When the job reaches its final status. */
  public Instant finishesAt() {
    return createdAt.plus(step.multipliedBy(statuses.running().size()));
  }

  public String status(Instant now) {
    long steps =
        step.isZero()
            ? Long.MAX_VALUE
            : Duration.between(createdAt, now).toMillis() / Math.max(1, step.toMillis());
    if (steps >= statuses.running().size()) {
      return fails ? statuses.failed() : statuses.succeeded();
    }
    return statuses.running().get((int) steps);
  }

  public boolean finished(Instant now) {
    String s = status(now);
    return s.equals(statuses.succeeded()) || s.equals(statuses.failed());
  }

  public boolean succeeded(Instant now) {
    return status(now).equals(statuses.succeeded());
  }

  public boolean failed(Instant now) {
    return status(now).equals(statuses.failed());
  }
}
