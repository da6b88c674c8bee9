package dev.genjobs.spectools.diff;

import dev.genjobs.spectools.SpecFile;
import dev.genjobs.spectools.SpecLayout;
import dev.genjobs.spectools.SpecValidationException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The spec diff of a build: for every provider with two or more versions it compares the newest
 * with the previous one, writes {@code <reportDir>/<provider>/report.md} (plus openapi-diff's HTML
 * and JSON), prints a summary line per provider and a warning per change that needs attention, and
 * fails when a breaking change is not listed in the newest version's {@value
 * AcceptedBreakingChanges#FILE_NAME}, or that file lists a change that does not occur. Run by the
 * genjobs Maven plugin's {@code diff} goal on the effective specs; throws instead of exiting.
 */
public final class SpecDiff {

  private static final String PREFIX = "[spec-diff] ";

  private SpecDiff() {}

  /**
   * One provider's outcome.
   *
   * @param provider the provider folder name
   * @param comparison newest against previous, or empty when the provider has one version
   * @param verdict the acceptance file checked against the breaking changes
   * @param report the report file written
   */
  public record ProviderOutcome(
      String provider,
      Optional<SpecComparison> comparison,
      AcceptedBreakingChanges.Verdict verdict,
      Path report) {}

  /**
   * Compares, reports and gates every provider; throws {@link BreakingChangeException} naming every
   * unaccepted breaking change and every stale or malformed acceptance entry, after all reports are
   * written.
   */
  public static List<ProviderOutcome> run(Path specsRoot, Path reportDir, PrintStream out)
      throws IOException {
    return run(specsRoot, specsRoot, reportDir, out);
  }

  /**
   * Like {@link #run(Path, Path, PrintStream)}, comparing the specs under {@code comparedRoot} (the
   * effective specs the build wrote) while reading each acceptance file from the same provider and
   * version folder under {@code acceptanceRoot} (the specs folder people edit). When the two
   * differ, the published documents under {@code acceptanceRoot} are compared too, and the changes
   * only they show (where the overlay patches the published text) are gated like the others.
   */
  public static List<ProviderOutcome> run(
      Path comparedRoot, Path acceptanceRoot, Path reportDir, PrintStream out) throws IOException {
    long start = System.nanoTime();
    SpecLayout layout = SpecLayout.scan(comparedRoot);
    if (!layout.problems().isEmpty()) {
      throw new SpecValidationException(
          "specs layout is invalid: " + layout.problems().get(0).describe(), layout.problems());
    }
    List<ProviderOutcome> outcomes = new ArrayList<>();
    StringBuilder failures = new StringBuilder();
    List<SpecChange> unaccepted = new ArrayList<>();
    for (String provider : layout.providers()) {
      ProviderOutcome outcome =
          diff(layout, acceptanceRoot, provider, reportDir.resolve(provider), out);
      outcomes.add(outcome);
      if (!outcome.verdict().passes()) {
        failures.append(describeFailure(outcome, layout, acceptanceRoot));
        unaccepted.addAll(outcome.verdict().unaccepted());
      }
    }
    out.println(
        PREFIX
            + outcomes.size()
            + " provider(s) in "
            + (System.nanoTime() - start) / 1_000_000
            + " ms");
    if (!failures.isEmpty()) {
      throw new BreakingChangeException(failures.toString().stripTrailing(), unaccepted);
    }
    return outcomes;
  }

  private static Path acceptanceFolder(Path acceptanceRoot, SpecFile spec) {
    return acceptanceRoot.resolve(spec.provider()).resolve(spec.version().toString());
  }

