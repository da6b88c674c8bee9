package dev.genjobs.client.store.jdbc.testing;

import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.store.JobFilter;
import dev.genjobs.client.store.jdbc.JdbcJobStore;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The run {@link ChildJvmCommand} dumps its class-data archive from: what a child does first, on a
 * throw-away ledger: the embedded store migrated by Flyway, a client on it, one create against a
 * loopback port nobody listens on (it fails; the classes of a create are loaded), a list. Then it
 * exits normally, which is when the JVM writes the archive.
 */
public final class ChildJvmTraining {

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("genjobs-child-training-");
    try {
      URI nobody;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        nobody = URI.create("http://127.0.0.1:" + s.getLocalPort() + "/");
      }
      try (JdbcJobStore store = JdbcJobStore.embedded(dir);
          GenJobsClient client = LedgerClients.client(nobody, store, "training")) {
        try {
          client.creative().generate(LedgerClients.generate(null, 0));
        } catch (RuntimeException expected) {
          // nobody listens: the create fails after its retries
        }
        store.list(JobFilter.builder().limit(10).build());
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
      }
    }
  }

  private ChildJvmTraining() {}
}
