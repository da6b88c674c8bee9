package dev.genjobs.spring.boot;

import dev.genjobs.client.Provider;
import dev.genjobs.verifylive.LiveCheck;
import dev.genjobs.verifylive.LiveReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the live check ({@link LiveCheck}) of every configured provider on a schedule and keeps each
 * provider's last result, for health and meters. One daemon thread; a run that fails (a provider
 * unreachable, a key missing) is kept as that provider's last outcome and the schedule goes on.
 */
public class VerifyLiveSchedule implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(VerifyLiveSchedule.class);

  /** One provider's last check: its report, or why there is none. */
  public record LastCheck(Instant at, LiveReport report, String error) {}

  private final LiveCheck check;
  private final List<Provider> providers;
  private final Duration interval;
  private final Clock clock;
  private final Map<Provider, LastCheck> last = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> firstRun = new CompletableFuture<>();
  private ScheduledExecutorService scheduler;

  public VerifyLiveSchedule(
      LiveCheck check, List<Provider> providers, Duration interval, Clock clock) {
    this.check = check;
    this.providers = List.copyOf(providers);
    this.interval = interval;
    this.clock = clock;
  }

  public List<Provider> providers() {
    return providers;
  }

  /** The provider's last check, empty before the first one ended. */
  public Optional<LastCheck> last(Provider provider) {
    return Optional.ofNullable(last.get(provider));
  }

  /** Completes when the first run (at start-up) has checked every provider. */
  public CompletableFuture<Void> firstRun() {
    return firstRun;
  }

  /** Checks every provider now, on the calling thread. */
  public void runOnce() {
    for (Provider provider : providers) {
      try {
        LiveReport report = check.verify(provider);
        last.put(provider, new LastCheck(clock.instant(), report, null));
        if (!report.conforms()) {
          LOG.warn(
              "{} answers differ from its spec ({} findings), e.g. {}",
              provider.specFolder(),
              report.findings().size(),
              report.findings().get(0));
        }
      } catch (RuntimeException e) {
        last.put(provider, new LastCheck(clock.instant(), null, String.valueOf(e.getMessage())));
        LOG.warn("{} could not be checked: {}", provider.specFolder(), e.getMessage());
      }
    }
    firstRun.complete(null);
  }

  @Override
  public synchronized void start() {
    if (scheduler != null) return;
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "genjobs-verify-live");
              t.setDaemon(true);
              return t;
            });
    scheduler.scheduleWithFixedDelay(this::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) scheduler.shutdownNow();
    scheduler = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }
}
