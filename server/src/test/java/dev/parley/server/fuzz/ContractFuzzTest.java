package dev.parley.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.parley.core.error.ErrorCode;
import dev.parley.server.support.Api;
import dev.parley.server.support.Api.Account;
import dev.parley.server.support.RawHttp;
import dev.parley.server.support.RawWs;
import dev.parley.server.support.TestNode;
import dev.parley.server.support.Ws;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Throws seeded random malformed input at a real node for a few seconds: REST bodies (broken, truncated, followed by
 * more text, not UTF-8, wrongly typed, too deep, too large), query strings and path ids, and gateway frames (the same
 * and worse: fragments, binary, protocol violations, oversize). Every answer must be a contract error (4xx in the
 * error shape with a known code, an ERROR frame, or a documented close code), never a 5xx or a success; afterwards
 * the node is healthy, never answered 500, stored nothing, and another user's open WebSocket is still connected and
 * still receives.
 *
 * <p>The seed is {@code -Dparley.fuzz.seed} (a fixed default, so a run is repeatable) and the budget
 * {@code -Dparley.fuzz.seconds}; a failure names the seed and the case.
 */
class ContractFuzzTest {
    private static final long SEED = Long.getLong("parley.fuzz.seed", 20_261_130L);
    private static final Duration BUDGET = Duration.ofSeconds(Integer.getInteger("parley.fuzz.seconds", 6));
    private static final int MAX_CASES = 3_000;
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String V1 = "/api/v1";
    private static final Set<String> CODES = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toSet());
    private static final Set<Integer> CLOSE_CODES = Set.of(1002, 1009, 4001, 4002);

    @RegisterExtension
    static final TestNode NODE = new TestNode();

    private Random random;
    private Account fuzzer;
    private String channel;
    private String message;
    private String bystanderName;
    private final Map<String, Integer> casesByKind = new LinkedHashMap<>();

    @Test
    void malformedInputOfEveryKindIsAContractErrorAndChangesNothing() {
        Api api = NODE.api();
        fuzzer = api.register("fuzzer");
        Account bystander = api.register("bystander");
        bystanderName = bystander.username();
        channel = api.channel(fuzzer, "fuzzed", "private");
        api.addMember(fuzzer, channel, bystander);
        message = api.send(fuzzer, channel, "the only message").json().path("id").asText();
        assertThat(api.post(V1 + "/dms", fuzzer.token(), Api.obj("username", bystanderName)).status()).isEqualTo(200);
        JsonNode before = snapshot(api);
        random = new Random(SEED);

        try (Ws watcher = Ws.connect(NODE.baseUrl(), bystander.token())) {
            long deadline = System.nanoTime() + BUDGET.toNanos();
            int cases = 0;
            while (cases < MAX_CASES && System.nanoTime() < deadline) {
                int kind = random.nextInt(10);
                if (kind < 4) {
                    restBody(cases);
                } else if (kind < 6) {
                    restQuery(cases);
                } else if (kind < 8) {
                    restPath(cases);
                } else {
                    gatewayFrame(cases);
                }
                cases++;
            }
            System.out.println("fuzz seed " + SEED + ": " + cases + " cases in " + BUDGET + ", by kind " + casesByKind);
            assertThat(cases).as("cases run in %s (by kind: %s)", BUDGET, casesByKind).isGreaterThan(100);

            assertThat(watcher.isClosed()).as("the bystander's socket").isFalse();
            assertThat(snapshot(api)).as("what the fuzzing user had (seed %d)", SEED).isEqualTo(before);
            assertThat(api.get(V1 + "/users/search?q=fz&limit=100", fuzzer.token()).json().path("users").size())
                    .as("accounts the fuzzed sign-ups made").isZero();
            assertThat(api.get("/health/live", null).status()).isEqualTo(200);
            assertThat(api.get("/health/ready", null).status()).isEqualTo(200);
            assertThat(internalErrors()).as("requests answered 500").isZero();

            String id = api.send(fuzzer, channel, "still there?").json().path("id").asText();
            watcher.next(f -> "MESSAGE_CREATE".equals(f.path("op").asText())
                    && id.equals(f.path("d").path("message").path("id").asText()), "the message after the fuzzing");
        }
    }

    // ---- REST bodies ----

    private record BodyEndpoint(String method, String path, boolean authed, String template, List<String> required,
                                List<String> strings, List<String> numbers) {
    }

    private List<BodyEndpoint> bodyEndpoints() {
        return List.of(
                new BodyEndpoint("POST", V1 + "/conversations/" + channel + "/messages", true,
                        "{\"content\":\"hello\",\"nonce\":\"n-1\"}", List.of("content"), List.of("content", "nonce"), List.of()),
                new BodyEndpoint("PATCH", V1 + "/conversations/" + channel + "/messages/" + message, true,
                        "{\"content\":\"edited\"}", List.of("content"), List.of("content"), List.of()),
                new BodyEndpoint("POST", V1 + "/channels", true, "{\"name\":\"new one\",\"topic\":\"t\",\"visibility\":\"public\"}",
                        List.of("name", "visibility"), List.of("name", "topic", "visibility"), List.of()),
                new BodyEndpoint("PATCH", V1 + "/channels/" + channel, true, "{\"name\":\"renamed\",\"topic\":\"new topic\"}",
                        List.of(), List.of("name", "topic"), List.of()),
                new BodyEndpoint("PATCH", V1 + "/users/me", true, "{\"display_name\":\"Someone Else\",\"status_text\":\"hi\"}",
                        List.of(), List.of("display_name", "status_text"), List.of()),
                new BodyEndpoint("POST", V1 + "/dms", true, "{\"username\":\"" + bystanderName + "\"}",
                        List.of("username"), List.of("username"), List.of()),
                new BodyEndpoint("POST", V1 + "/conversations/" + channel + "/read", true, "{\"seq\":2}",
                        List.of("seq"), List.of(), List.of("seq")),
                new BodyEndpoint("PUT", V1 + "/presence", true, "{\"status\":\"dnd\"}", List.of("status"), List.of("status"), List.of()),
                new BodyEndpoint("POST", V1 + "/auth/register", false, "{\"username\":\"fz" + random.nextInt(1_000_000)
                        + "\",\"password\":\"correct horse\"}", List.of("username", "password"), List.of("username", "password"), List.of()),
                new BodyEndpoint("POST", V1 + "/auth/login", false, "{\"username\":\"" + fuzzer.username()
                        + "\",\"password\":\"correct horse\"}", List.of("username", "password"), List.of("username", "password"), List.of()));
    }

    private void restBody(int index) {
        BodyEndpoint e = pick(bodyEndpoints());
        int how = random.nextInt(9);
        byte[] body = switch (how) {
            case 0 -> utf8(e.template().substring(0, random.nextInt(e.template().length())));
            case 1 -> utf8(e.template() + pick(List.of("}", "x", "//c", "/* c */", ",", "]", " {}", "\u0000", "null", "\"")));
            case 2 -> withInvalidUtf8(e.template());
            case 3 -> wrongType(e);
            case 4 -> e.required().isEmpty() ? garbage() : utf8(without(e.template(), pick(e.required())));
            case 5 -> garbage();
            case 6 -> utf8(deep());
            case 7 -> utf8(pick(List.of("[]", "42", "\"text\"", "null", "true", "[" + e.template() + "]", "", "  \n")));
            default -> utf8("{\"pad\":\"" + "w".repeat(65_536 + random.nextInt(10_000)) + "\"," + e.template().substring(1));
        };
        String what = "body case " + index + " (" + how + ") " + e.method() + " " + e.path() + ": " + preview(body);
        Api.Reply r = NODE.api().callBytes(e.method(), e.path(), e.authed() ? fuzzer.token() : null, body);
        count("rest body");
        assertContractError(what, r.status(), r.header("content-type"), r.raw().body(), Set.of(400, 401, 413));
    }

    private byte[] wrongType(BodyEndpoint e) {
        ObjectNode n = (ObjectNode) json(e.template());
        List<String> fields = new ArrayList<>(e.strings());
        fields.addAll(e.numbers());
        String field = pick(fields);
        List<JsonNode> wrong = e.numbers().contains(field)
                ? List.of(TextNode.valueOf("abc"), DoubleNode.valueOf(1.5), Api.JSON.createArrayNode(), Api.JSON.createObjectNode(),
                        BooleanNode.TRUE, TextNode.valueOf("-7"))
                : List.of(IntNode.valueOf(42), Api.JSON.createArrayNode().add("x"), Api.JSON.createObjectNode(), BooleanNode.FALSE,
                        DoubleNode.valueOf(1.5));
        n.set(field, pick(wrong));
        return utf8(n.toString());
    }

    private static String without(String template, String field) {
        ObjectNode n = (ObjectNode) json(template);
        n.remove(field);
        return n.toString();
    }

    private byte[] withInvalidUtf8(String template) {
        byte[] t = utf8(template);
        int at = template.indexOf(":\"") + 2;
        byte[] bad = pick(List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xE2, (byte) 0x82},
                new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(t, 0, at);
        out.writeBytes(bad);
        out.write(t, at, t.length - at);
        return out.toByteArray();
    }

    /** Random bytes, one of them 0xFF, which is never UTF-8. */
    private byte[] garbage() {
        byte[] b = new byte[1 + random.nextInt(200)];
        random.nextBytes(b);
        b[random.nextInt(b.length)] = (byte) 0xFF;
        return b;
    }

    private String deep() {
        int depth = 65 + random.nextInt(2_000);
        return random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    // ---- REST query strings ----

    private static final List<String> BAD_ENCODINGS = List.of("%", "%Z", "%ZZ", "%G0", "a%2", "%C3%28", "%FF", "%E2%82", "%ED%A0%80",
            "%C0%AF");
    private static final List<String> BAD_LIMITS = List.of("abc", "-1", "0", "101", "1.5", "1e3", "99999999999999999999", "%205",
            "+5", "0x10", "%EF%BC%95");
    private static final List<String> BAD_SEQS = List.of("abc", "-1", "1.5", "99999999999999999999", "0x10", "+5", "%2D1");

    private void restQuery(int index) {
        String base = V1 + "/conversations/" + channel + "/messages";
        String target = switch (random.nextInt(8)) {
            case 0 -> V1 + "/users/search?q=" + pick(List.of(pick(BAD_ENCODINGS), "%20", "", "a&q=" + pick(BAD_ENCODINGS)));
            case 1 -> V1 + "/users/search?q=ab&limit=" + pick(BAD_LIMITS);
            case 2 -> V1 + "/channels/public?" + pick(List.of("cursor=" + pick(List.of("abc", "1.5", "--", "%ZZ", "1e9")),
                    "limit=" + pick(BAD_LIMITS), "q=" + pick(BAD_ENCODINGS)));
            case 3 -> base + "?" + pick(List.of("before_seq=" + pick(BAD_SEQS), "after_seq=" + pick(BAD_SEQS),
                    "before_seq=1&after_seq=1", "limit=" + pick(BAD_LIMITS)));
            case 4 -> V1 + "/channels/" + channel + "/members?" + pick(List.of("cursor=" + pick(List.of("abc", "%", "1.5")),
                    "limit=" + pick(BAD_LIMITS)));
            case 5 -> V1 + "/presence?user_ids=" + pick(List.of("", ",", "1,,2", "abc", "-1", "1%202", pick(BAD_ENCODINGS),
                    "1," + "2,".repeat(1_001)));
            case 6 -> V1 + "/users?username=" + pick(List.of("", "%20", pick(BAD_ENCODINGS)));
            default -> V1 + "/conversations?" + pick(BAD_ENCODINGS) + "=" + pick(BAD_ENCODINGS);
        };
        RawHttp.Answer a = RawHttp.request(NODE.baseUrl(), "GET", target, null, "Authorization: Bearer " + fuzzer.token());
        count("rest query");
        assertContractError("query case " + index + ": GET " + target, a.status(), a.header("content-type"), a.body(),
                Set.of(400));
    }

    // ---- REST path ids ----

    private static final List<String> BAD_IDS = List.of("abc", "-1", "1.5", "99999999999999999999", "%ZZ", "%00", "0x10", "%EF%BC%91",
            "1%2F2", "%20", "1e5", "%", "null", "%C3%28", "9223372036854775808");

    private void restPath(int index) {
        String bad = pick(BAD_IDS);
        String missing = Long.toString(1 + (random.nextLong() & 0x3fff_ffff_ffff_ffffL));
        String id = random.nextInt(3) == 0 ? missing : bad;
        String[] call = switch (random.nextInt(12)) {
            case 0 -> new String[] {"GET", V1 + "/conversations/" + id};
            case 1 -> new String[] {"GET", V1 + "/users/" + id};
            case 2 -> new String[] {"PATCH", V1 + "/channels/" + id, "{\"name\":\"x\"}"};
            case 3 -> new String[] {"DELETE", V1 + "/channels/" + id};
            case 4 -> new String[] {"POST", V1 + "/channels/" + id + pick(List.of("/join", "/leave"))};
            case 5 -> new String[] {pick(List.of("PUT", "DELETE")), V1 + "/channels/" + channel + "/members/" + bad};
            case 6 -> new String[] {pick(List.of("GET", "DELETE")), V1 + "/conversations/" + channel + "/messages/" + id};
            case 7 -> new String[] {"PATCH", V1 + "/conversations/" + channel + "/messages/" + id, "{\"content\":\"x\"}"};
            case 8 -> new String[] {"PATCH", V1 + "/conversations/" + id + "/messages/" + message, "{\"content\":\"x\"}"};
            case 9 -> new String[] {"DELETE", V1 + "/auth/sessions/" + id};
            case 10 -> new String[] {"POST", V1 + "/conversations/" + id + "/read", "{\"seq\":1}"};
            default -> new String[] {"GET", V1 + "/channels/" + id + "/members"};
        };
        RawHttp.Answer a = RawHttp.request(NODE.baseUrl(), call[0], call[1], call.length > 2 ? call[2] : null,
                "Authorization: Bearer " + fuzzer.token());
        count("rest path");
        assertContractError("path case " + index + ": " + String.join(" ", call), a.status(), a.header("content-type"), a.body(),
                Set.of(400, 404));
    }

    // ---- gateway frames ----

    /** A frame to send, and what must answer it: an ERROR with one of {@code codes}, or a close with one of {@code closes}. */
    private record FrameCase(String what, boolean identify, int firstByte, boolean masked, byte[] payload, Set<String> codes,
                             Set<Integer> closes) {
    }

    private FrameCase frameCase() {
        String heartbeat = "{\"op\":\"HEARTBEAT\",\"d\":{}}";
        String send = "{\"op\":\"SEND\",\"d\":{\"conversation_id\":\"" + channel + "\",\"nonce\":\"fz\",\"content\":\"hello\"}}";
        Set<String> invalid = Set.of("invalid_request");
        return switch (random.nextInt(14)) {
            case 0 -> closing("more text after the JSON", true, pick(List.of(heartbeat, send)) + pick(List.of("}", "x", "//c", ",", " {}")), 4002);
            case 1 -> new FrameCase("invalid UTF-8", random.nextBoolean(), 0x81, true, withInvalidUtf8(send), Set.of(), Set.of(4002));
            case 2 -> closing("blank text", random.nextBoolean(), pick(List.of("", " ", "\n\t")), 4002);
            case 3 -> erroring("JSON that is not a frame", true, pick(List.of("[1]", "42", "\"x\"", "null", "{}", "{\"op\":7}",
                    "{\"op\":\"HEARTBEAT\",\"d\":[1]}")), invalid);
            case 4 -> erroring("an unknown op", true, "{\"op\":\"" + pick(List.of("DANCE", "heartbeat", "SEND ", "")) + "\",\"d\":{}}",
                    Set.of("unknown_op"));
            case 5 -> erroring("a SEND of wrong types", true, pick(List.of(
                    send.replace("\"content\":\"hello\"", "\"content\":" + pick(List.of("5", "[]", "{}", "true"))),
                    send.replace("\"conversation_id\":\"" + channel + "\"", "\"conversation_id\":" + pick(List.of("\"abc\"", "true", "[]", "\"-1\""))),
                    send.replace("\"nonce\":\"fz\",", ""),
                    send.replace("\"nonce\":\"fz\"", "\"nonce\":7"))), invalid);
            case 6 -> erroring("a SEND that core refuses", true, pick(List.of(
                    send.replace("\"content\":\"hello\"", "\"content\":\" \\n \""),
                    send.replace("\"content\":\"hello\"", "\"content\":\"" + "z".repeat(10_001) + "\""),
                    send.replace(channel, Long.toString(1 + (random.nextLong() & 0x3fff_ffff_ffff_ffffL))),
                    send.replace("\"content\":\"hello\"", "\"content\":\"hi\",\"reply_to\":\"123\""))),
                    Set.of("content_empty", "content_too_long", "not_found", "invalid_reply_to"));
            case 7 -> new FrameCase("a binary frame", random.nextBoolean(), 0x82, true, utf8(heartbeat), Set.of(), Set.of(4002));
            case 8 -> pick(List.of(
                    new FrameCase("an unmasked frame", true, 0x81, false, utf8(heartbeat), Set.of(), Set.of(1002)),
                    new FrameCase("reserved bits", true, 0x81 | (0x10 << random.nextInt(3)), true, utf8(heartbeat), Set.of(), Set.of(1002)),
                    new FrameCase("a reserved opcode", true, 0x80 | pick(List.of(3, 4, 5, 6, 7, 11, 12, 15)), true, utf8(heartbeat),
                            Set.of(), Set.of(1002)),
                    new FrameCase("a big ping", true, 0x89, true, new byte[126 + random.nextInt(200)], Set.of(), Set.of(1002)),
                    new FrameCase("a lone continuation", true, 0x80, true, utf8(heartbeat), Set.of(), Set.of(1002))));
            case 9 -> erroring("a frame over the frame limit", true, "{\"op\":\"HEARTBEAT\",\"d\":{\"pad\":\""
                    + "p".repeat(65_536 + random.nextInt(100_000)) + "\"}}", Set.of("payload_too_large"));
            case 10 -> new FrameCase("a message over the limit", random.nextBoolean(), 0x81, true,
                    utf8("{\"op\":\"HEARTBEAT\",\"d\":{\"pad\":\"" + "p".repeat((1 << 20) + random.nextInt(1 << 20)) + "\"}}"),
                    Set.of(), Set.of(1009));
            case 11 -> erroring("an op before IDENTIFY", false, pick(List.of(send, "{\"op\":\"TYPING\",\"d\":{\"conversation_id\":\"1\"}}",
                    "{\"op\":\"READ\",\"d\":{}}", "{\"op\":\"SET_STATUS\",\"d\":{\"status\":\"dnd\"}}")), Set.of("unauthorized"));
            case 12 -> erroring("a bad IDENTIFY", false, pick(List.of("{\"op\":\"IDENTIFY\",\"d\":{}}",
                    "{\"op\":\"IDENTIFY\",\"d\":{\"token\":5}}",
                    "{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"" + fuzzer.token() + "\",\"cursors\":[1]}}",
                    "{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"" + fuzzer.token() + "\",\"cursors\":{\"abc\":1}}}",
                    "{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"" + fuzzer.token() + "\",\"cursors\":{\"" + channel + "\":-1}}}")), invalid);
            default -> erroring("an op with bad fields", true, pick(List.of(
                    "{\"op\":\"READ\",\"d\":{\"conversation_id\":\"" + channel + "\",\"seq\":\"abc\"}}",
                    "{\"op\":\"TYPING\",\"d\":{\"conversation_id\":[]}}",
                    "{\"op\":\"SET_STATUS\",\"d\":{\"status\":\"asleep\"}}",
                    "{\"op\":\"SUBSCRIBE_PRESENCE\",\"d\":{\"user_ids\":\"1,2\"}}",
                    "{\"op\":\"SUBSCRIBE_PRESENCE\",\"d\":{\"user_ids\":[true]}}")), invalid);
        };
    }

    private static FrameCase closing(String what, boolean identify, String text, int code) {
        return new FrameCase(what, identify, 0x81, true, utf8(text), Set.of(), Set.of(code));
    }

    private static FrameCase erroring(String what, boolean identify, String text, Set<String> codes) {
        return new FrameCase(what, identify, 0x81, true, utf8(text), codes, Set.of());
    }

    private void gatewayFrame(int index) {
        FrameCase c = frameCase();
        String what = "frame case " + index + " (" + c.what() + (c.identify() ? "" : ", before IDENTIFY") + "): "
                + preview(c.payload());
        count("gateway");
        try (RawWs ws = c.identify() ? RawWs.identify(NODE.baseUrl(), fuzzer.token(), 64 * 1024) : RawWs.connect(NODE.baseUrl(), 64 * 1024)) {
            if (!c.identify()) {
                ws.nextText();
            }
            try {
                ws.sendFrame(c.firstByte(), c.masked(), c.payload());
            } catch (UncheckedIOException closedWhileSending) {
                // the close is read below
            }
            if (!c.closes().isEmpty()) {
                assertThat(ws.readUntilCloseOr(null, WAIT).closeCode()).as(what).isIn(c.closes()).isIn(CLOSE_CODES);
                return;
            }
            RawWs.Ending ending = ws.readUntilCloseOr("ERROR", WAIT);
            assertThat(ending.closeCode()).as("%s: closed instead of answered", what).isZero();
            JsonNode error = json(ending.texts().get(ending.texts().size() - 1)).path("d").path("error");
            assertThat(error.path("code").asText()).as(what).isIn(c.codes()).isIn(CODES);
            assertThat(error.path("message").asText()).as(what).isNotBlank();
            ws.sendText("{\"op\":\"HEARTBEAT\",\"d\":{}}");
            assertThat(ws.readUntilCloseOr("HEARTBEAT_ACK", WAIT).closeCode()).as("%s: the socket stays", what).isZero();
        }
    }

    // ---- checks ----

    private static void assertContractError(String what, int status, String contentType, String body, Set<Integer> statuses) {
        String context = what + " (seed " + SEED + ") answered " + status + " " + body;
        assertThat(status).as(context).isIn(statuses);
        assertThat(contentType).as(context).startsWith("application/json");
        JsonNode n = json(body);
        assertThat(n.size()).as(context).isEqualTo(1);
        JsonNode error = n.path("error");
        assertThat(error.path("code").asText()).as(context).isIn(CODES);
        assertThat(error.path("message").isTextual() && !error.path("message").asText().isBlank()).as(context).isTrue();
        for (Iterator<String> it = error.fieldNames(); it.hasNext(); ) {
            assertThat(it.next()).as(context).isIn("code", "message", "retry_after_ms");
        }
    }

    /** What the fuzzing user has: profile, sessions, and each conversation with its log position. */
    private JsonNode snapshot(Api api) {
        ObjectNode n = Api.JSON.createObjectNode();
        n.set("me", api.get(V1 + "/users/me", fuzzer.token()).json());
        n.put("sessions", api.get(V1 + "/auth/sessions", fuzzer.token()).json().path("sessions").size());
        ObjectNode conversations = n.putObject("conversations");
        for (JsonNode c : api.get(V1 + "/conversations", fuzzer.token()).json().path("conversations")) {
            conversations.put(c.path("id").asText(), c.path("name").asText() + " " + c.path("topic").asText()
                    + " seq " + c.path("last_seq").asLong() + " members " + c.path("member_count").asLong()
                    + " read " + c.path("last_read_seq").asLong());
        }
        return n;
    }

    private static long internalErrors() {
        String scrape = NODE.api().get("/metrics", null).raw().body();
        return scrape.lines().filter(l -> l.startsWith("parley_http_requests_seconds_count{") && l.contains("status=\"500\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private void count(String kind) {
        casesByKind.merge(kind, 1, Integer::sum);
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode json(String text) {
        try {
            return Api.JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static String preview(byte[] bytes) {
        String s = new String(bytes, 0, Math.min(bytes.length, 120), StandardCharsets.ISO_8859_1);
        return s + (bytes.length > 120 ? "... (" + bytes.length + " bytes)" : "");
    }
}
