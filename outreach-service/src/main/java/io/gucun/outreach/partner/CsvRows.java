package io.gucun.outreach.partner;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.gucun.common.identity.CreditCode;
import io.gucun.common.identity.ResidentIdNumber;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reading partner CSV with jackson-csv (as dues reads its collection files): the header check (fail fast), the rows
 * one at a time, and the per-row rules (reject one row, keep going). Pure, so the rules are unit-tested without a
 * server. Reasons never quote a personal ID number.
 */
public final class CsvRows {

    public static final Set<String> INSURANCE_STATUSES = Set.of("ACTIVE", "SUSPENDED", "TERMINATED");
    private static final BigDecimal MAX_PAYROLL = new BigDecimal("9999999999999999.99");
    /**
     * Far above any valid field, and a bound on what one field may hold in memory: an unclosed quote would otherwise
     * read the rest of a million-row file into one value.
     */
    private static final int MAX_FIELD_CHARS = 64 * 1024;
    private static final ObjectReader ROWS = new CsvMapper(CsvFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_FIELD_CHARS).build()).build())
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .readerFor(String[].class);

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
        List<String> columns;
        try (MappingIterator<String[]> header = rows(new StringReader(line))) {
            columns = header.hasNextValue() ? Stream.of(header.nextValue()).map(c -> c.toLowerCase(Locale.ROOT)).toList()
                    : List.of();
        } catch (IOException e) {
            return Optional.of("the header is not CSV: expected " + String.join(",", kind.columns()));
        }
        if (!columns.equals(kind.columns())) {
            return Optional.of("wrong columns " + columns + ": a " + kind + " file has the header "
                    + String.join(",", kind.columns()));
        }
        return Optional.empty();
    }

    /** The fields of one line of a partner file (quoted fields allowed), or why the line is not CSV. */
    public static Parsed<List<String>> fields(String line) {
        try (MappingIterator<String[]> row = rows(new StringReader(line))) {
            return row.hasNextValue() ? Parsed.ok(List.of(row.nextValue())) : Parsed.rejected("the line is empty");
        } catch (IOException | RuntimeException e) {
            // the parser's message may quote the line, which may hold an ID number: say what is wrong in general terms
            return Parsed.rejected("the line is not CSV (an unclosed quote, or a field longer than "
                    + MAX_FIELD_CHARS / 1024 + " KiB)");
        }
    }

    private static MappingIterator<String[]> rows(Reader in) throws IOException {
        return ROWS.readValues(in);
    }

    public static Parsed<Insured> insured(List<String> f, LocalDate today) {
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

    public static Parsed<Tax> tax(List<String> f, YearMonth currentMonth) {
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
