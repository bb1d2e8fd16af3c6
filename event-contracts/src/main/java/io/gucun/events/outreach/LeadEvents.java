package io.gucun.events.outreach;

import java.time.OffsetDateTime;

/** Events of the lead aggregate (topic outreach.lead.v1); enterprises only, no personal data. */
public final class LeadEvents {

    public static final String AGGREGATE = "lead";

    private LeadEvents() {
    }

    public record EnterpriseLeadFound(long leadId, String creditCode, Long enterpriseId, String name, long orgId,
                                      String orgPath, String gridCode, long eventId, OffsetDateTime foundAt) {
    }
}
