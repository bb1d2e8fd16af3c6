package io.gucun.dues.subsidy;

import io.gucun.dues.approval.DatedRowApproval;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A subsidy policy version takes effect when a second officer approves it, unless its start has passed meanwhile
 * (members who joined since were granted under the version then in force).
 */
@ApplicationScoped
public class SubsidyPolicyApproval extends DatedRowApproval {

    static final String KIND = "SUBSIDY_POLICY";

    public SubsidyPolicyApproval() {
        super(KIND, "subsidy_policy");
    }
}
