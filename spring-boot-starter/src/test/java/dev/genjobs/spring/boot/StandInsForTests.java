package dev.genjobs.spring.boot;

import dev.genjobs.standins.ProviderStandIns;
import dev.genjobs.standins.StandInOptions;
import java.time.Duration;

/** One set of loopback stand-ins for the test JVM, stopped when it exits. */
final class StandInsForTests {

  private static final ProviderStandIns STAND_INS =
      ProviderStandIns.start(StandInOptions.builder().stepDuration(Duration.ofMillis(100)).build());

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(STAND_INS::close));
  }

  private StandInsForTests() {}

  static String baseUrl() {
    return STAND_INS.baseUrl().toString();
  }
}
