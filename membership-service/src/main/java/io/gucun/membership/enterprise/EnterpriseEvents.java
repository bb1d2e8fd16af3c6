package io.gucun.membership.enterprise;

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

    private EnterpriseEvents() {
    }
}
