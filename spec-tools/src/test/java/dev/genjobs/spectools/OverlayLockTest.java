package dev.genjobs.spectools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The overlay lock: a provider's change to published content an overlay action touches fails the
 * build naming the action, the place and the change, until the lock is refreshed.
 */
class OverlayLockTest {

  private static final String PUBLISHED =
      """
      openapi: 3.0.3
      info: {title: Acme, version: 1.0.0}
      servers: []
      paths:
        /jobs:
          post:
            summary: Create a job
            responses:
              '200':
                description: ok
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        id: {type: string}
                        ratio: {type: string, default: '16:9'}
      components:
        schemas:
          Job:
            type: object
            properties:
              id: {type: string}
              legacy: {type: string}
      """;

  private static final String OVERLAY =
      """
      overlay: 1.0.0
      info: {title: acme additions, version: 1.0.0}
      actions:
      - target: $.servers
        description: the docs give the base URL
        update: {url: 'https://api.acme.test'}
      - target: $.paths
        description: the docs describe the job GET
        update:
          /jobs/{id}:
            get:
              operationId: getJob
              parameters:
              - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                '200': {description: the job}
      - target: $.paths['/jobs/{id}'].get
        description: our own addition, refined; not the provider's content
        update: {summary: Get a job}
      - target: $.paths['/jobs'].post
        description: the published summary is wrong; corrected
        update: {summary: Create a generation job}
      - target: $.components.schemas.Job.properties.legacy
        description: the docs say legacy is never sent
        remove: true
      """;

  @TempDir Path specs;
  @TempDir Path effective;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  @BeforeEach
  void layout() throws IOException {
    Files.createDirectories(specs.resolve("acme/1.0.0"));
    Files.writeString(specs.resolve("acme/1.0.0/openapi.yaml"), PUBLISHED);
    Files.writeString(specs.resolve("acme/genjobs.overlay.yaml"), OVERLAY);
  }

  private Path newest;
  private int patch;

  /** The provider's next version: the newest text with {@code from} replaced, in a new folder. */
  private void publish(String from, String to) throws IOException {
    Path current = newest == null ? specs.resolve("acme/1.0.0/openapi.yaml") : newest;
    String text = Files.readString(current);
    assertThat(text).contains(from);
    newest = specs.resolve("acme/1.0." + ++patch + "/openapi.yaml");
    Files.createDirectories(newest.getParent());
    Files.writeString(newest, text.replace(from, to));
  }

  private SpecPipeline.Effective build() throws IOException {
    return SpecPipeline.effectiveSpecs(specs, effective, out);
  }

