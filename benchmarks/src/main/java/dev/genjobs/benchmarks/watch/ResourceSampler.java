package dev.genjobs.benchmarks.watch;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Samples the JVM's threads and heap every 10 ms, over the whole run and, separately, from the
 * moment the wait starts. Threads the harness starts are named {@code bench-*} and not counted; the
 * rest are counted against the threads alive before the client existed, and grouped by name (pool
 * numbers dropped) so the report says whose they are. Heap is counted above the heap in use after a
 * full collection before the client existed.
 */
public final class ResourceSampler implements AutoCloseable {

  private static final Pattern NUMBERS = Pattern.compile("\\d+");

  /** The highest values seen over some stretch of the run. */
  public static final class Peaks {
    public int threads;
    public Map<String, Integer> threadsByName = Map.of();
    public int watcherThreads;
    public long heapSampled;
    public long heapPools;
  }

  private final ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Set<Long> baselineThreads;
  private final long baselineHeap;
  private final Thread sampler;
  private volatile boolean running = true;

  private final Peaks run = new Peaks();
  private final Peaks wait = new Peaks();
  private boolean waiting;
  private long poolsBeforeWait;

  private ResourceSampler(Set<Long> baselineThreads, long baselineHeap) {
    this.baselineThreads = baselineThreads;
    this.baselineHeap = baselineHeap;
    this.sampler = new Thread(this::loop, "bench-sampler");
    sampler.setDaemon(true);
  }

  /**
   * Collects garbage, notes the threads and heap of the JVM as it is now (before the client is
   * built), resets the pools' peaks and starts sampling.
   */
  public static ResourceSampler startFromBaseline() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    ThreadMXBean t = ManagementFactory.getThreadMXBean();
    Set<Long> ids = Arrays.stream(t.getAllThreadIds()).boxed().collect(Collectors.toSet());
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    resetPools();
    ResourceSampler s = new ResourceSampler(ids, heap);
    s.sampler.start();
    return s;
  }

  /** From now on peaks are also kept for the wait alone; the pools' peaks restart here. */
  public synchronized void waitStarted() {
    sample();
    poolsBeforeWait = poolsPeak();
    resetPools();
    waiting = true;
  }

  /** Heap in use after a full collection now, less the baseline: what the pending waits hold. */
  public long liveHeapNow() throws InterruptedException {
    System.gc();
    Thread.sleep(50);
    return memory.getHeapMemoryUsage().getUsed() - baselineHeap;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    sampler.interrupt();
    sampler.join();
    synchronized (this) {
      sample();
      long pools = poolsPeak();
      wait.heapPools = pools - baselineHeap;
      run.heapPools = Math.max(pools, poolsBeforeWait) - baselineHeap;
    }
  }

  /** Peaks from the baseline to the end; call after {@link #close()}. */
  public synchronized Peaks run() {
    return run;
  }

  /** Peaks from {@link #waitStarted()} to the end; call after {@link #close()}. */
  public synchronized Peaks waitOnly() {
    return wait;
  }

  public int baselineThreadCount() {
    return baselineThreads.size();
  }

  public long baselineHeap() {
    return baselineHeap;
  }

  private void loop() {
    while (running) {
      synchronized (this) {
        sample();
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sample() {
    Map<String, Integer> byName = new TreeMap<>();
    int count = 0;
    int watchers = 0;
    for (ThreadInfo info : threadBean.getThreadInfo(threadBean.getAllThreadIds(), 0)) {
      if (info == null || baselineThreads.contains(info.getThreadId())) continue;
      String name = info.getThreadName();
      if (name.startsWith("bench-")) continue;
      count++;
      if (name.equals("genjobs-watcher")) watchers++;
      byName.merge(NUMBERS.matcher(name).replaceAll("N"), 1, Integer::sum);
    }
    long heap = memory.getHeapMemoryUsage().getUsed() - baselineHeap;
    record(run, count, byName, watchers, heap);
    if (waiting) record(wait, count, byName, watchers, heap);
  }

  private static void record(
      Peaks p, int threads, Map<String, Integer> byName, int watchers, long heap) {
    if (threads > p.threads) {
      p.threads = threads;
      p.threadsByName = byName;
    }
    p.watcherThreads = Math.max(p.watcherThreads, watchers);
    p.heapSampled = Math.max(p.heapSampled, heap);
  }

  /**
   * The sum of the heap pools' own peaks. The pools peak at different moments, so this bounds the
   * true peak from above.
   */
  private static long poolsPeak() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) sum += pool.getPeakUsage().getUsed();
    }
    return sum;
  }

  private static void resetPools() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
    }
  }
}
