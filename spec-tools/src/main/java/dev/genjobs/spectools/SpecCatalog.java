package dev.genjobs.spectools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The specs packaged in the {@code genjobs-specs} jar, found through the index the build writes
 * next to them ({@code specs/index.properties}), because a jar cannot be listed like a folder.
 */
public final class SpecCatalog {

  public static final String INDEX_RESOURCE = "specs/index.properties";

  private final ClassLoader loader;
  private final Map<String, List<String>> versions;
  private final Map<String, String> fileNames;

  private SpecCatalog(
      ClassLoader loader, Map<String, List<String>> versions, Map<String, String> fileNames) {
    this.loader = loader;
    this.versions = versions;
    this.fileNames = fileNames;
  }

  public static SpecCatalog fromClasspath() {
    return fromClasspath(Thread.currentThread().getContextClassLoader());
  }

  public static SpecCatalog fromClasspath(ClassLoader loader) {
    Properties index = new Properties();
    try (InputStream in = loader.getResourceAsStream(INDEX_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            INDEX_RESOURCE + " is not on the classpath: add the genjobs-specs jar");
      }
      index.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, List<String>> versions = new TreeMap<>();
    Map<String, String> files = new TreeMap<>();
    for (String provider : index.getProperty("providers", "").split(",")) {
      if (provider.isBlank()) continue;
      List<String> list = Arrays.asList(index.getProperty(provider + ".versions").split(","));
      versions.put(provider, list);
      for (String v : list) {
        files.put(provider + "/" + v, index.getProperty(provider + "." + v + ".file"));
      }
    }
    return new SpecCatalog(loader, versions, files);
  }

  /** The index read by {@link #fromClasspath()}: one effective spec per provider. */
  static String index(java.util.Collection<SpecFile> packaged) {
    StringBuilder w = new StringBuilder();
    w.append("# Written by genjobs: the effective spec (published + overlay) of each provider's")
        .append(" newest version in this jar.\n");
    w.append("providers=")
        .append(String.join(",", packaged.stream().map(SpecFile::provider).toList()))
        .append("\n");
    for (SpecFile s : packaged) {
      w.append(s.provider()).append(".versions=").append(s.version()).append("\n");
      w.append(s.provider()).append(".newest=").append(s.version()).append("\n");
      w.append(s.provider())
          .append(".")
          .append(s.version())
          .append(".file=")
          .append(s.fileName())
          .append("\n");
    }
    return w.toString();
  }

  public List<String> providers() {
    return List.copyOf(versions.keySet());
  }

  /** Versions of {@code provider}, oldest first. */
  public List<String> versions(String provider) {
    return versions.getOrDefault(provider, List.of());
  }

  public Optional<String> newestVersion(String provider) {
    List<String> v = versions(provider);
    return v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
  }

  /** Classpath resource name of a spec, e.g. {@code specs/creative-api/1.0.0/openapi.yaml}. */
  public String resourceName(String provider, String version) {
    String file = fileNames.get(provider + "/" + version);
    if (file == null) {
      throw new IllegalArgumentException(
          "no spec for provider '" + provider + "' version " + version + "; known: " + versions);
    }
    return "specs/" + provider + "/" + version + "/" + file;
  }

  public URL newestSpecUrl(String provider) {
    String version =
        newestVersion(provider)
            .orElseThrow(() -> new IllegalArgumentException("unknown provider '" + provider + "'"));
    URL url = loader.getResource(resourceName(provider, version));
    if (url == null) {
      throw new IllegalStateException(
          "index lists " + resourceName(provider, version) + " but it is missing");
    }
    return url;
  }
}
