package dev.genjobs.spectools.diff;

import dev.genjobs.spectools.SpecFile;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openapitools.openapidiff.core.output.HtmlRender;
import org.openapitools.openapidiff.core.output.JsonRender;
import org.openapitools.openapidiff.core.output.Render;

/**
 * Writes a provider's report folder: {@code report.md} (ours, classified for a client) and
 * openapi-diff's own {@code openapi-diff.html} and {@code openapi-diff.json}.
 */
final class DiffReport {

  static final String REPORT = "report.md";
  static final String HTML = "openapi-diff.html";
  static final String JSON = "openapi-diff.json";

  // A data URI keeps the HTML page from loading a stylesheet off the network.
  private static final String CSS =
      "data:text/css,body{font-family:sans-serif;max-width:70em;margin:auto}"
          + "del{color:%23b00}li{margin:.2em 0}";

  private DiffReport() {}

  /** Writes the report of a provider that has a single version; returns the report file. */
  static Path writeSingleVersion(Path dir, SpecFile only, AcceptedBreakingChanges.Verdict verdict)
      throws IOException {
    Files.createDirectories(dir);
    Files.deleteIfExists(dir.resolve(HTML));
    Files.deleteIfExists(dir.resolve(JSON));
    StringBuilder md = new StringBuilder();
    md.append("# ")
        .append(only.provider())
        .append(": spec ")
        .append(only.version())
        .append("\n\nOnly one version (`")
        .append(only.relativePath())
        .append("`): nothing to compare. Adding a newer version folder makes the build compare")
        .append(" it with this one.\n");
    acceptanceProblems(md, verdict, List.of());
    return write(dir.resolve(REPORT), md.toString());
  }

  /** Writes the report of a comparison; returns the report file. */
  static Path write(
      Path dir,
      SpecComparison comparison,
      AcceptedBreakingChanges acceptance,
      AcceptedBreakingChanges.Verdict verdict)
      throws IOException {
    Files.createDirectories(dir);
    String title =
        comparison.newest().provider()
            + ": spec "
            + comparison.previous().version()
            + " → "
            + comparison.newest().version();
    List<String> renderFailures =
        List.of(
                render(new HtmlRender(title, CSS), comparison, dir.resolve(HTML)),
                render(new JsonRender(), comparison, dir.resolve(JSON)))
            .stream()
            .filter(s -> !s.isEmpty())
            .toList();
    List<SpecChange> breaking = comparison.changes(Classification.BREAKING);
    List<SpecChange> attention = comparison.changes(Classification.NEEDS_ATTENTION);
    List<SpecChange> compatible = comparison.changes(Classification.COMPATIBLE);

    StringBuilder md = new StringBuilder();
    md.append("# ").append(title).append("\n\n");
    md.append("Compared `")
        .append(comparison.previous().relativePath())
        .append("` (previous) with `")
        .append(comparison.newest().relativePath())
        .append("` (newest: the client is generated from it) with openapi-diff");
    if (comparison.lowered()) {
      md.append("; OpenAPI 3.1 was lowered to 3.0 for the comparison (openapi-diff misses type")
          .append(" changes in 3.1 schemas)");
    }
    md.append(". Every change is classified for a client, which writes requests and reads")
        .append(" responses.\n\n");
    if (!comparison.hiddenByOverlay().isEmpty()) {
      md.append("The published documents of both versions were compared too (no overlay): ")
          .append(comparison.hiddenByOverlay().size())
          .append(" change(s) below show only there, because the overlay patches the place")
          .append(" they change:\n\n");
      comparison.hiddenByOverlay().forEach(c -> md.append("- `").append(c.id()).append("`\n"));
      md.append('\n');
    }
    md.append(verdict.passes() ? "**Result: passes.**" : "**Result: fails the build.**");
    if (!breaking.isEmpty()) {
      md.append(" ")
          .append(verdict.reasons().size())
          .append(" of ")
          .append(breaking.size())
          .append(" breaking change(s) accepted in `")
          .append(relative(comparison.newest(), AcceptedBreakingChanges.FILE_NAME))
          .append("`.");
    }
    md.append("\n\n| Breaking | Needs attention | Compatible |\n|---:|---:|---:|\n| ")
        .append(breaking.size())
        .append(" | ")
        .append(attention.size())
        .append(" | ")
        .append(compatible.size())
        .append(" |\n");

    md.append("\n## ").append(Classification.BREAKING.title()).append(" (");
    md.append(breaking.size()).append(")\n\n");
    if (breaking.isEmpty()) {
      md.append("None.\n");
    } else {
      md.append("Each needs an entry in `")
          .append(relative(comparison.newest(), AcceptedBreakingChanges.FILE_NAME))
          .append("` (its `change` is the id in code below) or the build fails.\n\n");
      for (SpecChange c : breaking) {
        md.append("- `").append(c.id()).append("`  \n  ").append(c.kind().consequence());
        String reason = verdict.reasons().get(c.id());
        md.append(reason == null ? ". **Not accepted.**\n" : ". Accepted: " + reason + "\n");
      }
      if (!verdict.unaccepted().isEmpty()) {
        md.append("\nTo accept the unaccepted ones, after review:\n\n```yaml\n")
            .append(yamlSnippet(verdict.unaccepted()))
            .append("```\n");
      }
    }
    table(md, Classification.NEEDS_ATTENTION, attention);
    table(md, Classification.COMPATIBLE, compatible);
    acceptanceProblems(md, verdict, comparison.changes());
    md.append("\n## openapi-diff's own renders\n\n")
        .append("[")
        .append(HTML)
        .append("](")
        .append(HTML)
        .append(") and [")
        .append(JSON)
        .append("](")
        .append(JSON)
        .append(") (the library's server-side view: it calls changes (in)compatible for a")
        .append(" server, which this report does not follow).\n");
    renderFailures.forEach(f -> md.append("\n").append(f).append("\n"));
    if (acceptance.exists() && verdict.problems().isEmpty()) {
      md.append("\nAcceptance file: `")
          .append(relative(comparison.newest(), AcceptedBreakingChanges.FILE_NAME))
          .append("`.\n");
    }
    return write(dir.resolve(REPORT), md.toString());
  }

