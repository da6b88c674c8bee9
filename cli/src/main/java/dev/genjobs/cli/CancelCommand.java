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

/** {@code genjobs --provider ID cancel JOB}: stop a job at a provider that has a cancel call. */
@Command(
    name = "cancel",
    description = {
      "Cancel a job (--provider required).",
      "Providers without a cancel operation refuse, and nothing is sent."
    })
final class CancelCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "<job-id>", description = "The job id.")
  String jobId;

  @Mixin HelpOption help;
  @ParentCommand GenJobsCli cli;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Provider provider = cli.requireProvider("cancel");
    try (GenJobsClient client = cli.openClient(provider)) {
      cli.output(spec.commandLine().getOut()).snapshot(client.job(provider, jobId).cancel());
    } catch (UnsupportedOperationException e) {
      throw new UsageException(e.getMessage(), e);
    }
    // The job ending CANCELLED is what was asked for.
    return ExitStatus.SUCCESS.code;
  }
}
