package dev.genjobs.benchmarks.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Eclipse Jetty's HTTP client 12 (a transport candidate, issue 22), driven by reflection from a
 * class loader of its own: Jetty 12 shares its packages ({@code org.eclipse.jetty.client}, {@code
 * .http}, {@code .io}, {@code .util}) with the Jetty 11 that WireMock runs on in this module, so
 * the two cannot share a class path. The jars are the ones the benchmarks pom copies into {@code
 * target/jetty12} ({@code -Dbench.sends.jettyJars}); every other class (the JDK's, slf4j) comes
 * from the benchmark's own loader. The reflective calls are resolved once; a call costs a few
 * {@code Method.invoke}s per request, nanoseconds against a loopback round trip of ~100 µs.
 *
 * <p>Configured for as few threads as Jetty allows: one selector, the client's executor a {@link
 * #start bounded} {@code QueuedThreadPool} with no reserved threads, and Jetty's {@code Scheduler}
 * (connect timeouts, the request's total timeout, idle timeouts) an adapter onto the caller's
 * timer, so Jetty starts no scheduler thread of its own.
 */
final class Jetty12 implements AutoCloseable {

  private final Object client;
  private final Object pool;
  private final Method newRequest;
  private final Method timeout;
  private final Method idleTimeout;
  private final Method send;
  private final Method status;
  private final Method content;
  private final Method stopClient;
  private final Method stopPool;

  private Jetty12(ClassLoader jetty, Object client, Object pool)
      throws ReflectiveOperationException {
    this.client = client;
    this.pool = pool;
    Class<?> request = jetty.loadClass("org.eclipse.jetty.client.Request");
    newRequest = client.getClass().getMethod("newRequest", URI.class);
    timeout = request.getMethod("timeout", long.class, TimeUnit.class);
    idleTimeout = request.getMethod("idleTimeout", long.class, TimeUnit.class);
    send = request.getMethod("send");
    status = jetty.loadClass("org.eclipse.jetty.client.Response").getMethod("getStatus");
    content = jetty.loadClass("org.eclipse.jetty.client.ContentResponse").getMethod("getContent");
    Class<?> lifeCycle = jetty.loadClass("org.eclipse.jetty.util.component.LifeCycle");
    stopClient = lifeCycle.getMethod("stop");
    stopPool = lifeCycle.getMethod("stop");
  }

  /**
   * A started client: Jetty's executor {@code given}, or if null a pool of {@code executorThreads}
   * Jetty threads (one of them leased by the selector), {@code connections} per destination,
   * connect timeout {@code connect}, connections idle for {@code idle} closed (per client: Jetty's
   * idle timeout), Jetty's timers on {@code timer}.
   */
  static Jetty12 start(
      Executor given,
      int executorThreads,
      int connections,
      Duration connect,
      Duration idle,
      ScheduledExecutorService timer)
      throws Exception {
    ClassLoader jetty = loader();
    Class<?> poolClass = jetty.loadClass("org.eclipse.jetty.util.thread.QueuedThreadPool");
    Object pool = given;
    if (given == null) {
      pool =
          poolClass
              .getConstructor(int.class, int.class)
              .newInstance(executorThreads, executorThreads);
      poolClass.getMethod("setName", String.class).invoke(pool, "jetty-client");
      poolClass.getMethod("setReservedThreads", int.class).invoke(pool, 0);
      poolClass.getMethod("setDaemon", boolean.class).invoke(pool, true);
    }

    Class<?> schedulerClass = jetty.loadClass("org.eclipse.jetty.util.thread.Scheduler");
    Object scheduler = scheduler(jetty, schedulerClass, timer);

    Class<?> connectorClass = jetty.loadClass("org.eclipse.jetty.io.ClientConnector");
    Object connector = connectorClass.getConstructor().newInstance();
    connectorClass.getMethod("setSelectors", int.class).invoke(connector, 1);
    connectorClass.getMethod("setExecutor", Executor.class).invoke(connector, pool);
    connectorClass.getMethod("setScheduler", schedulerClass).invoke(connector, scheduler);
    connectorClass.getMethod("setConnectTimeout", Duration.class).invoke(connector, connect);
    connectorClass.getMethod("setIdleTimeout", Duration.class).invoke(connector, idle);

    Class<?> transportClass =
        jetty.loadClass("org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP");
    Object transport = transportClass.getConstructor(connectorClass).newInstance(connector);
    Class<?> clientClass = jetty.loadClass("org.eclipse.jetty.client.HttpClient");
    Object client =
        clientClass
            .getConstructor(jetty.loadClass("org.eclipse.jetty.client.HttpClientTransport"))
            .newInstance(transport);
    clientClass.getMethod("setExecutor", Executor.class).invoke(client, pool);
    clientClass.getMethod("setScheduler", schedulerClass).invoke(client, scheduler);
    clientClass.getMethod("setConnectTimeout", long.class).invoke(client, connect.toMillis());
    clientClass.getMethod("setIdleTimeout", long.class).invoke(client, idle.toMillis());
    clientClass.getMethod("setMaxConnectionsPerDestination", int.class).invoke(client, connections);
    clientClass.getMethod("start").invoke(client);
    return new Jetty12(jetty, client, pool);
  }

  /**
   * A blocking GET: the status code, after the whole body was read into a byte array; {@code read}
   * is the request's idle (read) timeout, {@code total} its whole-answer deadline (Jetty's {@code
   * timeout}, enforced on the scheduler, which aborts the exchange).
   */
  int get(URI uri, Duration read, Duration total) throws Exception {
    try {
      Object request = newRequest.invoke(client, uri);
      request = timeout.invoke(request, total.toMillis(), TimeUnit.MILLISECONDS);
      request = idleTimeout.invoke(request, read.toMillis(), TimeUnit.MILLISECONDS);
      Object response = send.invoke(request);
      content.invoke(response);
      return (Integer) status.invoke(response);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  @Override
  public void close() throws Exception {
    stopClient.invoke(client);
    if (pool.getClass().getName().startsWith("org.eclipse.jetty.")) stopPool.invoke(pool);
  }

  /**
   * Jetty's {@code Scheduler} onto {@code timer}: always running (so Jetty neither starts nor stops
   * it), each task a {@code timer.schedule} whose {@code cancel} cancels the future.
   */
  private static Object scheduler(
      ClassLoader jetty, Class<?> schedulerClass, ScheduledExecutorService timer)
      throws ClassNotFoundException {
    Class<?> taskClass = jetty.loadClass("org.eclipse.jetty.util.thread.Scheduler$Task");
    return Proxy.newProxyInstance(
        jetty,
        new Class<?>[] {schedulerClass},
        (self, method, args) ->
            switch (method.getName()) {
              case "schedule" -> {
                long nanos =
                    args.length == 3
                        ? ((TimeUnit) args[2]).toNanos((Long) args[1])
                        : ((Duration) args[1]).toNanos();
                ScheduledFuture<?> f =
                    timer.schedule((Runnable) args[0], nanos, TimeUnit.NANOSECONDS);
                yield Proxy.newProxyInstance(
                    jetty,
                    new Class<?>[] {taskClass},
                    (task, m, a) ->
                        switch (m.getName()) {
                          case "cancel" -> f.cancel(false);
                          case "hashCode" -> System.identityHashCode(task);
                          case "equals" -> task == a[0];
                          default -> "task on genjobs-watcher";
                        });
              }
              case "isRunning", "isStarted" -> true;
              case "isStarting", "isStopping", "isStopped", "isFailed" -> false;
              case "addEventListener", "removeEventListener" -> false;
              case "start", "stop" -> null;
              case "hashCode" -> System.identityHashCode(self);
              case "equals" -> self == args[0];
              case "toString" -> "Scheduler on genjobs-watcher";
              default -> throw new UnsupportedOperationException(method.toString());
            });
  }

  /**
   * Jetty 12's jars first for {@code org.eclipse.jetty} classes and services, the rest parent's.
   */
  private static ClassLoader loader() throws IOException {
    Path dir =
        Path.of(System.getProperty("bench.sends.jettyJars", "benchmarks/target/jetty12"))
            .toAbsolutePath();
    List<URL> jars;
    try (Stream<Path> files = Files.list(dir)) {
      jars =
          files
              .filter(p -> p.toString().endsWith(".jar"))
              .sorted()
              .map(
                  p -> {
                    try {
                      return p.toUri().toURL();
                    } catch (MalformedURLException e) {
                      throw new UncheckedIOException(e);
                    }
                  })
              .toList();
    }
    if (jars.isEmpty()) throw new IOException("no Jetty 12 jars in " + dir + " (build the module)");
    return new URLClassLoader("jetty12", jars.toArray(URL[]::new), Jetty12.class.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith("org.eclipse.jetty.")) return super.loadClass(name, resolve);
        synchronized (getClassLoadingLock(name)) {
          Class<?> c = findLoadedClass(name);
          if (c == null) c = findClass(name);
          if (resolve) resolveClass(c);
          return c;
        }
      }

      @Override
      public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : super.getResource(name);
      }

      @Override
      public Enumeration<URL> getResources(String name) throws IOException {
        if (name.startsWith("META-INF/services/org.eclipse.jetty.")) {
          return findResources(name);
        }
        return name.startsWith("org/eclipse/jetty/")
            ? findResources(name)
            : Collections.enumeration(Collections.list(super.getResources(name)));
      }
    };
  }
}
