package io.gucun.outreach.partner;

import io.gucun.common.identity.CreditCode;
import io.gucun.common.identity.ResidentIdNumber;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reading partner CSV: the header check (fail fast) and the per-row rules (reject one row, keep going). Pure, so the
 * rules are unit-tested without a server. Reasons never quote a personal ID number.
 */
public final class CsvRows {

    public static final Set<String> INSURANCE_STATUSES = Set.of("ACTIVE", "SUSPENDED", "TERMINATED");
    private static final BigDecimal MAX_PAYROLL = new BigDecimal("9999999999999999.99");

    private CsvRows() {
    }

    /** One accepted social-insurance row; the person already reduced to a keyed hash by the caller. */
    public record Insured(String personId, String employerCreditCode, LocalDate insuredSince, String status) {
    }

    public record Tax(String creditCode, int headcount, BigDecimal payroll, String period) {
    }

    /** Either a row or why it was rejected. */
    public record Parsed<T>(T row, String reason) {
        static <T> Parsed<T> ok(T row) {
            return new Parsed<>(row, null);
        }

        static <T> Parsed<T> rejected(String reason) {
            return new Parsed<>(null, reason);
        }
    }

    /** Empty when the first line is the expected header (a UTF-8 BOM and surrounding spaces/quotes tolerated). */
    public static Optional<String> headerProblem(String firstLine, ImportKind kind) {
        if (firstLine == null || firstLine.isBlank()) {
            return Optional.of("the file is empty: expected a CSV header " + String.join(",", kind.columns()));
        }
        String line = firstLine.startsWith("\uFEFF") ? firstLine.substring(1) : firstLine;
        if (line.chars().anyMatch(c -> c == 0 || c == '\uFFFD')) {
            return Optional.of("the file is not CSV text (UTF-8)");
        }
        List<String> columns = split(line).stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
        if (!columns.equals(kind.columns())) {
            return Optional.of("wrong columns " + columns + ": a " + kind + " file has the header "
                    + String.join(",", kind.columns()));
        }
        return Optional.empty();
    }

    /** Splits one line on commas; fields may be wrapped in double quotes (the values never contain commas). */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>(4);
        int start = 0;
        while (true) {
            int comma = line.indexOf(',', start);
            String field = (comma < 0 ? line.substring(start) : line.substring(start, comma)).trim();
            if (field.length() >= 2 && field.charAt(0) == '"' && field.charAt(field.length() - 1) == '"') {
                field = field.substring(1, field.length() - 1).trim();
            }
            out.add(field);
            if (comma < 0) {
                return out;
            }
            start = comma + 1;
        }
    }

    public static Parsed<Insured> insured(String line, LocalDate today) {
        List<String> f = split(line);
        if (f.size() != 4) {
            return Parsed.rejected("expected 4 columns, found " + f.size());
        }
        Optional<String> idProblem = ResidentIdNumber.problemWith(f.get(0));
        if (idProblem.isPresent()) {
            return Parsed.rejected("person_id " + idProblem.get());
        }
        String uscc = CreditCode.normalize(f.get(1));
        Optional<String> usccProblem = CreditCode.problemWith(uscc);
        if (usccProblem.isPresent()) {
            return Parsed.rejected("employer_uscc " + usccProblem.get());
        }
        LocalDate since;
        try {
            since = LocalDate.parse(f.get(2));
        } catch (DateTimeParseException e) {
            return Parsed.rejected("insured_since is not a date (YYYY-MM-DD)");
        }
        if (since.isAfter(today)) {
            return Parsed.rejected("insured_since lies in the future");
        }
        String status = f.get(3).toUpperCase(Locale.ROOT);
        if (!INSURANCE_STATUSES.contains(status)) {
            return Parsed.rejected("status must be ACTIVE, SUSPENDED or TERMINATED");
        }
        return Parsed.ok(new Insured(ResidentIdNumber.normalize(f.get(0)), uscc, since, status));
    }

    public static Parsed<Tax> tax(String line, YearMonth currentMonth) {
        List<String> f = split(line);
        if (f.size() != 4) {
            return Parsed.rejected("expected 4 columns, found " + f.size());
        }
        String uscc = CreditCode.normalize(f.get(0));
        Optional<String> usccProblem = CreditCode.problemWith(uscc);
        if (usccProblem.isPresent()) {
            return Parsed.rejected("enterprise_uscc " + usccProblem.get());
        }
        int headcount;
        try {
            headcount = Integer.parseInt(f.get(1));
        } catch (NumberFormatException e) {
            return Parsed.rejected("headcount is not a whole number");
        }
        if (headcount < 0) {
            return Parsed.rejected("headcount must be 0 or more");
        }
        BigDecimal payroll;
        try {
            payroll = new BigDecimal(f.get(2));
        } catch (NumberFormatException e) {
            return Parsed.rejected("payroll is not a decimal amount in yuan");
        }
        if (payroll.signum() < 0 || payroll.scale() > 2 || payroll.compareTo(MAX_PAYROLL) > 0) {
            return Parsed.rejected("payroll must be 0 or more yuan with at most 2 decimals");
        }
        YearMonth period;
        try {
            period = YearMonth.parse(f.get(3));
        } catch (DateTimeParseException e) {
            return Parsed.rejected("period is not a month (YYYY-MM)");
        }
        if (period.isAfter(currentMonth)) {
            return Parsed.rejected("period lies in the future");
        }
        return Parsed.ok(new Tax(uscc, headcount, payroll, period.toString()));
    }
}
