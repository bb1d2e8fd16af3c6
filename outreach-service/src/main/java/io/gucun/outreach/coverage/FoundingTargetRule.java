package io.gucun.outreach.coverage;

import java.time.LocalDate;

/**
 * Which enterprises to aim the next events at (the Jiangxi rule): at least {@code minEmployees} employees, at least
 * {@code minYears} in business, and no union. A dated policy: {@code effectiveFrom} is the day the federation adopted
 * it, and every ranked target names the rule (thresholds and date) that put it there. Employees are taken from the best
 * evidence at hand ({@link FirmEvidence#employees}); the years in business from the register, else from the earliest
 * trace the partners' data has of the firm ({@link FirmEvidence#inBusinessSince}).
 */
public record FoundingTargetRule(int minEmployees, int minYears, LocalDate effectiveFrom) {

    public FoundingTargetRule {
        if (minEmployees < 1 || minYears < 0) {
            throw new IllegalArgumentException("thresholds must be positive");
        }
        if (effectiveFrom == null) {
            throw new IllegalArgumentException("a policy names the day it took effect");
        }
    }

    /** Enterprises in business on or before this day have been in business long enough. */
    public LocalDate establishedBy(LocalDate today) {
        return today.minusYears(minYears);
    }

    public boolean isTarget(int employees, LocalDate inBusinessSince, boolean hasUnion, LocalDate today) {
        return !hasUnion && employees >= minEmployees && inBusinessSince != null && !inBusinessSince.isAfter(establishedBy(today));
    }
}
