package dev.genjobs.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A SHA-256 over everything a goal's result depends on: the files it reads (path and bytes), its
 * parameters, and the code doing the work (the plugin's and spec-tools' jars). A goal whose
 * fingerprint equals the one stored by its last successful run has nothing to do.
 */
final class Fingerprint {

  private final MessageDigest sha;

  Fingerprint() {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    // The code: a rebuilt plugin or spec-tools (same SNAPSHOT version) must redo the work.
    code(Fingerprint.class);
    code(dev.genjobs.spectools.SpecPipeline.class);
  }

  Fingerprint value(String name, Object value) {
    sha.update((name + "=" + value).getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    return this;
  }

  /** Every file under {@code dir}, by relative path and content, skipping build output. */
  Fingerprint tree(Path dir) {
    value("tree", dir);
    if (!Files.isDirectory(dir)) {
      return this;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> sorted =
          files
              .filter(Files::isRegularFile)
              .filter(p -> !ignored(dir.relativize(p)))
              .sorted()
              .toList();
      for (Path f : sorted) {
        value("file", dir.relativize(f).toString().replace('\\', '/'));
        sha.update(Files.readAllBytes(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  Fingerprint file(Path file) {
    value("file", file);
    try {
      if (Files.isRegularFile(file)) sha.update(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  private static boolean ignored(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.equals("target") || name.startsWith(".")) return true;
    }
    return false;
  }

  private void code(Class<?> type) {
    try {
      Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(location)) {
        value("code", location.getFileName() + ":" + Files.size(location));
        value("modified", Files.getLastModifiedTime(location).toMillis());
      } else {
        // Classes straight from a reactor module's target/classes (no jar yet): the class file.
        Path classFile = location.resolve(type.getName().replace('.', '/') + ".class");
        value("code", location);
        value("modified", Files.getLastModifiedTime(classFile).toMillis());
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      value("code", "unknown " + type.getName());
    }
  }

  String hex() {
    return HexFormat.of().formatHex(sha.digest());
  }

  /** Whether {@code stamp} holds {@code hex}: the last successful run had the same inputs. */
  static boolean matches(Path stamp, String hex) {
    try {
      return Files.isRegularFile(stamp)
          && Files.readString(stamp, StandardCharsets.UTF_8).strip().equals(hex);
    } catch (IOException e) {
      return false;
    }
  }

  static void store(Path stamp, String hex) {
    try {
      Files.createDirectories(stamp.getParent());
      Files.writeString(stamp, hex + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
