package dev.genjobs.client.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * A provider client that lists the models it runs and the input each takes, so a tool can show them
 * without naming the provider (the CLI's {@code models}).
 */
public interface ListsModels {

  /** The models, all of them when no name is given, each with its input's JSON Schema. */
  List<ModelInput> modelInputs(String... modelNames);

  /**
   * @param name the model's name, as a create takes it
   * @param inputSchema the JSON Schema of its input, as the provider publishes it
   */
  record ModelInput(String name, JsonNode inputSchema) {
    public ModelInput {
      Objects.requireNonNull(name, "name");
    }
  }
}
