package io.gucun.membership.assessment;

import io.gucun.common.problem.FieldError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Collection;

/** The rules of the members' assessment of their chair. Plain code: no persistence, no clock. */
public final class AssessmentRules {

    /** The longest rating window. */
    public static final int MAX_WINDOW_DAYS = 62;

    private AssessmentRules() {
    }

    /** What is wrong with the rating window and year, or null. */
    public static FieldError whyBadWindow(int year, OffsetDateTime opensAt, OffsetDateTime closesAt) {
        if (year < 2000 || year > 2999) {
            return new FieldError("year", "must lie between 2000 and 2999");
        }
        if (opensAt.getYear() < 2000 || opensAt.getYear() > 2999) {
            return new FieldError("opensAt", "must lie between the years 2000 and 2999");
        }
        if (!closesAt.isAfter(opensAt)) {
            return new FieldError("closesAt", "must be after opensAt");
        }
        if (closesAt.isAfter(opensAt.plusDays(MAX_WINDOW_DAYS))) {
            return new FieldError("closesAt", "must be at most " + MAX_WINDOW_DAYS + " days after opensAt");
        }
        return null;
    }

    /** Counts are shown only when at least {@code minRaters} members rated: fewer could point at who rated what. */
    public static boolean shown(int raters, int minRaters) {
        return raters >= minRaters;
    }

    /**
     * The whole calendar months of {@code year} every day of which lies in one of the {@code terms} (first and last
     * day inclusive, a null last day open-ended): a chair elected on 15 March held the post the nine months April to
     * December; a chair re-elected mid-month keeps that month, the two terms meeting end to end.
     */
    public static int monthsInPost(int year, Collection<Term> terms) {
        int months = 0;
        for (int month = 1; month <= 12; month++) {
            YearMonth ym = YearMonth.of(year, month);
            boolean whole = true;
            for (LocalDate day = ym.atDay(1); whole && !day.isAfter(ym.atEndOfMonth()); day = day.plusDays(1)) {
                LocalDate d = day;
                whole = terms.stream().anyMatch(t -> t.covers(d));
            }
            if (whole) {
                months++;
            }
        }
        return months;
    }

    /** A term in post: first and last day served, inclusive ({@code to} null when open-ended). */
    public record Term(LocalDate from, LocalDate to) {

        boolean covers(LocalDate day) {
            return !day.isBefore(from) && (to == null || !day.isAfter(to));
        }
    }

    /** Satisfied plus basically satisfied over all raters, in percent with two decimals; null for no raters. */
    public static BigDecimal satisfactionPercent(int satisfied, int basicallySatisfied, int dissatisfied) {
        int raters = satisfied + basicallySatisfied + dissatisfied;
        if (raters == 0) {
            return null;
        }
        return BigDecimal.valueOf(100L * (satisfied + basicallySatisfied)).divide(BigDecimal.valueOf(raters), 2,
                RoundingMode.HALF_UP);
    }
}
