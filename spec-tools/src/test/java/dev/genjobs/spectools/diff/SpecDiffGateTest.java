package dev.genjobs.spectools.diff;

import static dev.genjobs.spectools.diff.SpecVersionsFixture.baseThen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The diff as the build runs it: classify, report, and fail on unaccepted breaking changes. */
class SpecDiffGateTest {

  @TempDir Path dir;

  @Test
  void givenAnAdditiveVersion_whenDiffed_thenTheBuildPassesWithNoBreakingChange() throws Exception {
    SpecVersionsFixture specs = baseThen(dir, "additive.yaml");

    List<SpecChange> changes = specs.changes();

    assertThat(changes)
        .extracting(SpecChange::classification)
        .doesNotContain(Classification.BREAKING);
    assertThat(specs.printed())
        .contains(
            "[spec-diff] jobs 1.0.0 -> 1.1.0: 0 breaking (0 accepted), 3 need attention, 6 compatible");
  }

  @Test
  void givenANewOptionalResponseField_whenDiffed_thenItIsCompatible() throws Exception {
    List<SpecChange> changes = baseThen(dir, "additive.yaml").changes();

    assertThat(change(changes, "GET /jobs/{id} response 200 body.progress: new response field"))
        .extracting(SpecChange::classification)
        .isEqualTo(Classification.COMPATIBLE);
  }

  @Test
  void givenANewOptionalRequestField_whenDiffed_thenItIsCompatible() throws Exception {
    List<SpecChange> changes = baseThen(dir, "additive.yaml").changes();

    assertThat(change(changes, "POST /jobs request body.style: new optional field"))
        .extracting(SpecChange::classification)
        .isEqualTo(Classification.COMPATIBLE);
  }

  @Test
  void givenANewOperation_whenDiffed_thenItIsCompatible() throws Exception {
    List<SpecChange> changes = baseThen(dir, "additive.yaml").changes();

    assertThat(change(changes, "POST /jobs/{id}/cancel: operation added"))
        .extracting(SpecChange::classification)
        .isEqualTo(Classification.COMPATIBLE);
  }

  @Test
  void givenANewStatusValue_whenDiffed_thenEachResponseCarryingItNeedsAttentionWithAWarning()
      throws Exception {
    SpecVersionsFixture specs = baseThen(dir, "additive.yaml");

    List<SpecChange> changes = specs.changes();

    assertThat(changes)
        .filteredOn(c -> c.classification() == Classification.NEEDS_ATTENTION)
        .extracting(SpecChange::id)
        .containsExactlyInAnyOrder(
            "GET /jobs response 200 body[].status: new enum value 'cancelled'",
            "POST /jobs response 200 body.status: new enum value 'cancelled'",
            "GET /jobs/{id} response 200 body.status: new enum value 'cancelled'");
    assertThat(specs.printed())
        .contains(
            "[spec-diff] WARNING jobs: GET /jobs/{id} response 200 body.status: new enum value"
                + " 'cancelled' (decodes as a raw value; add a mapping in client-extensions");
  }

