package dev.genjobs.standins;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.UUID;

/** Answers as every provider sends them, for {@link StandIn#answer}. */
public final class StandInAnswers {

  private StandInAnswers() {}

  /** A JSON answer with a fresh {@code X-Request-Id}, as the providers send. */
  public static ResponseDefinition json(int status, JsonNode body) {
    return new ResponseDefinitionBuilder()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader("X-Request-Id", UUID.randomUUID().toString())
        .withBody(body.toString())
        .build();
  }
}
