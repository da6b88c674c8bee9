package dev.genjobs.client.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genjobs.client.Provider;
import dev.genjobs.client.testing.JobStands;
import dev.genjobs.client.testing.Stand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A poll's deadline covers the whole answer: a provider that sends the status line and headers at
 * once and then stalls the body holds neither the poll nor the job past the read timeout. A raw
 * socket, so the headers are known to be out before the body stalls.
 */
class StalledBodyTest {

  private static final Duration READ_TIMEOUT = Duration.ofMillis(500);

  @Test
  void givenHeadersThenAStalledBody_whenAwaited_thenThatPollTimesOutAndTheNextOneEndsTheWait()
      throws Exception {
    try (StallingServer server = new StallingServer();
        Stand stand =
            JobStands.stand(
                o ->
                    o.readTimeout(READ_TIMEOUT).baseUrl(Provider.CREATIVE_API, server.baseUrl()))) {
      long start = System.nanoTime();
      JobSnapshot done =
          stand.client().job(Provider.CREATIVE_API, "s-1").await(Duration.ofSeconds(8));
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(server.requests.get()).isGreaterThanOrEqualTo(2);
      assertThat(took).isLessThan(Duration.ofSeconds(8));
    }
  }

  /** First request: headers promising 200 bytes, 10 of them, then nothing. Later: the job, done. */
  private static final class StallingServer implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final AtomicInteger requests = new AtomicInteger();
    final List<Socket> held = new CopyOnWriteArrayList<>();
    final Thread acceptor = new Thread(this::serve, "stalling-server");

    StallingServer() throws IOException {
      acceptor.setDaemon(true);
      acceptor.start();
    }

    URI baseUrl() {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    private void serve() {
      while (!socket.isClosed()) {
        try {
          Socket s = socket.accept();
          BufferedReader in =
              new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
          String line;
          while ((line = in.readLine()) != null && !line.isEmpty()) {
            // request line and headers; a GET has no body
          }
          OutputStream out = s.getOutputStream();
          if (requests.incrementAndGet() == 1) {
            out.write(
                ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"
                        + "{\"jobId\":")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            held.add(s); // never finished: the body stalls
          } else {
            byte[] body =
                "{\"jobId\":\"s-1\",\"status\":\"completed\"}".getBytes(StandardCharsets.UTF_8);
            out.write(
                ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                        + "Content-Length: "
                        + body.length
                        + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            s.close();
          }
        } catch (IOException e) {
          return; // closed
        }
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : held) s.close();
    }
  }
}
