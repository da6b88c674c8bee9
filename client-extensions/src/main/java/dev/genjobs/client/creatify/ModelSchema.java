package dev.genjobs.client.creatify;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An Asset Generator model and the JSON Schema its {@code input_params} must satisfy.
 *
 * @param modelName e.g. {@code kling-video/v1.6/pro/image-to-video}
 * @param inputParamsSchema JSON Schema with {@code $schema}, {@code required}, {@code properties}
 */
public record ModelSchema(String modelName, JsonNode inputParamsSchema) {}
