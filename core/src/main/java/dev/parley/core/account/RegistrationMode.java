package dev.parley.core.account;

import java.util.Locale;

/** Who may sign up: anyone, holders of an invite, or nobody (admins create accounts). */
public enum RegistrationMode {
    OPEN, INVITE, CLOSED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RegistrationMode parse(String value) {
        for (RegistrationMode m : values()) {
            if (m.wire().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("registration.mode must be open, invite or closed, not " + value);
    }
}
