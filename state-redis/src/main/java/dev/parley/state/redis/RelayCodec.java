package dev.parley.state.redis;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.parley.core.event.RelayEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Relay events as JSON text: {@code {"type":"MessagePosted","event":{...}}}, the type being the record's simple
 * name and the event its record components only (times as ISO-8601, to the nanosecond). Every record of
 * {@link RelayEvent} round-trips exactly; a field this node does not know is ignored, so nodes of a newer version
 * that add fields can run beside it.
 *
 * <p>Thread-safe.
 */
final class RelayCodec {
    private static final Map<String, Class<? extends RelayEvent>> KINDS = kinds();

    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Every record of the sealed {@link RelayEvent} hierarchy, by simple name. */
    private static Map<String, Class<? extends RelayEvent>> kinds() {
        Map<String, Class<? extends RelayEvent>> kinds = new HashMap<>();
        for (Class<?> family : RelayEvent.class.getPermittedSubclasses()) {
            for (Class<?> kind : family.getPermittedSubclasses()) {
                if (kinds.put(kind.getSimpleName(), kind.asSubclass(RelayEvent.class)) != null) {
                    throw new IllegalStateException("two relay events are called " + kind.getSimpleName());
                }
            }
        }
        return Map.copyOf(kinds);
    }

    String encode(RelayEvent event) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", event.getClass().getSimpleName());
            g.writeFieldName("event");
            json.writeValue(g, event);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + event, e);
        }
        return out.toString();
    }

    /** The event in {@code text}; {@link IllegalArgumentException} if it is not one. */
    RelayEvent decode(String text) {
        try (JsonParser p = json.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT || !"type".equals(p.nextFieldName())) {
                throw new IllegalArgumentException("not a relay event: " + text);
            }
            String type = p.nextTextValue();
            Class<? extends RelayEvent> kind = KINDS.get(type);
            if (kind == null || !"event".equals(p.nextFieldName()) || p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a relay event of a known type: " + text);
            }
            return json.readValue(p, kind);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a relay event: " + e.getMessage(), e);
        }
    }
}
