package dev.genjobs.standins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One provider's jobs on a stand-in server: a {@link StandIn} creates and finds its jobs here, and
 * never sees another provider's. Creating a job starts its clock and, if it has a webhook URL,
 * schedules the delivery of its end.
 */
public final class StandInJobs {

  private final StandIn standIn;
  private final Map<String, StandInJob> allJobs;
  private final StandInOptions options;
  private final Clock clock;
  private final Consumer<StandInJob> onCreated;

  StandInJobs(
      StandIn standIn,
      Map<String, StandInJob> allJobs,
      StandInOptions options,
      Clock clock,
      Consumer<StandInJob> onCreated) {
    this.standIn = standIn;
    this.allJobs = allJobs;
    this.options = options;
    this.clock = clock;
    this.onCreated = onCreated;
  }

  /**
   * A new job, in its first running status; it fails at its end if the options say this provider's
   * jobs fail.
   *
   * @param input what the job was created with, shown back by the provider; null for none
   * @param model the model, or a name for the kind of job
   * @param webhookUrl where to POST its end; null or blank for none
   */
  public StandInJob create(JsonNode input, String model, String webhookUrl) {
    StandInJob job =
        new StandInJob(
            standIn.providerId(),
            standIn.statuses(),
            UUID.randomUUID().toString(),
            clock.instant(),
            options.fails(standIn.providerId()),
            options.stepDuration(),
            input == null ? JsonNodeFactory.instance.objectNode() : input,
            model,
            webhookUrl == null || webhookUrl.isBlank() ? null : URI.create(webhookUrl));
    allJobs.put(job.id(), job);
    onCreated.accept(job);
    return job;
  }

  /** This provider's job with this id, if there is one. */
  public Optional<StandInJob> find(String id) {
    if (id == null) return Optional.empty();
    StandInJob job = allJobs.get(id);
    return job != null && job.providerId().equals(standIn.providerId())
        ? Optional.of(job)
        : Optional.empty();
  }

  /** This provider's jobs, in no particular order. */
  public List<StandInJob> all() {
    return allJobs.values().stream()
        .filter(j -> j.providerId().equals(standIn.providerId()))
        .toList();
  }

  /** The server's clock: render jobs at this instant. */
  public Instant now() {
    return clock.instant();
  }
}
