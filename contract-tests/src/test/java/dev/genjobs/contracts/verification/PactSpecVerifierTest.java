package dev.genjobs.contracts.verification;

import static org.assertj.core.api.Assertions.assertThat;

import au.com.dius.pact.consumer.dsl.PactBuilder;
import au.com.dius.pact.consumer.dsl.PactDslJsonArray;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genjobs.verifylive.spec.ProviderSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The verifier catches drift. Each test takes a small pact that a fixture spec accepts (checked
 * first, so no test passes by accident), changes a copy of the spec or the pact in memory the way a
 * provider or a consumer might, and expects the one mismatch that names it. The fixtures have the
 * shape of the real Creative API (3.0) and Unstructured (3.1, multipart) specs but are not them: a
 * change to a real spec must fail {@link PactsMatchSpecsIT} naming the real interaction, not these
 * tests.
 */
class PactSpecVerifierTest {

  private static final String GENERATE = "a request to generate an image";
  private static final String GET_JOB = "a request for a completed job";
  private static final String CREATE_JOB = "a request to create a job without files";
  private static final String LIST_JOBS = "a request for the completed jobs";
  private static final String WEBHOOK_DELIVERY = "a webhook delivery for a finished job";

  @Nested
  class CreativeApi30 {

    private final ProviderSpec fixture =
        ProviderSpec.fromResource("creative-api", "verifier-fixtures/creative-api.yaml");

    @Test
    void theUnchangedFixtureAcceptsThePact() {
      assertThat(verify(fixture, creativePact(job -> {}))).isEmpty();
    }

