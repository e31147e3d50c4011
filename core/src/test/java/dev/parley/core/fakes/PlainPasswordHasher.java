package dev.parley.core.fakes;

import dev.parley.core.account.PasswordHasher;

/** A fast, reversible stand-in for bcrypt: core rules do not depend on how slow the hash is. */
public final class PlainPasswordHasher implements PasswordHasher {
    private static final String PREFIX = "plain$";

    @Override
    public String hash(String password) {
        return PREFIX + password;
    }

    @Override
    public boolean verify(String password, String hash) {
        return hash.equals(PREFIX + password);
    }
}
