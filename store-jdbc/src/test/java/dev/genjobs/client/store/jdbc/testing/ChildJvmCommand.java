package dev.genjobs.client.store.jdbc.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The command line of a child JVM of the tests (the kill probe's writers, the crash scenarios'
 * instances): a test run starts a few hundred of them, and their start-up, not their work, is most
 * of this module's test time. So they start as cheaply as a JVM can without changing what they do:
 *
 * <ul>
 *   <li>C1 only ({@code -XX:TieredStopAtLevel=1}) and the serial collector: a child lives seconds;
 *   <li>the classes of the test classpath from an application class-data archive (AppCDS, {@code
 *       -XX:SharedArchiveFile}), dumped once per test JVM by a {@link ChildJvmTraining} run; the
 *       module's class directories are put in jars for that (CDS archives classes from jars only).
 *       If the dump fails the children run without it, only slower;
 *   <li>SQLite's native library extracted once, here, not by every child into {@code /tmp} (where a
 *       killed child also leaves it behind, with its lock file).
 * </ul>
 *
 * The children's JVM warnings go to their stderr, never to the stdout lines the tests read.
 */
public final class ChildJvmCommand {

  private static Launch launch;

  private ChildJvmCommand() {}

  /** {@code java <options> <cheap start-up> -cp <test classpath> main args…}. */
  public static List<String> of(Class<?> main, List<String> jvmOptions, List<String> args) {
    Launch l = launch();
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(jvmOptions);
    command.addAll(l.options());
    command.add("-cp");
    command.add(l.classpath());
    command.add(main.getName());
    command.addAll(args);
    return command;
  }

  private record Launch(String classpath, List<String> options) {}

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static List<String> cheapStart() {
    return List.of(
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-Xshare:auto",
        "-Xlog:disable",
        "-Xlog:all=warning:stderr");
  }

  private static synchronized Launch launch() {
    if (launch != null) return launch;
    try {
      Path work = Files.createDirectories(Path.of("target", "child-jvm").toAbsolutePath());
      Path dir = Files.createTempDirectory(work, "run-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "child-jvm-cleanup"));
      List<String> options = new ArrayList<>(cheapStart());
      options.addAll(sqliteNative(dir));
      String classpath = jarredClasspath(dir);
      Path archive = dir.resolve("children.jsa");
      long training = System.nanoTime();
      if (train(classpath, options, archive)) {
        options.add("-XX:SharedArchiveFile=" + archive);
        System.out.printf(
            "child JVMs: class-data archive of %d KiB, dumped in %d ms%n",
            Files.size(archive) / 1024, (System.nanoTime() - training) / 1_000_000);
      } else {
        System.out.println(
            "child JVMs: no class-data archive, see " + archive.resolveSibling("training.log"));
      }
      launch = new Launch(classpath, List.copyOf(options));
      return launch;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the child JVMs' launch", e);
    }
  }

  /** The test classpath with each class directory replaced by a jar of it, in the same order. */
  private static String jarredClasspath(Path dir) throws IOException {
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.isEmpty()) continue;
      Path path = Path.of(entry);
      if (Files.isDirectory(path)) {
        Path jar = dir.resolve((n++) + "-" + path.getFileName() + ".jar");
        jar(path, jar);
        entries.add(jar.toString());
      } else {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  private static void jar(Path classes, Path jar) throws IOException {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.sorted().toList()) {
        if (file.equals(classes)) continue;
        String name = classes.relativize(file).toString().replace(File.separatorChar, '/');
        if (Files.isDirectory(file)) {
          out.putNextEntry(new JarEntry(name + "/"));
        } else {
          out.putNextEntry(new JarEntry(name));
          Files.copy(file, out);
        }
        out.closeEntry();
      }
    }
  }

  /**
   * {@code org.sqlite.lib.path/name} pointing at the library for this platform, copied out of the
   * driver's jar once; none (the driver extracts it itself) if the jar has none for this platform.
   */
  private static List<String> sqliteNative(Path dir) throws IOException {
    String name = System.mapLibraryName("sqlitejdbc");
    String resource =
        "/org/sqlite/native/" + org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS() + "/";
    try (InputStream in = org.sqlite.SQLiteJDBCLoader.class.getResourceAsStream(resource + name)) {
      if (in == null) return List.of();
      Path lib = Files.createDirectories(dir.resolve("sqlite-native")).resolve(name);
      Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
      return List.of("-Dorg.sqlite.lib.path=" + lib.getParent(), "-Dorg.sqlite.lib.name=" + name);
    }
  }

  /** Dumps the archive from one {@link ChildJvmTraining} run; false if that did not work. */
  private static boolean train(String classpath, List<String> options, Path archive) {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.add("-Xmx256m");
    command.addAll(options);
    command.add("-XX:ArchiveClassesAtExit=" + archive);
    command.add("-cp");
    command.add(classpath);
    command.add(ChildJvmTraining.class.getName());
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(archive.resolveSibling("training.log").toFile())
              .start();
      try (OutputStream in = p.getOutputStream()) {
        // nothing to say; the training run reads no input
      }
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0 && Files.size(archive) > 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void deleteTree(Path dir) {
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // target/ is cleaned by the build anyway
    }
  }
}
