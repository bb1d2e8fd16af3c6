package io.gucun.dues.ledger;

import io.gucun.common.problem.ApiException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** An accounting period: one calendar month, written {@code 2026-11}. */
public record Period(YearMonth month) implements Comparable<Period> {

    private static final Pattern FORMAT = Pattern.compile("[0-9]{4}-[0-9]{2}");

    /** A well-formed period that is not in the future (nothing can have been collected for it yet); else 400 naming {@code field}. */
    public static Period parse(String field, String raw, Clock clock) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.invalid(field, "is required");
        }
        if (!FORMAT.matcher(raw.trim()).matches()) {
            throw ApiException.invalid(field, "must be a month written YYYY-MM, e.g. 2026-11");
        }
        YearMonth month;
        try {
            month = YearMonth.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "is not a calendar month (01-12)");
        }
        if (month.getYear() < 2000) {
            throw ApiException.invalid(field, "is before 2000");
        }
        if (month.isAfter(YearMonth.now(clock))) {
            throw ApiException.invalid(field, "is in the future");
        }
        return new Period(month);
    }

    public static Period of(LocalDate day) {
        return new Period(YearMonth.from(day));
    }

    public LocalDate firstDay() {
        return month.atDay(1);
    }

    @Override
    public String toString() {
        return month.toString();
    }

    @Override
    public int compareTo(Period o) {
        return month.compareTo(o.month);
    }
}