  @Test
  void recordsWhatEachActionTouchesOfThePublishedTextButNotOfOurOwnAdditions() throws Exception {
    SpecPipeline.lock(specs, List.of(), out);

    List<OverlayLock.Entry> lock = OverlayLock.read(OverlayLock.file(specs, "acme"));
    assertThat(lock)
        .extracting(OverlayLock.Entry::path, OverlayLock.Entry::fingerprint)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "$['servers']", OverlayLock.fingerprint(SpecDocuments.yaml().readTree("[]"))),
            org.assertj.core.groups.Tuple.tuple("$['paths']['/jobs/{id}']", "absent"),
            org.assertj.core.groups.Tuple.tuple(
                "$['paths']['/jobs']['post']['summary']",
                OverlayLock.fingerprint(SpecDocuments.yaml().readTree("'Create a job'"))),
            org.assertj.core.groups.Tuple.tuple(
                "$['components']['schemas']['Job']['properties']['legacy']",
                OverlayLock.fingerprint(SpecDocuments.yaml().readTree("{type: string}"))));
    assertThat(build().newestTrees().get("acme").at("/paths/~1jobs~1{id}/get/summary").asText())
        .isEqualTo("Get a job");
  }

  @Test
  void aProviderThatNowPublishesWhatAnActionAddsFailsNamingTheAction() throws Exception {
    SpecPipeline.lock(specs, List.of(), out);
    // The provider now declares the GET the overlay adds; merged, its parameter would be
    // declared twice and Swagger Parser would say "duplicate parameter values", naming no action.
    publish(
        "components:",
        """
          /jobs/{id}:
            get:
              parameters:
              - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                '200': {description: the job}
        components:""");

    assertThatThrownBy(this::build)
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("action #2 ($.paths, \"the docs describe the job GET\")")
        .hasMessageContaining("adds $['paths']['/jobs/{id}'], which the provider now publishes")
        .hasMessageContaining("./mvnw genjobs:lock -Dgenjobs.provider=acme");
  }

  @Test
  void aChangedPublishedValueThatAnActionCorrectsFailsWithTheOldAndNewValue() throws Exception {
    SpecPipeline.lock(specs, List.of(), out);
    publish("summary: Create a job", "summary: Create a job (deprecated, use /v2/jobs)");

    assertThatThrownBy(this::build)
        .hasMessageContaining("action #4")
        .hasMessageContaining("$['paths']['/jobs']['post']['summary']")
        .hasMessageContaining(
            "was \"Create a job\", now \"Create a job (deprecated, use /v2/jobs)\"");
  }

  @Test
  void aChangeToARemovedOrAppendedToPublishedNodeFails() throws Exception {
    SpecPipeline.lock(specs, List.of(), out);
    publish("legacy: {type: string}", "legacy: {type: integer}");
    publish("servers: []", "servers: [{url: 'https://api.acme.example'}]");

    assertThatThrownBy(this::build)
        .hasMessageContaining("action #5")
        .hasMessageContaining("$['components']['schemas']['Job']['properties']['legacy']")
        .hasMessageContaining("action #1")
        .hasMessageContaining("$['servers'], whose published content changed (was list of 0");
  }

  @Test
  void aPublishedChangeNoActionTouchesPasses() throws Exception {
    SpecPipeline.lock(specs, List.of(), out);
    publish(
        "ratio: {type: string, default: '16:9'}",
        "ratio: {type: string, default: '16:9'}\n                  seed: {type: integer}");

    assertThat(build().newestTrees().get("acme").at("/paths/~1jobs/post/summary").asText())
        .isEqualTo("Create a generation job");
  }

  @Test
  void aMissingLockANewActionAndAStaleEntryEachFail() throws Exception {
    assertThatThrownBy(this::build)
        .hasMessageContaining("there is no genjobs.overlay.lock.yaml recording them");

    SpecPipeline.lock(specs, List.of(), out);
    Path overlay = specs.resolve("acme/genjobs.overlay.yaml");
    Files.writeString(
        overlay,
        Files.readString(overlay)
            + """
            - target: $.paths['/jobs'].post
              description: the docs name the operation
              update: {operationId: createJob}
            """);
    assertThatThrownBy(this::build)
        .hasMessageContaining("action #6")
        .hasMessageContaining("$['paths']['/jobs']['post']['operationId'] (adds it)")
        .hasMessageContaining("does not record");

    SpecPipeline.lock(specs, List.of(), out);
    Files.writeString(overlay, OVERLAY);
    assertThatThrownBy(this::build)
        .hasMessageContaining("records $['paths']['/jobs']['post']['operationId']")
        .hasMessageContaining("which no action touches now");
  }

  @Test
  void aGeneratorInputOverlayIsLockedToo(@TempDir Path codegen, @TempDir Path input)
      throws Exception {
    Files.writeString(
        codegen.resolve("acme.overlay.yaml"),
        """
        overlay: 1.0.0
        info: {title: generator input, version: 1.0.0}
        actions:
        - target: $.components.schemas.Job.properties.id.type
          description: published as a string; seen as a number too, so the generator leaves it untyped
          remove: true
        """);
    SpecPipeline.lock(specs, List.of(), out);
    SpecPipeline.lockGeneratorOverlays(specs, codegen, List.of(), out);
    SpecPipeline.prepareCodegen(build(), codegen, input, null, "7", List.of());

    publish("id: {type: string}\n        legacy", "id: {type: integer}\n        legacy");
    SpecPipeline.Effective changed = build();

    assertThatThrownBy(
            () -> SpecPipeline.prepareCodegen(changed, codegen, input, null, "7", List.of()))
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("generator overlay of 'acme'")
        .extracting(e -> ((SpecValidationException) e).problems().get(0).describe())
        .asString()
        .contains("acme.overlay.lock.yaml")
        .contains("action #1")
        .contains("$['components']['schemas']['Job']['properties']['id']['type']")
        .contains("was \"string\", now \"integer\"");
  }

  @Test
  void refreshingTheLockAfterReviewLetsTheBuildPass() throws Exception {
    SpecPipeline.lock(specs, List.of(), out);
    publish("summary: Create a job", "summary: Create one job");
    assertThatThrownBy(this::build).isInstanceOf(SpecValidationException.class);

    SpecPipeline.lock(specs, List.of("acme"), out);

    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("recorded: overlay action #4")
        .contains("was \"Create a job\", now \"Create one job\"");
    assertThat(build().newestTrees()).containsKey("acme");
  }
}
