package dev.genjobs.client.creatify;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;

/**
 * A Creatify Inspiration template.
 *
 * @param id the inspiration id to create jobs from
 * @param name its name
 * @param description its description, or null
 * @param genType the kind of output
 * @param inputParamsSchema JSON Schema of the {@code input_params} a job takes, or null
 * @param previewImage a preview image, or null
 * @param previewVideo a preview video, or null
 * @param creditCost credits a job costs, or null
 * @param categories its categories
 * @param labels its labels
 */
public record Template(
    String id,
    String name,
    String description,
    String genType,
    JsonNode inputParamsSchema,
    URI previewImage,
    URI previewVideo,
    Double creditCost,
    List<String> categories,
    List<String> labels) {

  public Template {
    categories = categories == null ? List.of() : List.copyOf(categories);
    labels = labels == null ? List.of() : List.copyOf(labels);
  }
}
