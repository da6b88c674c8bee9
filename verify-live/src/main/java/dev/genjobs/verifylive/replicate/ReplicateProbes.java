package dev.genjobs.verifylive.replicate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.Provider;
import dev.genjobs.client.replicate.ReplicateModule;
import dev.genjobs.verifylive.Probe;
import dev.genjobs.verifylive.Probe.Call;
import dev.genjobs.verifylive.ProviderProbes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * Replicate: the prediction list, then one prediction (the one given, else the newest of the list).
 * Only the prediction operations are asked, the ones the client calls and whose answers the overlay
 * declares; every other GET of the spec is listed in {@link #notAsked()} with its reason.
 */
public final class ReplicateProbes implements ProviderProbes {

  /** The environment variable of the API token, as the client's Replicate module reads it. */
  public static final String TOKEN_VARIABLE = ReplicateModule.API_TOKEN;

  static final Provider REPLICATE = ReplicateModule.PROVIDER;

  private static final String OUTSIDE_PREDICTIONS =
      "outside predictions: the client does not call it";
  private static final String NO_BODY = "; the published response declares no body to check";

  @Override
  public Provider provider() {
    return REPLICATE;
  }

  @Override
  public Map<String, String> authHeaders(ClientOptions options) {
    return Map.of("Authorization", "Bearer " + options.key(TOKEN_VARIABLE).reveal());
  }

  @Override
  public List<Probe> probes() {
    return List.of(
        Probe.of("predictions.list", "/predictions"),
        new Probe(
            "predictions.get",
            context ->
                context
                    .jobId()
                    .or(() -> context.answer("predictions.list").flatMap(ReplicateProbes::newest))
                    .map(id -> Call.of("/predictions/" + Probe.segment(id)))));
  }

  @Override
  public Map<String, String> notAsked() {
    return Map.ofEntries(
        Map.entry(
            "account.get",
            OUTSIDE_PREDICTIONS + " (the token's account: name, username, GitHub URL)"),
        Map.entry("collections.list", OUTSIDE_PREDICTIONS + NO_BODY),
        Map.entry("collections.get", OUTSIDE_PREDICTIONS + NO_BODY),
        Map.entry("deployments.list", OUTSIDE_PREDICTIONS + " (the account's deployments)"),
        Map.entry(
            "deployments.get",
            OUTSIDE_PREDICTIONS + "; needs the owner and name of one of the account's deployments"),
        Map.entry("hardware.list", OUTSIDE_PREDICTIONS + " (the hardware SKUs models run on)"),
        Map.entry("models.list", OUTSIDE_PREDICTIONS + NO_BODY),
        Map.entry("models.get", OUTSIDE_PREDICTIONS + NO_BODY),
        Map.entry("models.versions.list", OUTSIDE_PREDICTIONS + NO_BODY),
        Map.entry("models.versions.get", OUTSIDE_PREDICTIONS + NO_BODY),
        Map.entry("trainings.list", OUTSIDE_PREDICTIONS + NO_BODY),
        Map.entry("trainings.get", OUTSIDE_PREDICTIONS + NO_BODY),
        Map.entry(
            "webhooks.default.secret.get",
            "answers the account's webhook signing secret: a drift check does not fetch secrets"));
  }

  /** The id of the newest prediction of a list answer: the first, the list is newest first. */
  private static Optional<String> newest(JsonNode page) {
    return StreamSupport.stream(page.path("results").spliterator(), false)
        .filter(p -> p.path("id").isTextual())
        .findFirst()
        .map(p -> p.path("id").asText());
  }
}
