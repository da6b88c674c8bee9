package dev.genjobs.client.store.jdbc;

import dev.genjobs.client.store.InMemoryJobStore;
import dev.genjobs.client.store.JobStore;

class InMemoryJobStoreTest extends JobStoreContract {
  @Override
  JobStore newStore() {
    return new InMemoryJobStore();
  }

  @Override
  JobStore sameLedgerAgain() {
    // One process, one map: the "second instance" is the same object.
    return new JobStore() {
      @Override
      public void insert(dev.genjobs.client.store.JobRecord record) {
        store.insert(record);
      }

      @Override
      public java.util.Optional<dev.genjobs.client.store.JobRecord> replace(
          dev.genjobs.client.store.JobRecord current, dev.genjobs.client.store.JobRecord next) {
        return store.replace(current, next);
      }

      @Override
      public java.util.Optional<dev.genjobs.client.store.JobRecord> get(String ledgerId) {
        return store.get(ledgerId);
      }

      @Override
      public java.util.List<dev.genjobs.client.store.JobRecord> list(
          dev.genjobs.client.store.JobFilter filter) {
        return store.list(filter);
      }
    };
  }

  @org.junit.jupiter.api.Test
  void onlyTheLatestEndedRecordsAreKeptAndOpenOnesAlways() {
    InMemoryJobStore small = new InMemoryJobStore(2);
    java.time.Instant t0 = java.time.Instant.parse("2026-12-05T10:00:00Z");
    dev.genjobs.client.store.JobRecord open = active(intent("open", t0), "job-open", t0);
    small.insert(open);
    java.util.List<String> endedIds = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      dev.genjobs.client.store.JobRecord r = active(intent("r" + i, t0), "job-" + i, t0);
      small.insert(r);
      small
          .replace(
              r,
              r.toBuilder()
                  .state(dev.genjobs.client.store.LedgerState.ENDED)
                  .nextPollAt(null)
                  .endedAt(t0.plusSeconds(i))
                  .build())
          .orElseThrow();
      endedIds.add(r.ledgerId());
    }

    org.assertj.core.api.Assertions.assertThat(small.get(endedIds.get(0)))
        .as("the oldest ended record is dropped")
        .isEmpty();
    org.assertj.core.api.Assertions.assertThat(small.get(endedIds.get(1))).isPresent();
    org.assertj.core.api.Assertions.assertThat(small.get(endedIds.get(2))).isPresent();
    org.assertj.core.api.Assertions.assertThat(small.get(open.ledgerId())).isPresent();
    // Its job id and token are free again, as for a record deleted by retention.
    small.insert(active(intent("again", t0), "job-0", t0));
  }
}
