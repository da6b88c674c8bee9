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
    if (ratio) {
      String shown = String.format(Locale.ROOT, "%.3f×", judged);
      // 0.99990× shown as 1.000× beside a MISS would read as a contradiction: show the digits.
      boolean hidesVerdict =
          target != null
              && target.isMet(Double.parseDouble(shown.substring(0, shown.length() - 1)))
                  != target.isMet(judged);
      return hidesVerdict ? String.format(Locale.ROOT, "%.5f×", judged) : shown;
    }
    return judged == Math.rint(judged)
        ? String.format(Locale.ROOT, "%.0f", judged)
        : String.format(Locale.ROOT, "%.1f", judged);
  }

  /** A target on the judged number: {@code ≥ limit}, {@code ≤ limit} or {@code = limit}. */
  public record Target(String op, double limit, String unit, double low) {

    public Target(String op, double limit, String unit) {
      this(op, limit, unit, Double.NEGATIVE_INFINITY);
    }

    private static String fmt(double v) {
      return v == Math.rint(v)
          ? String.format(Locale.ROOT, "%.0f", v)
          : String.format(Locale.ROOT, "%.2f", v);
    }

    public static Target atLeast(double limit, String unit) {
      return new Target("≥", limit, unit);
    }

    public static Target atMost(double limit, String unit) {
      return new Target("≤", limit, unit);
    }

    public static Target exactly(double limit, String unit) {
      return new Target("=", limit, unit);
    }

    /**
     * {@code low ≤ value ≤ limit}: e.g. requests against a schedule's minimum, where fewer than the
     * minimum means the schedule ran late, which is a miss, never a saving.
     */
    public static Target between(double low, double limit, String unit) {
      return new Target("in [" + fmt(low) + ",", limit, unit, low);
    }

    boolean isMet(double value) {
      return switch (op) {
        case "≥" -> value >= limit;
        case "≤" -> value <= limit;
        case "=" -> Math.abs(value - limit) < 1e-9;
        default -> value >= low && value <= limit;
      };
    }

    @Override
    public String toString() {
      String n = fmt(limit);
      return op.startsWith("in") ? op + " " + n + "]" + unit : op + " " + n + unit;
    }
  }
}
