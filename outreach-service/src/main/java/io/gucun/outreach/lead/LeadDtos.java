package io.gucun.outreach.lead;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class LeadDtos {

    private LeadDtos() {
    }

    @Schema(name = "EnterpriseLead", description = "An enterprise without a union whose workers came to an event")
    public record LeadView(long id, String creditCode, Long enterpriseId, String name, long orgId, String orgPath,
                           String gridCode, LeadStatus status,
                           @Schema(description = "The event where its workers first came; none for a lead found by money "
                                   + "held in suspense before any came") Long firstEventId,
                           int workersSeen, OffsetDateTime foundAt,
                           String note, OffsetDateTime followedUpAt, String followedUpBy, OffsetDateTime foundedAt,
                           Long unionOrgId, Long creditedEventId, int version,
                           @Schema(description = "EVENT: its workers came to an event; SUSPENSE: union funds from it were "
                                   + "held in suspense because the union has not registered it") String source,
                           @Schema(description = "Union funds from it held in suspense (yuan), as dues reported them") String suspendedAmount) {
        public static LeadView of(EnterpriseLead l, long suspendedFen) {
            return new LeadView(l.id, l.creditCode, l.enterpriseId, l.name, l.orgId, l.orgPath, l.gridCode, l.status,
                    l.firstEventId, l.workersSeen, l.foundAt, l.note, l.followedUpAt, l.followedUpBy, l.foundedAt,
                    l.unionOrgId, l.creditedEventId, l.version, l.source, io.gucun.common.money.Money.format(suspendedFen));
        }
    }

    @Schema(name = "LeadFollowUp", description = "The next step of a lead's follow-up")
    public record FollowUp(@Schema(examples = "CONTACTED") @NotNull LeadStatus status,
                           @Schema(examples = "已约见企业负责人，下周讲解建会流程") @Size(max = 500) String note) {
    }
}
