package io.gucun.dues.subsidy;

import io.gucun.common.replica.KnownEnterprise;
import io.gucun.common.replica.KnownOrg;
import io.gucun.common.replica.UnionFoundedSeen;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** A union founded (UnionFounded, in the consuming transaction) → the start-up grant of the programme in force. */
@ApplicationScoped
public class StartupGrants {

    @Inject
    SubsidyService subsidies;

    void founded(@Observes UnionFoundedSeen seen) {
        KnownEnterprise enterprise = KnownEnterprise.find("creditCode", seen.creditCode()).firstResult();
        if (enterprise == null) {
            return; // the replica persists it before firing: only a replica without it would get here
        }
        KnownOrg union = KnownOrg.findById(seen.unionOrgId());
        // The union org may arrive later on the org topic; it sits right under the enterprise's org.
        KnownOrg parent = union != null || enterprise.orgId == null ? null : KnownOrg.findById(enterprise.orgId);
        String path = union != null ? union.path
                : (parent != null ? parent.path : enterprise.orgPath) + "." + seen.unionOrgId();
        subsidies.unionFounded(enterprise.id, seen.unionOrgId(), path, seen.foundedAt());
    }
}
