package dev.genjobs.client.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LedgerPolicyTest {

  @Test
  void byDefaultEndedRecordsAreKept30DaysAndEightExecutionsRunAtOnce() {
    LedgerPolicy p = LedgerPolicy.defaults();

    assertThat(p.retention()).isEqualTo(Duration.ofDays(30));
    assertThat(p.workThreads()).isEqualTo(8);
    assertThat(p.workEvery()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void withoutPollingKeepsRetentionAndWorkThreads() {
    LedgerPolicy p = LedgerPolicy.defaults().withRetention(Duration.ofDays(7)).withWorkThreads(4);

    LedgerPolicy cli = p.withoutPolling();

    assertThat(cli.pollsDue()).isFalse();
    assertThat(cli.retention()).isEqualTo(Duration.ofDays(7));
    assertThat(cli.workThreads()).isEqualTo(4);
  }

  @Test
  void workThreadsAreBounded() {
    assertThatThrownBy(() -> LedgerPolicy.defaults().withWorkThreads(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LedgerPolicy.defaults().withWorkThreads(65))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void retentionMustBePositive() {
    assertThatThrownBy(() -> LedgerPolicy.defaults().withRetention(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
