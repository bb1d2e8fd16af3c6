package io.gucun.outreach.lead;

import java.util.EnumSet;
import java.util.Set;

/**
 * The follow-up of an enterprise lead. Officers move it between OPEN, CONTACTED, PREPARING (筹建) and STALLED; only
 * membership's UnionFounded closes it as FOUNDED, so a lead can never be claimed founded without the union existing.
 */
public enum LeadStatus {
    OPEN, CONTACTED, PREPARING, STALLED, FOUNDED;

    /** The states an officer may set from this one. */
    public Set<LeadStatus> followUps() {
        return switch (this) {
            case OPEN -> EnumSet.of(CONTACTED, STALLED);
            case CONTACTED -> EnumSet.of(PREPARING, STALLED);
            case PREPARING -> EnumSet.of(CONTACTED, STALLED);
            case STALLED -> EnumSet.of(CONTACTED, PREPARING);
            case FOUNDED -> EnumSet.noneOf(LeadStatus.class);
        };
    }

    public boolean canFollowUpTo(LeadStatus next) {
        return followUps().contains(next);
    }
}
