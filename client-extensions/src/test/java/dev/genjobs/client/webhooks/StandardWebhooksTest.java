package dev.genjobs.client.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Standard Webhooks verification against the scheme's own published example (the secret, message
 * id, timestamp, payload and signature the reference libraries test with), not only against our own
 * signing code.
 */
class StandardWebhooksTest {

  // The reference example of the Standard Webhooks libraries.
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1614265330L;
  private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  private static StandardWebhooks verifierAt(long epochSecond, String secret) {
    return StandardWebhooks.of(
        Secret.of("REPLICATE_WEBHOOK_SECRET", secret),
        Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
  }

  private static Map<String, List<String>> headers(String id, long timestamp, String signature) {
    return Map.of(
        "Webhook-Id", List.of(id),
        "webhook-timestamp", List.of(Long.toString(timestamp)),
        "WEBHOOK-SIGNATURE", List.of(signature));
  }

  @Test
  void theSchemesPublishedExampleIsAccepted() {
    assertThat(verifierAt(TIMESTAMP, SECRET).rejection(BODY, headers(ID, TIMESTAMP, SIGNATURE)))
        .isEmpty();
    assertThat(StandardWebhooks.signature(SECRET, ID, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
  }

  @Test
  void oneMatchingSignatureAmongSeveralIsEnoughAndOtherVersionsAreIgnored() {
    String several = "v1a,abc v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= " + SIGNATURE;

    assertThat(verifierAt(TIMESTAMP, SECRET).rejection(BODY, headers(ID, TIMESTAMP, several)))
        .isEmpty();
  }

  @Test
  void aChangedBodyIdOrTimestampIsRefused() {
    StandardWebhooks verifier = verifierAt(TIMESTAMP, SECRET);
    byte[] changed = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);

    assertThat(verifier.rejection(changed, headers(ID, TIMESTAMP, SIGNATURE)))
        .hasValueSatisfying(why -> assertThat(why).startsWith("bad signature"));
    assertThat(verifier.rejection(BODY, headers(ID + "x", TIMESTAMP, SIGNATURE))).isPresent();
    assertThat(verifier.rejection(BODY, headers(ID, TIMESTAMP + 1, SIGNATURE))).isPresent();
  }

  @Test
  void aTimestampOutsideFiveMinutesEitherWayIsRefusedAsStale() {
    assertThat(
            verifierAt(TIMESTAMP + 301, SECRET).rejection(BODY, headers(ID, TIMESTAMP, SIGNATURE)))
        .hasValueSatisfying(why -> assertThat(why).startsWith("stale delivery"));
    assertThat(
            verifierAt(TIMESTAMP - 301, SECRET).rejection(BODY, headers(ID, TIMESTAMP, SIGNATURE)))
        .isPresent();
    assertThat(
            verifierAt(TIMESTAMP + 299, SECRET).rejection(BODY, headers(ID, TIMESTAMP, SIGNATURE)))
        .isEmpty();
  }

  @Test
  void missingHeadersOrSecretAreRefusedSayingWhatIsMissingAndNeverTheSecret() {
    assertThat(verifierAt(TIMESTAMP, SECRET).rejection(BODY, Map.of()))
        .hasValueSatisfying(why -> assertThat(why).startsWith("missing signature"));
    assertThat(verifierAt(TIMESTAMP, null).rejection(BODY, headers(ID, TIMESTAMP, SIGNATURE)))
        .hasValueSatisfying(why -> assertThat(why).contains("REPLICATE_WEBHOOK_SECRET"));
    assertThat(
            verifierAt(TIMESTAMP, "whsec_not base64!")
                .rejection(BODY, headers(ID, TIMESTAMP, SIGNATURE)))
        .hasValueSatisfying(
            why ->
                assertThat(why).contains("REPLICATE_WEBHOOK_SECRET").doesNotContain("not base64"));
    assertThat(verifierAt(TIMESTAMP, SECRET).toString()).doesNotContain("MfKQ9r8");
  }
}
