package dev.genjobs.benchmarks.provider;

import dev.genjobs.benchmarks.Fork;
import dev.genjobs.benchmarks.Result;
import dev.genjobs.benchmarks.Result.Target;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link ClockedJobServer} in a JVM of its own, seen from the harness: its address, a fresh
 * measuring phase, its own statistics, and its ceiling (GETs per second it answers when nothing
 * else asks it anything). The benchmarks judge the server's headroom in the same run: the ceiling
 * against the busiest second the client gave it.
 */
public final class ProviderProcess implements AutoCloseable {

  /** The least ceiling / busiest-second ratio at which the server is not the bottleneck. */
  public static final double HEADROOM = 3.0;

  private final Process process;
  private final URI baseUrl;
  private final HttpClient http = HttpClient.newHttpClient();

  private ProviderProcess(Process process, URI baseUrl) {
    this.process = process;
    this.baseUrl = baseUrl;
  }

  /** Starts the server: jobs run {@code stepMillis} per running status. */
  public static ProviderProcess start(long stepMillis, int maxJobs) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-Dsun.net.httpserver.nodelay=true");
    command.add("-Dsun.net.httpserver.idleInterval=3600");
    command.add("-cp");
    command.add(Fork.classPath());
    command.add(ClockedJobServer.class.getName());
    command.add(String.valueOf(stepMillis));
    command.add(String.valueOf(maxJobs));
    command.add("4");
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("port ")) {
      p.destroyForcibly();
      throw new IllegalStateException("the provider did not start: " + line);
    }
    int port = Integer.parseInt(line.substring("port ".length()).trim());
    return new ProviderProcess(p, URI.create("http://127.0.0.1:" + port));
  }

  public URI baseUrl() {
    return baseUrl;
  }

  /** Forgets what was counted so far; jobs created from now on are the new phase's. */
  public void newPhase() throws IOException, InterruptedException {
    send("/bench/phase");
  }

  /** What the server measured since the last {@link #newPhase()}. */
  public Properties stats() throws IOException, InterruptedException {
    Properties p = new Properties();
    p.load(new StringReader(send("/bench/stats")));
    return p;
  }

  private String send(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new IOException(path + " answered " + r.statusCode());
    return r.body();
  }

  /**
   * GETs per second the server answers to {@code callers} blocking callers on raw keep-alive
   * sockets (a floor of its ceiling: the callers' own cost, in this JVM, is in it), after a second
   * of warm-up. Starts a new phase afterwards, so the calibration is not counted.
   */
  public double ceiling(int callers, Duration measured) throws Exception {
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(baseUrl.resolve("/generate"))
                .header("x-api-key", "bench-key")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String id = created.body().replaceAll(".*\"jobId\":\"([^\"]+)\".*", "$1");
    byte[] get =
        ("GET /get?jobId=" + id + " HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: bench-key\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            callers,
            r -> {
              Thread t = new Thread(r, "bench-ceiling");
              t.setDaemon(true);
              return t;
            });
    try {
      long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
      long end = warmUntil + measured.toNanos();
      AtomicInteger answered = new AtomicInteger();
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < callers; c++) {
        done.add(
            pool.submit(
                () -> {
                  try (Socket socket = new Socket("127.0.0.1", baseUrl.getPort())) {
                    socket.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream());
                    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                      out.write(get);
                      out.flush();
                      readAnswer(in);
                      if (now >= warmUntil) answered.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) f.get();
      return answered.get() / (measured.toNanos() / 1e9);
    } finally {
      pool.shutdownNow();
      newPhase();
    }
  }

  /** Reads one HTTP/1.1 answer with a Content-Length: the header lines, then the body. */
  private static void readAnswer(InputStream in) throws IOException {
    int length = -1;
    StringBuilder line = new StringBuilder();
    while (true) {
      int c = in.read();
      if (c < 0) throw new IOException("the provider closed the connection");
      if (c == '\r') continue;
      if (c != '\n') {
        line.append((char) c);
        continue;
      }
      if (line.length() == 0) break;
      String header = line.toString().toLowerCase(Locale.ROOT);
      if (header.startsWith("content-length:")) {
        length = Integer.parseInt(header.substring("content-length:".length()).trim());
      }
      line.setLength(0);
    }
    if (length < 0) throw new IOException("no Content-Length in the provider's answer");
    in.readNBytes(length);
  }

  /**
   * The server's side of a run, as result rows: its headroom (judged: the benchmark's other rows
   * measure the client only when the server had room to spare) and its own service time.
   */
  public static List<Result> rows(String group, Properties server, double ceiling) {
    long peak = Long.parseLong(server.getProperty("peakPerSecond"));
    double headroom = peak == 0 ? Double.NaN : ceiling / peak;
    List<Result> rows = new ArrayList<>();
    rows.add(
        Result.ratio(
            group,
            "server headroom: ceiling / busiest s",
            String.format(
                Locale.ROOT,
                "the provider JVM answers at least %.0f GETs/s alone (8 blocking keep-alive"
                    + " callers, a floor); the run's busiest second asked %d requests (mean %s/s over busy"
                    + " seconds); below %.0fx the rows above measure the server, not the client",
                ceiling,
                peak,
                server.getProperty("meanPerBusySecond"),
                HEADROOM),
            headroom,
            Target.atLeast(HEADROOM, "×")));
    rows.add(
        Result.absolute(
            group,
            "server service time p99 ms",
            String.format(
                Locale.ROOT,
                "%s POSTs + %s GETs answered; handler time p50 %.3f ms, p99 %.3f ms, max %.1f ms;"
                    + " busy %.1f s of %.0f s (server side only: no queueing, no network)",
                server.getProperty("posts"),
                server.getProperty("gets"),
                Long.parseLong(server.getProperty("serviceP50Nanos")) / 1e6,
                Long.parseLong(server.getProperty("serviceP99Nanos")) / 1e6,
                Long.parseLong(server.getProperty("serviceMaxNanos")) / 1e6,
                Long.parseLong(server.getProperty("serviceSumNanos")) / 1e9,
                Double.parseDouble(server.getProperty("seconds"))),
            Math.round(Long.parseLong(server.getProperty("serviceP99Nanos")) / 1e4) / 100.0,
            null));
    if (!(headroom >= HEADROOM)) {
      System.out.println();
      System.out.println("!!! " + group + ": THE PROVIDER WAS THE BOTTLENECK (ceiling " + ceiling);
      System.out.println("!!! GETs/s vs a busiest second of " + peak + " requests): the client's");
      System.out.println(
          "!!! rows of this run measure the server; do not read them as the library's.");
      System.out.println();
    }
    return rows;
  }

  @Override
  public void close() throws InterruptedException {
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // already gone
    }
    if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
  }
}
