package dev.genjobs.standins.unstructured;

import static dev.genjobs.standins.StandInAnswers.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.genjobs.standins.StandIn;
import dev.genjobs.standins.StandInJob;
import dev.genjobs.standins.StandInJobs;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Unstructured Platform's jobs: {@code /api/v1/jobs/...} with multipart uploads, key in {@code
 * unstructured-api-key}. Cancelling is remembered per job and shown as {@code STOPPED}.
 */
public final class UnstructuredStandIn implements StandIn {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern JOB =
      Pattern.compile("/api/v1/jobs/([0-9a-fA-F-]{36})(/cancel|/details|/failed-files|/download)?");
  private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");
  private static final String WORKFLOW_ID = "0d8f4c2b-3e1a-4b5c-8d7e-6f5a4b3c2d1e";
  private static final String NODE_ID = "a1b2c3d4-e5f6-4a5b-8c7d-9e8f7a6b5c4d";
  private static final Statuses STATUSES =
      new Statuses(List.of("SCHEDULED", "IN_PROGRESS"), "COMPLETED", "FAILED");

  // One instance per server (ServiceLoader), so these are this server's jobs only.
  private final Map<String, Boolean> cancelled = new ConcurrentHashMap<>();
  // The file names of each job's upload, listed back as its input_file_ids.
  private final Map<String, List<String>> uploadedFileNames = new ConcurrentHashMap<>();

  @Override
  public String providerId() {
    return "unstructured-platform";
  }

  @Override
  public Statuses statuses() {
    return STATUSES;
  }

  @Override
  public boolean serves(String path) {
    return path.startsWith("/api/v1/jobs");
  }

  @Override
  public ResponseDefinition answer(Request r, StandInJobs jobs) throws Exception {
    if (!r.containsHeader("unstructured-api-key")) return json(401, detail("Invalid API key"));
    String method = r.getMethod().getName();
    String path = URI.create(r.getUrl()).getPath();
    if (path.equals("/api/v1/jobs/") && method.equals("POST")) {
      if (!r.isMultipart() || r.getPart("request_data") == null) {
        return json(
            422,
            JSON.readTree(
                "{\"detail\":[{\"loc\":[\"body\",\"request_data\"],\"msg\":\"Field required\",\"type\":\"missing\"}]}"));
      }
      StandInJob job =
          jobs.create(
              JSON.readTree(r.getPart("request_data").getBody().asString()),
              "hi_res_partition",
              null);
      uploadedFileNames.put(job.id(), uploadedFileNames(r));
      return json(200, render(job, jobs.now()));
    }
    if (path.equals("/api/v1/jobs/") && method.equals("GET")) {
      ArrayNode list = JSON.createArrayNode();
      Instant now = jobs.now();
      jobs.all().forEach(j -> list.add(render(j, now)));
      return json(200, list);
    }
    Matcher m = JOB.matcher(path);
    if (!m.matches()) return json(404, detail("Not Found"));
    Optional<StandInJob> found = jobs.find(m.group(1));
    if (found.isEmpty()) return json(404, detail("Job not found"));
    StandInJob job = found.get();
    String sub = m.group(2) == null ? "" : m.group(2);
    Instant now = jobs.now();
    return switch (sub) {
      case "" -> json(200, render(job, now));
      case "/cancel" -> {
        cancelled.put(job.id(), true);
        yield json(
            200,
            JSON.createObjectNode()
                .put("id", job.id())
                .put("status", "cancelled")
                .put("message", "Job cancelled"));
      }
      case "/details" -> {
        ObjectNode d = JSON.createObjectNode().put("id", job.id());
        String s = job.status(now);
        d.put("processing_status", s.equals("COMPLETED") ? "SUCCESS" : s);
        ObjectNode stats = d.putArray("node_stats").addObject();
        stats
            .put("node_name", "Partitioner")
            .put("node_type", "partition")
            .put("node_subtype", "unstructured_api");
        stats
            .put("ready", 0)
            .put("in_progress", job.finished(now) ? 0 : 1)
            .put("success", job.succeeded(now) ? 1 : 0)
            .put("failure", job.failed(now) ? 1 : 0);
        d.put("message", job.failed(now) ? "Partitioner failed: file is encrypted" : null);
        yield json(200, d);
      }
      case "/failed-files" -> {
        ObjectNode f = JSON.createObjectNode();
        ArrayNode files = f.putArray("failed_files");
        if (job.failed(now))
          files.addObject().put("document", "report.pdf").put("error", "file is encrypted");
        yield json(200, f);
      }
      default -> {
        if (!job.succeeded(now)) yield json(404, detail("Output not found"));
        ArrayNode elements = JSON.createArrayNode();
        elements
            .addObject()
            .put("type", "Title")
            .put("element_id", "e1")
            .put("text", "Quarterly report");
        elements
            .addObject()
            .put("type", "NarrativeText")
            .put("element_id", "e2")
            .put("text", "Revenue grew 12 %.");
        yield json(200, elements);
      }
    };
  }

  /** The {@code filename} of each {@code input_files} part, in the order sent. */
  private static List<String> uploadedFileNames(Request r) {
    List<String> names = new ArrayList<>();
    for (Request.Part part : r.getParts()) {
      if (!"input_files".equals(part.getName())) continue;
      HttpHeader disposition = part.getHeader("Content-Disposition");
      if (disposition == null || !disposition.isPresent()) continue;
      Matcher m = FILENAME.matcher(disposition.firstValue());
      if (m.find()) names.add(m.group(1));
    }
    return names;
  }

  @Override
  public ObjectNode render(StandInJob job, Instant now) {
    String status = cancelled.containsKey(job.id()) ? "STOPPED" : job.status(now);
    ObjectNode n = JSON.createObjectNode();
    // A template job's workflow is named after its template, as on the platform.
    n.put("id", job.id())
        .put("workflow_id", WORKFLOW_ID)
        .put("workflow_name", job.input().path("template_id").asText("hi_res_partition"))
        .put("status", status);
    n.put("created_at", job.createdAt().atOffset(ZoneOffset.UTC).toString());
    n.put(
        "runtime",
        job.finished(now)
            ? "PT" + (Duration.between(job.createdAt(), job.finishesAt()).toMillis() / 1000.0) + "S"
            : null);
    ArrayNode inputFiles = n.putArray("input_file_ids");
    List<String> uploaded = uploadedFileNames.getOrDefault(job.id(), List.of());
    if (uploaded.isEmpty()) inputFiles.add("report.pdf");
    else uploaded.forEach(inputFiles::add);
    if (status.equals("COMPLETED")) {
      n.putArray("output_node_files")
          .addObject()
          .put("node_id", NODE_ID)
          .put("file_id", "report.pdf.json")
          .put("node_type", "partition")
          .put("node_subtype", "unstructured_api");
    } else {
      n.putNull("output_node_files");
    }
    n.put("job_type", "ephemeral");
    return n;
  }

  private static ObjectNode detail(String message) {
    return JSON.createObjectNode().put("detail", message);
  }
}
