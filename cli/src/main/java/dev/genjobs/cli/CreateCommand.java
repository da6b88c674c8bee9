package dev.genjobs.cli;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.CreatesJobs;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.jobs.JobRequest;
import dev.genjobs.client.upload.UploadFile;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code genjobs create}: start one job. The options mean the same thing for every provider and map
 * onto each provider's request; an option a provider has no use for is refused rather than ignored,
 * so a typo in a script fails loudly.
 */
@Command(
    name = "create",
    description = {
      "Create a job and print it (id, status).",
      "Follow it with 'await' or 'status'.",
      "Inputs are checked locally first (against the model's or template's published schema,"
          + " where the provider publishes one); invalid input exits 2 and sends nothing."
    })
final class CreateCommand implements Callable<Integer> {

  @Option(
      names = "--model",
      paramLabel = "<model>",
      description = "The model (or model version) that runs the job.")
  String model;

  @Option(
      names = "--template-id",
      paramLabel = "<id>",
      description = "The template (or workflow) that runs the job.")
  String templateId;

  @Option(
      names = {"-i", "--input"},
      paramLabel = "KEY=VALUE",
      description =
          "One input value, repeatable: KEY=VALUE for a string, KEY:=JSON for a JSON"
              + " number, boolean, array or object.")
  List<String> inputs = new ArrayList<>();

  @Option(
      names = "--input-json",
      paramLabel = "<json|@file>",
      description =
          "The input as a JSON object, or @path to read it from a file; --input adds to it.")
  String inputJson;

  @Option(
      names = "--webhook",
      paramLabel = "<url>",
      description = "Have the provider POST to this URL when the job ends.")
  URI webhook;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "<path>",
      description = "An input file to upload, repeatable.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--wait",
      paramLabel = "<duration>",
      converter = DurationConverter.class,
      description =
          "Wait up to this long (e.g. 60s) for the create's own answer to be final, where the"
              + " provider offers a synchronous create.")
  java.time.Duration waitFor;

  @Mixin HelpOption help;
  @ParentCommand GenJobsCli cli;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Provider provider = cli.requireProvider("create");
    Map<String, Object> input = Inputs.parse(inputJson, inputs);
    try (GenJobsClient client = cli.openClient(provider)) {
      if (!(client.provider(provider) instanceof CreatesJobs creates)) {
        throw new UsageException(
            "create: " + provider.displayName() + " has no create the CLI can call");
      }
      // Which options were given is checked before any file is opened.
      JobRequest.Builder given =
          JobRequest.builder()
              .model(model)
              .template(templateId)
              .input(input)
              .webhook(webhook)
              .waitFor(waitFor);
      checkOptionsApplyTo(provider, creates.parts(), given.build(), !files.isEmpty());
      Job job = creates.create(given.files(uploads()).build());
      cli.output(spec.commandLine().getOut()).snapshot(job.created());
      return ExitStatus.of(job.created()).code;
    }
  }

  /** Options the provider has no use for are refused, not ignored: a typo fails loudly. */
  private static void checkOptionsApplyTo(
      Provider provider, JobRequest.Parts parts, JobRequest request, boolean filesGiven) {
    String name = ProviderNames.nameOf(provider);
    java.util.Set<JobRequest.Part> given = java.util.EnumSet.noneOf(JobRequest.Part.class);
    given.addAll(request.partsGiven());
    if (filesGiven) given.add(JobRequest.Part.FILES);
    for (JobRequest.Part part : given) {
      if (!parts.accepts(part)) {
        throw new UsageException(OPTIONS.get(part) + " does not apply to --provider " + name);
      }
    }
    for (JobRequest.Part part : parts.required()) {
      if (!given.contains(part)) {
        throw new UsageException(
            "create --provider "
                + name
                + " needs "
                + OPTIONS.get(part)
                + " (the "
                + parts.accepted().get(part)
                + ")");
      }
    }
  }

  /** The option that sets {@code part}. */
  static String option(JobRequest.Part part) {
    return OPTIONS.get(part);
  }

  private static final Map<JobRequest.Part, String> OPTIONS =
      Map.of(
          JobRequest.Part.MODEL, "--model",
          JobRequest.Part.TEMPLATE, "--template-id",
          JobRequest.Part.INPUT, "--input",
          JobRequest.Part.FILES, "--file",
          JobRequest.Part.WEBHOOK, "--webhook",
          JobRequest.Part.WAIT, "--wait");

  private List<UploadFile> uploads() {
    List<UploadFile> uploads = new ArrayList<>();
    for (Path file : files) {
      try {
        uploads.add(UploadFile.of(file));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--file " + file + ": not a readable file", e);
      }
    }
    return uploads;
  }
}
