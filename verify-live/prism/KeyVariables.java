import dev.genjobs.client.Provider;
import dev.genjobs.client.spi.ProviderModule;
import dev.genjobs.client.spi.ProviderModules;

/**
 * Prints the environment variables that hold one provider's keys, one a line, as its registered
 * client module names them (ProviderModule.keyVariables()). prism-passes.sh sets each to a test
 * value, so that a provider needs no line of its own in the script. Run with the CLI's jar:
 * {@code java -cp genjobs-cli-*-all.jar KeyVariables.java replicate}.
 */
public class KeyVariables {
  public static void main(String[] args) {
    Provider provider = Provider.valueOf(args[0]);
    ProviderModule module =
        ProviderModules.installed()
            .module(provider)
            .orElseThrow(() -> new IllegalArgumentException("no client module for " + args[0]));
    module.keyVariables().forEach(System.out::println);
  }
}
