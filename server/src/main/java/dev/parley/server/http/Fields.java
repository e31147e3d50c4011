package dev.parley.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.ParleyException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Typed reads of request fields: a missing required field or a wrong type is invalid_request. */
public final class Fields {
    private Fields() {
    }

    public static String requiredString(ObjectNode body, String name) {
        String value = optionalString(body, name);
        if (value == null) {
            throw ParleyException.invalid(name + " is required");
        }
        return value;
    }

    /** A string field, or null when it is absent or JSON null. */
    public static String optionalString(ObjectNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ParleyException.invalid(name + " must be a string");
        }
        return v.textValue();
    }

    /** Like {@link #optionalString}, but JSON null reads as "" (clear the field) and absence as null (keep it). */
    public static String clearableString(ObjectNode body, String name) {
        JsonNode v = body.get(name);
        if (v != null && v.isNull()) {
            return "";
        }
        return optionalString(body, name);
    }

    public static Boolean optionalBoolean(ObjectNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw ParleyException.invalid(name + " must be true or false");
        }
        return v.booleanValue();
    }

    /** An ISO-8601 time with its offset ({@code 2026-03-01T12:00:00Z}); absent or null reads as null. */
    public static Instant optionalTime(ObjectNode body, String name) {
        String text = optionalString(body, name);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ParleyException.invalid(name + " must be an ISO-8601 time such as 2026-03-01T12:00:00Z");
        }
    }

    public static long requiredLong(ObjectNode body, String name) {
        Long value = optionalId(body, name);
        if (value == null) {
            throw ParleyException.invalid(name + " is required");
        }
        return value;
    }

    /** An integer field sent as a JSON number or as a decimal string (ids are strings on the wire). */
    public static Long optionalId(ObjectNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isTextual()) {
            return parseId(v.textValue(), name);
        }
        throw ParleyException.invalid(name + " must be an integer or a string of digits");
    }

    public static long parseId(String text, String name) {
        if (text == null || text.isEmpty() || text.length() > 19 || !text.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw ParleyException.invalid(name + " must be a non-negative integer");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ParleyException.invalid(name + " is out of range");
        }
    }
}
