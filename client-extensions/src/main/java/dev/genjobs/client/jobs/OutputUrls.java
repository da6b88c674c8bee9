package dev.genjobs.client.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads asset URLs out of a provider field whatever form it arrives in. Creatify documents {@code
 * assets} and {@code output} as strings "holding the list of generated assets" but sends JSON text,
 * a JSON list of URLs, a list of objects with a {@code url}, or one bare URL. Handled here, once.
 */
public final class OutputUrls {

  private static final List<String> URL_KEYS =
      List.of("url", "video_url", "image_url", "output", "src");

  private OutputUrls() {}

  public static List<URI> read(Object value, ObjectMapper mapper) {
    List<URI> urls = new ArrayList<>();
    collect(value == null ? null : mapper.valueToTree(value), mapper, urls, 0);
    return urls;
  }

  private static void collect(JsonNode node, ObjectMapper mapper, List<URI> out, int depth) {
    if (node == null || node.isNull() || depth > 5) return;
    if (node.isTextual()) {
      String text = node.asText().strip();
      if (text.startsWith("[") || text.startsWith("{") || text.startsWith("\"")) {
        try {
          collect(mapper.readTree(text), mapper, out, depth + 1);
          return;
        } catch (Exception notJson) {
          // fall through: plain text
        }
      }
      addIfUrl(text, out);
    } else if (node.isArray()) {
      node.forEach(n -> collect(n, mapper, out, depth + 1));
    } else if (node.isObject()) {
      for (String key : URL_KEYS) {
        if (node.has(key)) collect(node.get(key), mapper, out, depth + 1);
      }
    }
  }

  private static void addIfUrl(String text, List<URI> out) {
    if (text.startsWith("http://") || text.startsWith("https://")) {
      try {
        out.add(URI.create(text));
      } catch (IllegalArgumentException notAUri) {
        // not a URL: ignore
      }
    }
  }
}
