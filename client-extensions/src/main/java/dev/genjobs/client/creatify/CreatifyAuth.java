package dev.genjobs.client.creatify;

import dev.genjobs.client.ClientOptions;
import feign.RequestInterceptor;
import feign.RequestTemplate;

/** Creatify's two API-key headers, shared by both Creatify APIs. */
public final class CreatifyAuth implements RequestInterceptor {

  private final ClientOptions options;

  public CreatifyAuth(ClientOptions options) {
    this.options = options;
  }

  @Override
  public void apply(RequestTemplate template) {
    template.header("X-API-ID", options.creatifyApiId().reveal());
    template.header("X-API-KEY", options.creatifyApiKey().reveal());
  }

  /** The same headers on a request sent straight to the JDK client. */
  java.net.http.HttpRequest.Builder apply(java.net.http.HttpRequest.Builder request) {
    return request
        .header("X-API-ID", options.creatifyApiId().reveal())
        .header("X-API-KEY", options.creatifyApiKey().reveal());
  }
}
