package dev.genjobs.client.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Walks an exception's cause chain and suppressed exceptions. */
public final class Causes {

  private Causes() {}

  /** {@code t}, its causes and everything suppressed along the way, each once. */
  public static List<Throwable> chainOf(Throwable t) {
    List<Throwable> all = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    collect(t, all, seen);
    return all;
  }

  private static void collect(Throwable t, List<Throwable> all, Set<Throwable> seen) {
    if (t == null || !seen.add(t)) return;
    all.add(t);
    for (Throwable s : t.getSuppressed()) collect(s, all, seen);
    collect(t.getCause(), all, seen);
  }

  /** Whether any exception in the chain comes from Feign ({@code feign.*}). */
  public static boolean containsFeignException(Throwable t) {
    return chainOf(t).stream().anyMatch(c -> c.getClass().getName().startsWith("feign."));
  }

  /** Every message and {@code toString()} in the chain, one per line, for leak checks. */
  public static String allText(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c : chainOf(t)) {
      sb.append(c).append('\n').append(c.getMessage()).append('\n');
    }
    return sb.toString();
  }
}
