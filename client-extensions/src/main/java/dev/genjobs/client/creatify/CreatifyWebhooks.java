package dev.genjobs.client.creatify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** What Creatify's two job APIs' webhook deliveries have in common. */
final class CreatifyWebhooks {

  private CreatifyWebhooks() {}

  /**
   * The {@code id} of a Creatify job body sent at the top level or wrapped in {@code data}, when
   * the body has {@code field}, the one that tells the two Creatify job kinds apart.
   */
  static Optional<String> jobIdOfBodyWith(JsonNode payload, String field) {
    JsonNode job = payload.has("id") ? payload : payload.path("data");
    String id = job.path("id").asText("");
    return !id.isBlank() && job.has(field) ? Optional.of(id) : Optional.empty();
  }
}
