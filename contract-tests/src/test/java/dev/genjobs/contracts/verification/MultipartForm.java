package dev.genjobs.contracts.verification;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a {@code multipart/form-data} body (RFC 7578), read from a pact's example request.
 * The request validator skips multipart bodies, so {@link PactSpecVerifier} turns the parts into a
 * JSON object and validates that against the operation's schema.
 */
record MultipartForm(List<Part> parts) {

  /** One part: its form field name, the file name if it is a file, its content type and bytes. */
  record Part(String name, String fileName, String contentType, byte[] content) {
    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  private static final Pattern BOUNDARY =
      Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))", Pattern.CASE_INSENSITIVE);
  private static final Pattern NAME = Pattern.compile("[;\\s]name=\"([^\"]*)\"");
  private static final Pattern FILE_NAME = Pattern.compile("filename=\"([^\"]*)\"");

  /**
   * Parses {@code body}.
   *
   * @throws IllegalArgumentException when the content type has no boundary or the body is not
   *     multipart
   */
  static MultipartForm parse(byte[] body, String contentType) {
    Matcher m = BOUNDARY.matcher(contentType == null ? "" : contentType);
    if (!m.find()) {
      throw new IllegalArgumentException(
          "multipart content type without a boundary: " + contentType);
    }
    String boundary = m.group(1) != null ? m.group(1) : m.group(2);
    // ISO-8859-1 maps every byte to one char and back, so file bytes survive the split.
    String text = new String(body, StandardCharsets.ISO_8859_1);
    String delimiter = "--" + boundary;
    int start = text.indexOf(delimiter);
    if (start < 0) {
      throw new IllegalArgumentException("body does not contain the boundary " + boundary);
    }
    List<Part> parts = new ArrayList<>();
    int pos = start + delimiter.length();
    while (!text.startsWith("--", pos)) {
      pos = skipLineBreak(text, pos);
      int next = text.indexOf("\r\n" + delimiter, pos);
      if (next < 0) throw new IllegalArgumentException("unterminated multipart body");
      parts.add(part(text.substring(pos, next)));
      pos = next + 2 + delimiter.length();
    }
    return new MultipartForm(List.copyOf(parts));
  }

  private static int skipLineBreak(String text, int pos) {
    return text.startsWith("\r\n", pos) ? pos + 2 : pos;
  }

  private static Part part(String raw) {
    int split = raw.indexOf("\r\n\r\n");
    String head = split < 0 ? raw : raw.substring(0, split);
    String content = split < 0 ? "" : raw.substring(split + 4);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
    }
    String disposition = headers.getOrDefault("content-disposition", "");
    Matcher name = NAME.matcher(disposition);
    Matcher fileName = FILE_NAME.matcher(disposition);
    return new Part(
        name.find() ? name.group(1) : "",
        fileName.find() ? fileName.group(1) : null,
        headers.getOrDefault("content-type", "text/plain"),
        content.getBytes(StandardCharsets.ISO_8859_1));
  }
}
