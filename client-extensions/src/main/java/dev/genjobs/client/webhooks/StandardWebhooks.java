package dev.genjobs.client.webhooks;

import dev.genjobs.client.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies deliveries signed per the <a href="https://www.standardwebhooks.com/">Standard
 * Webhooks</a> scheme: {@code webhook-signature} holds {@code v1,<base64 HMAC-SHA256>} entries over
 * {@code <webhook-id>.<webhook-timestamp>.<body>}, keyed with the base64 secret after its {@code
 * whsec_} prefix. A timestamp more than the tolerance (5 minutes) away from now is refused, so a
 * captured delivery cannot be replayed later; signatures are compared in constant time.
 */
public final class StandardWebhooks implements WebhookVerifier {

  /** How far a delivery's timestamp may be from this clock, as the scheme recommends. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private static final String SECRET_PREFIX = "whsec_";

  private final Secret secret;
  private final Clock clock;
  private final Duration tolerance;

  private StandardWebhooks(Secret secret, Clock clock, Duration tolerance) {
    this.secret = Objects.requireNonNull(secret, "secret");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
  }

  /**
   * A verifier with the signing secret (e.g. {@code whsec_...}); when the secret is absent every
   * delivery is refused with a message naming its environment variable.
   */
  public static StandardWebhooks of(Secret secret, Clock clock) {
    return new StandardWebhooks(secret, clock, DEFAULT_TOLERANCE);
  }

  public StandardWebhooks withTolerance(Duration tolerance) {
    return new StandardWebhooks(secret, clock, tolerance);
  }

  @Override
  public Optional<String> rejection(byte[] body, Map<String, List<String>> headers) {
    if (!secret.isPresent()) {
      return Optional.of(
          "signed deliveries cannot be checked: set "
              + secret.variable()
              + " to the provider's webhook signing secret");
    }
    String id = header(headers, "webhook-id");
    String timestamp = header(headers, "webhook-timestamp");
    String signatures = header(headers, "webhook-signature");
    if (id == null || timestamp == null || signatures == null) {
      return Optional.of(
          "missing signature: webhook-id, webhook-timestamp and webhook-signature are required");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      return Optional.of("webhook-timestamp is not a number of seconds");
    }
    Instant sent = Instant.ofEpochSecond(seconds);
    Duration age = Duration.between(sent, clock.instant()).abs();
    if (age.compareTo(tolerance) > 0) {
      return Optional.of(
          "stale delivery: webhook-timestamp is " + age.toSeconds() + " s from now (a replay?)");
    }
    byte[] key;
    try {
      key = signingKey(secret.reveal());
    } catch (IllegalArgumentException e) {
      return Optional.of(secret.variable() + " is not a base64 signing secret (whsec_...)");
    }
    byte[] expected = sign(key, id.trim(), seconds, body);
    for (String entry : signatures.trim().split(" ")) {
      int comma = entry.indexOf(',');
      if (comma < 0 || !entry.substring(0, comma).equals("v1")) continue;
      byte[] given;
      try {
        given = Base64.getDecoder().decode(entry.substring(comma + 1));
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (MessageDigest.isEqual(expected, given)) return Optional.empty();
    }
    return Optional.of("bad signature: no v1 signature matches the body");
  }

  /**
   * The {@code v1,<base64>} signature of a delivery, as a provider computes it; for stand-ins and
   * tests that send signed deliveries.
   */
  public static String signature(String secret, String id, long timestampSeconds, byte[] body) {
    return "v1,"
        + Base64.getEncoder().encodeToString(sign(signingKey(secret), id, timestampSeconds, body));
  }

  private static byte[] signingKey(String secret) {
    String base64 =
        secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
    return Base64.getDecoder().decode(base64);
  }

  private static byte[] sign(byte[] key, String id, long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static String header(Map<String, List<String>> headers, String name) {
    if (headers == null) return null;
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null
          && e.getKey().equalsIgnoreCase(name)
          && e.getValue() != null
          && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "StandardWebhooks{" + secret + ", tolerance=" + tolerance + "}";
  }
}
