package dev.genjobs.cli;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.jobs.DownloadsOutputs;
import dev.genjobs.client.jobs.OutputFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code genjobs download ID --file-id F --output P}: one output file of a finished job. */
@Command(
    name = "download",
    description = {
      "Download an output file of a finished job, from a provider that serves its outputs"
          + " through its API.",
      "File ids are listed by 'status' and 'await' (file: lines, or output_files[].file_id with"
          + " --json).",
      "--provider may be left out when one registered provider downloads outputs."
    })
final class DownloadCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "<job-id>", description = "The job id.")
  String jobId;

  @Option(
      names = "--file-id",
      required = true,
      paramLabel = "<file-id>",
      description = "The output file to download.")
  String fileId;

  @Option(
      names = "--node-id",
      paramLabel = "<node-id>",
      description = "The workflow node that produced it (optional).")
  String nodeId;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "<path>",
      description = "Where to write it; an existing directory gets a file named after the file id.")
  Path output;

  @Mixin HelpOption help;
  @ParentCommand GenJobsCli cli;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Provider provider = cli.providerWith("download", DownloadsOutputs.class);
    Path target = target();
    try (GenJobsClient client = cli.openClient(provider)) {
      Path written =
          ((DownloadsOutputs) client.provider(provider))
              .downloadOutput(jobId, new OutputFile(fileId, nodeId, null, null), target);
      cli.output(spec.commandLine().getOut()).download(jobId, fileId, written, size(written));
    }
    return ExitStatus.SUCCESS.code;
  }

  /**
   * Checked before the request: a path the JDK cannot write to would otherwise fail mid-download
   * and read like a network error.
   */
  private Path target() {
    Path target = output;
    if (Files.isDirectory(target)) {
      target = target.resolve(Path.of(fileId.replaceAll("[/\\\\:]", "_")).getFileName());
    }
    Path parent = target.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new UsageException("--output: directory " + parent + " does not exist");
    }
    if (!Files.isWritable(parent)) {
      throw new UsageException("--output: directory " + parent + " is not writable");
    }
    return target;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
