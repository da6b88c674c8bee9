package dev.genjobs.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the numbers were measured on, read from the running JVM and /proc. */
public final class Machine {

  private Machine() {}

  public static String describe() {
    Runtime rt = Runtime.getRuntime();
    long totalMemory = -1;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      totalMemory = os.getTotalMemorySize();
    }
    return String.format(
        Locale.ROOT,
        "cpus=%d (%s), memory=%s, JDK %s %s (%s), %s %s %s",
        rt.availableProcessors(),
        cpuModel(),
        totalMemory < 0 ? "?" : String.format(Locale.ROOT, "%.1f GiB", totalMemory / 1073741824.0),
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        System.getProperty("java.vendor"),
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        System.getProperty("os.arch"));
  }

  /** The 1, 5 and 15 minute load averages (Linux), else the JVM's 1 minute figure. */
  public static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return "load average " + f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return String.format(
          Locale.ROOT,
          "load average %.2f",
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown cpu");
    } catch (IOException | RuntimeException e) {
      return "unknown cpu";
    }
  }
}
