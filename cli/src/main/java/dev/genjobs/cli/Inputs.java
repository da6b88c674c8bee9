package dev.genjobs.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's input from the command line: an optional JSON object ({@code --input-json}, text or
 * {@code @file}) overlaid with {@code KEY=VALUE} pairs (the value is a string) and {@code
 * KEY:=JSON} pairs (the value is JSON: numbers, booleans, arrays, objects), as HTTPie spells them.
 * A value's type is what the provider's schema checks, so it is never guessed: {@code duration=5}
 * is the string "5", {@code duration:=5} the number.
 */
final class Inputs {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Inputs() {}

  /**
   * The merged input, or null when neither JSON nor pairs were given (so the library's own check
   * reports the missing input).
   */
  static Map<String, Object> parse(String inputJson, List<String> pairs) {
    if (inputJson == null && pairs.isEmpty()) return null;
    Map<String, Object> input = new LinkedHashMap<>();
    if (inputJson != null) input.putAll(jsonObject(inputJson));
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("--input expects KEY=VALUE or KEY:=JSON, got '" + pair + "'");
      }
      boolean typed = pair.charAt(eq - 1) == ':';
      String key = pair.substring(0, typed ? eq - 1 : eq).trim();
      String value = pair.substring(eq + 1);
      if (key.isEmpty()) {
        throw new UsageException("--input '" + pair + "' has no key");
      }
      input.put(key, typed ? jsonValue(key, value) : value);
    }
    return input;
  }

  private static Map<String, Object> jsonObject(String argument) {
    String text = argument;
    String source = "--input-json";
    if (argument.startsWith("@")) {
      Path path = Path.of(argument.substring(1));
      source = "--input-json file " + path;
      try {
        text = Files.readString(path);
      } catch (IOException e) {
        throw new UsageException("cannot read " + source + ": " + e, e);
      }
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UsageException(source + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new UsageException(source + " must be a JSON object, e.g. '{\"prompt\": \"a fox\"}'");
    }
    return JSON.convertValue(node, new TypeReference<LinkedHashMap<String, Object>>() {});
  }

  private static Object jsonValue(String key, String text) {
    try {
      return JSON.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new UsageException(
          "--input "
              + key
              + ":= needs a JSON value (e.g. 5, true, [\"a\"]): "
              + e.getOriginalMessage(),
          e);
    }
  }
}
