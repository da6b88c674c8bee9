package dev.genjobs.cli;

import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.CreatesJobs;
import dev.genjobs.client.jobs.JobBackend;
import dev.genjobs.client.spi.ProviderModule;
import dev.genjobs.client.spi.ProviderModules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * What the help says about providers, read from the registered provider modules and their clients
 * (which options {@code create} takes for each, which keys each reads), so no command names a
 * provider and a new one appears in the help by being registered.
 */
final class ProviderHelp {

  private static volatile Map<Provider, JobBackend> clients;

  private ProviderHelp() {}

  /**
   * Adds the providers' keys and base URL variables to the help, and create's per-provider parts.
   */
  static void describe(CommandLine cli) {
    List<String> lines =
        new ArrayList<>(List.of(cli.getCommandSpec().usageMessage().description()));
    lines.add("");
    lines.add("Keys are read from the environment only; base URLs also, or from --base-url:");
    for (ProviderModule m : ProviderModules.installed().modules()) {
      List<String> keys = new ArrayList<>(m.keyVariables());
      m.optionalKeyVariables().forEach(k -> keys.add(k + " (optional)"));
      lines.add(
          String.format(
              "  %-25s %s; %s", m.provider().id(), String.join(", ", keys), m.baseUrlVariable()));
    }
    cli.getCommandSpec().usageMessage().description(lines.toArray(String[]::new));
    CommandLine create = cli.getSubcommands().get("create");
    if (create != null) {
      // Rendered on demand: it builds the providers' clients (no key is needed for that).
      create
          .getHelpSectionMap()
          .put(
              UsageMessageSpec.SECTION_KEY_FOOTER_HEADING, help -> "%nPer provider:%n".formatted());
      create.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_FOOTER, help -> createParts());
    }
  }

  private static String createParts() {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<Provider, JobBackend> e : clients().entrySet()) {
      if (!(e.getValue() instanceof CreatesJobs creates)) continue;
      List<String> parts = new ArrayList<>();
      creates
          .parts()
          .accepted()
          .forEach(
              (part, name) ->
                  parts.add(
                      CreateCommand.option(part)
                          + " ("
                          + name
                          + (creates.parts().required().contains(part) ? ", required" : "")
                          + ")"));
      text.append(String.format("  %-25s %s%n", e.getKey().id(), String.join(", ", parts)));
    }
    text.append(
        String.format(
            "Input is -i/--input pairs and/or --input-json; an option a provider does not take is"
                + " refused.%n"));
    return text.toString();
  }

  /** The registered providers whose client has {@code capability}, in id order. */
  static List<Provider> providersWith(Class<?> capability) {
    return clients().entrySet().stream()
        .filter(e -> capability.isInstance(e.getValue()))
        .map(Map.Entry::getKey)
        .toList();
  }

  private static Map<Provider, JobBackend> clients() {
    Map<Provider, JobBackend> c = clients;
    if (c == null) {
      Map<Provider, JobBackend> built = new LinkedHashMap<>();
      // Clients are built without keys; nothing is sent, and only their types and parts are read.
      try (GenJobsClient client = GenJobsClient.create(ClientOptions.builder().build())) {
        for (Provider p : client.providers()) built.put(p, client.provider(p));
      }
      c = java.util.Collections.unmodifiableMap(built);
      clients = c;
    }
    return c;
  }
}
