package dev.genjobs.standins.creatify;

import static dev.genjobs.standins.StandInAnswers.json;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.Optional;

/** What both Creatify APIs share: the key pair in two headers, and errors as {@code detail}. */
final class CreatifyAuth {

  private CreatifyAuth() {}

  /** The 401 Creatify answers when either header is missing; empty when both are there. */
  static Optional<ResponseDefinition> rejected(Request r) {
    if (r.containsHeader("X-API-ID") && r.containsHeader("X-API-KEY")) return Optional.empty();
    return Optional.of(json(401, detail("Authentication credentials were not provided.")));
  }

  static ObjectNode detail(String message) {
    return JsonNodeFactory.instance.objectNode().put("detail", message);
  }
}
