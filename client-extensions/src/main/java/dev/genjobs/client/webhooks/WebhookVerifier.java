package dev.genjobs.client.webhooks;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that a webhook delivery comes from its provider before anything in it is used: a provider
 * that signs its deliveries returns one from {@code JobBackend.webhookVerifier()}. A refused
 * delivery changes nothing and is answered 401. The confirming GET is made either way: a valid
 * signature says who sent the delivery, not that the job's state in it is current.
 */
@FunctionalInterface
public interface WebhookVerifier {

  /**
   * Why the delivery is refused (a missing or bad signature, a stale timestamp, no secret to check
   * it with), or empty when it is authentic. Never throws; never includes the secret.
   *
   * @param body the raw body, exactly as received
   * @param headers the request headers, names in any case
   */
  Optional<String> rejection(byte[] body, Map<String, List<String>> headers);

  /** For providers that do not sign their deliveries: the confirming GET is the only check. */
  WebhookVerifier NONE = (body, headers) -> Optional.empty();
}
