package dev.genjobs.spectools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenAPI Overlay 1.0 actions, as genjobs applies them to a provider's published spec. */
class OverlayTest {

  private static final String SPEC =
      """
      openapi: 3.0.3
      info: {title: Fixture, version: 1.0.0}
      servers: []
      paths:
        /jobs:
          post:
            responses:
              '200': {description: ok, content: {application/json: {schema: {type: object}}}}
              '400': {description: bad, content: {application/json: {schema: {type: object}}}}
        /jobs/{id}:
          get:
            responses:
              '200': {description: ok}
              '404': {description: gone, content: {application/json: {schema: {type: object}}}}
      components:
        schemas:
          Job:
            type: object
            required: [id]
            properties:
              id: {type: string}
      """;

  private static ObjectNode spec() throws Exception {
    return (ObjectNode) SpecDocuments.yaml().readTree(SPEC);
  }

  private static Overlay overlay(String actions) throws Exception {
    return Overlay.parse(
        "test.overlay.yaml",
        SpecDocuments.yaml()
            .readTree("overlay: 1.0.0\ninfo: {title: t, version: 1.0.0}\nactions:\n" + actions));
  }

  @Test
  void updateMergesObjectsAppendsListsAndReplacesValues() throws Exception {
    ObjectNode spec = spec();

    overlay(
            """
            - target: $.components.schemas.Job
              description: the provider docs list status, required
              update:
                description: A job.
                required: [status]
                properties:
                  status: {type: string}
                  id: {description: the job id}
            """)
        .applyTo(spec);

    JsonNode job = spec.at("/components/schemas/Job");
    assertThat(job.path("description").asText()).isEqualTo("A job.");
    assertThat(job.path("required").toString()).isEqualTo("[\"id\",\"status\"]");
    assertThat(job.at("/properties/id/type").asText()).isEqualTo("string");
    assertThat(job.at("/properties/id/description").asText()).isEqualTo("the job id");
    assertThat(job.at("/properties/status/type").asText()).isEqualTo("string");
  }

  @Test
  void updateAimedAtAListAppendsToIt() throws Exception {
    ObjectNode spec = spec();

    overlay(
            """
            - target: $.servers
              description: the docs give the base URL
              update: {url: https://api.example.test}
            """)
        .applyTo(spec);

    assertThat(spec.path("servers").toString())
        .isEqualTo("[{\"url\":\"https://api.example.test\"}]");
  }

  @Test
  void removeDeletesEveryMatchAndAFollowingUpdateReplacesIt() throws Exception {
    ObjectNode spec = spec();

    overlay(
            """
            - target: $.paths.*.*.responses['400','404'].content['application/json'].schema
              description: the same inline error body everywhere
              remove: true
            - target: $.paths.*.*.responses['400','404'].content['application/json']
              description: named instead
              update: {schema: {$ref: '#/components/schemas/Error'}}
            """)
        .applyTo(spec);

    for (String pointer :
        List.of("/paths/~1jobs/post/responses/400", "/paths/~1jobs~1{id}/get/responses/404")) {
      assertThat(spec.at(pointer + "/content/application~1json/schema").toString())
          .isEqualTo("{\"$ref\":\"#/components/schemas/Error\"}");
    }
    assertThat(
            spec.at("/paths/~1jobs/post/responses/200/content/application~1json/schema/type")
                .asText())
        .isEqualTo("object");
  }

  @Test
  void anActionWhoseTargetMatchesNothingFailsNamingIt() throws Exception {
    ObjectNode spec = spec();
    Overlay overlay =
        overlay(
            """
            - target: $.servers
              description: first
              update: {url: https://a.test}
            - target: $.components.schemas.Gone
              description: Adds the failure reason the provider sends
              update: {description: x}
            """);

    assertThatThrownBy(() -> overlay.applyTo(spec))
        .isInstanceOf(Overlay.OverlayException.class)
        .hasMessageContaining(
            "action #2 ($.components.schemas.Gone, \"Adds the failure reason the provider sends\")")
        .hasMessageContaining("matches nothing");
  }

  @Test
  void leniently_unmatchedActionsAreReturnedAndTheOthersApplied() throws Exception {
    ObjectNode spec = spec();
    Overlay overlay =
        overlay(
            """
            - target: $.components.schemas.Gone
              description: gone here
              update: {description: x}
            - target: $.info
              description: still fits
              update: {description: applied}
            """);

    List<Overlay.Action> unmatched = overlay.applyLeniently(spec);

    assertThat(unmatched).extracting(Overlay.Action::index).containsExactly(1);
    assertThat(spec.at("/info/description").asText()).isEqualTo("applied");
  }

  @Test
  void everyActionNeedsADescriptionAndExactlyOneOfUpdateOrRemove() {
    assertThatThrownBy(
            () ->
                overlay(
                    """
                    - target: $.info
                      update: {description: x}
                    - target: $.info
                      description: both
                      remove: true
                      update: {description: x}
                    - target: info
                      description: not JSONPath
                      remove: true
                    """))
        .isInstanceOf(Overlay.OverlayException.class)
        .hasMessageContaining("action #1 ($.info): 'description' is missing")
        .hasMessageContaining("action #2 ($.info): give exactly one of 'update' or 'remove: true'")
        .hasMessageContaining("action #3 (info): 'target' must be a JSONPath expression");
  }

  @Test
  void aDocumentWithoutTheOverlayVersionIsRejected() {
    assertThatThrownBy(
            () ->
                Overlay.parse(
                    "old.yaml",
                    SpecDocuments.yaml()
                        .readTree("actions: [{target: /a, reason: r, remove: [t]}]")))
        .isInstanceOf(Overlay.OverlayException.class)
        .hasMessageContaining("old.yaml")
        .hasMessageContaining("'overlay: 1.0.0' is missing");
  }

  @Test
  void mergingAnObjectIntoAValueFailsSayingToRemoveItFirst() throws Exception {
    ObjectNode spec = spec();
    Overlay overlay =
        overlay(
            """
            - target: $.info
              description: wrong shape
              update: {title: {text: x}}
            """);

    assertThatThrownBy(() -> overlay.applyTo(spec))
        .hasMessageContaining("action #1 ($.info")
        .hasMessageContaining("remove the old value first");
  }
}
