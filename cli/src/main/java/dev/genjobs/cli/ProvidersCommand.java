package dev.genjobs.cli;

import dev.genjobs.client.spi.ProviderModules;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code genjobs providers}: the registered providers and the variables each reads. */
@Command(
    name = "providers",
    description = {
      "List the registered providers: id, name, the environment variables of their keys and base"
          + " URL, and their production base URL."
    })
final class ProvidersCommand implements Callable<Integer> {

  @Mixin HelpOption help;
  @ParentCommand GenJobsCli cli;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    cli.output(spec.commandLine().getOut()).providers(ProviderModules.installed().modules());
    return ExitStatus.SUCCESS.code;
  }
}
