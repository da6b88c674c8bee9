package dev.genjobs.client.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.time.DateTimeException;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes pass-through values decode leniently: a date-time, duration, number, boolean, URI or UUID
 * the generated type cannot hold (a spec-valid {@code P1W} for {@code java.time.Duration}, an
 * offset the parser rejects, a number out of range) becomes {@code null} in the model instead of
 * failing the whole call. The raw text is kept: a decode that passes a map under {@link
 * #UNREAD_FIELDS} gets every such value by JSON pointer. Strings, objects and lists stay strict,
 * which is what the client acts on (job ids, statuses); callers that need a value (a created job's
 * id) check it themselves.
 */
final class LenientValues {

  private static final Logger LOG = LoggerFactory.getLogger(LenientValues.class);

  /** Decode attribute: a {@code Map<String, String>} receiving pointer → raw text. */
  static final Object UNREAD_FIELDS = new Object();

  private LenientValues() {}

  static SimpleModule module() {
    SimpleModule module = new SimpleModule("genjobs-lenient-values");
    module.setDeserializerModifier(
        new BeanDeserializerModifier() {
          @Override
          public JsonDeserializer<?> modifyDeserializer(
              DeserializationConfig config, BeanDescription desc, JsonDeserializer<?> deser) {
            return isPassThrough(desc.getBeanClass()) ? new Lenient(deser) : deser;
          }
        });
    return module;
  }

  static boolean isPassThrough(Class<?> type) {
    return Temporal.class.isAssignableFrom(type)
        || TemporalAmount.class.isAssignableFrom(type)
        || java.time.ZoneId.class.isAssignableFrom(type)
        || (Number.class.isAssignableFrom(type) && !type.isPrimitive())
        || type == Boolean.class
        || type == URI.class
        || type == URL.class
        || type == UUID.class;
  }

  private static final class Lenient extends DelegatingDeserializer {

    Lenient(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
      return new Lenient(newDelegatee);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String pointer = p.getParsingContext().pathAsPointer().toString();
      TokenBuffer copy = ctxt.bufferAsCopyOfValue(p);
      try (JsonParser replay = copy.asParser(p.getCodec())) {
        replay.nextToken();
        return _delegatee.deserialize(replay, ctxt);
      } catch (IOException | DateTimeException | IllegalArgumentException | ArithmeticException e) {
        String raw = rawText(copy, p, ctxt);
        LOG.debug("kept unreadable value at {} as raw text: {}", pointer, e.toString());
        @SuppressWarnings("unchecked")
        Map<String, String> unread = (Map<String, String>) ctxt.getAttribute(UNREAD_FIELDS);
        if (unread != null) unread.put(pointer, raw);
        return null;
      }
    }

    private static String rawText(TokenBuffer copy, JsonParser p, DeserializationContext ctxt)
        throws IOException {
      try (JsonParser replay = copy.asParser(p.getCodec())) {
        replay.nextToken();
        if (replay.currentToken().isScalarValue()) return replay.getText();
        return ctxt.readTree(replay).toString();
      }
    }
  }
}