  @Test
  void givenANewStatusValueInARequestParameter_whenDiffed_thenItIsCompatible() throws Exception {
    List<SpecChange> changes = baseThen(dir, "additive.yaml").changes();

    assertThat(change(changes, "GET /jobs parameter query status: new enum value 'cancelled'"))
        .extracting(SpecChange::classification)
        .isEqualTo(Classification.COMPATIBLE);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          removed-operation.yaml          | DELETE /jobs/{id}: operation removed
          removed-response-field.yaml     | GET /jobs/{id} response 200 body.output_url: response field removed
          new-required-request-field.yaml | POST /jobs request body.model: new required field
          changed-type.yaml               | GET /jobs/{id} response 200 body.created_at: type changed from string/date-time to integer
          removed-enum-value.yaml         | GET /jobs/{id} response 200 body.status: enum value 'running' removed
          removed-enum-value.yaml         | GET /jobs parameter query status: enum value 'running' removed
          changed-auth-header.yaml        | GET /jobs/{id} security: authentication changed from [apiKey in header 'X-API-KEY'] to [apiKey in header 'Authorization']
          """)
  void givenABreakingChange_whenDiffed_thenTheBuildFailsNamingTheChangeAndTheReport(
      String fixture, String expectedChange) {
    SpecVersionsFixture specs = baseThen(dir, fixture);

    BreakingChangeException failure =
        catchThrowableOfType(BreakingChangeException.class, specs::run);

    assertThat(failure).isNotNull();
    assertThat(failure.unaccepted()).extracting(SpecChange::id).contains(expectedChange);
    assertThat(failure.getMessage())
        .contains("\n  " + expectedChange + "\n")
        .contains("(report: " + specs.reportDir().resolve("report.md") + ")");
  }

  @Test
  void
      givenABreakingChangeWhereTheOverlayPatches_whenDiffed_thenThePublishedDiffStillFailsTheBuild()
          throws Exception {
    // The overlay pins created_at to a date-time string in every version, so both effective specs
    // agree; the provider's own change (to an integer) shows only between the published documents.
    SpecVersionsFixture specs =
        baseThen(dir, "changed-type.yaml")
            .overlay(
                """
                - target: $.components.schemas.Job.properties.created_at
                  description: the docs say an ISO date-time
                  update: {type: string, format: date-time}
                """);

    BreakingChangeException failure =
        catchThrowableOfType(BreakingChangeException.class, specs::runAsTheBuild);

    assertThat(failure).isNotNull();
    assertThat(failure.unaccepted())
        .extracting(SpecChange::id)
        .contains(
            "GET /jobs/{id} response 200 body.created_at: type changed from string/date-time to integer");
    assertThat(specs.printed())
        .contains("3 breaking (0 accepted)")
        .contains("(3 only in the published documents)");
  }

  @Test
  void
      givenAnOverlayThatPatchesNothingTheProviderChanged_whenDiffed_thenThePublishedDiffAddsNothing()
          throws Exception {
    SpecVersionsFixture specs =
        baseThen(dir, "additive.yaml")
            .overlay(
                """
                - target: $.components.schemas.Job.properties.created_at
                  description: the docs say an ISO date-time
                  update: {description: When the job was created.}
                """);

    List<SpecDiff.ProviderOutcome> outcomes = specs.runAsTheBuild();

    assertThat(outcomes.get(0).comparison().orElseThrow().hiddenByOverlay()).isEmpty();
    assertThat(outcomes.get(0).verdict().passes()).isTrue();
  }

  @Test
  void givenAnAcceptedBreakingChange_whenDiffed_thenTheBuildPassesAndTheReportShowsTheReason()
      throws Exception {
    SpecVersionsFixture specs =
        baseThen(dir, "removed-operation.yaml")
            .acceptance("1.1.0", "accept-removed-operation.yaml");

    SpecDiff.ProviderOutcome outcome = specs.run().get(0);

    assertThat(outcome.verdict().reasons())
        .containsOnlyKeys("DELETE /jobs/{id}: operation removed");
    assertThat(outcome.report())
        .content()
        .contains("- `DELETE /jobs/{id}: operation removed`")
        .contains("Accepted: Jobs expire on their own now");
  }

  @Test
  void givenAStaleAcceptanceFile_whenDiffed_thenTheBuildFailsNamingTheStaleEntry() {
    SpecVersionsFixture specs =
        baseThen(dir, "additive.yaml").acceptance("1.1.0", "accept-removed-operation.yaml");

    assertThatThrownBy(specs::run)
        .isInstanceOf(BreakingChangeException.class)
        .hasMessageContaining("lists change(s) that do not occur (stale; remove them)")
        .hasMessageEndingWith("\n  DELETE /jobs/{id}: operation removed");
  }

  @Test
  void givenAnIncompleteAcceptanceFile_whenDiffed_thenTheBuildFailsNamingOnlyTheUnlistedChanges() {
    SpecVersionsFixture specs =
        baseThen(dir, "removed-operation-and-response-field.yaml")
            .acceptance("1.1.0", "accept-removed-operation.yaml");

    BreakingChangeException failure =
        catchThrowableOfType(BreakingChangeException.class, specs::run);

    assertThat(failure.unaccepted())
        .extracting(SpecChange::id)
        .containsExactlyInAnyOrder(
            "GET /jobs response 200 body[].output_url: response field removed",
            "POST /jobs response 200 body.output_url: response field removed",
            "GET /jobs/{id} response 200 body.output_url: response field removed");
  }

  @Test
  void givenAnAcceptanceEntryWithoutReason_whenDiffed_thenTheBuildFailsAskingForOne() {
    SpecVersionsFixture specs =
        baseThen(dir, "removed-operation.yaml").acceptance("1.1.0", "accept-without-reason.yaml");

    assertThatThrownBy(specs::run)
        .isInstanceOf(BreakingChangeException.class)
        .hasMessageContaining("is malformed")
        .hasMessageContaining("'reason' is missing");
  }

  @Test
  void givenAnOpenApi31Pair_whenDiffed_thenATypeChangeInsideANullableUnionIsBreaking() {
    SpecVersionsFixture specs =
        new SpecVersionsFixture(dir)
            .version("1.0.0", "base-3.1.yaml")
            .version("1.1.0", "changed-3.1.yaml");

    BreakingChangeException failure =
        catchThrowableOfType(BreakingChangeException.class, specs::run);

    // Both are missed by openapi-diff on unlowered 3.1: the anyOf-with-null and the array items.
    assertThat(failure.unaccepted())
        .extracting(SpecChange::id)
        .containsExactlyInAnyOrder(
            "GET /jobs/{id} response 200 body.runtime: type changed from string/duration to"
                + " integer",
            "GET /jobs response 200 body[].runtime: type changed from string/duration to integer");
  }

  @Test
  void givenAnOpenApi31Pair_whenDiffed_thenANewStatusValueInAnArrayResponseNeedsAttention() {
    SpecVersionsFixture specs =
        new SpecVersionsFixture(dir)
            .version("1.0.0", "base-3.1.yaml")
            .version("1.1.0", "changed-3.1.yaml");

    catchThrowableOfType(BreakingChangeException.class, specs::run);

    assertThat(specs.printed())
        .contains("(3.1 lowered to 3.0)")
        .contains(
            "[spec-diff] WARNING jobs: GET /jobs response 200 body[].status: new enum value"
                + " 'cancelled'");
  }

  @Test
  void givenASingleVersion_whenDiffed_thenNothingIsComparedAndTheBuildPasses() throws Exception {
    SpecVersionsFixture specs = new SpecVersionsFixture(dir).version("1.0.0", "base.yaml");

    SpecDiff.ProviderOutcome outcome = specs.run().get(0);

    assertThat(outcome.comparison()).isEmpty();
    assertThat(specs.printed())
        .contains("[spec-diff] jobs: only version 1.0.0, nothing to compare");
  }

  @Test
  void givenABreakingVersion_whenDiffed_thenTheReportGroupsChangesNextToTheLibraryRenders() {
    SpecVersionsFixture specs = baseThen(dir, "removed-operation-and-response-field.yaml");

    catchThrowableOfType(BreakingChangeException.class, specs::run);

    assertThat(specs.reportDir().resolve("report.md"))
        .content()
        .contains("# jobs: spec 1.0.0 → 1.1.0")
        .contains("**Result: fails the build.** 0 of 4 breaking change(s) accepted")
        .contains("## Breaking (4)")
        .contains("## Needs attention (0)")
        .contains("## Compatible (0)")
        .contains("  - change: \"DELETE /jobs/{id}: operation removed\"");
    assertThat(specs.reportDir().resolve("openapi-diff.html")).content().contains("/jobs/{id}");
    assertThat(specs.reportDir().resolve("openapi-diff.json"))
        .content()
        .contains("missingEndpoints");
  }

  private static SpecChange change(List<SpecChange> changes, String id) {
    return changes.stream()
        .filter(c -> c.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no change '" + id + "' in " + changes));
  }
}
