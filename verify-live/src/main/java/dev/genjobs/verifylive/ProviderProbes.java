package dev.genjobs.verifylive;

import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.Provider;
import dev.genjobs.verifylive.creatify.AssetGeneratorProbes;
import dev.genjobs.verifylive.creatify.InspirationProbes;
import dev.genjobs.verifylive.creative.CreativeApiProbes;
import dev.genjobs.verifylive.unstructured.UnstructuredProbes;
import java.util.List;
import java.util.Map;

/**
 * What a live check asks one provider: its read-only probes and how a request authenticates. Each
 * provider's knowledge stays in its own package; this is the one place that lists them.
 */
public interface ProviderProbes {

  Provider provider();

  /**
   * The headers that authenticate a request, from {@code options}' keys. Their values are secret:
   * sent, never shown.
   *
   * @throws dev.genjobs.client.errors.MissingCredentialsException when a key is absent
   */
  Map<String, String> authHeaders(ClientOptions options);

  /** The read-only probes, in the order they are asked; each named by its operationId. */
  List<Probe> probes();

  /**
   * The spec's GET operations deliberately not asked, each with the reason. Every other GET of the
   * spec must have a probe (a test holds the two lists to the spec).
   */
  default Map<String, String> notAsked() {
    return Map.of();
  }

  static ProviderProbes of(Provider provider) {
    return switch (provider) {
      case CREATIFY_INSPIRATION -> new InspirationProbes();
      case CREATIFY_ASSET_GENERATOR -> new AssetGeneratorProbes();
      case UNSTRUCTURED -> new UnstructuredProbes();
      case CREATIVE_API -> new CreativeApiProbes();
    };
  }
}
