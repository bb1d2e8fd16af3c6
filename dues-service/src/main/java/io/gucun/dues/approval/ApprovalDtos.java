package io.gucun.dues.approval;

import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class ApprovalDtos {

    private ApprovalDtos() {
    }

    @Schema(description = "A decision waiting for, or given, a second officer's approval; also its audit record")
    public record ApprovalView(long id,
                               @Schema(description = "REBATE_POLICY, RETENTION_OVERRIDE, FLOOR_RULE, SUBSIDY_POLICY or MANUAL_ENTRY") String kind,
                               @Schema(description = "The id of what is decided (policy version, override, ...)") long subjectId,
                               @Schema(description = "Approvers are admins or officers whose subtree contains this org (null: admins only)")
                               String authorityPath, String summary,
                               @Schema(description = "PENDING, APPROVED or REJECTED") String status,
                               String proposedBy, Instant proposedAt, String decidedBy, Instant decidedAt, String note) {
    }

    @Schema(description = "An approval or rejection")
    public record DecisionRequest(@Schema(example = "核对无误") @Size(max = 500) String note) {
    }
}
