package dev.genjobs.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.OutputFile;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Everything a command prints on stdout, in two forms: aligned text for people, or one JSON
 * document per command ({@code --json}) whose field names are stable, for scripts. Progress and
 * errors never go here; they go to stderr.
 */
final class Output {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintWriter out;
  private final boolean json;

  Output(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  void snapshot(JobSnapshot s) {
    if (json) {
      print(snapshotJson(s));
      return;
    }
    out.println("id:        " + s.id());
    out.println("provider:  " + ProviderNames.nameOf(s.provider()));
    out.println(
        "status:    " + s.status() + (s.rawStatus() == null ? "" : " (" + s.rawStatus() + ")"));
    s.failureReason().ifPresent(r -> out.println("reason:    " + r));
    for (URI url : s.outputUrls()) out.println("output:    " + url);
    for (OutputFile f : s.outputFiles()) {
      out.println(
          "file:      " + f.fileId() + (f.nodeId() == null ? "" : "  (node " + f.nodeId() + ")"));
    }
    out.flush();
  }

  static ObjectNode snapshotJson(JobSnapshot s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("provider", ProviderNames.nameOf(s.provider()));
    n.put("id", s.id());
    n.put("status", s.status().name());
    n.put("raw_status", s.rawStatus());
    n.put("terminal", s.isTerminal());
    n.put("failure_reason", s.failureReason().orElse(null));
    ArrayNode urls = n.putArray("output_urls");
    s.outputUrls().forEach(u -> urls.add(u.toString()));
    ArrayNode files = n.putArray("output_files");
    for (OutputFile f : s.outputFiles()) {
      files
          .addObject()
          .put("file_id", f.fileId())
          .put("node_id", f.nodeId())
          .put("node_type", f.nodeType())
          .put("node_subtype", f.nodeSubtype());
    }
    n.put("observed_at", s.observedAt() == null ? null : s.observedAt().toString());
    return n;
  }

  void models(List<dev.genjobs.client.jobs.ListsModels.ModelInput> models) {
    if (json) {
      ArrayNode list = JSON.createArrayNode();
      for (dev.genjobs.client.jobs.ListsModels.ModelInput m : models) {
        // Field names kept from the first provider that listed models: scripts read them.
        ObjectNode n = list.addObject().put("model_name", m.name());
        n.set("input_params_schema", m.inputSchema());
      }
      print(list);
      return;
    }
    if (models.isEmpty()) {
      out.println("(no models)");
    }
    for (dev.genjobs.client.jobs.ListsModels.ModelInput m : models) {
      out.println(m.name());
      schemaLines(m.inputSchema()).forEach(line -> out.println("  " + line));
    }
    out.flush();
  }

  void providers(List<dev.genjobs.client.spi.ProviderModule> modules) {
    if (json) {
      ArrayNode list = JSON.createArrayNode();
      for (dev.genjobs.client.spi.ProviderModule m : modules) {
        ObjectNode n =
            list.addObject()
                .put("id", m.provider().id())
                .put("name", m.provider().displayName())
                .put("base_url", m.provider().defaultBaseUrl().toString())
                .put("base_url_variable", m.baseUrlVariable());
        m.keyVariables().forEach(n.putArray("key_variables")::add);
        ArrayNode optional = n.putArray("optional_key_variables");
        m.optionalKeyVariables().forEach(optional::add);
      }
      print(list);
      return;
    }
    for (dev.genjobs.client.spi.ProviderModule m : modules) {
      out.printf("%-25s %s%n", m.provider().id(), m.provider().displayName());
      out.printf("  keys      %s%n", String.join(", ", m.keyVariables()));
      if (!m.optionalKeyVariables().isEmpty()) {
        out.printf("  optional  %s%n", String.join(", ", m.optionalKeyVariables()));
      }
      out.printf("  base URL  %s (%s)%n", m.provider().defaultBaseUrl(), m.baseUrlVariable());
    }
    out.flush();
  }

  void download(String jobId, String fileId, Path path, long bytes) {
    if (json) {
      print(
          JSON.createObjectNode()
              .put("job_id", jobId)
              .put("file_id", fileId)
              .put("path", path.toString())
              .put("bytes", bytes));
      return;
    }
    out.println("saved " + fileId + " to " + path + " (" + bytes + " bytes)");
    out.flush();
  }

  /**
   * A schema's properties as one line each: name, type, constraints, whether required. Enough to
   * write {@code --input} pairs; {@code --json} gives the whole schema.
   */
  static List<String> schemaLines(JsonNode schema) {
    // Any JSON Schema is valid here: a property's schema may be a boolean, its type a list, its
    // name empty. Whatever the provider sends is described, never a reason to fail.
    List<String> lines = new ArrayList<>();
    if (schema == null || !schema.path("properties").isObject()) {
      lines.add("(no input schema published)");
      return lines;
    }
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    int width = 1; // "%-0s" is not a format
    for (Iterator<String> it = schema.path("properties").fieldNames(); it.hasNext(); ) {
      width = Math.max(width, it.next().length());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      lines.add(
          String.format(
              "%-" + width + "s  %s%s",
              p.getKey(),
              describe(p.getValue()),
              required.contains(p.getKey()) ? "  (required)" : ""));
    }
    return lines;
  }

  private static String describe(JsonNode property) {
    List<String> parts = new ArrayList<>();
    JsonNode type = property.path("type");
    if (type.isArray()) {
      List<String> types = new ArrayList<>();
      type.forEach(t -> types.add(t.asText()));
      parts.add(String.join("|", types));
    } else {
      parts.add(type.isValueNode() ? type.asText() : "any");
    }
    if (property.has("format")) parts.add("format " + property.path("format").asText());
    if (property.path("enum").isArray()) {
      List<String> values = new ArrayList<>();
      property.path("enum").forEach(v -> values.add(v.asText()));
      parts.add("one of " + String.join("|", values));
    }
    if (property.has("minimum") || property.has("maximum")) {
      parts.add(property.path("minimum").asText("") + ".." + property.path("maximum").asText(""));
    }
    if (property.has("maxLength")) parts.add("max length " + property.path("maxLength").asText());
    if (property.has("default")) parts.add("default " + property.path("default").toString());
    return String.join(", ", parts);
  }

  private void print(JsonNode node) {
    try {
      out.println(JSON.writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON output", e);
    }
    out.flush();
  }
}
