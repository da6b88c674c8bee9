package dev.genjobs.verifylive.replicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.Provider;
import dev.genjobs.client.errors.MissingCredentialsException;
import dev.genjobs.standins.AnswerRewriter;
import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import dev.genjobs.verifylive.Finding;
import dev.genjobs.verifylive.Finding.Kind;
import dev.genjobs.verifylive.LiveCheck;
import dev.genjobs.verifylive.LiveReport;
import dev.genjobs.verifylive.ProviderProbes;
import dev.genjobs.verifylive.spec.ProviderSpec;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replicate's probes against the Replicate stand-in: as it answers, the predictions conform to the
 * effective spec; with an answer drifted, the check names the drift. Replicate's client module is
 * not on this classpath, so the provider is not in {@code Provider.values()}: the options name its
 * base URL and token directly.
 */
class ReplicateProbesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "r8_live-check-token-5c3e";
  private static final Provider REPLICATE =
      Provider.of("replicate", "Replicate", "https://api.replicate.com/v1");

  private static volatile AnswerRewriter drift = (method, path, answer) -> answer;

  private static ProviderStandIns standIns;
  private static ClientOptions options;
  private static String newer;
  private static String finished;

  @BeforeAll
  static void startTheStandInWithTwoPredictions() throws Exception {
    standIns =
        ProviderStandIns.start(
            StandInOptions.builder()
                .stepDuration(Duration.ofMillis(50))
                .answers((method, path, answer) -> drift.rewrite(method, path, answer))
                .build());
    options =
        ClientOptions.builder()
            .baseUrl(REPLICATE, standIns.baseUrl())
            .key(ReplicateProbes.TOKEN_VARIABLE, TOKEN)
            .build();
    finished = create("{\"version\":\"o/m:v1\",\"input\":{\"prompt\":\"a fox\"}}", "wait");
    newer = create("{\"version\":\"o/m:v1\",\"input\":{\"prompt\":\"a cat\"}}", null);
  }

  @AfterAll
  static void stop() {
    standIns.close();
  }

  @AfterEach
  void noDrift() {
    drift = (method, path, answer) -> answer;
  }

  @Test
  void theProbesAreRegisteredForTheProviderTheClientWillDefine() {
    // Provider equality is by id: the client package's Replicate value finds these probes.
    assertThat(ProviderProbes.of(REPLICATE)).isInstanceOf(ReplicateProbes.class);
  }

  @Test
  void everyGetOfTheSpecIsProbedOrExcused() {
    // What ProbesCoverTheSpecTest checks for every provider in Provider.values(), which will
    // include Replicate once its client module is registered.
    ProviderProbes probes = ProviderProbes.of(REPLICATE);
    Set<String> gets = new HashSet<>();
    for (JsonNode item : ProviderSpec.newest("replicate").published().path("paths")) {
      String id = item.path("get").path("operationId").asText("");
      if (!id.isEmpty()) gets.add(id);
    }
    Set<String> covered = new HashSet<>(probes.notAsked().keySet());
    probes.probes().forEach(p -> covered.add(p.name()));

    assertThat(covered).isEqualTo(gets);
    assertThat(probes.probes())
        .extracting(p -> p.name())
        .containsExactly("predictions.list", "predictions.get");
  }

  @Test
  void theStandInsPredictionsConformToTheSpec() {
    for (String id : new String[] {null, finished, newer}) {
      LiveReport report = LiveCheck.of(options).verify(REPLICATE, id);

      assertThat(report.findings()).as("findings asking about %s", id).isEmpty();
      assertThat(report.problems()).isEmpty();
      assertThat(report.notes()).isEmpty();
      assertThat(report.answersChecked()).isEqualTo(2);
      assertThat(report.conforms()).isTrue();
    }
  }

  @Test
  void withoutAPredictionToAskAboutTheGetIsSkippedAndSaidSo() {
    drift =
        (method, path, answer) ->
            path.equals("/predictions")
                ? answer.withBody("{\"next\":null,\"previous\":null,\"results\":[]}")
                : answer;

    LiveReport report = LiveCheck.of(options).verify(REPLICATE, null);

    assertThat(report.answersChecked()).isEqualTo(1);
    assertThat(report.notes()).singleElement().asString().startsWith("predictions.get not asked");
  }

  @Test
  void aMissingStatusIsFound() {
    driftOn("/predictions/" + finished, p -> p.remove("status"));

    assertThat(check(finished))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Kind.MISSING_REQUIRED_FIELD);
              assertThat(f.operation()).isEqualTo("predictions.get");
              assertThat(f.pointer()).isEqualTo("/status");
              assertThat(f.seen()).isEqualTo("(absent)");
            });
  }

  @Test
  void aStatusOfAnotherTypeIsFound() {
    driftOn("/predictions/" + finished, p -> p.put("status", 3));

    assertThat(check(finished))
        .isNotEmpty()
        .allSatisfy(
            f -> {
              assertThat(f.operation()).isEqualTo("predictions.get");
              assertThat(f.pointer()).isEqualTo("/status");
            })
        .anySatisfy(f -> assertThat(f.kind()).isEqualTo(Kind.TYPE_MISMATCH));
  }

  @Test
  void aRenamedFieldInTheListIsFound() {
    driftOn(
        "/predictions",
        page -> {
          for (JsonNode p : page.path("results")) {
            ((ObjectNode) p).set("created", ((ObjectNode) p).remove("created_at"));
          }
        });

    List<Finding> findings = check(finished);

    assertThat(findings)
        .filteredOn(f -> f.operation().equals("predictions.list"))
        .extracting(Finding::kind)
        .contains(Kind.UNDECLARED_FIELD, Kind.MISSING_REQUIRED_FIELD);
  }

  @Test
  void theTokenIsSentAsABearerTokenAndAMissingOneIsNamed() {
    assertThat(new ReplicateProbes().authHeaders(options))
        .containsExactlyEntriesOf(java.util.Map.of("Authorization", "Bearer " + TOKEN));
    assertThatThrownBy(() -> new ReplicateProbes().authHeaders(ClientOptions.builder().build()))
        .isInstanceOf(MissingCredentialsException.class)
        .hasMessageContaining("REPLICATE_API_TOKEN");
  }

  private static List<Finding> check(String id) {
    return LiveCheck.of(options).verify(REPLICATE, id).findings();
  }

  private static void driftOn(String path, Consumer<ObjectNode> change) {
    drift =
        (method, at, answer) -> {
          if (!at.equals(path)) return answer;
          try {
            ObjectNode body = (ObjectNode) JSON.readTree(answer.body());
            change.accept(body);
            return answer.withBody(body.toString());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };
  }

  /** A prediction created on the stand-in; with {@code prefer}, answered once it has ended. */
  private static String create(String body, String prefer) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(standIns.baseUrl().resolve("/predictions"))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (prefer != null) request.header("Prefer", prefer);
    HttpResponse<String> answer =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(201);
    return JSON.readTree(answer.body()).path("id").asText();
  }
}
