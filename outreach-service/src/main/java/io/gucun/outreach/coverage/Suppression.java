package io.gucun.outreach.coverage;

/**
 * Counts of people are published only for groups of at least {@code minGroup}: a smaller group's figures are withheld
 * (null, flagged suppressed) so nobody can be singled out from an aggregate.
 */
public record Suppression(int minGroup) {

    public boolean hides(long groupSize) {
        return groupSize < minGroup;
    }

    public Long show(long count, long groupSize) {
        return hides(groupSize) ? null : count;
    }
}
