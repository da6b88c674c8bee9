package dev.genjobs.client.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A secret-free fingerprint of what a create sent: for each input field (the model or template,
 * each input parameter, the uploaded file names) a short hash of its value, never the value. Two
 * creates with the same inputs have the same fingerprint, so a job found in a provider's list
 * (which shows some of the inputs it ran) can be matched to the ledger record that asked for it, by
 * a program or by eye ({@code genjobs jobs show}).
 *
 * <p>A field's hash is the first {@value #HASH_HEX_CHARS} hex digits of SHA-256 over the value's
 * canonical JSON (object keys sorted), e.g. {@code model=3f1c9a0b2d4e5f60}. Fields whose name says
 * they hold a credential ({@code api_key}, {@code token}, {@code password}, ...) and values that
 * contain one of the client's keys are left out altogether: not even a hash of a secret is kept.
 *
 * <p>Immutable; build one with {@link #builder()}.
 */
public final class InputFingerprint {

  /** How many hex digits of a value's SHA-256 are kept: 64 bits, enough to tell inputs apart. */
  public static final int HASH_HEX_CHARS = 16;

  // A field named like a credential is never fingerprinted, whatever its value.
  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "(?i)(api[_-]?key|apikey|secret|token|password|passwd|authorization|credential)");

  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private static final InputFingerprint NONE = new InputFingerprint(new TreeMap<>());

  private final SortedMap<String, String> fields;

  private InputFingerprint(SortedMap<String, String> fields) {
    this.fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
  }

  /** No fingerprint: a record written before fingerprints existed, or a create with no inputs. */
  public static InputFingerprint none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Field name to hash, sorted by name. */
  public SortedMap<String, String> fields() {
    return fields;
  }

  public boolean isEmpty() {
    return fields.isEmpty();
  }

  public Optional<String> hashOf(String field) {
    return Optional.ofNullable(fields.get(field));
  }

  /**
   * Whether this (a record's) fingerprint agrees with {@code exposed} (what a provider's job list
   * shows of a job's inputs) on every field {@code exposed} has. False when {@code exposed} has no
   * field: nothing was compared, so nothing says the job is this record's.
   */
  public boolean agreesWith(InputFingerprint exposed) {
    if (exposed.isEmpty()) return false;
    for (Map.Entry<String, String> f : exposed.fields.entrySet()) {
      if (!f.getValue().equals(fields.get(f.getKey()))) return false;
    }
    return true;
  }

  /**
   * The stored form: {@code name=hash} pairs joined by {@code ;}, names sorted and URL-encoded.
   * Empty for {@link #none()}. {@link #parse} reads it back.
   */
  public String encoded() {
    List<String> pairs = new ArrayList<>(fields.size());
    fields.forEach(
        (name, hash) -> pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + hash));
    return String.join(";", pairs);
  }

  /** Reads {@link #encoded()}'s form; null or blank is {@link #none()}. */
  public static InputFingerprint parse(String encoded) {
    if (encoded == null || encoded.isBlank()) return NONE;
    SortedMap<String, String> fields = new TreeMap<>();
    for (String pair : encoded.split(";")) {
      int eq = pair.lastIndexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("not an input fingerprint field: '" + pair + "'");
      }
      fields.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), pair.substring(eq + 1));
    }
    return new InputFingerprint(fields);
  }

  /** The short hash of {@code value}'s canonical JSON, as a field's hash is computed. */
  public static String hash(Object value) {
    return hashOfText(canonicalText(value));
  }

  private static String hashOfText(String canonical) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, HASH_HEX_CHARS / 2);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The value as JSON with sorted keys; a value Jackson cannot write (the provider client would
   * have refused it before) falls back to its text, so that a fingerprint never stops a create.
   */
  private static String canonicalText(Object value) {
    try {
      // A scalar is its own canonical form; anything else goes through a tree of plain maps and
      // lists, so that a JsonNode's or a bean's keys are sorted too.
      Object plain = isPlainScalar(value) ? value : CANONICAL.convertValue(value, Object.class);
      return CANONICAL.writeValueAsString(plain);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return "text:" + value;
    }
  }

  // Values the round trip through a tree would give back as they are (a BigDecimal or a Float
  // would not: they come back as a Double, and their hash must not change).
  private static boolean isPlainScalar(Object value) {
    return value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Double;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InputFingerprint f && fields.equals(f.fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  /** The same as {@link #encoded()}: hashes only, safe to log. */
  @Override
  public String toString() {
    return encoded();
  }

  public static final class Builder {
    private final SortedMap<String, String> fields = new TreeMap<>();
    private final List<String> secrets = new ArrayList<>();

    private Builder() {}

    /**
     * Values containing any of {@code secrets} (the client's keys) are left out of the fingerprint;
     * set before adding fields.
     */
    public Builder withholdingValuesContaining(Collection<String> secrets) {
      for (String s : secrets) {
        if (s != null && s.length() >= 4) this.secrets.add(s);
      }
      return this;
    }

    /**
     * Adds {@code name} with the hash of {@code value} (any JSON-representable value: text, a
     * number, a list, a map). Left out when the name or the value is a credential.
     */
    public Builder field(String name, Object value) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank() || SECRET_NAME.matcher(name).find()) return this;
      String text = canonicalText(value);
      if (!secrets.isEmpty() && value != null) {
        String plain = value instanceof String str ? str : String.valueOf(value);
        for (String s : secrets) {
          if (text.contains(s) || plain.contains(s)) return this;
        }
      }
      fields.put(name, hashOfText(text));
      return this;
    }

    /** Adds one field per entry of {@code values}, named {@code prefix + key}. */
    public Builder fields(String prefix, Map<String, ?> values) {
      if (values != null) values.forEach((k, v) -> field(prefix + k, v));
      return this;
    }

    /**
     * Adds {@code name} with the hash of these file names, sorted: a list shows a job's files in
     * its own order, not necessarily the one they were sent in.
     */
    public Builder fileNames(String name, Collection<String> fileNames) {
      List<String> sorted = new ArrayList<>(fileNames);
      Collections.sort(sorted);
      return field(name, sorted);
    }

    public InputFingerprint build() {
      return fields.isEmpty() ? NONE : new InputFingerprint(fields);
    }
  }
}
