package dev.parley.core.account;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The username a single sign-on's first login proposes, from the identity provider's claims: the first of
 * {@code preferred_username}, {@code nickname}, the email's local part and {@code name} that still has something
 * once made to fit the username rule (lower-case, accents dropped, other characters as {@code _}, 2-32
 * characters); {@code user} if none does. {@link #candidates} then gives it, then it with 2, 3, … appended, then
 * random suffixes, so a taken name leads to a free one.
 */
public final class UsernameProposal {
    private static final int MAX = 32;
    private static final int NUMBERED = 20;

    private UsernameProposal() {
    }

    public static String from(String preferredUsername, String nickname, String email, String name) {
        String local = email == null || email.indexOf('@') < 1 ? null : email.substring(0, email.indexOf('@'));
        for (String raw : new String[] {preferredUsername, nickname, local, name}) {
            String fitted = fit(raw);
            if (fitted != null) {
                return fitted;
            }
        }
        return "user";
    }

    /** Names to try in turn: the base, numbered ones, then ones with a random suffix. */
    public static List<String> candidates(String base, java.util.function.IntSupplier random) {
        List<String> out = new ArrayList<>();
        out.add(base);
        for (int i = 2; i <= NUMBERED; i++) {
            out.add(withSuffix(base, Integer.toString(i)));
        }
        for (int i = 0; i < 5; i++) {
            out.add(withSuffix(base, Integer.toString(1000 + Math.floorMod(random.getAsInt(), 9_000_000))));
        }
        return out;
    }

    private static String withSuffix(String base, String suffix) {
        return base.substring(0, Math.min(base.length(), MAX - suffix.length())) + suffix;
    }

    static String fit(String raw) {
        if (raw == null) {
            return null;
        }
        String plain = Normalizer.normalize(raw.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.]+", "_").replaceAll("^[_.]+|[_.]+$", "");
        if (plain.length() > MAX) {
            plain = plain.substring(0, MAX);
        }
        return plain.length() >= 2 ? plain : null;
    }
}
