package dev.genjobs.cli;

import dev.genjobs.client.Provider;
import java.util.Arrays;
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
    for (Provider p : Provider.values()) {
      if (p.specFolder().equalsIgnoreCase(value.trim())) return p;
    }
    throw new TypeConversionException(
        "unknown provider '" + value + "' (expected one of: " + String.join(", ", this) + ")");
  }

  /** The accepted names, for help text and completion. */
  @Override
  public Iterator<String> iterator() {
    return Arrays.stream(Provider.values()).map(Provider::specFolder).iterator();
  }

  static String nameOf(Provider provider) {
    return provider.specFolder();
  }
}
