package dev.genjobs.client.jobs;

/**
 * A file a finished job produced that is downloaded by id (Unstructured's {@code
 * output_node_files}).
 *
 * @param fileId the id to pass to the download call
 * @param nodeId the workflow node that produced it
 * @param nodeType e.g. {@code partition}
 * @param nodeSubtype e.g. {@code hi_res}
 */
public record OutputFile(String fileId, String nodeId, String nodeType, String nodeSubtype) {}
