package dev.genjobs.client.unstructured;

/**
 * An input file an Unstructured job could not process.
 *
 * @param document the file name
 * @param error why it failed
 */
public record FailedFile(String document, String error) {}
