package dev.genjobs.contracts.consumer;

import static dev.genjobs.contracts.consumer.ContractClients.CREATIFY_ID;
import static dev.genjobs.contracts.consumer.ContractClients.REVOKED_KEY;
import static dev.genjobs.contracts.consumer.ContractClients.apiKey;

import au.com.dius.pact.consumer.dsl.HttpInteractionBuilder;
import au.com.dius.pact.consumer.dsl.HttpRequestBuilder;
import au.com.dius.pact.consumer.dsl.HttpResponseBuilder;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import java.util.function.UnaryOperator;
import kotlin.jvm.functions.Function1;

/** What both Creatify APIs share in their interactions: two key headers, DRF error bodies. */
final class CreatifyRequests {

  private CreatifyRequests() {}

  /** A GET of {@code path} with Creatify's headers, answered by {@code response}. */
  static Function1<HttpInteractionBuilder, HttpInteractionBuilder> get(
      String path, String key, UnaryOperator<HttpResponseBuilder> response) {
    return i ->
        i.withRequest(r -> auth(r.method("GET").path(path), key)).willRespondWith(response::apply);
  }

  /** Creatify's two headers; the revoked key is a literal, a valid one any non-blank value. */
  static HttpRequestBuilder auth(HttpRequestBuilder r, String key) {
    return r.header("X-API-ID", apiKey(CREATIFY_ID))
        .header("X-API-KEY", key.equals(REVOKED_KEY) ? REVOKED_KEY : apiKey(key));
  }

  /** Django REST Framework's error body. */
  static PactDslJsonBody detail(String message) {
    return new PactDslJsonBody().stringType("detail", message);
  }
}
