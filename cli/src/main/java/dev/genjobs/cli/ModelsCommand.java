package dev.genjobs.cli;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.ListsModels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code genjobs models}: the models a provider runs and the input each takes. */
@Command(
    name = "models",
    description = {
      "List a provider's models and their input schema.",
      "Each model's input properties with type, constraints and whether they are required;"
          + " --json prints the full JSON Schemas. --provider may be left out when one"
          + " registered provider lists models."
    })
final class ModelsCommand implements Callable<Integer> {

  @Parameters(
      arity = "0..*",
      paramLabel = "<model>",
      description = "Only these models, e.g. flux-dev/text-to-image (default: all).")
  List<String> modelNames = new ArrayList<>();

  @Mixin HelpOption help;
  @ParentCommand GenJobsCli cli;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Provider provider = cli.providerWith("models", ListsModels.class);
    try (GenJobsClient client = cli.openClient(provider)) {
      ListsModels models = (ListsModels) client.provider(provider);
      cli.output(spec.commandLine().getOut())
          .models(models.modelInputs(modelNames.toArray(String[]::new)));
    }
    return ExitStatus.SUCCESS.code;
  }
}
