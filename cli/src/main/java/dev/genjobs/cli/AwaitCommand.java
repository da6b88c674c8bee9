package dev.genjobs.cli;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobProgress;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.ProgressListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code genjobs await ID}: follow a job to its end, with a progress line per poll on stderr. */
@Command(
    name = "await",
    description = {
      "Wait for a job to end, showing progress.",
      "Polls with backoff: one progress line per poll on stderr, the final status and results on"
          + " stdout.",
      "Exits 0 when it SUCCEEDED, 1 when it ended FAILED or CANCELLED, 4 when --timeout passed"
          + " first (the job keeps running)."
    })
final class AwaitCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "<job-id>", description = "The provider's job id.")
  String jobId;

  @Option(
      names = "--timeout",
      paramLabel = "<duration>",
      defaultValue = "30m",
      converter = DurationConverter.class,
      description = "How long to wait, e.g. 90s, 10m, 2h (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress lines.")
  boolean quiet;

  @Mixin HelpOption help;
  @ParentCommand GenJobsCli cli;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    Provider provider = cli.requireProvider("await");
    PrintWriter err = spec.commandLine().getErr();
    try (GenJobsClient client = cli.openClient(provider)) {
      ProgressListener progress = ProgressListener.NONE;
      if (!quiet) {
        err.println(
            "waiting up to "
                + timeout.toString().substring(2).toLowerCase(Locale.ROOT)
                + " for "
                + ProviderNames.nameOf(provider)
                + " job "
                + jobId);
        err.flush();
        progress = p -> progressLine(err, p);
      }
      // A job the ledger records is awaited through its record, so its end is recorded too.
      Job job =
          cli.ledger().isPresent()
              ? client
                  .jobs()
                  .ofProviderJob(provider, jobId)
                  .filter(r -> r.providerJobId().isPresent())
                  .map(r -> client.jobs().job(r.ledgerId()))
                  .orElseGet(() -> client.job(provider, jobId))
              : client.job(provider, jobId);
      JobSnapshot done = job.await(timeout, progress);
      cli.output(spec.commandLine().getOut()).snapshot(done);
      return ExitStatus.of(done).code;
    }
  }

  /** Runs on a watcher thread; println on a PrintWriter is atomic. */
  private static void progressLine(PrintWriter err, JobProgress p) {
    JobSnapshot s = p.snapshot();
    err.println(
        String.format(
            Locale.ROOT,
            "[%6.1fs] %s %s: %s%s, poll %d",
            p.elapsed().toMillis() / 1000.0,
            ProviderNames.nameOf(s.provider()),
            s.id(),
            s.status(),
            s.rawStatus() == null ? "" : " (" + s.rawStatus() + ")",
            p.attempt()));
    err.flush();
  }
}
