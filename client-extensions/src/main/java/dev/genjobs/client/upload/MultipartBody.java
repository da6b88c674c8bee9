package dev.genjobs.client.upload;

import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body (RFC 7578) assembled from publishers, so file parts stream
 * from their source while sending and no part is copied into one big buffer.
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
   * How much longer than the read timeout an attempt may take, because the JDK's request timeout
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

  /** A fresh publisher (file parts reopen their source), one per attempt. */
  public BodyPublisher publisher() {
    List<BodyPublisher> pieces = new ArrayList<>();
    for (Part part : parts) {
      if (part instanceof TextPart t) {
        pieces.add(
            ascii(
                "--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + quote(t.name())
                    + "\"\r\nContent-Type: "
                    + t.contentType()
                    + "\r\n\r\n"));
        pieces.add(BodyPublishers.ofString(t.value(), StandardCharsets.UTF_8));
        pieces.add(ascii("\r\n"));
      } else if (part instanceof FilePart f) {
        pieces.add(
            BodyPublishers.ofString(
                "--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + quote(f.name())
                    + "\"; filename=\""
                    + quote(f.file().fileName())
                    + "\"\r\nContent-Type: "
                    + f.file().contentType()
                    + "\r\n\r\n",
                StandardCharsets.UTF_8));
        pieces.add(f.file().publisher());
        pieces.add(ascii("\r\n"));
      }
    }
    pieces.add(ascii("--" + boundary + "--\r\n"));
    return BodyPublishers.concat(pieces.toArray(BodyPublisher[]::new));
  }

  private static BodyPublisher ascii(String s) {
    return BodyPublishers.ofString(s, StandardCharsets.US_ASCII);
  }

  // RFC 7578 4.2: quotes and line breaks in names are percent-encoded.
  private static String quote(String s) {
    return s.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
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
