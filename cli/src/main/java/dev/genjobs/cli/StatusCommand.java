package dev.genjobs.cli;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.JobSnapshot;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code genjobs status ID}: one look at a job. */
@Command(
    name = "status",
    description = {
      "Show a job's status and results (one request, no waiting).",
      "Exits 0 while the job is queued, running or succeeded, 1 once it ended FAILED or CANCELLED."
    })
final class StatusCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "<job-id>", description = "The provider's job id.")
  String jobId;

  @Mixin HelpOption help;
  @ParentCommand GenJobsCli cli;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Provider provider = cli.requireProvider("status");
    try (GenJobsClient client = cli.openClient(provider)) {
      JobSnapshot snapshot = client.job(provider, jobId).refresh();
      cli.output(spec.commandLine().getOut()).snapshot(snapshot);
      return ExitStatus.of(snapshot).code;
    }
  }
}
