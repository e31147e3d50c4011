package dev.parley.core.account;

/** A slow, salted password hash (bcrypt or Argon2id in production). */
public interface PasswordHasher {
    String hash(String password);

    boolean verify(String password, String hash);
}
