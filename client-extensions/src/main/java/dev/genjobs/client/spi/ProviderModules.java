package dev.genjobs.client.spi;

import dev.genjobs.client.Provider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The registered {@link ProviderModule}s, found with {@link ServiceLoader}: a provider in its own
 * jar joins by being on the class path, without a change to this library (an explicit list here
 * would make every provider an edit of shared code). Loaded once, in id order.
 */
public final class ProviderModules {

  private static volatile ProviderModules installed;

  private final List<ProviderModule> modules;
  private final Map<Provider, ProviderModule> byProvider;
  // Read on every ledger row and provider lookup: built once.
  private final List<Provider> providers;

  private ProviderModules(List<ProviderModule> modules) {
    List<ProviderModule> sorted = new ArrayList<>(modules);
    sorted.sort(Comparator.comparing(ProviderModule::provider));
    Map<Provider, ProviderModule> map = new HashMap<>();
    for (ProviderModule m : sorted) {
      ProviderModule before = map.put(m.provider(), m);
      if (before != null) {
        throw new IllegalStateException(
            "two provider modules for '"
                + m.provider().id()
                + "': "
                + before.getClass().getName()
                + " and "
                + m.getClass().getName());
      }
    }
    this.modules = List.copyOf(sorted);
    this.byProvider = Map.copyOf(map);
    this.providers = this.modules.stream().map(ProviderModule::provider).toList();
  }

  /** The modules registered on the class path of this library. */
  public static ProviderModules installed() {
    ProviderModules m = installed;
    if (m == null) {
      synchronized (ProviderModules.class) {
        if (installed == null) {
          List<ProviderModule> found = new ArrayList<>();
          ServiceLoader.load(ProviderModule.class, ProviderModule.class.getClassLoader())
              .forEach(found::add);
          installed = new ProviderModules(found);
        }
        m = installed;
      }
    }
    return m;
  }

  /** A fixed set of modules (tests, or an application that picks its providers). */
  public static ProviderModules of(List<? extends ProviderModule> modules) {
    return new ProviderModules(List.copyOf(modules));
  }

  public List<ProviderModule> modules() {
    return modules;
  }

  public List<Provider> providers() {
    return providers;
  }

  public Optional<ProviderModule> module(Provider provider) {
    return Optional.ofNullable(byProvider.get(provider));
  }
}
