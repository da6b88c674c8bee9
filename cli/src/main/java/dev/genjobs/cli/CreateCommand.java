package dev.genjobs.cli;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.Provider;
import dev.genjobs.client.creatify.AssetGenerationRequest;
import dev.genjobs.client.creatify.InspirationJobRequest;
import dev.genjobs.client.creative.GenerateRequest;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.unstructured.CreateJobRequest;
import dev.genjobs.client.upload.UploadFile;
import java.net.URI;
import java.nio.file.Path;
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
      "Inputs are checked locally first (Creatify: against the model's or template's published"
          + " schema); invalid input exits 2 and sends nothing."
    },
    footerHeading = "%nPer provider:%n",
    footer = {
      "  creative-api              --model, input; --webhook optional",
      "  creatify-asset-generator  --model (model_name), input (input_params);",
      "                            --webhook optional",
      "  creatify-inspiration      --template-id (inspiration_id),",
      "                            input (input_params); --webhook optional",
      "  unstructured-platform     --template-id (template_id) and/or input",
      "                            (request_data); --file, repeatable",
      "Input is -i/--input pairs and/or --input-json.",
      "",
      "Examples:",
      "  genjobs create --provider creative-api --model flux-pro \\",
      "      -i prompt='a red fox in snow'",
      "  genjobs create --provider creatify-asset-generator \\",
      "      --model kling-video/v1.6/pro/image-to-video \\",
      "      -i image_url=https://example.com/cat.png -i prompt='the cat waves' \\",
      "      -i duration:=5",
      "  genjobs create --provider unstructured-platform \\",
      "      --template-id hi_res_partition -f report.pdf"
    })
final class CreateCommand implements Callable<Integer> {

  @Option(
      names = "--model",
      paramLabel = "<model>",
      description = "The model (creative-api, creatify-asset-generator).")
  String model;

  @Option(
      names = "--template-id",
      paramLabel = "<id>",
      description =
          "The template: inspiration id (creatify-inspiration) or template id"
              + " (unstructured-platform).")
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
      description =
          "Have the provider POST to this URL when the job ends (not unstructured-platform).")
  URI webhook;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "<path>",
      description = "An input file to upload, repeatable (unstructured-platform).")
  List<Path> files = new ArrayList<>();

  @Mixin HelpOption help;
  @ParentCommand GenJobsCli cli;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Provider provider = cli.requireProvider("create");
    checkOptionsApplyTo(provider);
    Map<String, Object> input = Inputs.parse(inputJson, inputs);
    List<UploadFile> uploads = uploads();
    try (GenJobsClient client = cli.openClient(provider)) {
      Job job =
          switch (provider) {
            case CREATIVE_API ->
                client
                    .creative()
                    .generate(
                        GenerateRequest.builder()
                            .model(model)
                            .input(input)
                            .webhook(webhook)
                            .build());
            case CREATIFY_ASSET_GENERATOR ->
                client
                    .assetGenerator()
                    .create(
                        AssetGenerationRequest.builder()
                            .modelName(model)
                            .inputParams(input)
                            .webhookUrl(webhook)
                            .build());
            case CREATIFY_INSPIRATION ->
                client
                    .inspiration()
                    .create(
                        InspirationJobRequest.builder()
                            .inspirationId(templateId)
                            .inputParams(input)
                            .webhookUrl(webhook)
                            .build());
            case UNSTRUCTURED ->
                client.unstructured().createJob(unstructuredRequest(input, uploads));
          };
      cli.output(spec.commandLine().getOut()).snapshot(job.created());
      return ExitStatus.of(job.created()).code;
    }
  }

  private void checkOptionsApplyTo(Provider provider) {
    boolean creatifyOrCreative = provider != Provider.UNSTRUCTURED;
    boolean byModel =
        provider == Provider.CREATIVE_API || provider == Provider.CREATIFY_ASSET_GENERATOR;
    refuse(provider, "--model", model != null && !byModel);
    refuse(provider, "--template-id", templateId != null && byModel);
    refuse(provider, "--webhook", webhook != null && !creatifyOrCreative);
    refuse(provider, "--file", !files.isEmpty() && creatifyOrCreative);
    if (byModel && model == null) {
      throw new UsageException(
          "create --provider " + ProviderNames.nameOf(provider) + " needs --model");
    }
    if (provider == Provider.CREATIFY_INSPIRATION && templateId == null) {
      throw new UsageException(
          "create --provider creatify-inspiration needs --template-id (the inspiration id)");
    }
  }

  private static void refuse(Provider provider, String option, boolean given) {
    if (given) {
      throw new UsageException(
          option + " does not apply to --provider " + ProviderNames.nameOf(provider));
    }
  }

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

  /**
   * Unstructured's {@code request_data}: the input as given, with {@code template_id} set from
   * {@code --template-id}. Neither given leaves it absent, for the library to report.
   */
  private CreateJobRequest unstructuredRequest(Map<String, Object> input, List<UploadFile> files) {
    CreateJobRequest.Builder request = CreateJobRequest.builder().files(files);
    if (input != null || templateId != null) {
      Map<String, Object> data = new LinkedHashMap<>();
      if (templateId != null) data.put("template_id", templateId);
      if (input != null) data.putAll(input);
      request.requestData(data);
    }
    return request.build();
  }
}
