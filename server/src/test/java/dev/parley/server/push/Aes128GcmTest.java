package dev.parley.server.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import org.junit.jupiter.api.Test;

/** Web Push encryption against the worked example of RFC 8291 (appendix A), and a round trip. */
class Aes128GcmTest {
    private static final String UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    private static final String UA_PUBLIC = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";
    private static final String RFC_BODY = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    @Test
    void theRfcExampleDecryptsToItsPlaintext() throws Exception {
        byte[] plain = Aes128Gcm.decrypt(P256.unbase64(RFC_BODY), P256.privateKey(P256.unbase64(UA_PRIVATE)),
                P256.publicKey(P256.unbase64(UA_PUBLIC)), P256.unbase64(AUTH));

        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("When I grow up, I want to be a watermelon");
    }

    @Test
    void whatIsEncryptedForABrowserItsKeysDecrypt() throws Exception {
        KeyPair browser = P256.generate();
        byte[] auth = P256.unbase64(AUTH);
        byte[] body = Aes128Gcm.encrypt("{\"title\":\"hi\"}".getBytes(StandardCharsets.UTF_8),
                (ECPublicKey) browser.getPublic(), auth);

        byte[] plain = Aes128Gcm.decrypt(body, (ECPrivateKey) browser.getPrivate(), (ECPublicKey) browser.getPublic(), auth);

        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("{\"title\":\"hi\"}");
        assertThat(body.length).isEqualTo(16 + 4 + 1 + 65 + 15 + 16);
    }
}