    @Test
    void aResponseStatusTheSpecNoLongerDeclaresIsCaught() {
      ProviderSpec spec =
          mutate(
              fixture,
              s -> {
                ObjectNode responses = (ObjectNode) s.at("/paths/~1generate/post/responses");
                responses.set("201", responses.remove("200"));
              });

      assertThat(verify(spec, creativePact(job -> {})))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.interaction()).isEqualTo(GENERATE);
                assertThat(m.key()).isEqualTo("validation.response.status.unknown");
                assertThat(m.reason()).contains("200");
              });
    }

    @Test
    void aRequiredRequestFieldThePactLacksIsCaught() {
      ProviderSpec spec =
          mutate(
              fixture,
              s -> {
                ObjectNode request = (ObjectNode) s.at("/components/schemas/GenerateRequest");
                ((ObjectNode) request.get("properties")).putObject("seed").put("type", "integer");
                ((ArrayNode) request.get("required")).add("seed");
              });

      assertThat(verify(spec, creativePact(job -> {})))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.interaction()).isEqualTo(GENERATE);
                assertThat(m.key()).isEqualTo("validation.request.body.schema.required");
                assertThat(m.reason()).contains("seed");
              });
    }

    @Test
    void aResponseFieldOfTheWrongTypeIsCaught() {
      V4Pact pact = creativePact(job -> job.stringType("date", "2026-01-01"));

      assertThat(verify(fixture, pact))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.interaction()).isEqualTo(GET_JOB);
                assertThat(m.key()).isEqualTo("validation.response.body.schema.type");
                assertThat(m.reason()).contains("/date");
              });
    }

    /**
     * The spec allows additional properties, so schema validation alone accepts the old name; the
     * consumer would silently read nothing.
     */
    @Test
    void aRenamedResponseFieldIsCaught() {
      ProviderSpec spec =
          mutate(
              fixture,
              s -> {
                ObjectNode properties = (ObjectNode) s.at("/components/schemas/Job/properties");
                properties.set("id", properties.remove("jobId"));
              });

      assertThat(verify(spec, creativePact(job -> {})))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.interaction()).isEqualTo(GET_JOB);
                assertThat(m.key()).isEqualTo(PactSpecVerifier.UNDECLARED_FIELD);
                assertThat(m.reason()).contains("$.jobId is not declared");
              });
    }

    /**
     * The client reads {@code output.imageUrl}. A provider that stops declaring {@code output}'s
     * properties leaves every body valid (a bare object allows anything): the field the client
     * reads is then promised by nothing.
     */
    @Test
    void aReadFieldInAnObjectThatNoLongerDeclaresItsPropertiesIsCaught() {
      assertThat(verify(fixture, creativePact(job -> {}))).isEmpty();
      ProviderSpec spec =
          mutate(
              fixture,
              s -> {
                ObjectNode output = (ObjectNode) s.at("/components/schemas/JobOutput");
                output.remove("properties");
              });

      assertThat(verify(spec, creativePact(job -> {})))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.interaction()).isEqualTo(GET_JOB);
                assertThat(m.key()).isEqualTo(PactSpecVerifier.UNDECLARED_FIELD);
                assertThat(m.reason()).contains("$.output.imageUrl is not declared");
              });
    }

    /** An object the spec declares free-form on purpose ({@code additionalProperties: true}). */
    @Test
    void aReadFieldInAnObjectDeclaredFreeFormIsAccepted() {
      ProviderSpec spec =
          mutate(
              fixture,
              s -> {
                ObjectNode output = (ObjectNode) s.at("/components/schemas/JobOutput");
                output.remove("properties");
                output.put("additionalProperties", true);
              });

      assertThat(verify(spec, creativePact(job -> {}))).isEmpty();
    }

    /** Consumer-minimal pacts state only what is read: a new required field must still be in. */
    @Test
    void aNewRequiredResponseFieldThePactLacksIsCaught() {
      assertThat(verify(fixture, creativePact(job -> {}))).isEmpty();
      ProviderSpec spec =
          mutate(
              fixture,
              s ->
                  ((ObjectNode) s.at("/components/schemas/Job")).putArray("required").add("model"));

      assertThat(verify(spec, creativePact(job -> {})))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.interaction()).isEqualTo(GET_JOB);
                assertThat(m.key()).isEqualTo("validation.response.body.schema.required");
                assertThat(m.reason()).contains("model");
              });
    }

    /**
     * The pact's example ({@code 1767225600000}) stays valid when the provider widens {@code date}
     * to any number; its integer matcher does not: {@code 1.5} would break the consumer.
     */
    @Test
    void aMatcherTheSpecsTypeNoLongerSatisfiesIsCaught() {
      assertThat(verify(fixture, creativePact(job -> {}))).isEmpty();
      ProviderSpec spec =
          mutate(
              fixture,
              s ->
                  ((ObjectNode) s.at("/components/schemas/Job/properties/date"))
                      .put("type", "number"));

      assertThat(verify(spec, creativePact(job -> {})))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.interaction()).isEqualTo(GET_JOB);
                assertThat(m.key()).isEqualTo(PactSpecVerifier.MATCHER_TYPE);
                assertThat(m.reason()).contains("$.date").contains("integer matcher");
              });
    }

    @Test
    void aRenamedWebhookPayloadFieldIsCaught() {
      assertThat(verify(fixture, creativePact(job -> {}))).isEmpty();
      ProviderSpec spec =
          mutate(
              fixture,
              s -> {
                ObjectNode properties =
                    (ObjectNode) s.at("/components/schemas/JobEvent/properties");
                properties.set("id", properties.remove("jobId"));
              });

      assertThat(verify(spec, creativePact(job -> {})))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.interaction()).isEqualTo(WEBHOOK_DELIVERY);
                assertThat(m.key()).isEqualTo(PactSpecVerifier.UNDECLARED_FIELD);
                assertThat(m.reason()).contains("webhook jobFinished").contains("$.jobId");
              });
    }

    @Test
    void aWebhookPayloadFieldOfAnotherTypeIsCaught() {
      ProviderSpec spec =
          mutate(
              fixture,
              s ->
                  ((ObjectNode) s.at("/components/schemas/JobEvent/properties/jobId"))
                      .put("type", "integer"));

      assertThat(verify(spec, creativePact(job -> {})))
          .extracting(Mismatch::key)
          .containsExactly(PactSpecVerifier.WEBHOOK + ".schema.type");
    }

    @Test
    void aWebhookTheSpecNoLongerDeclaresIsCaught() {
      ProviderSpec spec =
          mutate(fixture, s -> ((ObjectNode) s.at("/paths/~1generate/post")).remove("callbacks"));

      assertThat(verify(spec, creativePact(job -> {})))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.interaction()).isEqualTo(WEBHOOK_DELIVERY);
                assertThat(m.key()).isEqualTo(PactSpecVerifier.WEBHOOK + ".unknown");
              });
    }

    @Test
    void aChangedAuthHeaderIsCaught() {
      ProviderSpec spec =
          mutate(
              fixture,
              s ->
                  ((ObjectNode) s.at("/components/securitySchemes/ApiKeyAuth"))
                      .put("name", "x-creative-token"));

      assertThat(verify(spec, creativePact(job -> {})))
          .hasSize(2)
          .allSatisfy(m -> assertThat(m.key()).isEqualTo("validation.request.security.missing"))
          .extracting(Mismatch::interaction)
          .containsExactlyInAnyOrder(GENERATE, GET_JOB);
    }

    @Test
    void aPathTheSpecDoesNotDeclareIsCaught() {
      ProviderSpec spec =
          mutate(
              fixture,
              s -> {
                ObjectNode paths = (ObjectNode) s.get("paths");
                paths.set("/jobs", paths.remove("/get"));
              });

      assertThat(verify(spec, creativePact(job -> {})))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.interaction()).isEqualTo(GET_JOB);
                assertThat(m.key()).isEqualTo("validation.request.path.missing");
              });
    }

    @Test
    void aRemovedEnumValueThePactUsesIsCaught() {
      ProviderSpec spec =
          mutate(
              fixture,
              s ->
                  remove(
                      (ArrayNode) s.at("/components/schemas/Job/properties/status/enum"),
                      "completed"));

      assertThat(verify(spec, creativePact(job -> {})))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.interaction()).isEqualTo(GET_JOB);
                assertThat(m.key()).isEqualTo("validation.response.body.schema.enum");
                assertThat(m.reason()).contains("completed");
              });
    }

    @Test
    void aMismatchLineNamesThePactTheInteractionAndTheReason() {
      ProviderSpec spec =
          mutate(
              fixture,
              s -> {
                ObjectNode responses = (ObjectNode) s.at("/paths/~1generate/post/responses");
                responses.set("201", responses.remove("200"));
              });

      assertThat(verify(spec, creativePact(job -> {})))
          .singleElement()
          .extracting(Mismatch::line)
          .asString()
          .startsWith("genjobs-java-creative-api.json: \"" + GENERATE + "\": ")
          .doesNotContain("\n");
    }

    /** The fixture with a 429 on GET /get declaring {@code Retry-After} (seconds, an integer). */
    private ProviderSpec withRateLimit() {
      return mutate(
          fixture,
          s -> {
            ObjectNode tooMany = ((ObjectNode) s.at("/paths/~1get/get/responses")).putObject("429");
            tooMany.put("description", "Rate limited");
            tooMany
                .putObject("headers")
                .putObject("Retry-After")
                .putObject("schema")
                .put("type", "integer");
          });
    }

    @Test
    void aStatedResponseHeaderTheSpecDeclaresIsAccepted() {
      assertThat(verify(withRateLimit(), rateLimitedPact("Retry-After", "12"))).isEmpty();
    }

    /** A consumer reading a header the provider never promised relies on nothing. */
    @Test
    void aStatedResponseHeaderTheSpecDoesNotDeclareIsCaught() {
      assertThat(verify(withRateLimit(), rateLimitedPact("X-RateLimit-Reset", "12")))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.interaction()).isEqualTo(RATE_LIMITED_GET);
                assertThat(m.key()).isEqualTo(PactSpecVerifier.UNDECLARED_HEADER);
                assertThat(m.reason())
                    .contains("response 429 header X-RateLimit-Reset is not declared")
                    .contains("retry-after");
              });
    }

    @Test
    void aStatedHeaderValueOutsideTheDeclaredSchemaIsCaught() {
      assertThat(verify(withRateLimit(), rateLimitedPact("Retry-After", "soon")))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.interaction()).isEqualTo(RATE_LIMITED_GET);
                assertThat(m.key()).startsWith("validation.response.header");
                assertThat(m.reason()).contains("429").contains("integer");
              });
    }
  }

  /** Unstructured's spec is OpenAPI 3.1 and its create call is multipart. */
  @Nested
  class Unstructured31 {

    private final ProviderSpec fixture =
        ProviderSpec.fromResource(
            "unstructured-platform", "verifier-fixtures/unstructured-platform.yaml");

    @Test
    void theUnchangedFixtureAcceptsThePact() {
      assertThat(verify(fixture, unstructuredPact())).isEmpty();
    }

    @Test
    void aRequiredMultipartPartThePactLacksIsCaught() {
      ProviderSpec spec =
          mutate(
              fixture,
              s ->
                  ((ArrayNode) s.at("/components/schemas/Body_create_job/required"))
                      .add("input_files"));

      assertThat(verify(spec, unstructuredPact()))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.interaction()).isEqualTo(CREATE_JOB);
                assertThat(m.key()).startsWith(PactSpecVerifier.MULTIPART).endsWith("required");
                assertThat(m.reason()).contains("input_files");
              });
    }

    @Test
    void aRenamedMultipartPartIsCaught() {
      ProviderSpec spec =
          mutate(
              fixture,
              s -> {
                ObjectNode body = (ObjectNode) s.at("/components/schemas/Body_create_job");
                ObjectNode properties = (ObjectNode) body.get("properties");
                properties.set("request", properties.remove("request_data"));
                body.putArray("required").add("request");
              });

      assertThat(verify(spec, unstructuredPact()))
          .extracting(Mismatch::key)
          .contains(
              PactSpecVerifier.MULTIPART + ".schema.required", PactSpecVerifier.UNDECLARED_FIELD);
    }

    /**
     * OpenAPI 3.1 declares webhooks at the top level ({@code webhooks}), which the lowering to 3.0
     * drops: the payload schema is still what a delivery is checked against.
     */
    @Test
    void aWebhookDeclaredAsA31WebhooksEntryIsChecked() {
      ProviderSpec spec =
          mutate(
              fixture,
              s ->
                  s.putObject("webhooks")
                      .putObject("jobFinished")
                      .putObject("post")
                      .putObject("requestBody")
                      .putObject("content")
                      .putObject("application/json")
                      .putObject("schema")
                      .put("$ref", "#/components/schemas/JobInformation"));
      PactDslJsonBody payload = new PactDslJsonBody();
      jobInformation(payload, "COMPLETED");
      V4Pact delivery =
          new PactBuilder("genjobs-java", "unstructured-platform", PactSpecVersion.V4)
              .expectsToReceiveMessageInteraction(
                  WEBHOOK_DELIVERY, m -> m.withContents(c -> c.withContent(payload)))
              .toPact();

      assertThat(verify(spec, delivery)).isEmpty();
      assertThat(verify(fixture, delivery))
          .extracting(Mismatch::key)
          .containsExactly(PactSpecVerifier.WEBHOOK + ".unknown");
      ProviderSpec renamed =
          mutate(
              spec,
              s -> {
                ObjectNode properties =
                    (ObjectNode) s.at("/components/schemas/JobInformation/properties");
                properties.set("workflow", properties.remove("workflow_id"));
              });
      assertThat(verify(renamed, delivery))
          .extracting(Mismatch::key)
          .contains(PactSpecVerifier.UNDECLARED_FIELD);
    }

    /**
     * The query parameter is a 3.1 {@code anyOf: [JobStatus, null]}; the enum is only enforced
     * because 3.1 is lowered first.
     */
    @Test
    void aRemovedEnumValueInANullableUnionIsCaught() {
      ProviderSpec spec =
          mutate(
              fixture,
              s -> remove((ArrayNode) s.at("/components/schemas/JobStatus/enum"), "COMPLETED"));

      assertThat(verify(spec, unstructuredPact()))
          .filteredOn(m -> m.interaction().equals(LIST_JOBS))
          .extracting(Mismatch::key)
          .contains(
              "validation.request.parameter.schema.enum", "validation.response.body.schema.enum");
    }
  }

  // --- pacts ------------------------------------------------------------------------------------

  private static V4Pact creativePact(Consumer<PactDslJsonBody> jobChange) {
    PactDslJsonBody request = new PactDslJsonBody();
    request
        .stringType("model", "flux-pro")
        .object("input")
        .stringType("prompt", "fox")
        .closeObject();
    PactDslJsonBody job = new PactDslJsonBody();
    job.stringType("jobId", "job_1")
        .stringType("status", "completed")
        .integerType("date", 1767225600000L)
        .object("output")
        .array("imageUrl")
        .stringType("https://cdn.example.com/1.png")
        .closeArray()
        .closeObject();
    jobChange.accept(job);
    return new PactBuilder("genjobs-java", "creative-api", PactSpecVersion.V4)
        .expectsToReceiveHttpInteraction(
            GENERATE,
            i ->
                i.withRequest(
                        r ->
                            r.method("POST")
                                .path("/generate")
                                .header("x-api-key", "k")
                                .header("Content-Type", "application/json")
                                .body(request))
                    .willRespondWith(
                        r ->
                            r.status(200)
                                .body(
                                    new PactDslJsonBody()
                                        .stringType("jobId", "job_1")
                                        .stringType("status", "created"))))
        .expectsToReceiveHttpInteraction(
            GET_JOB,
            i ->
                i.withRequest(
                        r ->
                            r.method("GET")
                                .path("/get")
                                .queryParameter("jobId", "job_1")
                                .header("x-api-key", "k"))
                    .willRespondWith(r -> r.status(200).body(job)))
        .expectsToReceiveMessageInteraction(
            WEBHOOK_DELIVERY,
            m -> m.withContents(c -> c.withContent(new PactDslJsonBody().stringType("jobId"))))
        .toPact();
  }

  private static V4Pact unstructuredPact() {
    String boundary = "b0undary";
    byte[] multipart =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"request_data\"\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "{\"template_id\":\"hi_res_partition\"}\r\n--"
                + boundary
                + "--\r\n")
            .getBytes(StandardCharsets.UTF_8);
    PactDslJsonBody job = new PactDslJsonBody();
    jobInformation(job, "COMPLETED");
    PactDslJsonBody listed = PactDslJsonArray.arrayMinLike(1);
    jobInformation(listed, "COMPLETED");
    return new PactBuilder("genjobs-java", "unstructured-platform", PactSpecVersion.V4)
        .expectsToReceiveHttpInteraction(
            CREATE_JOB,
            i ->
                i.withRequest(
                        r ->
                            r.method("POST")
                                .path("/api/v1/jobs/")
                                .header("unstructured-api-key", "k")
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .body(multipart))
                    .willRespondWith(r -> r.status(200).body(job)))
        .expectsToReceiveHttpInteraction(
            LIST_JOBS,
            i ->
                i.withRequest(
                        r ->
                            r.method("GET")
                                .path("/api/v1/jobs/")
                                .queryParameter("status", "COMPLETED")
                                .header("unstructured-api-key", "k"))
                    .willRespondWith(r -> r.status(200).body(listed.closeObject())))
        .toPact();
  }

  private static void jobInformation(PactDslJsonBody body, String status) {
    body.uuid("id", "4b9f6c1e-2d3a-4e5f-8a7b-000000000003")
        .uuid("workflow_id", "9a8b7c6d-5e4f-4a3b-9c2d-1e0f00000001")
        .stringType("workflow_name", "hi_res_partition")
        .stringType("status", status)
        .stringType("created_at", "2026-01-15T10:00:00.000Z")
        .nullValue("runtime");
  }

  // --- helpers ----------------------------------------------------------------------------------

  private static void remove(ArrayNode values, String value) {
    int before = values.size();
    for (int i = values.size() - 1; i >= 0; i--) {
      if (values.get(i).asText().equals(value)) values.remove(i);
    }
    assertThat(values.size()).as("%s was in the enum", value).isEqualTo(before - 1);
  }

  private static final String RATE_LIMITED_GET = "a request for a job answered 429";

  private static V4Pact rateLimitedPact(String header, String value) {
    return new PactBuilder("genjobs-java", "creative-api", PactSpecVersion.V4)
        .expectsToReceiveHttpInteraction(
            RATE_LIMITED_GET,
            i ->
                i.withRequest(
                        r ->
                            r.method("GET")
                                .path("/get")
                                .queryParameter("jobId", "job_1")
                                .header("x-api-key", "k"))
                    .willRespondWith(r -> r.status(429).header(header, value)))
        .toPact();
  }

  private static ProviderSpec mutate(ProviderSpec spec, Consumer<ObjectNode> change) {
    ObjectNode copy = spec.copy();
    change.accept(copy);
    return ProviderSpec.of(spec.provider(), "mutated " + spec.source(), copy);
  }

  private static List<Mismatch> verify(ProviderSpec spec, V4Pact pact) {
    return PactSpecVerifier.against(spec).verify("genjobs-java-" + spec.provider() + ".json", pact);
  }
}
