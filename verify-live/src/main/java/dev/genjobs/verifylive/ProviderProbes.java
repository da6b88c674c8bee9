package dev.genjobs.verifylive;

import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.Provider;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * What a live check asks one provider: its read-only probes and how a request authenticates. Each
 * provider's knowledge stays in its own package, registered with one line in {@code
 * META-INF/services/dev.genjobs.verifylive.ProviderProbes}.
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

  /**
   * The registered probes of {@code provider}.
   *
   * @throws IllegalArgumentException when no probes are registered for it
   */
  static ProviderProbes of(Provider provider) {
    for (ProviderProbes p :
        ServiceLoader.load(ProviderProbes.class, ProviderProbes.class.getClassLoader())) {
      if (p.provider().equals(provider)) return p;
    }
    throw new IllegalArgumentException("no live-check probes for provider " + provider.id());
  }
}
