package dev.genjobs.client.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.core.ClientContext;
import dev.genjobs.client.creative.CreativeApiClient;
import dev.genjobs.client.creative.CreativeApiModule;
import dev.genjobs.client.jobs.JobBackend;
import dev.genjobs.client.jobs.JobRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The registry of provider modules and the open provider value. */
class ProviderModulesTest {

  @Test
  void everyRegisteredModuleIsFoundInIdOrderAndByItsProvider() {
    ProviderModules installed = ProviderModules.installed();

    assertThat(installed.providers())
        .contains(Provider.CREATIVE_API, Provider.UNSTRUCTURED)
        .isSorted()
        .doesNotHaveDuplicates();
    assertThat(installed.module(Provider.CREATIVE_API)).get().isInstanceOf(CreativeApiModule.class);
    assertThat(Provider.values()).isEqualTo(installed.providers());
  }

  @Test
  void twoModulesForOneProviderAreRefusedNamingBoth() {
    assertThatThrownBy(
            () -> ProviderModules.of(List.of(new CreativeApiModule(), new CreativeApiModule())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("creative-api")
        .hasMessageContaining(CreativeApiModule.class.getName());
  }

  @Test
  void aClientCanBeBuiltForAChosenSetOfProviders() {
    try (GenJobsClient client =
        GenJobsClient.create(
            ClientOptions.builder().build(),
            ProviderModules.of(List.of(new CreativeApiModule())))) {
      assertThat(client.providers()).containsExactly(Provider.CREATIVE_API);
      assertThat(client.provider(CreativeApiClient.class)).isNotNull();
      assertThatThrownBy(() -> client.provider(Provider.UNSTRUCTURED))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("unstructured-platform");
    }
  }

  @Test
  void aModuleWhoseClientIsForAnotherProviderIsRefused() {
    ProviderModule lying =
        new ProviderModule() {
          @Override
          public Provider provider() {
            return Provider.of("somebody-else", "Somebody Else", "https://example.com");
          }

          @Override
          public List<String> keyVariables() {
            return List.of();
          }

          @Override
          public String baseUrlVariable() {
            return "SOMEBODY_ELSE_BASE_URL";
          }

          @Override
          public Set<String> secretHeaders() {
            return Set.of();
          }

          @Override
          public JobBackend client(ClientContext context) {
            return new CreativeApiClient(context);
          }
        };

    assertThatThrownBy(
            () ->
                GenJobsClient.create(
                    ClientOptions.builder().build(), ProviderModules.of(List.of(lying))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("somebody-else");
  }

  @Test
  void aProviderIsAnOpenValueEqualByIdAndFoundByItsFormerConstantName() {
    Provider mine = Provider.of("creative-api", "Another name", "https://example.com");

    assertThat(mine).isEqualTo(Provider.CREATIVE_API).hasSameHashCodeAs(Provider.CREATIVE_API);
    assertThat(Provider.valueOf("CREATIVE_API")).isSameAs(Provider.CREATIVE_API);
    assertThat(Provider.find("unstructured-platform")).contains(Provider.UNSTRUCTURED);
    assertThat(Provider.find("nobody")).isEmpty();
    assertThatThrownBy(() -> Provider.valueOf("nobody"))
        .hasMessageContaining("no provider 'nobody'")
        .hasMessageContaining("creative-api");
    assertThatThrownBy(() -> Provider.of("Not An Id", "x", "https://example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lower-case");
  }

  @Test
  void aJobRequestNamesThePartAProviderDoesNotTakeOrNeeds() {
    JobRequest.Parts parts =
        new JobRequest.Parts(
            Map.of(JobRequest.Part.MODEL, "model", JobRequest.Part.INPUT, "input"),
            Set.of(JobRequest.Part.MODEL));

    assertThat(JobRequest.builder().model("m").input(Map.of()).build().misfit(parts)).isEmpty();
    assertThat(JobRequest.builder().input(Map.of()).build().misfit(parts))
        .hasValue("needs model (model)");
    assertThat(JobRequest.builder().model("m").template("t").build().misfit(parts))
        .hasValue("template does not apply");
  }
}
