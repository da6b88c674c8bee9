package dev.genjobs.client.creatify;

import dev.genjobs.client.core.ClientSettings;
import feign.RequestInterceptor;
import feign.RequestTemplate;

/** Creatify's two API-key headers, shared by both Creatify APIs. */
public final class CreatifyAuth implements RequestInterceptor {

  /** The environment variables of Creatify's two keys, shared by both Creatify APIs. */
  public static final String API_ID = "CREATIFY_API_ID";

  public static final String API_KEY = "CREATIFY_API_KEY";

  /** The variable that points both Creatify APIs at another host. */
  static final String BASE_URL = "CREATIFY_BASE_URL";

  /** Its key headers, logged as {@code ****}. */
  static final java.util.Set<String> HEADERS = java.util.Set.of("x-api-id", "x-api-key");

  private final ClientSettings options;

  public CreatifyAuth(ClientSettings options) {
    this.options = options;
  }

  @Override
  public void apply(RequestTemplate template) {
    template.header("X-API-ID", options.key(API_ID).reveal());
    template.header("X-API-KEY", options.key(API_KEY).reveal());
  }

  /** The same headers on a request written by hand. */
  org.apache.hc.core5.http.io.support.ClassicRequestBuilder apply(
      org.apache.hc.core5.http.io.support.ClassicRequestBuilder request) {
    return request
        .addHeader("X-API-ID", options.key(API_ID).reveal())
        .addHeader("X-API-KEY", options.key(API_KEY).reveal());
  }
}
