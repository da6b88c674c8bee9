package dev.genjobs.benchmarks;

import java.util.Locale;

/**
 * One line of the report: what was measured, against what baseline from the same run, the number
 * that is judged (a ratio, or an absolute count where the target is absolute) and the target.
 *
 * @param group which benchmark and scenario, e.g. {@code overhead/16 callers}
 * @param metric what the judged number is, e.g. {@code throughput client/raw}
 * @param detail the measured values and their baseline, already formatted
 * @param judged the number compared with the target
 * @param ratio whether {@code judged} is a ratio (printed as {@code 0.94×})
 * @param target what {@code judged} should satisfy; null for information only
 */
public record Result(
    String group, String metric, String detail, double judged, boolean ratio, Target target) {

  public static Result ratio(String group, String metric, String detail, double r, Target t) {
    return new Result(group, metric, detail, r, true, t);
  }

  public static Result absolute(String group, String metric, String detail, double v, Target t) {
    return new Result(group, metric, detail, v, false, t);
  }

  public String verdict() {
    if (Double.isNaN(judged)) return "NO DATA";
    if (target == null) return "";
    return target.isMet(judged) ? "PASS" : "MISS";
  }

  public String judgedText() {
    if (Double.isNaN(judged)) return "n/a";
    if (ratio) return String.format(Locale.ROOT, "%.3f×", judged);
    return judged == Math.rint(judged)
        ? String.format(Locale.ROOT, "%.0f", judged)
        : String.format(Locale.ROOT, "%.1f", judged);
  }

  /** A target on the judged number: {@code ≥ limit}, {@code ≤ limit} or {@code = limit}. */
  public record Target(String op, double limit, String unit) {

    public static Target atLeast(double limit, String unit) {
      return new Target("≥", limit, unit);
    }

    public static Target atMost(double limit, String unit) {
      return new Target("≤", limit, unit);
    }

    public static Target exactly(double limit, String unit) {
      return new Target("=", limit, unit);
    }

    boolean isMet(double value) {
      return switch (op) {
        case "≥" -> value >= limit;
        case "≤" -> value <= limit;
        default -> Math.abs(value - limit) < 1e-9;
      };
    }

    @Override
    public String toString() {
      String n =
          limit == Math.rint(limit)
              ? String.format(Locale.ROOT, "%.0f", limit)
              : String.format(Locale.ROOT, "%.2f", limit);
      return op + " " + n + unit;
    }
  }
}
