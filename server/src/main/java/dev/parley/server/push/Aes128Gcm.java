package dev.parley.server.push;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Message encryption for Web Push (RFC 8291) in the {@code aes128gcm} content coding (RFC 8188), one record: an
 * ephemeral P-256 key agreed with the browser's {@code p256dh} key, mixed with its {@code auth} secret by HKDF-SHA-256,
 * gives the content key and nonce. The body is {@code salt(16) || rs(4) || idlen(1) || sender key(65) || ciphertext}.
 * {@link #decrypt} is the browser's side (tests use it as a push receiver would).
 */
public final class Aes128Gcm {
    /** The record size announced; a push message fits one record. */
    private static final int RECORD_SIZE = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Aes128Gcm() {
    }

    public static byte[] encrypt(byte[] plaintext, ECPublicKey browserKey, byte[] authSecret) {
        if (plaintext.length > RECORD_SIZE - 17 - 86) {
            throw new IllegalArgumentException("a push message holds at most " + (RECORD_SIZE - 103) + " bytes");
        }
        try {
            KeyPair ephemeral = P256.generate();
            byte[] senderPublic = P256.encode((ECPublicKey) ephemeral.getPublic());
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            byte[][] keyAndNonce = derive((ECPrivateKey) ephemeral.getPrivate(), browserKey, P256.encode(browserKey),
                    senderPublic, authSecret, salt);
            byte[] padded = Arrays.copyOf(plaintext, plaintext.length + 1);
            padded[plaintext.length] = 2;
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyAndNonce[0], "AES"), new GCMParameterSpec(128, keyAndNonce[1]));
            byte[] ciphertext = aes.doFinal(padded);
            return ByteBuffer.allocate(16 + 4 + 1 + senderPublic.length + ciphertext.length)
                    .put(salt).putInt(RECORD_SIZE).put((byte) senderPublic.length).put(senderPublic).put(ciphertext)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a push message", e);
        }
    }

    /** The browser's side: decrypts {@code body} with its key pair and auth secret. */
    public static byte[] decrypt(byte[] body, ECPrivateKey browserPrivate, ECPublicKey browserPublic, byte[] authSecret)
            throws GeneralSecurityException {
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        in.getInt();
        byte[] senderPublic = new byte[in.get() & 0xff];
        in.get(senderPublic);
        byte[] ciphertext = new byte[in.remaining()];
        in.get(ciphertext);
        byte[][] keyAndNonce = derive(browserPrivate, P256.publicKey(senderPublic), P256.encode(browserPublic), senderPublic,
                authSecret, salt);
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keyAndNonce[0], "AES"), new GCMParameterSpec(128, keyAndNonce[1]));
        byte[] padded = aes.doFinal(ciphertext);
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) {
            end--;
        }
        if (end < 0 || padded[end] != 2) {
            throw new GeneralSecurityException("not the last record of an aes128gcm message");
        }
        return Arrays.copyOf(padded, end);
    }

    /** The content key (16 bytes) and nonce (12 bytes) of RFC 8291 section 3.4. */
    private static byte[][] derive(ECPrivateKey mine, ECPublicKey theirs, byte[] browserPublic, byte[] senderPublic,
                                   byte[] authSecret, byte[] salt) throws GeneralSecurityException {
        KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
        ecdh.init(mine);
        ecdh.doPhase(theirs, true);
        byte[] shared = ecdh.generateSecret();
        byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), browserPublic, senderPublic);
        byte[] ikm = expand(hmac(authSecret, shared), keyInfo, 32);
        byte[] prk = hmac(salt, ikm);
        byte[] key = expand(prk, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
        byte[] nonce = expand(prk, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
        return new byte[][] {key, nonce};
    }

    /** HKDF-Expand for one block (at most 32 bytes). */
    private static byte[] expand(byte[] prk, byte[] info, int length) throws GeneralSecurityException {
        return Arrays.copyOf(hmac(prk, concat(info, new byte[] {1})), length);
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }
}
