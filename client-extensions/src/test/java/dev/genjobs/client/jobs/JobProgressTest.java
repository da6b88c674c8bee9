package dev.genjobs.client.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.Provider;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobProgressTest {

  private static JobSnapshot snapshot(JobStatus status, String raw) {
    return JobSnapshot.builder(Provider.CREATIFY_INSPIRATION, "job-1").status(status, raw).build();
  }

  @Test
  void givenTheProviderMovedFromPendingToInQueue_whenPolled_thenOnlyTheRawStatusChanged() {
    JobProgress p =
        new JobProgress(
            snapshot(JobStatus.QUEUED, "in_queue"),
            snapshot(JobStatus.QUEUED, "pending"),
            2,
            Duration.ofSeconds(3));

    assertThat(p.rawStatusChanged()).isTrue();
    assertThat(p.statusChanged()).isFalse();
    assertThat(p.previousStatus()).isEqualTo(JobStatus.QUEUED);
  }

  @Test
  void givenTheFirstPoll_whenReported_thenBothCountAsChanged() {
    JobProgress p = new JobProgress(snapshot(JobStatus.RUNNING, "running"), null, 1, Duration.ZERO);

    assertThat(p.statusChanged()).isTrue();
    assertThat(p.rawStatusChanged()).isTrue();
    assertThat(p.previousStatus()).isNull();
  }

  @Test
  void givenTheSameRawStatusAgain_whenPolled_thenNothingChanged() {
    JobProgress p =
        new JobProgress(
            snapshot(JobStatus.RUNNING, "running"),
            snapshot(JobStatus.RUNNING, "running"),
            3,
            Duration.ofSeconds(5));

    assertThat(p.statusChanged()).isFalse();
    assertThat(p.rawStatusChanged()).isFalse();
  }
}
