package dev.genjobs.spectools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApi31LoweringTest {

  private static ObjectNode yaml(String text) throws Exception {
    return (ObjectNode) SpecDocuments.yaml().readTree(text);
  }

  @Test
  void givenATypeArrayWithNull_whenLowered_thenItIsANullableSingleType() throws Exception {
    ObjectNode spec =
        yaml(
            """
            openapi: 3.1.0
            components: {schemas: {Job: {properties: {url: {type: [string, 'null']}}}}}
            """);

    OpenApi31Lowering.lower(spec);

    JsonNode url = spec.at("/components/schemas/Job/properties/url");
    assertThat(spec.path("openapi").asText()).isEqualTo("3.0.3");
    assertThat(url.path("type").asText()).isEqualTo("string");
    assertThat(url.path("nullable").asBoolean()).isTrue();
  }

  @Test
  void givenAnAnyOfWithNull_whenLowered_thenTheRemainingBranchIsMergedIn() throws Exception {
    ObjectNode spec =
        yaml(
            """
            openapi: 3.1.0
            components:
              schemas:
                Job:
                  properties:
                    runtime: {title: Runtime, anyOf: [{type: string, format: duration}, {type: 'null'}]}
            """);

    OpenApi31Lowering.lower(spec);

    JsonNode runtime = spec.at("/components/schemas/Job/properties/runtime");
    assertThat(runtime.has("anyOf")).isFalse();
    assertThat(runtime.path("type").asText()).isEqualTo("string");
    assertThat(runtime.path("format").asText()).isEqualTo("duration");
    assertThat(runtime.path("title").asText()).isEqualTo("Runtime");
    assertThat(runtime.path("nullable").asBoolean()).isTrue();
  }

  @Test
  void givenAPropertyNamedDefault_whenLowered_thenItIsStillLowered() throws Exception {
    ObjectNode spec =
        yaml(
            """
            openapi: 3.1.0
            components: {schemas: {Config: {properties: {default: {type: [integer, 'null']}}}}}
            """);

    OpenApi31Lowering.lower(spec);

    assertThat(spec.at("/components/schemas/Config/properties/default/type").asText())
        .isEqualTo("integer");
  }

  @Test
  void givenExampleData_whenLowered_thenItIsLeftAsWritten() throws Exception {
    ObjectNode spec =
        yaml(
            """
            openapi: 3.1.0
            components:
              schemas:
                Job:
                  type: object
                  example: {type: [a, 'null']}
            """);

    OpenApi31Lowering.lower(spec);

    assertThat(spec.at("/components/schemas/Job/example/type").isArray()).isTrue();
  }

  @Test
  void givenAnOpenApi30Document_whenLowered_thenNothingChanges() throws Exception {
    ObjectNode spec =
        yaml("openapi: 3.0.3\ncomponents: {schemas: {A: {type: [string, 'null']}}}\n");
    ObjectNode before = spec.deepCopy();

    boolean lowered = OpenApi31Lowering.lower(spec);

    assertThat(lowered).isFalse();
    assertThat(spec).isEqualTo(before);
  }

  @Test
  void givenInfoSummaryAndLicenseIdentifier_whenLowered_thenTheyBecome30Fields() throws Exception {
    ObjectNode spec =
        yaml(
            """
            openapi: 3.1.0
            info: {title: t, version: '1', summary: Short, license: {name: MIT, identifier: MIT}}
            paths: {}
            """);

    OpenApi31Lowering.lower(spec);

    assertThat(spec.at("/info").has("summary")).isFalse();
    assertThat(spec.at("/info/description").asText()).isEqualTo("Short");
    assertThat(spec.at("/info/license").has("identifier")).isFalse();
    assertThat(spec.at("/info/license/url").asText())
        .isEqualTo("https://spdx.org/licenses/MIT.html");
  }

  @Test
  void givenInfoSummaryBesideADescription_whenLowered_thenTheDescriptionStays() throws Exception {
    ObjectNode spec =
        yaml("openapi: 3.1.0\ninfo: {title: t, version: '1', summary: S, description: D}\n");

    OpenApi31Lowering.lower(spec);

    assertThat(spec.at("/info/description").asText()).isEqualTo("D");
    assertThat(spec.at("/info").has("summary")).isFalse();
  }

  @Test
  void givenADocumentWithoutPaths_whenLowered_thenItHasEmptyPaths() throws Exception {
    ObjectNode spec = yaml("openapi: 3.1.0\ninfo: {title: t, version: '1'}\n");

    OpenApi31Lowering.lower(spec);

    assertThat(spec.get("paths").isObject()).isTrue();
  }

  @Test
  void givenContentEncodingAndMediaType_whenLowered_thenTheyBecome30Formats() throws Exception {
    ObjectNode spec =
        yaml(
            """
            openapi: 3.1.0
            components:
              schemas:
                Upload:
                  properties:
                    b64: {type: string, contentEncoding: base64}
                    file: {type: string, contentMediaType: image/png}
                    doc: {type: string, contentMediaType: application/json}
                    dated: {type: string, format: date, contentMediaType: image/png}
            """);

    OpenApi31Lowering.lower(spec);

    JsonNode p = spec.at("/components/schemas/Upload/properties");
    assertThat(p.at("/b64/format").asText()).isEqualTo("byte");
    assertThat(p.at("/file/format").asText()).isEqualTo("binary");
    assertThat(p.at("/doc").has("format")).isFalse();
    assertThat(p.at("/dated/format").asText()).isEqualTo("date");
    p.forEach(s -> assertThat(s.has("contentEncoding") || s.has("contentMediaType")).isFalse());
  }

  @Test
  void givenPrefixItems_whenLowered_thenItemsAreGiven() throws Exception {
    ObjectNode spec =
        yaml(
            """
            openapi: 3.1.0
            components:
              schemas:
                Pair: {type: array, prefixItems: [{type: number}, {type: number}]}
                Mixed: {type: array, prefixItems: [{type: string}, {type: integer}]}
                Bare: {type: array}
            """);

    OpenApi31Lowering.lower(spec);

    JsonNode schemas = spec.at("/components/schemas");
    assertThat(schemas.at("/Pair/items/type").asText()).isEqualTo("number");
    assertThat(schemas.at("/Mixed/items").isObject()).isTrue();
    assertThat(schemas.at("/Mixed/items").isEmpty()).isTrue();
    assertThat(schemas.at("/Bare/items").isObject()).isTrue();
    assertThat(schemas.at("/Pair").has("prefixItems")).isFalse();
  }

  @Test
  void givenDefs_whenLowered_thenTheyMoveToComponentsAndRefsFollow() throws Exception {
    ObjectNode spec =
        yaml(
            """
            openapi: 3.1.0
            components:
              schemas:
                Job:
                  $defs:
                    Output: {type: object, properties: {url: {type: string}}}
                  properties:
                    output: {$ref: '#/components/schemas/Job/$defs/Output'}
                    url: {$ref: '#/components/schemas/Job/$defs/Output/properties/url'}
            """);

    OpenApi31Lowering.lower(spec);

    assertThat(spec.at("/components/schemas/Job").has("$defs")).isFalse();
    assertThat(spec.at("/components/schemas/Job_Output/properties/url/type").asText())
        .isEqualTo("string");
    assertThat(spec.at("/components/schemas/Job/properties/output/$ref").asText())
        .isEqualTo("#/components/schemas/Job_Output");
    assertThat(spec.at("/components/schemas/Job/properties/url/$ref").asText())
        .isEqualTo("#/components/schemas/Job_Output/properties/url");
  }

  @Test
  void givenARefToAnAnchor_whenLowered_thenItIsAJsonPointer() throws Exception {
    ObjectNode spec =
        yaml(
            """
            openapi: 3.1.0
            components:
              schemas:
                Money: {$anchor: money, type: number}
                Price: {properties: {amount: {$ref: '#money'}}}
            """);

    OpenApi31Lowering.lower(spec);

    assertThat(spec.at("/components/schemas/Price/properties/amount/$ref").asText())
        .isEqualTo("#/components/schemas/Money");
    assertThat(spec.at("/components/schemas/Money").has("$anchor")).isFalse();
  }

  @Test
  void givenKeywords30DoesNotHave_whenLowered_thenTheyAreRemoved() throws Exception {
    ObjectNode spec =
        yaml(
            """
            openapi: 3.1.0
            components:
              schemas:
                Job:
                  $schema: https://json-schema.org/draft/2020-12/schema
                  $id: https://example.com/job
                  $comment: why
                  $dynamicAnchor: meta
                  type: object
                  properties:
                    if: {type: string, $dynamicRef: '#meta'}
                    tags: {type: array, items: {type: string}, contains: {const: x}, minContains: 1}
                  dependentRequired: {a: [b]}
                  dependentSchemas: {a: {required: [c]}}
                  if: {required: [a]}
                  then: {required: [b]}
                  else: {required: [c]}
                  propertyNames: {maxLength: 3}
                  unevaluatedItems: false
            """);

    OpenApi31Lowering.lower(spec);

    JsonNode job = spec.at("/components/schemas/Job");
    for (String keyword :
        List.of(
            "$schema",
            "$id",
            "$comment",
            "$dynamicAnchor",
            "dependentRequired",
            "dependentSchemas",
            "if",
            "then",
            "else",
            "propertyNames",
            "unevaluatedItems")) {
      assertThat(job.has(keyword)).as(keyword).isFalse();
    }
    assertThat(job.at("/properties/if/type").asText())
        .as("a property named if")
        .isEqualTo("string");
    assertThat(job.at("/properties/if").has("$dynamicRef")).isFalse();
    assertThat(job.at("/properties/tags").has("contains")).isFalse();
    assertThat(job.at("/properties/tags").has("minContains")).isFalse();
  }

  @Test
  void givenPatternAndUnevaluatedProperties_whenLowered_thenTheyBecomeAdditionalProperties()
      throws Exception {
    ObjectNode spec =
        yaml(
            """
            openapi: 3.1.0
            components:
              schemas:
                Labels: {type: object, patternProperties: {'^x-': {type: string}}}
                Closed: {type: object, properties: {a: {type: string}}, unevaluatedProperties: false}
            """);

    OpenApi31Lowering.lower(spec);

    assertThat(spec.at("/components/schemas/Labels/additionalProperties/type").asText())
        .isEqualTo("string");
    assertThat(spec.at("/components/schemas/Labels").has("patternProperties")).isFalse();
    assertThat(spec.at("/components/schemas/Closed/additionalProperties").asBoolean(true))
        .isFalse();
    assertThat(spec.at("/components/schemas/Closed").has("unevaluatedProperties")).isFalse();
  }

  @Test
  void givenTypeNullAlone_whenLowered_thenItIsNullableWithoutAType() throws Exception {
    ObjectNode spec = yaml("openapi: 3.1.0\ncomponents: {schemas: {Nothing: {type: 'null'}}}\n");

    OpenApi31Lowering.lower(spec);

    assertThat(spec.at("/components/schemas/Nothing").has("type")).isFalse();
    assertThat(spec.at("/components/schemas/Nothing/nullable").asBoolean()).isTrue();
  }

  @Test
  void givenPathItemsInComponents_whenLowered_thenReferencesAreInlined() throws Exception {
    ObjectNode spec =
        yaml(
            """
            openapi: 3.1.0
            paths:
              /jobs: {$ref: '#/components/pathItems/Jobs'}
            components:
              pathItems:
                Jobs: {get: {operationId: listJobs, responses: {'200': {description: ok}}}}
            """);

    OpenApi31Lowering.lower(spec);

    assertThat(spec.at("/paths/~1jobs/get/operationId").asText()).isEqualTo("listJobs");
    assertThat(spec.at("/paths/~1jobs").has("$ref")).isFalse();
    assertThat(spec.at("/components").has("pathItems")).isFalse();
  }
}
