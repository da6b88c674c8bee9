package dev.genjobs.spring.boot;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code genjobs.verify-live.*}: the scheduled live check (genjobs-verify-live). Off unless an
 * interval is set; each run costs a few GETs per provider.
 */
@ConfigurationProperties(prefix = GenJobsVerifyLiveProperties.PREFIX)
public class GenJobsVerifyLiveProperties {

  public static final String PREFIX = "genjobs.verify-live";

  /**
   * How often every configured provider's answers are checked against its spec; the first check
   * runs at start-up. Unset: never.
   */
  private Duration interval;

  public Duration getInterval() {
    return interval;
  }

  public void setInterval(Duration interval) {
    this.interval = interval;
  }
}
