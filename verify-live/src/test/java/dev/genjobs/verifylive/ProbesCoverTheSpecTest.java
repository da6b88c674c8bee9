package dev.genjobs.verifylive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genjobs.client.Provider;
import dev.genjobs.verifylive.spec.ProviderSpec;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The live check asks what the effective spec declares: every GET operation of a provider's spec
 * has a probe named by its operationId or a stated reason not to be asked, and no probe names an
 * operation the spec lacks. A GET added to an overlay fails here until it is probed or excused.
 */
class ProbesCoverTheSpecTest {

  static java.util.List<Provider> providers() {
    return Provider.values();
  }

  @ParameterizedTest
  @MethodSource("providers")
  void everyGetOfTheSpecIsProbedOrExcused(Provider provider) {
    ProviderProbes probes = ProviderProbes.of(provider);
    Set<String> gets = new HashSet<>();
    for (JsonNode item : ProviderSpec.newest(provider.specFolder()).published().path("paths")) {
      String id = item.path("get").path("operationId").asText("");
      if (!id.isEmpty()) gets.add(id);
    }
    Set<String> covered = new HashSet<>(probes.notAsked().keySet());
    probes.probes().forEach(p -> covered.add(p.name()));

    assertThat(covered).as("probes and excused operations of %s", provider).isEqualTo(gets);
    assertThat(probes.provider()).isEqualTo(provider);
  }
}
