package dev.genjobs.client.webhooks;

import static dev.genjobs.client.testing.JobStands.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.jobs.JobBackend;
import dev.genjobs.client.testing.JobStands;
import dev.genjobs.client.testing.Stand;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each provider package recognizes its own webhook bodies ({@link JobBackend#webhookJobId}) and no
 * other provider's, so the shared handler can ask them in turn without knowing their fields.
 */
class WebhookPayloadRecognitionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Stand stand;
  private List<JobBackend> providers;

  @BeforeEach
  void setUp() {
    stand = JobStands.stand();
    GenJobsClient client = stand.client();
    providers =
        List.of(
            client.creative(),
            client.inspiration(),
            client.assetGenerator(),
            client.unstructured());
  }

  @AfterEach
  void tearDown() {
    stand.close();
  }

  /** Which providers claim {@code body}, and the job id each one read. */
  private Map<String, String> claims(String singleQuotedJson) throws Exception {
    JsonNode body = JSON.readTree(q(singleQuotedJson));
    return providers.stream()
        .filter(p -> p.webhookJobId(body).isPresent())
        .collect(Collectors.toMap(p -> p.provider().id(), p -> p.webhookJobId(body).orElseThrow()));
  }

  @Test
  void eachProvidersBodyIsClaimedByThatProviderAlone() throws Exception {
    assertThat(claims("{'jobId':'c-1','status':'succeeded'}"))
        .containsExactly(Map.entry("creative-api", "c-1"));
    assertThat(claims("{'id':'i-1','inspiration_id':'insp','status':'done'}"))
        .containsExactly(Map.entry("creatify-inspiration", "i-1"));
    assertThat(claims("{'data':{'id':'a-1','model_name':'flux/schnell','status':'done'}}"))
        .containsExactly(Map.entry("creatify-asset-generator", "a-1"));
    assertThat(claims("{'id':'u-1','workflow_id':'w-1','status':'COMPLETED'}"))
        .containsExactly(Map.entry("unstructured-platform", "u-1"));
  }

  @Test
  void aBodyWithoutAnyProvidersShapeIsClaimedByNone() throws Exception {
    assertThat(claims("{'id':'x-1','status':'done'}")).isEmpty();
    assertThat(claims("{'id':'','workflow_id':'w-1'}")).isEmpty();
    assertThat(claims("{'jobId':42}")).isEmpty();
    assertThat(providers.get(0).webhookJobId(JSON.readTree("{}"))).isEqualTo(Optional.empty());
  }
}
