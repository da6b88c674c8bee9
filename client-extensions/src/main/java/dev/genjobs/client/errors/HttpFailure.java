package dev.genjobs.client.errors;

import java.time.Duration;

/**
 * What an error response said, independent of the HTTP library that received it.
 *
 * @param status the HTTP status
 * @param error the parsed provider error
 * @param rawBody the body as text, cut at the configured maximum
 * @param requestId the provider's request id header, or null
 * @param retryAfter the parsed {@code Retry-After}, or null
 */
public record HttpFailure(
    int status, ProviderError error, String rawBody, String requestId, Duration retryAfter) {}
