package io.gucun.rights;

import io.gucun.common.problem.ApiException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/** Query parameters parsed by hand, so a bad value is a 400 naming the parameter (JAX-RS would answer 404). */
public final class Params {

    private Params() {
    }

    public static <E extends Enum<E>> E enumValue(String name, String raw, Class<E> type) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase());
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
            throw ApiException.invalid(name, "must be an ISO date like 2026-01-31");
        }
    }

    public static OffsetDateTime time(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "must be an ISO-8601 time with offset like 2026-11-24T10:00:00+08:00");
        }
    }
}
