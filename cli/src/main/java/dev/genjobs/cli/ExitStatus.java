package dev.genjobs.cli;

import dev.genjobs.client.errors.AmbiguousOutcomeException;
import dev.genjobs.client.errors.GenJobsException;
import dev.genjobs.client.errors.InvalidInputException;
import dev.genjobs.client.errors.MissingCredentialsException;
import dev.genjobs.client.errors.RequestTimeoutException;
import dev.genjobs.client.jobs.JobFailedException;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.jobs.JobTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ParameterException;

/**
 * The process exit codes, a contract with scripts: each names one kind of outcome, so a caller can
 * decide what to do next (retry later, fix the input, look for a possibly created job) without
 * parsing messages.
 */
enum ExitStatus {
  SUCCESS(0, "success"),
  JOB_UNSUCCESSFUL(1, "the job ended FAILED or CANCELLED"),
  USAGE(2, "bad usage or invalid input; nothing was sent"),
  PROVIDER_ERROR(3, "the provider answered with an error, or could not be reached"),
  TIMEOUT(4, "timed out: the job did not end within --timeout, or a request got no answer"),
  AMBIGUOUS_OUTCOME(5, "outcome unknown: a create may have started a job; look before retrying"),
  MISSING_CREDENTIALS(6, "an API key is missing from the environment"),
  DRIFT(7, "verify-live: a provider's answers differ from its spec"),
  INTERNAL_ERROR(70, "internal error (a bug in genjobs: please report it)");

  final int code;
  final String meaning;

  ExitStatus(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  /** What a snapshot that a command printed means for the exit code. */
  static ExitStatus of(JobSnapshot snapshot) {
    return snapshot.status() == JobStatus.FAILED || snapshot.status() == JobStatus.CANCELLED
        ? JOB_UNSUCCESSFUL
        : SUCCESS;
  }

  /** The exit code for a failure; the order matters where types are related. */
  static ExitStatus of(Throwable failure) {
    if (failure instanceof UsageException
        || failure instanceof ParameterException
        || failure instanceof InvalidInputException
        || failure instanceof IllegalArgumentException) {
      return USAGE;
    }
    if (failure instanceof MissingCredentialsException) return MISSING_CREDENTIALS;
    if (failure instanceof AmbiguousOutcomeException) return AMBIGUOUS_OUTCOME;
    if (failure instanceof JobTimeoutException || failure instanceof RequestTimeoutException) {
      return TIMEOUT;
    }
    if (failure instanceof JobFailedException) return JOB_UNSUCCESSFUL;
    // ApiException (HTTP errors), ConnectionException, MalformedResponseException and the rest.
    if (failure instanceof GenJobsException) return PROVIDER_ERROR;
    return INTERNAL_ERROR;
  }

  /** The "Exit codes:" section of every command's help. */
  static Map<String, String> helpList() {
    Map<String, String> list = new LinkedHashMap<>();
    for (ExitStatus s : values()) list.put(String.format("%2d", s.code), s.meaning);
    return list;
  }
}
