package dev.genjobs.benchmarks;

import java.util.Arrays;

/** A growable array of longs (latencies in nanoseconds), with percentiles once sorted. */
public final class LongSamples {

  private long[] values;
  private int size;

  public LongSamples(int initialCapacity) {
    values = new long[Math.max(16, initialCapacity)];
  }

  public void add(long v) {
    if (size == values.length) values = Arrays.copyOf(values, size * 2);
    values[size++] = v;
  }

  public void addAll(LongSamples other) {
    for (int i = 0; i < other.size; i++) add(other.values[i]);
  }

  public int size() {
    return size;
  }

  public long get(int i) {
    return values[i];
  }

  /** The nearest-rank percentile, {@code p} in (0, 100]; sorts in place. */
  public long percentile(double p) {
    if (size == 0) return -1;
    Arrays.sort(values, 0, size);
    int rank = (int) Math.ceil(p / 100.0 * size);
    return values[Math.min(size, Math.max(1, rank)) - 1];
  }

  public long sum() {
    long s = 0;
    for (int i = 0; i < size; i++) s += values[i];
    return s;
  }
}
