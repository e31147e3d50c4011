package dev.parley.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.ErrorCode;
import dev.parley.core.error.ParleyException;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON mapper of a node, and the reading of JSON text that REST bodies and gateway frames share: the bytes
 * must be UTF-8 ({@code invalid_encoding} otherwise, never replacement characters), and the text one JSON value
 * with nothing but whitespace after it ({@code malformed_json} otherwise).
 */
public final class Json {
    /** The first size of the buffer of a tree written by {@link #buffer(JsonNode)}: most answers fit. */
    private static final int TREE_BYTES = 1024;

    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Decodes UTF-8 strictly: malformed or overlong sequences and encoded surrogates are refused. */
    public static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ParleyException(ErrorCode.INVALID_ENCODING, "the text is not valid UTF-8");
        }
    }

    /** Parses one JSON value; blank text, bad syntax or anything after the value is malformed_json. */
    public static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ParleyException(ErrorCode.MALFORMED_JSON, "a JSON object is required");
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ParleyException(ErrorCode.MALFORMED_JSON, "the text is not one valid JSON value");
        }
    }

    /** Parses a request body that must be a JSON object, from its bytes. */
    public static ObjectNode parseObject(byte[] body) {
        if (!(parse(utf8(body)) instanceof ObjectNode object)) {
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

    /** The node as UTF-8 JSON, in a buffer to answer with. */
    public static Buffer buffer(JsonNode node) {
        return buffer(TREE_BYTES, g -> MAPPER.writeTree(g, node));
    }

    /**
     * What {@code writing} writes to a generator, as UTF-8 JSON in a buffer to answer with: the generator's chunks go
     * straight into the buffer, with no array in between. {@code expectedBytes} sizes the buffer (it grows beyond).
     */
    public static Buffer buffer(int expectedBytes, Writing writing) {
        Buffer buffer = Buffer.buffer(expectedBytes);
        try (JsonGenerator g = MAPPER.createGenerator(new BufferOutput(buffer))) {
            writing.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer;
    }

    /** Writes one JSON value to a generator. */
    @FunctionalInterface
    public interface Writing {
        void write(JsonGenerator g) throws IOException;
    }

    /** The generator's output, appended to a buffer. */
    private static final class BufferOutput extends OutputStream {
        private final Buffer buffer;

        BufferOutput(Buffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public void write(int b) {
            buffer.appendByte((byte) b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            buffer.appendBytes(bytes, offset, length);
        }
    }
}
