package dev.genjobs.client.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The arithmetic of poll intervals: growth, cap and jitter bounds. */
class PollPolicyTest {

  private final PollPolicy policy =
      PollPolicy.builder()
          .initialInterval(Duration.ofMillis(100))
          .multiplier(2.0)
          .maxInterval(Duration.ofMillis(700))
          .jitter(0.25)
          .build();

  @Test
  void givenPolicy_whenIntervalsComputed_thenTheyGrowByTheMultiplierUpToTheCap() {
    assertThat(policy.interval(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.interval(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.interval(3)).isEqualTo(Duration.ofMillis(400));
    assertThat(policy.interval(4)).isEqualTo(Duration.ofMillis(700));
    assertThat(policy.interval(50)).isEqualTo(Duration.ofMillis(700));
    assertThat(policy.interval(0)).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void theNextPollIsDueOneIntervalAfterThePreviousWasDueNotAfterItsAnswer() {
    Instant due = Instant.parse("2026-01-01T00:00:00Z");
    Instant answeredLate = due.plusMillis(150);

    assertThat(policy.nextDueAt(1, due, answeredLate, 0.5)).isEqualTo(due.plusMillis(200));
  }

  @Test
  void anAnswerLaterThanTheNextDueTimeMakesTheNextPollDueAtOnce() {
    Instant due = Instant.parse("2026-01-01T00:00:00Z");
    Instant answeredVeryLate = due.plusMillis(900);

    assertThat(policy.nextDueAt(1, due, answeredVeryLate, 0.5)).isEqualTo(answeredVeryLate);
  }

  @Test
  void givenJitter_whenRandomSpansZeroToOne_thenIntervalSpansPlusMinusJitter() {
    assertThat(policy.jitteredInterval(2, 0.0)).isEqualTo(Duration.ofMillis(150));
    assertThat(policy.jitteredInterval(2, 0.5)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.jitteredInterval(2, 0.999999)).isEqualTo(Duration.ofMillis(249));
    assertThat(policy.jitteredInterval(9, 0.0)).isEqualTo(Duration.ofMillis(525));
  }

  @Test
  void givenZeroInterval_whenJittered_thenAtLeastOneMillisecondSoWaitsNeverSpinHot() {
    PollPolicy zero =
        PollPolicy.builder().initialInterval(Duration.ZERO).maxInterval(Duration.ZERO).build();

    assertThat(zero.jitteredInterval(1, 0.0)).isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void givenDefaults_whenRead_thenSuitJobsOfSecondsToMinutes() {
    PollPolicy defaults = PollPolicy.defaults();

    assertThat(defaults.interval(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(defaults.interval(100)).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.jitter()).isBetween(0.0, 0.5);
    assertThat(defaults.toBuilder().build().interval(3)).isEqualTo(defaults.interval(3));
  }

  @Test
  void givenOutOfRangeSettings_whenBuilt_thenRejected() {
    assertThatThrownBy(() -> PollPolicy.builder().multiplier(0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PollPolicy.builder().jitter(1.0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PollPolicy.builder().jitter(-0.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PollPolicy.builder().maxConsecutiveErrors(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
