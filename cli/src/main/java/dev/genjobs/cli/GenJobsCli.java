package dev.genjobs.cli;

import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.Secret;
import dev.genjobs.client.errors.MissingCredentialsException;
import dev.genjobs.client.spi.ProviderModule;
import dev.genjobs.client.spi.ProviderModules;
import dev.genjobs.client.store.JobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code genjobs} command: global options and the subcommands. Each subcommand asks this one
 * for a client ({@link #openClient(Provider)}), so configuration, credentials and flags are handled
 * in one place.
 */
@Command(
    name = "genjobs",
    mixinStandardHelpOptions = true,
    versionProvider = GenJobsCli.Version.class,
    // The providers, their keys and base URL variables are added from the registered provider
    // modules (ProviderHelp), so a new provider shows up here without editing this class.
    description = {"Create and follow generation jobs at any registered provider."},
    subcommands = {
      ProvidersCommand.class,
      ModelsCommand.class,
      CreateCommand.class,
      StatusCommand.class,
      AwaitCommand.class,
      CancelCommand.class,
      DownloadCommand.class,
      JobsCommand.class,
      VerifyLiveCommand.class,
      HelpCommand.class
    })
final class GenJobsCli implements Runnable {

  @Option(
      names = "--provider",
      scope = ScopeType.INHERIT,
      paramLabel = "<provider>",
      converter = ProviderNames.class,
      completionCandidates = ProviderNames.class,
      description = "The provider: ${COMPLETION-CANDIDATES}.")
  Provider provider;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description =
          "Print results on stdout as one JSON document (progress and errors stay on stderr).")
  boolean json;

  @Option(
      names = "--base-url",
      scope = ScopeType.INHERIT,
      paramLabel = "<url>",
      description =
          "Send requests for the provider to this http(s) URL instead of its production one.")
  URI baseUrl;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Log HTTP requests and responses on stderr (credentials redacted).")
  boolean verbose;

  @Option(
      names = "--store",
      scope = ScopeType.INHERIT,
      paramLabel = "<dir|jdbc-url>",
      description =
          "The job ledger: a directory for its embedded SQLite file, or a JDBC URL such as"
              + " jdbc:postgresql://host/db (user and password from GENJOBS_STORE_USER and"
              + " GENJOBS_STORE_PASSWORD). Default: GENJOBS_STORE, else the user's data directory"
              + " (~/.local/share/genjobs).")
  String store;

  @Spec CommandLine.Model.CommandSpec spec;

  private final ClientOptionsSource options;
  private JobStore openedStore;

  GenJobsCli(ClientOptionsSource options) {
    this.options = options;
  }

  /** Without a subcommand: show the usage on stderr and fail as bad usage. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** The tool as shipped: configuration from the process environment. */
  static CommandLine commandLine() {
    return commandLine(ClientOptionsSource.environment());
  }

  /**
   * The tool with its configuration from {@code options}; tests use this to pass keys and a fast
   * poll policy without touching the process environment.
   */
  static CommandLine commandLine(ClientOptionsSource options) {
    CommandLine cli = new CommandLine(new GenJobsCli(options));
    // "@path" is --input-json's way to name a file; picocli would expand it as an argument file.
    cli.setExpandAtFiles(false);
    Failures failures = new Failures();
    cli.setExecutionExceptionHandler(failures);
    GenJobsCli root = cli.getCommand();
    cli.setExecutionStrategy(
        parsed -> {
          try {
            return new CommandLine.RunLast().execute(parsed);
          } finally {
            root.closeStore();
          }
        });
    cli.setParameterExceptionHandler(failures);
    applyExitCodeHelp(cli);
    ProviderHelp.describe(cli);
    return cli;
  }

  private static void applyExitCodeHelp(CommandLine command) {
    command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n");
    command.getCommandSpec().usageMessage().exitCodeList(ExitStatus.helpList());
    command.getSubcommands().values().forEach(GenJobsCli::applyExitCodeHelp);
  }

  /** The provider the command line names, or {@code fallback} when it names none. */
  Provider providerOr(Provider fallback) {
    return provider != null ? provider : fallback;
  }

  /** The provider the command line names; a usage error when it names none. */
  Provider requireProvider(String command) {
    if (provider == null) {
      throw new UsageException(
          command + " needs --provider (one of: " + String.join(", ", new ProviderNames()) + ")");
    }
    return provider;
  }

  /**
   * The provider for a command that needs a capability of its client ({@code ListsModels}, {@code
   * DownloadsOutputs}): the one named, else the only registered provider that has it.
   */
  Provider providerWith(String command, Class<?> capability) {
    List<Provider> capable = ProviderHelp.providersWith(capability);
    if (provider != null) {
      if (!capable.contains(provider)) {
        throw new UsageException(
            command
                + " does not apply to --provider "
                + ProviderNames.nameOf(provider)
                + "; it works with: "
                + names(capable));
      }
      return provider;
    }
    if (capable.size() == 1) return capable.get(0);
    throw new UsageException(command + " needs --provider (one of: " + names(capable) + ")");
  }

  private static String names(List<Provider> providers) {
    return String.join(", ", providers.stream().map(ProviderNames::nameOf).toList());
  }

  Output output(PrintWriter out) {
    return new Output(out, json);
  }

  /**
   * A client for {@code provider}: options from the source, {@code --base-url} on top, and the
   * provider's keys checked before anything is sent, so a missing key is exit 6 at once rather than
   * a failed request.
   */
  /** The job ledger this invocation uses, opened once; empty when there is none (tests). */
  java.util.Optional<JobStore> ledger() {
    if (openedStore == null) {
      java.util.Optional<String> where =
          store != null ? java.util.Optional.of(store) : options.defaultStore();
      if (where.isEmpty()) return java.util.Optional.empty();
      openedStore = LedgerLocation.open(where.get(), options);
    }
    return java.util.Optional.of(openedStore);
  }

  /** The ledger, or a usage error naming how to give one. */
  JobStore requireLedger() {
    return ledger()
        .orElseThrow(() -> new UsageException("no job ledger: give --store <dir|jdbc-url>"));
  }

  void closeStore() {
    if (openedStore != null) openedStore.close();
    openedStore = null;
  }

  /**
   * A client that polls the ledger's due jobs (for {@code jobs resume}); keys are checked per job
   * when it is polled.
   */
  GenJobsClient openLedgerClient() {
    ClientOptions.Builder builder = options.load();
    if (baseUrl != null) builder.baseUrlForAll(baseUrl);
    builder.jobStore(requireLedger());
    return GenJobsClient.create(builder.build());
  }

  /** A client on the ledger that only records and resolves (no polling). */
  GenJobsClient openLedgerClientWithoutPolling() {
    ClientOptions.Builder builder = options.load();
    if (baseUrl != null) builder.baseUrlForAll(baseUrl);
    ClientOptions o = builder.build();
    builder.jobStore(requireLedger()).ledgerPolicy(o.ledgerPolicy().withoutPolling());
    return GenJobsClient.create(builder.build());
  }

  GenJobsClient openClient(Provider provider) {
    if (verbose) {
      // Read when the library's loggers are created, which happens with the client below.
      System.setProperty("org.slf4j.simpleLogger.log.dev.genjobs", "debug");
    }
    ClientOptions.Builder builder = options.load();
    if (baseUrl != null) {
      try {
        builder.baseUrl(provider, baseUrl);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--base-url must be an http(s) URL, got '" + baseUrl + "'", e);
      }
    }
    // Creates are recorded write-ahead in the ledger; watching is left to the command itself.
    ledger()
        .ifPresent(
            l -> {
              ClientOptions o = builder.build();
              builder.jobStore(l).ledgerPolicy(o.ledgerPolicy().withoutPolling());
            });
    ClientOptions built = builder.build();
    requireKeys(built, provider);
    return GenJobsClient.create(built);
  }

  /** The keys its provider module names, each present: a missing one names its variable. */
  private static void requireKeys(ClientOptions options, Provider provider) {
    ProviderModule module = ProviderModules.installed().module(provider).orElseThrow();
    for (String variable : module.keyVariables()) {
      Secret key = options.key(variable);
      if (!key.isPresent()) throw new MissingCredentialsException(key.variable());
    }
  }

  /** {@code --version}: this tool's version, from the build. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = GenJobsCli.class.getResourceAsStream("version.properties")) {
        if (in != null) p.load(in);
      }
      return new String[] {"genjobs " + p.getProperty("version", "(unknown version)")};
    }
  }
}
