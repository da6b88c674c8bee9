package dev.genjobs.client.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.genjobs.client.GenJobsClient;
import dev.genjobs.client.jobs.Job;
import dev.genjobs.client.testing.RecordingSleeper;
import dev.genjobs.client.testing.Stand;
import dev.genjobs.client.testing.TestClock;
import dev.genjobs.client.unstructured.CreateJobRequest;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read timeout is documented as how long an attempt waits for the response headers; sending a
 * large file takes as long as the link needs and must not count against it.
 */
class SlowUploadTimeoutTest {

  static final long FILE_SIZE = 8L * 1024 * 1024;
  static final String JOB_ID = "ad000000-0000-4000-8000-000000000001";

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
          // A link of about 12 MB/s: 64 KiB every 5 ms. The answer follows the last byte at once.
          byte[] buffer = new byte[64 * 1024];
          try (InputStream in = exchange.getRequestBody()) {
            for (int n; (n = in.readNBytes(buffer, 0, buffer.length)) > 0; ) {
              received.addAndGet(n);
              Thread.sleep(5);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] answer =
              ("{\"id\":\"" + JOB_ID + "\",\"status\":\"SCHEDULED\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    server.start();
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    client =
        GenJobsClient.create(
            Stand.defaults(base, TestClock.systemUtc(), new RecordingSleeper())
                .readTimeout(Duration.ofMillis(250))
                .build());
  }

  @AfterEach
  void tearDown() {
    client.close();
    server.stop(0);
  }

  @Test
  void givenUploadSlowerThanTheReadTimeout_whenServerAnswersRightAfterTheLastByte_thenJobCreated()
      throws Exception {
    Path file = tmp.resolve("scan.pdf");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(FILE_SIZE);
    }

    Job job =
        client
            .unstructured()
            .createJob(
                CreateJobRequest.builder()
                    .templateId("hi_res_partition")
                    .file(UploadFile.of(file))
                    .build());

    assertThat(job.id()).isEqualTo(JOB_ID);
    assertThat(received.get()).isGreaterThan(FILE_SIZE);
  }
}
