package dev.genjobs.client.webhooks;

import dev.genjobs.client.Provider;
import java.util.Optional;

/**
 * What a webhook delivery did, and the status to answer the provider with.
 *
 * @param outcome what happened
 * @param provider the provider the job belongs to, if identified
 * @param jobId the job id from the payload, if any
 * @param detail why a delivery was rejected
 */
public record WebhookResult(Outcome outcome, Provider provider, String jobId, String detail) {

  public enum Outcome {
    /** Confirmed finished with the provider; the waiting future completed. */
    COMPLETED,
    /** Confirmed with the provider: not finished yet; waiting goes on. */
    STILL_RUNNING,
    /**
     * Recorded in the durable ledger: the job's confirming GET is due now, on whichever instance
     * runs the ledger's work, and the job ends there if the GET shows it ended. Answered 200: the
     * delivery is safely kept, the provider need not send it again.
     */
    CONFIRMATION_DUE,
    /**
     * The confirming GET failed (the job's waits failed with that error); answered 503 so the
     * provider delivers again later.
     */
    CONFIRMATION_FAILED,
    /**
     * The confirming GET could not be made now (provider pushback, a passing 5xx or timeout); the
     * waits go on. Answered 503 so the provider delivers again later.
     */
    NOT_CONFIRMED,
    /** Already handled: a repeated delivery. No provider call was made. */
    DUPLICATE,
    /** No job with this id is being watched: rejected. No provider call was made. */
    UNKNOWN_JOB,
    /** Not a job payload: rejected. */
    INVALID,
    /**
     * The provider signs its deliveries and this one's signature is missing, wrong or stale (or no
     * secret is configured to check it): rejected with 401 before the body was used; nothing
     * changed.
     */
    SIGNATURE_REJECTED
  }

  static WebhookResult of(Outcome outcome, Provider provider, String jobId) {
    return new WebhookResult(outcome, provider, jobId, null);
  }

  static WebhookResult unknownJob(Provider provider, String jobId) {
    return new WebhookResult(
        Outcome.UNKNOWN_JOB, provider, jobId, "no job " + jobId + " is being watched");
  }

  static WebhookResult signatureRejected(Provider provider, String why) {
    return new WebhookResult(Outcome.SIGNATURE_REJECTED, provider, null, why);
  }

  static WebhookResult invalid(String why) {
    return new WebhookResult(Outcome.INVALID, null, null, why);
  }

  /**
   * 200 for accepted deliveries (so the provider stops resending), 404 unknown, 400 invalid, 401
   * for a refused signature, 503 when the confirmation failed.
   */
  public int httpStatus() {
    return switch (outcome) {
      case COMPLETED, STILL_RUNNING, CONFIRMATION_DUE, DUPLICATE -> 200;
      case UNKNOWN_JOB -> 404;
      case INVALID -> 400;
      case SIGNATURE_REJECTED -> 401;
      case CONFIRMATION_FAILED, NOT_CONFIRMED -> 503;
    };
  }

  public Optional<String> detailText() {
    return Optional.ofNullable(detail);
  }
}
