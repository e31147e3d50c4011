package dev.parley.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokensTest {
    private final Tokens tokens = new Tokens(new SecureRandom());

    @Test
    void tokensCarry256RandomBitsInUrlSafeBase64WithoutPadding() {
        String token = tokens.newToken();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
    }

    @Test
    void tokensAreDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(tokens.newToken());
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void tokensComeFromTheGivenRandomSource() {
        SecureRandom zeros = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, (byte) 0);
            }
        };
        assertThat(new Tokens(zeros).newToken()).isEqualTo("A".repeat(43));
    }

    @Test
    void hashIsLowerCaseHexSha256() {
        assertThat(Tokens.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Tokens.hash(tokens.newToken())).matches("[0-9a-f]{64}");
    }

    @Test
    void hashIsStableForOneTokenAndDiffersBetweenTokens() {
        String a = tokens.newToken();
        String b = tokens.newToken();
        assertThat(Tokens.hash(a)).isEqualTo(Tokens.hash(a)).isNotEqualTo(Tokens.hash(b)).isNotEqualTo(a);
    }
}
