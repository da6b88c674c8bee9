package dev.genjobs.cli;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code genjobs cancel ID}: stop an Unstructured job, the only provider with a cancel call. */
@Command(
    name = "cancel",
    description = {
      "Cancel an Unstructured Platform job.",
      "The other providers have no cancel operation.",
      "--provider defaults to unstructured-platform. Uses UNSTRUCTURED_API_KEY."
    })
final class CancelCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "<job-id>", description = "The job id.")
  String jobId;

  @Mixin HelpOption help;
  @ParentCommand GenJobsCli cli;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Provider provider = cli.onlyProvider("cancel", Provider.UNSTRUCTURED);
    try (GenJobsClient client = cli.openClient(provider)) {
      cli.output(spec.commandLine().getOut()).snapshot(client.job(provider, jobId).cancel());
    }
    // The job ending CANCELLED is what was asked for.
    return ExitStatus.SUCCESS.code;
  }
}
