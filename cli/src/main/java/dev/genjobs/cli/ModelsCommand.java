package dev.genjobs.cli;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code genjobs models}: what Asset Generator can run and the input each model takes. */
@Command(
    name = "models",
    description = {
      "List Asset Generator models and their input schema.",
      "Each model's input properties with type, constraints and whether they are required;"
          + " --json prints the full JSON Schemas. Uses CREATIFY_API_ID and CREATIFY_API_KEY."
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
    Provider provider = cli.onlyProvider("models", Provider.CREATIFY_ASSET_GENERATOR);
    try (GenJobsClient client = cli.openClient(provider)) {
      cli.output(spec.commandLine().getOut())
          .models(client.assetGenerator().models(modelNames.toArray(String[]::new)));
    }
    return ExitStatus.SUCCESS.code;
  }
}
