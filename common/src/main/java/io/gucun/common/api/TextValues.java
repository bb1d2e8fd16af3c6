package io.gucun.common.api;

import io.gucun.common.problem.ApiException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Values a client sends as text that no declared parameter type parses for us: an enum filter matched without regard
 * to case ({@code ?kind=town}), a date inside a request body. Blank is absent (null); a malformed value is a 400 naming
 * the field. Typed path and query parameters are checked by {@link ParameterCheck} instead.
 */
public final class TextValues {

    private TextValues() {
    }

    public static <E extends Enum<E>> E enumValue(String name, String raw, Class<E> type) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    public static LocalDate date(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "must be a date like 2026-01-31");
        }
    }

    public static OffsetDateTime time(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "must be a time with offset like 2026-11-24T10:00:00+08:00");
        }
    }
}
