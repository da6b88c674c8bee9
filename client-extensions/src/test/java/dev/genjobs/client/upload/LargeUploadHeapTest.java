package dev.genjobs.client.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.genjobs.client.ClientOptions;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.testing.RecordingSleeper;
import dev.genjobs.client.testing.Stand;
import dev.genjobs.client.testing.TestClock;
import dev.genjobs.client.unstructured.CreateJobRequest;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 100 MB upload from a {@link Path} streams: the peak heap it adds stays far below the file size.
 * The server is the JDK's own, reading and discarding the body, so nothing in this JVM but the
 * client could hold the file (WireMock would buffer the whole request).
 */
class LargeUploadHeapTest {

  static final long FILE_SIZE = 100L * 1024 * 1024;
  static final long MB = 1024 * 1024;
  static final String JOB_ID = "ac000000-0000-4000-8000-000000000001";

  @TempDir Path tmp;

  private HttpServer server;
  private final AtomicLong received = new AtomicLong();
  private GenJobsClient client;

  @BeforeEach
  void setUp() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext(
        "/api/v1/jobs/",
        exchange -> {
          byte[] buffer = new byte[64 * 1024];
          try (InputStream in = exchange.getRequestBody()) {
            for (int n; (n = in.read(buffer)) > 0; ) received.addAndGet(n);
          }
          byte[] answer =
              ("{\"id\":\"" + JOB_ID + "\",\"status\":\"SCHEDULED\",\"job_type\":\"ephemeral\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    server.start();
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    ClientOptions options =
        Stand.defaults(base, TestClock.systemUtc(), new RecordingSleeper())
            .readTimeout(Duration.ofSeconds(30))
            .build();
    client = GenJobsClient.create(options);
  }

  @AfterEach
  void tearDown() {
    client.close();
    server.stop(0);
  }

  private static Path hundredMegabyteFile(Path file) throws Exception {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(FILE_SIZE);
      byte[] marker = "genjobs-upload-marker".getBytes(StandardCharsets.US_ASCII);
      for (long at = 0; at < FILE_SIZE; at += 10 * MB) {
        raf.seek(at);
        raf.write(marker);
      }
      raf.seek(FILE_SIZE - marker.length);
      raf.write(marker);
    }
    return file;
  }

  private static long sum(List<MemoryPoolMXBean> pools, ToLongFunction<MemoryPoolMXBean> used) {
    return pools.stream().mapToLong(used).sum();
  }

  @Test
  void givenHundredMegabyteFile_whenUploaded_thenPeakHeapIncreaseIsFarBelowTheFileSize()
      throws Exception {
    Path file = hundredMegabyteFile(tmp.resolve("big.pdf"));
    List<MemoryPoolMXBean> heap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.isValid())
            .toList();
    UploadFile upload = UploadFile.of(file);
    CreateJobRequest request =
        CreateJobRequest.builder().templateId("hi_res_partition").file(upload).build();
    System.gc();
    long baseline = sum(heap, p -> p.getUsage().getUsed());
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    // Streaming allocates short-lived chunk buffers; left alone they pile up in the young
    // generation until it fills (80 MB of pure garbage on this JVM) and would hide what is really
    // held. Collecting every 20 ms makes the peak measure what the upload keeps alive.
    AtomicBoolean uploading = new AtomicBoolean(true);
    Thread collector =
        new Thread(
            () -> {
              while (uploading.get()) {
                System.gc();
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-test-collector");
    collector.setDaemon(true);
    collector.start();

    Job job;
    long started = System.nanoTime();
    try {
      job = client.unstructured().createJob(request);
    } finally {
      uploading.set(false);
      collector.join();
    }

    long millis = (System.nanoTime() - started) / 1_000_000;
    long peak = sum(heap, p -> p.getPeakUsage().getUsed());
    long increase = peak - baseline;
    System.out.printf(
        "100 MB upload from a Path: peak heap increase %.1f MB over a %.1f MB baseline"
            + " (heap pools %s, %d ms); server received %d bytes%n",
        increase / (double) MB,
        baseline / (double) MB,
        heap.stream().map(MemoryPoolMXBean::getName).toList(),
        millis,
        received.get());
    assertThat(job.id()).isEqualTo(JOB_ID);
    assertThat(received.get()).isBetween(FILE_SIZE, FILE_SIZE + 4096);
    assertThat(increase).isLessThan(50 * MB);
  }
}
