package dev.genjobs.client.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 server that behaves like a load balancer with an idle timeout: it keeps
 * connections alive, but a connection idle longer than {@code forgetAfter} is forgotten, and a
 * request arriving on it is answered by closing the socket without a response (what a client sees
 * when its request crosses the balancer's close). Every POST is answered with a Creative API job.
 */
final class ForgetfulBalancer implements AutoCloseable {

  private final ServerSocket server;
  private final long forgetAfterNanos;
  private final ExecutorService connections = Executors.newCachedThreadPool(daemon());
  final AtomicInteger connectionsAccepted = new AtomicInteger();
  final AtomicInteger requestsAnswered = new AtomicInteger();
  final AtomicInteger requestsDropped = new AtomicInteger();

  ForgetfulBalancer(Duration forgetAfter) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.forgetAfterNanos = forgetAfter.toNanos();
    Thread accept = new Thread(this::acceptLoop, "forgetful-balancer");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        connectionsAccepted.incrementAndGet();
        connections.submit(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      long lastActivity = System.nanoTime();
      while (true) {
        String head = readHead(in);
        if (head == null) return; // the client closed it
        if (System.nanoTime() - lastActivity >= forgetAfterNanos) {
          requestsDropped.incrementAndGet();
          return; // forgotten: close without answering
        }
        int length = contentLength(head);
        in.readNBytes(length);
        int n = requestsAnswered.incrementAndGet();
        byte[] body =
            ("{\"jobId\":\"job-" + n + "\",\"status\":\"created\"}")
                .getBytes(StandardCharsets.UTF_8);
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        lastActivity = System.nanoTime();
      }
    } catch (IOException e) {
      // connection gone
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      sb.append((char) c);
      if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) {
        return sb.toString();
      }
    }
    return null;
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
        return Integer.parseInt(line.substring(colon + 1).trim());
      }
    }
    return 0;
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "forgetful-balancer-conn");
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() throws IOException {
    server.close();
    connections.shutdownNow();
  }
}
