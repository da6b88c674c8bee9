package dev.genjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.Provider;
import dev.genjobs.client.errors.AmbiguousOutcomeException;
import dev.genjobs.client.errors.ConnectionException;
import dev.genjobs.client.errors.HttpFailure;
import dev.genjobs.client.errors.InvalidInputException;
import dev.genjobs.client.errors.MalformedResponseException;
import dev.genjobs.client.errors.MissingCredentialsException;
import dev.genjobs.client.errors.NotFoundException;
import dev.genjobs.client.errors.ProviderError;
import dev.genjobs.client.errors.RequestTimeoutException;
import dev.genjobs.client.jobs.JobSnapshot;
import dev.genjobs.client.jobs.JobStatus;
import dev.genjobs.client.jobs.JobTimeoutException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exit-code contract, one failure type at a time. */
class ExitStatusTest {

  private static final Provider P = Provider.CREATIVE_API;

  @Test
  void invalidInputIsBadUsage() {
    assertThat(
            ExitStatus.of(
                new InvalidInputException(
                    P, "generate", List.of(new InvalidInputException.Violation("/model", "x")))))
        .isEqualTo(ExitStatus.USAGE);
  }

  @Test
  void httpErrorIsAProviderError() {
    var failure = new HttpFailure(404, ProviderError.none(), "", null, null);
    assertThat(ExitStatus.of(new NotFoundException(P, "getJob", failure)))
        .isEqualTo(ExitStatus.PROVIDER_ERROR);
  }

  @Test
  void unreachableOrGarbledProviderIsAProviderError() {
    assertThat(ExitStatus.of(new ConnectionException(P, "getJob", false, new IOException("x"))))
        .isEqualTo(ExitStatus.PROVIDER_ERROR);
    assertThat(ExitStatus.of(new MalformedResponseException(P, "getJob", 200, "", "x", null)))
        .isEqualTo(ExitStatus.PROVIDER_ERROR);
  }

  @Test
  void waitOrRequestTimeoutIsATimeout() {
    assertThat(ExitStatus.of(new JobTimeoutException(P, "j", Duration.ofSeconds(1), null)))
        .isEqualTo(ExitStatus.TIMEOUT);
    assertThat(ExitStatus.of(new RequestTimeoutException(P, "getJob", Duration.ofSeconds(1), null)))
        .isEqualTo(ExitStatus.TIMEOUT);
  }

  @Test
  void possiblyCreatedJobIsAnAmbiguousOutcome() {
    assertThat(
            ExitStatus.of(
                new AmbiguousOutcomeException(
                    P, "generate", Instant.EPOCH, "model=x", new IOException("reset"))))
        .isEqualTo(ExitStatus.AMBIGUOUS_OUTCOME);
  }

  @Test
  void missingKeyIsMissingCredentials() {
    assertThat(ExitStatus.of(new MissingCredentialsException("CREATIVE_API_KEY")))
        .isEqualTo(ExitStatus.MISSING_CREDENTIALS);
  }

  @Test
  void anythingElseIsAnInternalError() {
    assertThat(ExitStatus.of(new NullPointerException())).isEqualTo(ExitStatus.INTERNAL_ERROR);
  }

  @Test
  void onlyFailedAndCancelledJobsExitOne() {
    for (JobStatus s : JobStatus.values()) {
      JobSnapshot snapshot = JobSnapshot.builder(P, "j").status(s, s.name()).build();
      boolean unsuccessful = s == JobStatus.FAILED || s == JobStatus.CANCELLED;
      assertThat(ExitStatus.of(snapshot))
          .as(s.name())
          .isEqualTo(unsuccessful ? ExitStatus.JOB_UNSUCCESSFUL : ExitStatus.SUCCESS);
    }
  }
}
