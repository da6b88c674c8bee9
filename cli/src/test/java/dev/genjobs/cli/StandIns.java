package dev.genjobs.cli;

import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.time.Duration;

/**
 * Loopback stand-ins shared by every test in the run: one whose jobs all succeed, one whose jobs
 * all fail. Jobs are independent (each has its own id), so sharing them only saves start-up time.
 */
final class StandIns {

  static final Duration STEP = Duration.ofMillis(50);

  private static ProviderStandIns succeeding;
  private static ProviderStandIns failing;

  private StandIns() {}

  static synchronized ProviderStandIns succeeding() {
    if (succeeding == null) succeeding = start(StandInOptions.builder().stepDuration(STEP));
    return succeeding;
  }

  static synchronized ProviderStandIns failing() {
    if (failing == null) {
      failing = start(StandInOptions.builder().stepDuration(STEP).failingAll());
    }
    return failing;
  }

  private static ProviderStandIns start(StandInOptions.Builder options) {
    ProviderStandIns standIns = ProviderStandIns.start(options.build());
    Runtime.getRuntime().addShutdownHook(new Thread(standIns::close, "stand-ins-stop"));
    return standIns;
  }
}
