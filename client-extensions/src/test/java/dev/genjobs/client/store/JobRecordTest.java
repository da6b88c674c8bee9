package dev.genjobs.client.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.Provider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobRecordTest {

  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void aLongHistoryKeepsItsFirstStepAndTheLatestOnes() {
    JobRecord.Builder b = intent();
    for (int i = 1; i <= 200; i++) b.addAttempt(step(i));

    List<Attempt> kept = b.build().attempts();

    assertThat(kept).hasSize(JobRecord.MAX_ATTEMPTS);
    assertThat(kept.get(0).event()).isEqualTo("create-intent");
    assertThat(kept.subList(1, kept.size()))
        .extracting(Attempt::detail)
        .containsExactlyElementsOf(expectedDetails(200 - JobRecord.MAX_ATTEMPTS + 2, 200));
  }

  @Test
  void aHistoryReadBackLongerThanTheBoundIsCutTheSameWay() {
    List<Attempt> long_ = new ArrayList<>();
    long_.add(new Attempt(T0, "create-intent", "generate", "a"));
    for (int i = 1; i <= 80; i++) long_.add(step(i));

    List<Attempt> kept = intent().attempts(long_).build().attempts();

    assertThat(kept).hasSize(JobRecord.MAX_ATTEMPTS);
    assertThat(kept.get(0).event()).isEqualTo("create-intent");
    assertThat(kept.get(kept.size() - 1).detail()).isEqualTo("poll 80");
  }

  @Test
  void aShortHistoryIsKeptWhole() {
    JobRecord.Builder b = intent();
    for (int i = 1; i <= 3; i++) b.addAttempt(step(i));

    assertThat(b.build().attempts()).hasSize(4);
  }

  private static List<String> expectedDetails(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i <= to; i++) out.add("poll " + i);
    return out;
  }

  private static Attempt step(int i) {
    return new Attempt(T0.plusSeconds(i), "poll-failed", "poll " + i, "a");
  }

  private static JobRecord.Builder intent() {
    return JobRecord.builder()
        .ledgerId("l-1")
        .provider(Provider.CREATIVE_API)
        .operation("generate")
        .state(LedgerState.INTENT)
        .requestSummary("model=flux-pro")
        .requestFingerprint("0".repeat(64))
        .correlationToken("t")
        .createdAt(T0)
        .addAttempt(new Attempt(T0, "create-intent", "generate", "a"));
  }
}
