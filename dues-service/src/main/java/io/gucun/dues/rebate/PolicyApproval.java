package io.gucun.dues.rebate;

import io.gucun.dues.approval.DatedRowApproval;
import jakarta.enterprise.context.ApplicationScoped;

/** A rebate policy version takes effect when a second officer approves it, unless its start has passed meanwhile. */
@ApplicationScoped
public class PolicyApproval extends DatedRowApproval {

    static final String KIND = "REBATE_POLICY";

    public PolicyApproval() {
        super(KIND, "rebate_policy");
    }
}
