package dev.genjobs.client.core;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retires idle keep-alive connections before a provider's load balancer drops them.
 *
 * <p>Why: balancers commonly forget a connection after 60 s idle. A create sent on such a pooled
 * connection meets a closed or reset socket after it was written, which can only be reported as
 * "may have been created" ({@code AmbiguousOutcomeException}). If the client closes idle
 * connections first, the create goes out on a fresh connection and gets a definite answer.
 *
 * <p>How: the JDK client closes pooled HTTP/1.1 connections idle longer than the system property
 * {@value #PROPERTY} (seconds; the JDK default is 1200). The JDK reads it once per JVM, when its
 * HTTP client is first built, so this sets it before the library builds its client unless the
 * application already set it. Code that builds a JDK {@code HttpClient} earlier in the same JVM
 * fixes the value first: then pass {@code -Djdk.httpclient.keepalive.timeout=30} on the command
 * line.
 */
public final class IdleConnections {

  /** The JDK's keep-alive timeout property, in seconds. */
  public static final String PROPERTY = "jdk.httpclient.keepalive.timeout";

  private static final Logger LOG = LoggerFactory.getLogger(IdleConnections.class);

  private IdleConnections() {}

  /**
   * Asks the JDK HTTP client to close connections idle longer than {@code idle} (whole seconds).
   */
  public static synchronized void retireAfter(Duration idle) {
    long seconds = Math.max(1, idle.toSeconds());
    String current = System.getProperty(PROPERTY);
    if (current == null) {
      System.setProperty(PROPERTY, Long.toString(seconds));
    } else if (!current.trim().equals(Long.toString(seconds))) {
      LOG.debug(
          "{} is already {} s; keeping it (the client asked for {} s)", PROPERTY, current, seconds);
    }
  }
}