  /** The acceptance entries for {@code changes}, ready to paste and give a reason. */
  static String yamlSnippet(List<SpecChange> changes) {
    StringBuilder sb = new StringBuilder("accepted:\n");
    for (SpecChange c : changes) {
      sb.append("  - change: \"")
          .append(c.id().replace("\\", "\\\\").replace("\"", "\\\""))
          .append("\"\n    reason: <why clients can take this>\n");
    }
    return sb.toString();
  }

  private static void table(StringBuilder md, Classification classification, List<SpecChange> cs) {
    md.append("\n## ")
        .append(classification.title())
        .append(" (")
        .append(cs.size())
        .append(")\n\n");
    if (cs.isEmpty()) {
      md.append("None.\n");
      return;
    }
    boolean consequences = cs.stream().anyMatch(c -> !c.kind().consequence().isEmpty());
    md.append("| Method | Path | Where | Change |");
    md.append(consequences ? " What it means |\n|---|---|---|---|---|\n" : "\n|---|---|---|---|\n");
    for (SpecChange c : cs) {
      md.append("| ")
          .append(cell(c.method()))
          .append(" | ")
          .append(c.path().isEmpty() ? "" : "`" + cell(c.path()) + "`")
          .append(" | ")
          .append(cell(c.location()))
          .append(" | ")
          .append(cell(c.description()))
          .append(consequences ? " | " + cell(c.kind().consequence()) : "")
          .append(" |\n");
    }
  }

  private static void acceptanceProblems(
      StringBuilder md, AcceptedBreakingChanges.Verdict verdict, List<SpecChange> changes) {
    if (verdict.stale().isEmpty() && verdict.problems().isEmpty()) {
      return;
    }
    md.append("\n## Acceptance file problems\n\n");
    verdict.problems().forEach(p -> md.append("- ").append(p).append("\n"));
    for (AcceptedBreakingChanges.Entry e : verdict.stale()) {
      md.append("- stale entry `")
          .append(e.change())
          .append("`: no such breaking change")
          .append(AcceptedBreakingChanges.staleHint(e, changes).map(h -> " (" + h + ")").orElse(""))
          .append("; remove it\n");
    }
  }

  private static String render(Render render, SpecComparison comparison, Path file) {
    try (OutputStreamWriter w =
        new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8)) {
      render.render(comparison.diff(), w);
      return "";
    } catch (IOException | RuntimeException e) {
      // The library's renders are extras; our report and the gate do not depend on them.
      return "openapi-diff could not write " + file.getFileName() + ": " + e;
    }
  }

  private static String relative(SpecFile spec, String fileName) {
    return spec.provider() + "/" + spec.version() + "/" + fileName;
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  private static Path write(Path file, String content) throws IOException {
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }
}
