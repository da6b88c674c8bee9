package dev.genjobs.contracts.stubs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How interactions become stubs: matching, specificity and provider states, on a small pact. */
class PactStubServerTest {

  private static final String PACT =
      """
      {"consumer": {"name": "c"}, "provider": {"name": "p"},
       "metadata": {"pactSpecification": {"version": "4.0"}},
       "interactions": [
        {"type": "Synchronous/HTTP", "description": "create ok", "providerStates": [{"name": "up"}],
         "request": {"method": "POST", "path": "/things",
           "headers": {"key": ["good"], "Content-Type": ["application/json"]},
           "body": {"content": {"kind": "box", "size": 3, "tags": ["a"]}, "contentType": "application/json", "encoded": false},
           "matchingRules": {"header": {"key": {"matchers": [{"match": "regex", "regex": "\\\\S+"}]}},
                             "body": {"$.size": {"matchers": [{"match": "type"}]},
                                      "$.tags": {"matchers": [{"match": "type", "min": 1}]}}}},
         "response": {"status": 201, "headers": {"Content-Type": ["application/json"]},
           "body": {"content": {"id": "t1"}, "contentType": "application/json", "encoded": false}}},
        {"type": "Synchronous/HTTP", "description": "create while down", "providerStates": [{"name": "down"}],
         "request": {"method": "POST", "path": "/things",
           "headers": {"key": ["good"], "Content-Type": ["application/json"]},
           "body": {"content": {"kind": "box", "size": 3, "tags": ["a"]}, "contentType": "application/json", "encoded": false},
           "matchingRules": {"header": {"key": {"matchers": [{"match": "regex", "regex": "\\\\S+"}]}},
                             "body": {"$.size": {"matchers": [{"match": "type"}]},
                                      "$.tags": {"matchers": [{"match": "type", "min": 1}]}}}},
         "response": {"status": 500}},
        {"type": "Synchronous/HTTP", "description": "revoked",
         "request": {"method": "POST", "path": "/things", "headers": {"key": ["revoked"]}},
         "response": {"status": 401}},
        {"type": "Synchronous/HTTP", "description": "a file",
         "request": {"method": "GET", "path": "/file", "query": {"id": ["f1"]}},
         "response": {"status": 200, "body": {"content": "AAEC", "contentType": "application/octet-stream", "encoded": "base64"}}}
       ]}
      """;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void givenNoState_thenTheSpecificAndTheSuccessfulInteractionsWin(@TempDir Path dir)
      throws Exception {
    try (PactStubServer stub = PactStubServer.builder().pact(pact(dir)).start()) {
      assertThat(post(stub, "good", "{\"kind\":\"box\",\"size\":99,\"tags\":[\"x\",\"y\"]}"))
          .isEqualTo("201 {\"id\":\"t1\"}");
      assertThat(post(stub, "revoked", "{}")).startsWith("401");
      assertThat(post(stub, "good", "{\"kind\":\"bag\",\"size\":3,\"tags\":[\"a\"]}"))
          .as("a literal leaf must be equal")
          .startsWith("404");
    }
  }

  @Test
  void givenAState_thenOnlyItsInteractionsAndStatelessOnesAreServed(@TempDir Path dir)
      throws Exception {
    try (PactStubServer stub = PactStubServer.builder().pact(pact(dir)).state("down").start()) {
      assertThat(stub.interactions())
          .containsExactlyInAnyOrder("create while down", "revoked", "a file");
      assertThat(post(stub, "good", "{\"kind\":\"box\",\"size\":3,\"tags\":[\"a\"]}"))
          .startsWith("500");
    }
  }

  @Test
  void givenABase64Body_thenTheBytesAreServed(@TempDir Path dir) throws Exception {
    try (PactStubServer stub = PactStubServer.builder().pact(pact(dir)).start()) {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(stub.baseUrl().resolve("/file?id=f1")).build(),
              HttpResponse.BodyHandlers.ofByteArray());

      assertThat(response.body()).containsExactly(0, 1, 2);
      assertThat(response.headers().firstValue("Content-Type"))
          .contains("application/octet-stream");
    }
  }

  private static Path pact(Path dir) throws Exception {
    return Files.writeString(dir.resolve("c-p.json"), PACT);
  }

  private String post(PactStubServer stub, String key, String body) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/things"))
                .header("key", key)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }
}
