package dev.genjobs.cli;

import dev.genjobs.client.Provider;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Providers on the command line go by their spec folder names ({@code creative-api}), the names the
 * project uses everywhere else, rather than Java constant names.
 */
final class ProviderNames implements ITypeConverter<Provider>, Iterable<String> {

  @Override
  public Provider convert(String value) {
    // Ids, and the constant names of the providers' former enum (kept working for scripts).
    java.util.Optional<Provider> found = Provider.find(value);
    if (found.isPresent()) return found.get();
    throw new TypeConversionException(
        "unknown provider '" + value + "' (expected one of: " + String.join(", ", this) + ")");
  }

  /** The accepted names, for help text and completion. */
  @Override
  public Iterator<String> iterator() {
    return Provider.values().stream().map(Provider::specFolder).iterator();
  }

  static String nameOf(Provider provider) {
    return provider.specFolder();
  }
}
