package dev.genjobs.standins;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/** One job a stand-in runs: its status follows from the time since it was created. */
final class StandInJob {

  final StandInProvider provider;
  final String id;
  final Instant createdAt;
  final boolean fails;
  final Duration step;
  final JsonNode input;
  final String model;
  final URI webhook;

  StandInJob(
      StandInProvider provider,
      String id,
      Instant createdAt,
      boolean fails,
      Duration step,
      JsonNode input,
      String model,
      URI webhook) {
    this.provider = provider;
    this.id = id;
    this.createdAt = createdAt;
    this.fails = fails;
    this.step = step;
    this.input = input;
    this.model = model;
    this.webhook = webhook;
  }

  /** When the job reaches its final status. */
  Instant finishesAt() {
    return createdAt.plus(step.multipliedBy(provider.runningStatuses().size()));
  }

  String status(Instant now) {
    long steps =
        step.isZero()
            ? Long.MAX_VALUE
            : Duration.between(createdAt, now).toMillis() / Math.max(1, step.toMillis());
    if (steps >= provider.runningStatuses().size()) {
      return fails ? provider.failedStatus() : provider.succeededStatus();
    }
    return provider.runningStatuses().get((int) steps);
  }

  boolean finished(Instant now) {
    String s = status(now);
    return s.equals(provider.succeededStatus()) || s.equals(provider.failedStatus());
  }

  boolean succeeded(Instant now) {
    return status(now).equals(provider.succeededStatus());
  }
}
