package dev.genjobs.contracts.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The build's contract gate (failsafe, after the consumer tests wrote the pacts): every interaction
 * of every pact must be accepted by its provider's newest spec. A spec change that breaks what
 * genjobs-java relies on fails here, one line per interaction and reason.
 */
class PactsMatchSpecsIT {

  /**
   * Every registered provider ({@code ProviderModule}s on the class path), so a new provider needs
   * a contract without an edit here.
   */
  private static final List<String> PROVIDERS =
      dev.genjobs.client.Provider.values().stream().map(dev.genjobs.client.Provider::id).toList();

  private final Path pacts = Path.of(System.getProperty("pact.dir", "target/pacts"));

  @Test
  void thereIsOnePactPerProvider() throws IOException {
    try (Stream<Path> files = Files.list(pacts)) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted())
          .containsExactlyElementsOf(
              PROVIDERS.stream().map(p -> "genjobs-java-" + p + ".json").toList());
    }
  }

  /**
   * The watcher's pushback depends on {@code Retry-After}: every provider's contract shows a 429
   * carrying it (and the test above checks the spec declares that header on that answer).
   */
  @Test
  void everyPactHasARateLimitedAnswerWithRetryAfter() throws IOException {
    ObjectMapper json = new ObjectMapper();
    for (String provider : PROVIDERS) {
      JsonNode pact = json.readTree(pacts.resolve("genjobs-java-" + provider + ".json").toFile());
      assertThat(pact.path("interactions"))
          .as("%s: a 429 interaction with Retry-After", provider)
          .anySatisfy(
              i -> {
                assertThat(i.path("response").path("status").asInt()).isEqualTo(429);
                assertThat(i.path("response").path("headers").has("Retry-After")).isTrue();
              });
    }
  }

  @Test
  void everyInteractionIsAcceptedByItsProvidersNewestSpec() {
    List<Mismatch> mismatches = PactSpecVerifier.againstNewestSpecs().verifyDirectory(pacts);

    if (!mismatches.isEmpty()) {
      fail(
          mismatches.size()
              + " pact interaction problem(s) against the providers' newest specs:\n"
              + mismatches.stream().map(Mismatch::line).collect(Collectors.joining("\n")));
    }
  }
}
