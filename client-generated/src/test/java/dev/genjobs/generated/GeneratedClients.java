package dev.genjobs.generated;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import feign.Feign;
import feign.form.FormEncoder;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import java.util.List;
import java.util.Map;

/**
 * Builds a generated API interface the plain Feign way, with no help from client-extensions, so the
 * tests prove what the generated code does on its own. Servers listen on loopback only.
 */
final class GeneratedClients {

  /**
   * One mapper for all tests, configured before first use (Jackson caches serializers, so inclusion
   * set later would not apply): unknown fields ignored, java.time types, nulls not sent.
   */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  private GeneratedClients() {}

  /** A WireMock server on 127.0.0.1 and a free port, reset between tests. */
  static WireMockExtension loopbackWireMock() {
    return WireMockExtension.newInstance()
        .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
        .build();
  }

  /**
   * A Feign client of {@code api} calling {@code server}, adding {@code authHeaders} to every call.
   */
  static <T> T target(Class<T> api, WireMockExtension server, Map<String, String> authHeaders) {
    return Feign.builder()
        .encoder(new FormEncoder(new JacksonEncoder(MAPPER)))
        .decoder(new JacksonDecoder(MAPPER))
        .requestInterceptor(template -> authHeaders.forEach(template::header))
        .target(api, "http://127.0.0.1:" + server.getPort());
  }

  /** The one request the server received; fails if there were none or several. */
  static LoggedRequest onlyRequest(WireMockExtension server) {
    List<LoggedRequest> requests =
        server.getAllServeEvents().stream().map(e -> e.getRequest()).toList();
    if (requests.size() != 1) {
      throw new AssertionError("expected exactly one request, got " + requests.size());
    }
    return requests.get(0);
  }
}
