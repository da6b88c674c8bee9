package dev.genjobs.client.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Reading a job id out of a webhook body, for the provider packages' {@code webhookJobId}. */
public final class WebhookBodies {

  private WebhookBodies() {}

  /**
   * The {@code id} of a job body sent at the top level or wrapped in {@code data}, when that body
   * also has {@code field}: the one that tells this provider's job apart from the others'.
   */
  public static Optional<String> idOfJobWith(JsonNode payload, String field) {
    JsonNode job = payload.has("id") ? payload : payload.path("data");
    String id = job.path("id").asText("");
    return !id.isBlank() && job.has(field) ? Optional.of(id) : Optional.empty();
  }
}
