package dev.genjobs.verifylive.creatify;

import dev.genjobs.client.ClientOptions;
import java.util.Map;

/** Creatify's two API-key headers, the same for both of its APIs. */
final class CreatifyHeaders {

  private CreatifyHeaders() {}

  static Map<String, String> of(ClientOptions options) {
    return Map.of(
        "X-API-ID", options.creatifyApiId().reveal(),
        "X-API-KEY", options.creatifyApiKey().reveal());
  }
}
