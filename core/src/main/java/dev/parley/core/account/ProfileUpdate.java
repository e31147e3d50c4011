package dev.parley.core.account;

/**
 * A change to a profile. A null field is left as it is; an empty avatar URL or status text clears it.
 */
public record ProfileUpdate(String displayName, String avatarUrl, String statusText) {
}
