package dev.genjobs.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genjobs.client.Provider;
import dev.genjobs.verifylive.Finding;
import dev.genjobs.verifylive.LiveReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code verify-live} prints on stdout: a table per provider for people, or one JSON document
 * ({@code --json}) with stable field names for CI. Findings hold no key and no URL query: {@link
 * dev.genjobs.verifylive.LiveCheck} leaves them out.
 */
final class LiveReports {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] COLUMNS = {
    "OPERATION", "STATUS", "POINTER", "FINDING", "EXPECTED", "SEEN"
  };

  private final PrintWriter out;
  private final boolean json;

  LiveReports(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  void print(List<LiveReport> reports, Map<Provider, String> skipped) {
    if (json) {
      printJson(reports, skipped);
    } else {
      reports.forEach(this::printText);
      skipped.forEach(
          (p, why) -> out.println(ProviderNames.nameOf(p) + ": not checked (" + why + ")"));
    }
    out.flush();
  }

  private void printText(LiveReport r) {
    int findings = r.findings().size();
    out.println(
        ProviderNames.nameOf(r.provider())
            + " (spec "
            + r.specVersion()
            + "): "
            + r.answersChecked()
            + (r.answersChecked() == 1 ? " answer" : " answers")
            + " checked, "
            + (findings == 0 ? "conforms" : findings + (findings == 1 ? " finding" : " findings")));
    if (findings > 0) {
      List<String[]> rows = new ArrayList<>();
      rows.add(COLUMNS);
      for (Finding f : r.findings()) {
        rows.add(
            new String[] {
              f.operation(),
              String.valueOf(f.status()),
              f.pointer().isEmpty() ? "(answer)" : f.pointer(),
              f.kind().description(),
              f.expected(),
              f.seen()
            });
      }
      int[] widths = new int[COLUMNS.length];
      for (String[] row : rows) {
        for (int i = 0; i < row.length; i++) widths[i] = Math.max(widths[i], row[i].length());
      }
      for (String[] row : rows) {
        StringBuilder line = new StringBuilder(" ");
        for (int i = 0; i < row.length; i++) {
          line.append(' ').append(row[i]);
          if (i < row.length - 1) line.append(" ".repeat(widths[i] - row[i].length() + 1));
        }
        out.println(line.toString().stripTrailing());
      }
    }
    r.notes().forEach(n -> out.println("  note: " + n));
    r.problems().forEach(p -> out.println("  problem: " + p));
  }

  private void printJson(List<LiveReport> reports, Map<Provider, String> skipped) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("conforms", reports.stream().allMatch(LiveReport::conforms));
    doc.put("answers_checked", reports.stream().mapToInt(LiveReport::answersChecked).sum());
    ArrayNode providers = doc.putArray("providers");
    for (LiveReport r : reports) {
      ObjectNode p = providers.addObject();
      p.put("provider", ProviderNames.nameOf(r.provider()));
      p.put("spec_version", r.specVersion());
      p.put("answers_checked", r.answersChecked());
      p.put("conforms", r.conforms());
      ArrayNode findings = p.putArray("findings");
      for (Finding f : r.findings()) {
        findings
            .addObject()
            .put("operation", f.operation())
            .put("request", f.request())
            .put("status", f.status())
            .put("kind", f.kind().id())
            .put("description", f.kind().description())
            .put("pointer", f.pointer())
            .put("expected", f.expected())
            .put("seen", f.seen());
      }
      r.notes().forEach(p.putArray("notes")::add);
      r.problems().forEach(p.putArray("problems")::add);
    }
    ArrayNode notChecked = doc.putArray("skipped");
    skipped.forEach(
        (p, why) ->
            notChecked.addObject().put("provider", ProviderNames.nameOf(p)).put("reason", why));
    try {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON output", e);
    }
  }
}
