package io.gucun.events.membership;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Events of the {@code enterprise} aggregate, published on topic {@code membership.enterprise.v1}; see EVENTS.md. */
public final class EnterpriseEvents {

    public static final String AGGREGATE = "enterprise";

    /** An enterprise was registered under an org of the tree. */
    public record EnterpriseRegistered(long enterpriseId, String creditCode, String name, long orgId, String orgPath,
                                       int employeeCount, LocalDate establishedOn, String gridCode) {
    }

    /** An enterprise founded its union (建会): {@code unionOrgId}/{@code orgPath} name the new ENTERPRISE-kind org. */
    public record UnionFounded(long enterpriseId, String creditCode, long unionOrgId, String orgPath, OffsetDateTime foundedAt) {
    }

    /** An enterprise's details changed, or it moved to another org ({@code moved}); its union, if any, moved with it. */
    public record EnterpriseUpdated(long enterpriseId, String creditCode, String name, long orgId, String orgPath,
                                    int employeeCount, LocalDate establishedOn, String gridCode, boolean moved) {
    }

    /**
     * An enterprise closed down. When it had an active union, that union closed too (OrgClosed) and
     * {@code heldByOrgId} holds its {@code membersHeld} members (each also gets MemberTransferred, reason EMPLOYER_CLOSED).
     */
    public record EnterpriseClosed(long enterpriseId, String creditCode, LocalDate closedOn, Long closedUnionOrgId,
                                   Long heldByOrgId, int membersHeld) {
    }

    private EnterpriseEvents() {
    }
}
