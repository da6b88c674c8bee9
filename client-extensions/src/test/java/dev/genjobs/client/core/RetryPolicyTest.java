package dev.genjobs.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genjobs.client.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void givenNoSettings_whenBuilt_thenDefaultsAreFourAttemptsHalfSecondDoublingToEightSeconds() {
    RetryPolicy policy = RetryPolicy.defaults();

    assertThat(policy.maxAttempts()).isEqualTo(4);
    assertThat(policy.initialBackoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.multiplier()).isEqualTo(2.0);
    assertThat(policy.maxBackoff()).isEqualTo(Duration.ofSeconds(8));
    assertThat(policy.maxElapsed()).isEqualTo(Duration.ofSeconds(60));
    assertThat(policy.maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void givenDefaults_whenAskingCeilings_thenTheyDoubleFromInitialAndStopAtMaxBackoff() {
    RetryPolicy policy = RetryPolicy.defaults();

    assertThat(policy.backoffCeiling(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.backoffCeiling(2)).isEqualTo(Duration.ofMillis(1000));
    assertThat(policy.backoffCeiling(3)).isEqualTo(Duration.ofMillis(2000));
    assertThat(policy.backoffCeiling(4)).isEqualTo(Duration.ofMillis(4000));
    assertThat(policy.backoffCeiling(5)).isEqualTo(Duration.ofSeconds(8));
    assertThat(policy.backoffCeiling(50)).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void givenMultiplierOne_whenAskingCeilings_thenEveryRetryWaitsUpToTheInitialBackoff() {
    RetryPolicy policy =
        RetryPolicy.builder().initialBackoff(Duration.ofMillis(300)).multiplier(1.0).build();

    assertThat(policy.backoffCeiling(1)).isEqualTo(Duration.ofMillis(300));
    assertThat(policy.backoffCeiling(7)).isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void givenNone_whenBuilt_thenOnlyOneAttemptIsAllowed() {
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
  }

  @Test
  void givenAPolicy_whenCopiedWithToBuilder_thenEverySettingIsKept() {
    RetryPolicy policy =
        RetryPolicy.builder()
            .maxAttempts(7)
            .initialBackoff(Duration.ofMillis(120))
            .maxBackoff(Duration.ofSeconds(3))
            .multiplier(1.5)
            .maxElapsed(Duration.ofSeconds(9))
            .maxRetryAfter(Duration.ofSeconds(4))
            .build();

    RetryPolicy copy = policy.toBuilder().build();

    assertThat(copy).hasToString(policy.toString());
    assertThat(copy.maxAttempts()).isEqualTo(7);
    assertThat(copy.maxRetryAfter()).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void givenNonsenseSettings_whenBuilding_thenEachIsRejectedWithItsName() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> RetryPolicy.builder().multiplier(0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiplier");
    assertThatThrownBy(() -> RetryPolicy.builder().maxElapsed(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxElapsed");
    assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(null))
        .isInstanceOf(NullPointerException.class);
  }
}
