package dev.parley.server;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import dev.parley.core.account.PasswordHasher;
import java.nio.charset.StandardCharsets;

/** bcrypt (2b); passwords longer than bcrypt's 72 bytes are pre-hashed with SHA-512 rather than cut. */
public final class BcryptPasswordHasher implements PasswordHasher {
    private final int cost;
    private final BCrypt.Hasher hasher = BCrypt.with(BCrypt.Version.VERSION_2B,
            LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2B));
    private final BCrypt.Verifyer verifier = BCrypt.verifyer(BCrypt.Version.VERSION_2B,
            LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2B));

    public BcryptPasswordHasher(int cost) {
        this.cost = cost;
    }

    @Override
    public String hash(String password) {
        return hasher.hashToString(cost, password.toCharArray());
    }

    @Override
    public boolean verify(String password, String hash) {
        if (hash.isEmpty()) {
            return false; // an account without a password (a bot, or single sign-on)
        }
        return verifier.verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8)).verified;
    }
}
