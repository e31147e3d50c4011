package dev.parley.log.kafka;

import dev.parley.core.account.User;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationKind;
import dev.parley.core.conversation.Visibility;
import dev.parley.core.message.Mentions;
import dev.parley.core.message.Message;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The binary encoding shared by the log's records, outcomes and snapshots: big-endian numbers, strings as a length
 * and UTF-8 bytes, a leading byte 0/1 for what may be absent, instants as epoch seconds and nanoseconds. The same
 * value always encodes to the same bytes. Fields added later come last in their value and are read only from bytes of
 * a version that has them ({@code withMentions}: records, outcomes and snapshots of version 2 on; {@code withBot}:
 * records and outcomes of version 3 on).
 */
final class Wire {
    private Wire() {
    }

    /** Writes values; {@link #bytes()} gives the result. */
    static final class Out {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(128);
        private final DataOutputStream out = new DataOutputStream(buffer);

        Out u8(int v) {
            return run(() -> out.writeByte(v));
        }

        Out i32(int v) {
            return run(() -> out.writeInt(v));
        }

        Out i64(long v) {
            return run(() -> out.writeLong(v));
        }

        Out bool(boolean v) {
            return u8(v ? 1 : 0);
        }

        Out str(String s) {
            return blob(s.getBytes(StandardCharsets.UTF_8));
        }

        Out blob(byte[] b) {
            return run(() -> {
                out.writeInt(b.length);
                out.write(b);
            });
        }

        Out optStr(String s) {
            return s == null ? u8(0) : u8(1).str(s);
        }

        Out optI64(Long v) {
            return v == null ? u8(0) : u8(1).i64(v);
        }

        Out instant(Instant t) {
            return i64(t.getEpochSecond()).i32(t.getNano());
        }

        Out optInstant(Instant t) {
            return t == null ? u8(0) : u8(1).instant(t);
        }

        Out uuid(UUID id) {
            return i64(id.getMostSignificantBits()).i64(id.getLeastSignificantBits());
        }

        Out user(User u, boolean withBot) {
            i64(u.id()).str(u.username()).str(u.displayName()).optStr(u.avatarUrl()).optStr(u.statusText())
                    .optInstant(u.createdAt());
            return withBot ? bool(u.bot()) : this;
        }

        Out conversation(Conversation c) {
            return i64(c.id()).u8(c.kind().ordinal()).optStr(c.name()).optStr(c.topic())
                    .u8(c.visibility() == null ? 255 : c.visibility().ordinal()).optI64(c.ownerId()).i32(c.memberCount())
                    .instant(c.createdAt()).bool(c.membersMayMentionAll());
        }

        Out message(Message m) {
            return i64(m.id()).i64(m.conversationId()).i64(m.seq()).i64(m.authorId()).str(m.content()).instant(m.createdAt())
                    .optInstant(m.editedAt()).bool(m.deleted()).optI64(m.replyTo()).optStr(m.nonce()).mentions(m.mentions());
        }

        Out mentions(Mentions m) {
            i32(m.userIds().size());
            m.userIds().forEach(this::i64);
            return bool(m.here()).bool(m.channel());
        }

        byte[] bytes() {
            return buffer.toByteArray();
        }

        private interface Write {
            void run() throws IOException;
        }

        private Out run(Write w) {
            try {
                w.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }
    }

    /** Reads what {@link Out} wrote, in the same order. */
    static final class In {
        private final DataInputStream in;

        In(byte[] bytes) {
            this.in = new DataInputStream(new java.io.ByteArrayInputStream(bytes));
        }

        int u8() {
            return read(in::readUnsignedByte);
        }

        int i32() {
            return read(in::readInt);
        }

        long i64() {
            return read(in::readLong);
        }

        boolean bool() {
            return u8() != 0;
        }

        String str() {
            return new String(blob(), StandardCharsets.UTF_8);
        }

        byte[] blob() {
            int length = i32();
            byte[] b = read(() -> in.readNBytes(length));
            if (b.length != length) {
                throw new IllegalArgumentException("truncated value");
            }
            return b;
        }

        String optStr() {
            return u8() == 0 ? null : str();
        }

        Long optI64() {
            return u8() == 0 ? null : i64();
        }

        Instant instant() {
            long seconds = i64();
            return Instant.ofEpochSecond(seconds, i32());
        }

        Instant optInstant() {
            return u8() == 0 ? null : instant();
        }

        UUID uuid() {
            long high = i64();
            return new UUID(high, i64());
        }

        User user(boolean withBot) {
            return new User(i64(), str(), str(), optStr(), optStr(), optInstant(), withBot && bool());
        }

        Conversation conversation(boolean withMentions) {
            long id = i64();
            ConversationKind kind = ConversationKind.values()[u8()];
            String name = optStr();
            String topic = optStr();
            int visibility = u8();
            Long owner = optI64();
            int members = i32();
            Instant created = instant();
            return new Conversation(id, kind, name, topic, visibility == 255 ? null : Visibility.values()[visibility], owner,
                    members, created, withMentions && bool());
        }

        Message message(boolean withMentions) {
            return new Message(i64(), i64(), i64(), i64(), str(), instant(), optInstant(), bool(), optI64(), optStr(),
                    withMentions ? mentions() : Mentions.NONE);
        }

        Mentions mentions() {
            int n = i32();
            List<Long> users = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                users.add(i64());
            }
            boolean here = bool();
            return new Mentions(users, here, bool());
        }

        private interface Read<T> {
            T run() throws IOException;
        }

        private static <T> T read(Read<T> r) {
            try {
                return r.run();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot decode: " + e.getMessage(), e);
            }
        }
    }
}
