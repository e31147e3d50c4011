package dev.parley.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A parsed JSON object body with typed field reads (see {@link Fields}). */
public record ObjectBody(ObjectNode node) {
    public String requiredString(String name) {
        return Fields.requiredString(node, name);
    }

    public String optionalString(String name) {
        return Fields.optionalString(node, name);
    }

    public String clearableString(String name) {
        return Fields.clearableString(node, name);
    }

    public long requiredLong(String name) {
        return Fields.requiredLong(node, name);
    }

    public Boolean optionalBoolean(String name) {
        return Fields.optionalBoolean(node, name);
    }

    public java.time.Instant optionalTime(String name) {
        return Fields.optionalTime(node, name);
    }

    public Long optionalId(String name) {
        return Fields.optionalId(node, name);
    }
}
