package io.gucun.outreach.coverage;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Every number shown about a firm says where it came from and for when: the union's register (as registered), the tax
 * partner (a period YYYY-MM) or the social-insurance partner (the day of its latest import of the firm's workers).
 */
public final class FirmEvidence {

    private FirmEvidence() {
    }

    public enum Source { REGISTER, TAX, SOCIAL_INSURANCE, OFFICER }

    /** One figure and its provenance; {@code period} is null for the register (it is as registered, undated). */
    public record Figure(long value, Source source, String period) {
    }

    /** A day and where it came from. */
    public record Day(LocalDate on, Source source) {
    }

    /**
     * The firm's size: the largest of the tax headcount (latest period), the workers insured there now and the count
     * registered in membership. On a tie the partner's figure wins over the register (it is dated), tax before social
     * insurance (a headcount, not only the insured). Null when no source has a figure.
     */
    public static Figure employees(Integer taxHeadcount, String taxPeriod, long insuredWorkers, LocalDate insuredAsOf,
                                   Integer registeredCount) {
        Figure best = null;
        if (taxHeadcount != null) {
            best = new Figure(taxHeadcount, Source.TAX, taxPeriod);
        }
        if (insuredAsOf != null && (best == null || insuredWorkers > best.value())) {
            best = new Figure(insuredWorkers, Source.SOCIAL_INSURANCE, insuredAsOf.toString());
        }
        if (registeredCount != null && (best == null || registeredCount > best.value())) {
            best = new Figure(registeredCount, Source.REGISTER, null);
        }
        return best;
    }

    /**
     * Since when the firm has been in business: the register's founding date; for a firm the register does not know,
     * the earliest trace in the partners' data — its first insured worker or its first tax period — which can only
     * make it look younger than it is, never older.
     */
    public static Day inBusinessSince(LocalDate established, LocalDate firstInsured, String firstTaxPeriod) {
        if (established != null) {
            return new Day(established, Source.REGISTER);
        }
        LocalDate firstTax = firstTaxPeriod == null ? null : YearMonth.parse(firstTaxPeriod).atDay(1);
        if (firstInsured != null && (firstTax == null || !firstTax.isBefore(firstInsured))) {
            return new Day(firstInsured, Source.SOCIAL_INSURANCE);
        }
        return firstTax == null ? null : new Day(firstTax, Source.TAX);
    }

    /** Whole years between the day and today (0 for a firm younger than a year). */
    public static int years(Day since, LocalDate today) {
        return since == null ? 0 : Math.max(0, java.time.Period.between(since.on(), today).getYears());
    }
}
