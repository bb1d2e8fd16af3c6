package io.gucun.outreach;

import io.gucun.common.replica.KnownOrg;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A small union tree of its own per test, announced through membership's org events:
 * province → district → town federation → park joint union → (enterprise union).
 */
public record TestTree(long provinceId, String province, long districtId, String district, long townId, String town,
                       long parkId, String park) {

    public static TestTree create() {
        long p = MembershipFeed.nextId();
        long d = MembershipFeed.nextId();
        long t = MembershipFeed.nextId();
        long k = MembershipFeed.nextId();
        String pp = "1." + p;
        String dp = pp + "." + d;
        String tp = dp + "." + t;
        String kp = tp + "." + k;
        MembershipFeed.orgCreated(p, 1L, pp, "PROVINCE");
        MembershipFeed.orgCreated(d, p, dp, "DISTRICT");
        MembershipFeed.orgCreated(t, d, tp, "TOWN");
        MembershipFeed.orgCreated(k, t, kp, "JOINT_AREA");
        MembershipFeed.await("the tree arrives", () -> QuarkusTransaction.requiringNew().call(() -> KnownOrg.findById(k) != null));
        return new TestTree(p, pp, d, dp, t, tp, k, kp);
    }
}
