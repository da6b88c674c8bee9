package dev.genjobs.cli;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.errors.MissingCredentialsException;
import dev.genjobs.verifylive.LiveCheck;
import dev.genjobs.verifylive.LiveReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code genjobs verify-live}: do the providers still answer as their specs say? */
@Command(
    name = "verify-live",
    description = {
      "Ask each provider's real API its read-only questions (templates, model schemas, job lists,"
          + " a known job; never a create, cancel or upload) and check every answer against the"
          + " spec this client is built from.",
      "Findings name the operation, the JSON pointer, what the spec declares and what was seen."
          + " Exits 0 when every answer conforms, 7 when one does not (drift). Without --provider,"
          + " every provider whose keys are set is checked. Keys and signed URLs are never"
          + " printed."
    })
final class VerifyLiveCommand implements Callable<Integer> {

  @Option(
      names = "--job-id",
      paramLabel = "<id>",
      description =
          "The job to ask about (needs --provider). Default: the newest job of the provider in"
              + " the ledger; without one, the questions about a job are skipped and said so.")
  String jobId;

  @Mixin HelpOption help;
  @ParentCommand GenJobsCli cli;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (jobId != null && cli.provider == null) {
      throw new UsageException("--job-id needs --provider: a job id belongs to one provider");
    }
    List<Provider> providers = cli.provider != null ? List.of(cli.provider) : Provider.values();
    List<LiveReport> reports = new ArrayList<>();
    Map<Provider, String> skipped = new LinkedHashMap<>();
    MissingCredentialsException missing = null;
    for (Provider provider : providers) {
      try (GenJobsClient client = cli.openClient(provider)) {
        reports.add(LiveCheck.of(client).verify(provider, jobId));
      } catch (MissingCredentialsException e) {
        if (cli.provider != null) throw e;
        missing = e;
        skipped.put(provider, e.variable() + " is not set");
      }
    }
    if (reports.isEmpty() && missing != null) throw missing;
    new LiveReports(spec.commandLine().getOut(), cli.json).print(reports, skipped);
    if (reports.stream().anyMatch(r -> !r.conforms())) return ExitStatus.DRIFT.code;
    if (reports.stream().anyMatch(r -> !r.problems().isEmpty())) {
      return ExitStatus.PROVIDER_ERROR.code;
    }
    return ExitStatus.SUCCESS.code;
  }
}
