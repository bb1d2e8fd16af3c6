package io.gucun.outreach.lead;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeadStatusTest {

    @Test
    void officersFollowUpStepByStep() {
        assertThat(LeadStatus.OPEN.canFollowUpTo(LeadStatus.CONTACTED)).isTrue();
        assertThat(LeadStatus.CONTACTED.canFollowUpTo(LeadStatus.PREPARING)).isTrue();
        assertThat(LeadStatus.STALLED.canFollowUpTo(LeadStatus.CONTACTED)).isTrue();
        assertThat(LeadStatus.OPEN.canFollowUpTo(LeadStatus.PREPARING)).isFalse();
    }

    @Test
    void nobodyMarksALeadFoundedByHandAndAFoundedLeadIsClosed() {
        for (LeadStatus s : LeadStatus.values()) {
            assertThat(s.canFollowUpTo(LeadStatus.FOUNDED)).as(s.name()).isFalse();
        }
        assertThat(LeadStatus.FOUNDED.followUps()).isEmpty();
    }
}
