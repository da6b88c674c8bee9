package dev.genjobs.examples;

import dev.genjobs.client.jobs.JobProgress;
import java.io.PrintStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shows job progress: on a terminal, one live line per job with a bar redrawn in place; otherwise
 * (CI logs, pipes) a plain line per status change.
 */
abstract class ProgressView {

  static ProgressView forTerminal(PrintStream out, Collection<String> names) {
    return System.console() != null && System.getenv("CI") == null ? new Live(out, names) : new Plain(out);
  }

  abstract void update(String name, JobProgress progress);

  abstract void finish();

  private static final class Plain extends ProgressView {
    private final PrintStream out;

    Plain(PrintStream out) {
      this.out = out;
    }

    @Override
    synchronized void update(String name, JobProgress p) {
      if (p.rawStatusChanged()) {
        out.printf("%6.1fs  %-26s %-10s (%s)%n", p.elapsed().toMillis() / 1000.0, name, p.snapshot().status(), p.snapshot().rawStatus());
      }
    }

    @Override
    void finish() {}
  }

  private static final class Live extends ProgressView {
    private static final int WIDTH = 24;
    private final PrintStream out;
    private final Map<String, String> lines = new LinkedHashMap<>();
    private boolean drawn;

    Live(PrintStream out, Collection<String> names) {
      this.out = out;
      names.forEach(n -> lines.put(n, String.format("%-26s %s", n, "waiting")));
    }

    @Override
    synchronized void update(String name, JobProgress p) {
      int filled = switch (p.snapshot().status()) {
        case QUEUED -> WIDTH / 6;
        case RUNNING -> Math.min(WIDTH - 2, WIDTH / 3 + p.attempt());
        default -> WIDTH;
      };
      String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
      lines.put(name, String.format("%-26s [%s] %-10s %-12s %5.1fs", name, bar, p.snapshot().status(), p.snapshot().rawStatus(), p.elapsed().toMillis() / 1000.0));
      redraw();
    }

    private void redraw() {
      if (drawn) out.print("\033[" + lines.size() + "A");
      lines.values().forEach(l -> out.print("\r\033[2K" + l + "\n"));
      out.flush();
      drawn = true;
    }

    @Override
    synchronized void finish() {
      redraw();
    }
  }
}