  private static ProviderOutcome diff(
      SpecLayout layout, Path publishedRoot, String provider, Path dir, PrintStream out)
      throws IOException {
    SpecFile newest = layout.newest(provider).orElseThrow();
    AcceptedBreakingChanges acceptance =
        AcceptedBreakingChanges.read(acceptanceFolder(publishedRoot, newest));
    Optional<SpecFile> previous = layout.previous(provider);
    if (previous.isEmpty()) {
      AcceptedBreakingChanges.Verdict verdict = acceptance.check(List.of());
      Path report = DiffReport.writeSingleVersion(dir, newest, verdict);
      out.println(
          PREFIX + provider + ": only version " + newest.version() + ", nothing to compare");
      return new ProviderOutcome(provider, Optional.empty(), verdict, report);
    }
    SpecComparison comparison = SpecComparison.compare(previous.get(), newest);
    if (!publishedRoot.equals(layout.root())) {
      SpecLayout published = SpecLayout.scan(publishedRoot);
      Optional<SpecFile> publishedNewest = published.newest(provider);
      Optional<SpecFile> publishedPrevious = published.previous(provider);
      if (publishedNewest.isPresent() && publishedPrevious.isPresent()) {
        comparison = comparison.withPublished(publishedPrevious.get(), publishedNewest.get());
      }
    }
    AcceptedBreakingChanges.Verdict verdict = acceptance.check(comparison.changes());
    long reportStart = System.nanoTime();
    Path report = DiffReport.write(dir, comparison, acceptance, verdict);
    long reportMillis = (System.nanoTime() - reportStart) / 1_000_000;
    out.println(
        PREFIX
            + provider
            + " "
            + previous.get().version()
            + " -> "
            + newest.version()
            + ": "
            + comparison.changes(Classification.BREAKING).size()
            + " breaking ("
            + verdict.reasons().size()
            + " accepted), "
            + comparison.changes(Classification.NEEDS_ATTENTION).size()
            + " need attention, "
            + comparison.changes(Classification.COMPATIBLE).size()
            + " compatible"
            + (comparison.hiddenByOverlay().isEmpty()
                ? ""
                : " (" + comparison.hiddenByOverlay().size() + " only in the published documents)")
            + (comparison.lowered() ? " (3.1 lowered to 3.0)" : "")
            + "; compared in "
            + comparison.millis()
            + " ms, reported in "
            + reportMillis
            + " ms: "
            + report);
    for (SpecChange c : comparison.changes(Classification.NEEDS_ATTENTION)) {
      out.println(
          PREFIX + "WARNING " + provider + ": " + c.id() + " (" + c.kind().consequence() + ")");
    }
    return new ProviderOutcome(provider, Optional.of(comparison), verdict, report);
  }

  private static String describeFailure(
      ProviderOutcome outcome, SpecLayout layout, Path acceptanceRoot) {
    SpecFile newest = layout.newest(outcome.provider()).orElseThrow();
    Path acceptanceFile =
        acceptanceFolder(acceptanceRoot, newest).resolve(AcceptedBreakingChanges.FILE_NAME);
    String header =
        outcome
            .comparison()
            .map(
                c ->
                    outcome.provider()
                        + " "
                        + c.previous().version()
                        + " -> "
                        + c.newest().version())
            .orElse(outcome.provider() + " " + newest.version());
    AcceptedBreakingChanges.Verdict verdict = outcome.verdict();
    StringBuilder sb = new StringBuilder();
    if (!verdict.unaccepted().isEmpty()) {
      sb.append(header)
          .append(": ")
          .append(verdict.unaccepted().size())
          .append(" breaking change(s) for clients (report: ")
          .append(outcome.report())
          .append("):\n");
      verdict.unaccepted().forEach(c -> sb.append("  ").append(c.id()).append('\n'));
      sb.append("  If clients can take them, list each with a reason in ")
          .append(acceptanceFile)
          .append(":\n");
      DiffReport.yamlSnippet(verdict.unaccepted())
          .lines()
          .forEach(line -> sb.append("    ").append(line).append('\n'));
    }
    if (!verdict.stale().isEmpty()) {
      sb.append(header)
          .append(": ")
          .append(acceptanceFile)
          .append(" lists change(s) that do not occur (stale; remove them):\n");
      List<SpecChange> changes =
          outcome.comparison().map(SpecComparison::changes).orElse(List.of());
      for (AcceptedBreakingChanges.Entry e : verdict.stale()) {
        sb.append("  ")
            .append(e.change())
            .append(
                AcceptedBreakingChanges.staleHint(e, changes).map(h -> " (" + h + ")").orElse(""))
            .append('\n');
      }
    }
    if (!verdict.problems().isEmpty()) {
      sb.append(header).append(": ").append(acceptanceFile).append(" is malformed:\n");
      verdict.problems().forEach(p -> sb.append("  ").append(p).append('\n'));
    }
    return sb.toString();
  }
}
