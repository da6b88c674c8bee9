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
}
