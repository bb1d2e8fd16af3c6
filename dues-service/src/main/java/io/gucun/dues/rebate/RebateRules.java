package io.gucun.dues.rebate;

import io.gucun.common.security.OrgPaths;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which policy version applies, and how one collection is split: plain code, unit-tested without a database. */
public final class RebateRules {

    private RebateRules() {
    }

    /** One version of a rebate policy. */
    public record PolicyVersion(long id, String name, int version, String scopePath, LocalDate validFrom,
                                int smallFirmMaxEmployees, Map<EnterpriseCategory, Integer> grassrootsBp) {
    }

    /** A collection to rebate, with what the rebate depends on. */
    public record CollectionToRebate(long collectionId, long enterpriseId, long amountFen, String enterpriseOrgPath,
                                     Long unionOrgId, Integer employees) {
    }

    /** One rebate line: every amount and the policy version that produced it. */
    public record Line(long collectionId, long enterpriseId, EnterpriseCategory category, long policyId, String policyName,
                       int policyVersion, int grassrootsBp, long amountFen, Long grassrootsOrgId, long grassrootsFen,
                       long preparatoryFen, long upperFen) {
    }

    /**
     * The policy in force for an enterprise under {@code orgPath} in the month starting {@code firstDay}: among the
     * versions whose scope contains the org and that are valid from that day or earlier, the narrowest scope wins, then
     * the latest valid-from date, then the highest version.
     */
    public static Optional<PolicyVersion> select(List<PolicyVersion> policies, String orgPath, LocalDate firstDay) {
        return policies.stream()
                .filter(p -> OrgPaths.isWithin(orgPath, p.scopePath()) && !p.validFrom().isAfter(firstDay))
                .max(Comparator.<PolicyVersion>comparingInt(p -> OrgPaths.depth(p.scopePath()))
                        .thenComparing(PolicyVersion::validFrom)
                        .thenComparingInt(PolicyVersion::version));
    }

    /** Splits one collection under a policy; the parts add up to the amount exactly (see {@link ShareSplit}). */
    public static Line split(CollectionToRebate c, PolicyVersion policy) {
        boolean hasUnion = c.unionOrgId() != null;
        EnterpriseCategory category = EnterpriseCategory.of(hasUnion, c.employees(), policy.smallFirmMaxEmployees());
        int bp = policy.grassrootsBp().getOrDefault(category, 0);
        long down = ShareSplit.downShare(c.amountFen(), bp);
        long up = c.amountFen() - down;
        if (category == EnterpriseCategory.NO_UNION) {
            return new Line(c.collectionId(), c.enterpriseId(), category, policy.id(), policy.name(), policy.version(), bp,
                    c.amountFen(), null, 0, down, up);
        }
        return new Line(c.collectionId(), c.enterpriseId(), category, policy.id(), policy.name(), policy.version(), bp,
                c.amountFen(), c.unionOrgId(), down, 0, up);
    }
}
