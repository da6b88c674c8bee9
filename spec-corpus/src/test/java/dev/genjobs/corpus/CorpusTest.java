package dev.genjobs.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.spectools.SpecProblem;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our pipeline is as good as plain openapi-generator on real published specs: whatever plain
 * compiles, ours compiles; what neither can build, our {@code validate} rejects, naming the problem
 * and where it is.
 */
class CorpusTest {

  static List<CorpusDocument> documents() {
    return CorpusDocument.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void whereverPlainOpenApiGeneratorCompilesAClientOursCompilesOneToo(CorpusDocument document) {
    CorpusBuilds.Builds builds = CorpusBuilds.of(document);
    // One line per document, kept in the surefire report: the corpus table of SOURCES.md.
    System.out.printf(
        "[corpus] %-28s plain %-13s ours %-13s %6d ms%n",
        document,
        describe(builds.plain()),
        builds.rejected() != null ? "rejected" : describe(builds.ours()),
        builds.millis());
    if (!builds.plain().compiled()) {
      System.out.println("[corpus]   plain: " + abbreviate(builds.plain().problem()));
    }
    if (builds.rejected() != null) {
      builds.rejected().problems().stream()
          .limit(3)
          .forEach(p -> System.out.println("[corpus]   ours: " + abbreviate(p.describe())));
    }

    if (builds.plain().compiled()) {
      assertThat(builds.rejected()).as("our validate rejected what plain compiles").isNull();
      assertThat(builds.ours().compiled())
          .as("ours does not compile what plain compiles: %s", builds.ours().problem())
          .isTrue();
    } else if (!builds.oursCompiled()) {
      assertThat(builds.rejected())
          .as(
              "neither compiles (plain: %s; ours: %s), so validate must reject the document",
              builds.plain().problem(), builds.ours() == null ? "" : builds.ours().problem())
          .isNotNull();
      List<SpecProblem> errors = builds.rejected().problems();
      assertThat(errors).isNotEmpty();
      assertThat(errors)
          .allSatisfy(
              p -> {
                assertThat(p.location())
                    .as("where: %s", p.describe())
                    .isNotBlank()
                    .isNotEqualTo("/");
                assertThat(p.message()).as("what: %s", p.describe()).isNotBlank();
              });
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  private static String describe(ClientBuild.Outcome outcome) {
    return !outcome.generated() ? "not generated" : outcome.compiled() ? "compiles" : "no compile";
  }
}
