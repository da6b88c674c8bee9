package dev.genjobs.client.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * A file to upload: a name, a content type and content that is streamed, never loaded whole. From a
 * {@link Path} (read in chunks while sending), an {@link InputStream} supplier (opened per attempt,
 * so a retry after a refused connection can send it again) or bytes already in memory.
 */
public final class UploadFile {

  private final String fileName;
  private final String contentType;
  private final Supplier<BodyPublisher> publisher;
  private final long size;

  private UploadFile(
      String fileName, String contentType, Supplier<BodyPublisher> publisher, long size) {
    if (fileName == null || fileName.isBlank())
      throw new IllegalArgumentException("fileName is required");
    this.fileName = fileName;
    this.contentType =
        contentType == null || contentType.isBlank() ? guessContentType(fileName) : contentType;
    this.publisher = publisher;
    this.size = size;
  }

  /** The file at {@code path}, named after it, content type guessed from the name. */
  public static UploadFile of(Path path) {
    return of(path, null);
  }

  public static UploadFile of(Path path, String contentType) {
    Objects.requireNonNull(path, "path");
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("not a readable file: " + path);
    }
    long size;
    try {
      size = Files.size(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new UploadFile(
        path.getFileName().toString(),
        contentType,
        () -> {
          try {
            return BodyPublishers.ofFile(path);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
          }
        },
        size);
  }

  /**
   * Content already in memory. The array is used as given, not copied (a copy would double the
   * memory of a large upload): do not change it until the call returns.
   */
  public static UploadFile of(String fileName, byte[] content, String contentType) {
    Objects.requireNonNull(content, "content");
    return new UploadFile(
        fileName, contentType, () -> BodyPublishers.ofByteArray(content), content.length);
  }

  /** Content from a stream opened per attempt; its length is unknown, so the upload is chunked. */
  public static UploadFile of(String fileName, Supplier<InputStream> content, String contentType) {
    Objects.requireNonNull(content, "content");
    return new UploadFile(fileName, contentType, () -> BodyPublishers.ofInputStream(content), -1);
  }

  public String fileName() {
    return fileName;
  }

  public String contentType() {
    return contentType;
  }

  public OptionalLong size() {
    return size < 0 ? OptionalLong.empty() : OptionalLong.of(size);
  }

  BodyPublisher publisher() {
    return publisher.get();
  }

  static String guessContentType(String fileName) {
    String lower = fileName.toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith(".pdf")) return "application/pdf";
    if (lower.endsWith(".docx"))
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (lower.endsWith(".json")) return "application/json";
    if (lower.endsWith(".md")) return "text/markdown";
    String guessed = URLConnection.guessContentTypeFromName(fileName);
    return guessed == null ? "application/octet-stream" : guessed;
  }

  @Override
  public String toString() {
    return fileName + " (" + contentType + (size < 0 ? "" : ", " + size + " bytes") + ")";
  }
}
