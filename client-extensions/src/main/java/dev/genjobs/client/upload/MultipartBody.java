package dev.genjobs.client.upload;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;

/**
 * A {@code multipart/form-data} body (RFC 7578) whose file parts stream from their source while
 * sending; no part is copied into one big buffer.
 */
public final class MultipartBody {

  private final String boundary;
  private final List<Part> parts;

  private sealed interface Part permits TextPart, FilePart {}

  private record TextPart(String name, String value, String contentType) implements Part {}

  private record FilePart(String name, UploadFile file) implements Part {}

  private MultipartBody(String boundary, List<Part> parts) {
    this.boundary = boundary;
    this.parts = List.copyOf(parts);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Assumed slowest useful upload rate: an attempt may take one extra second per MiB sent. */
  private static final long MIN_BYTES_PER_SECOND = 1 << 20;

  /** The allowance for streams of unknown length. */
  private static final java.time.Duration UNKNOWN_LENGTH_ALLOWANCE =
      java.time.Duration.ofMinutes(30);

  /**
   * How much longer than the read timeout an attempt may take, because the whole-answer deadline
   * also runs while the body is sent: one second per MiB, or 30 minutes for a stream of unknown
   * length.
   */
  public java.time.Duration sendingAllowance() {
    long bytes = 0;
    for (Part part : parts) {
      if (part instanceof FilePart f) {
        if (f.file().size().isEmpty()) return UNKNOWN_LENGTH_ALLOWANCE;
        bytes += f.file().size().getAsLong();
      } else if (part instanceof TextPart t) {
        bytes += t.value().length();
      }
    }
    return java.time.Duration.ofSeconds(1 + bytes / MIN_BYTES_PER_SECOND);
  }

  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  /**
   * A fresh entity (file parts reopen their source), one per attempt, written by HttpClient's
   * multipart builder: parts stream while the request is sent, and the length is stated when every
   * part's is known (chunked otherwise).
   */
  public HttpEntity entity() {
    MultipartEntityBuilder entity =
        MultipartEntityBuilder.create()
            // UTF-8 names and file names as they are (RFC 7578), not transliterated.
            .setMode(HttpMultipartMode.EXTENDED)
            // No charset parameter: RFC 7578 defines none for multipart/form-data (the builder's
            // default type would add ISO-8859-1).
            .setContentType(ContentType.create("multipart/form-data"))
            .setBoundary(boundary);
    for (Part part : parts) {
      if (part instanceof TextPart t) {
        // As bytes: a text body without a charset parameter would be encoded as ASCII.
        entity.addBinaryBody(
            t.name(),
            t.value().getBytes(StandardCharsets.UTF_8),
            ContentType.parse(t.contentType()),
            null);
      } else if (part instanceof FilePart f) {
        entity.addPart(f.name(), f.file().body());
      }
    }
    return entity.build();
  }

  public static final class Builder {
    private final List<Part> parts = new ArrayList<>();
    private String boundary = "genjobs-" + UUID.randomUUID();

    private Builder() {}

    public Builder text(String name, String value, String contentType) {
      parts.add(new TextPart(name, value, contentType));
      return this;
    }

    public Builder file(String name, UploadFile file) {
      parts.add(new FilePart(name, file));
      return this;
    }

    Builder boundary(String boundary) {
      this.boundary = boundary;
      return this;
    }

    public MultipartBody build() {
      return new MultipartBody(boundary, parts);
    }
  }
}
