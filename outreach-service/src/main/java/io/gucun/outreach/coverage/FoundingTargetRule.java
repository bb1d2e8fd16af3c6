package io.gucun.outreach.coverage;

import java.time.LocalDate;

/**
 * Which enterprises to aim the next events at (the Jiangxi rule): at least {@code minEmployees} employees, at least
 * {@code minYears} in business, and no union. Employees are taken from the best evidence at hand: the headcount the tax
 * partner reported, the workers the social-insurance partner says are insured there, or the count registered in
 * membership — whichever is largest.
 */
public record FoundingTargetRule(int minEmployees, int minYears) {

    public FoundingTargetRule {
        if (minEmployees < 1 || minYears < 0) {
            throw new IllegalArgumentException("thresholds must be positive");
        }
    }

    /** Enterprises founded on or before this day have been in business long enough. */
    public LocalDate establishedBy(LocalDate today) {
        return today.minusYears(minYears);
    }

    public static int employees(Integer taxHeadcount, long insuredWorkers, Integer registeredCount) {
        long best = Math.max(insuredWorkers, Math.max(taxHeadcount == null ? 0 : taxHeadcount, registeredCount == null ? 0 : registeredCount));
        return (int) Math.min(Integer.MAX_VALUE, best);
    }

    public boolean isTarget(int employees, LocalDate establishedOn, boolean hasUnion, LocalDate today) {
        return !hasUnion && employees >= minEmployees && establishedOn != null && !establishedOn.isAfter(establishedBy(today));
    }
}
