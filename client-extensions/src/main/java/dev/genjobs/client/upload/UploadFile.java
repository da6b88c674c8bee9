package dev.genjobs.client.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.apache.hc.client5.http.entity.mime.ByteArrayBody;
import org.apache.hc.client5.http.entity.mime.ContentBody;
import org.apache.hc.client5.http.entity.mime.FileBody;
import org.apache.hc.client5.http.entity.mime.InputStreamBody;
import org.apache.hc.core5.http.ContentType;

/**
 * A file to upload: a name, a content type and content that is streamed, never loaded whole. From a
 * {@link Path} (read in chunks while sending), an {@link InputStream} supplier (opened per attempt,
 * so a retry after a refused connection can send it again) or bytes already in memory.
 */
public final class UploadFile {

  private final String fileName;
  private final String contentType;
  private final Content content;
  private final long size;

  /** Makes a part's body, once per attempt: a file or stream is read while it is sent. */
  @FunctionalInterface
  private interface Content {
    ContentBody body(ContentType contentType, String fileName);
  }

  private UploadFile(String fileName, String contentType, Content content, long size) {
    if (fileName == null || fileName.isBlank())
      throw new IllegalArgumentException("fileName is required");
    this.fileName = fileName;
    this.contentType =
        contentType == null || contentType.isBlank() ? guessContentType(fileName) : contentType;
    this.content = content;
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
        (type, name) -> new FileBody(path.toFile(), type, name),
        size);
  }

  /**
   * Content already in memory. The array is used as given, not copied (a copy would double the
   * memory of a large upload): do not change it until the call returns.
   */
  public static UploadFile of(String fileName, byte[] content, String contentType) {
    Objects.requireNonNull(content, "content");
    return new UploadFile(
        fileName,
        contentType,
        (type, name) -> new ByteArrayBody(content, type, name),
        content.length);
  }

  /** Content from a stream opened per attempt; its length is unknown, so the upload is chunked. */
  public static UploadFile of(String fileName, Supplier<InputStream> content, String contentType) {
    Objects.requireNonNull(content, "content");
    return new UploadFile(
        fileName, contentType, (type, name) -> new InputStreamBody(content.get(), type, name), -1);
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

  /** A fresh body for one attempt (a stream is opened here). */
  ContentBody body() {
    return content.body(ContentType.parse(contentType), fileName);
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
