package dev.parley.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;

/** The one JSON mapper of a node, and parsing that turns bad JSON into the contract's error. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build());

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Parses a request body that must be a JSON object. */
    public static ObjectNode parseObject(String text) {
        JsonNode node;
        try {
            node = text == null || text.isBlank() ? null : MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ParleyException(ErrorCode.MALFORMED_JSON, "the body is not valid JSON");
        }
        if (node == null) {
            throw new ParleyException(ErrorCode.MALFORMED_JSON, "a JSON object body is required");
        }
        if (!(node instanceof ObjectNode object)) {
            throw ParleyException.invalid("the body must be a JSON object");
        }
        return object;
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
