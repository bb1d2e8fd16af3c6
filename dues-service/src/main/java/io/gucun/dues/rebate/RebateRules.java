package io.gucun.dues.rebate;

import io.gucun.common.security.OrgPaths;
import io.gucun.events.membership.OrgKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which policy version applies, who receives each level's share, and how one collection is divided among them:
 * plain code, unit-tested without a database.
 */
public final class RebateRules {

    private RebateRules() {
    }

    /**
     * A category's rule: what is returned to the grassroots (for a firm without a union: held for it) and how the
     * rest divides among the levels above, in basis points adding up to 10,000.
     */
    public record CategoryRule(int grassrootsBp, Map<ShareLevel, Integer> upperBp) {

        public CategoryRule {
            upperBp = Map.copyOf(upperBp);
        }

        /** Grassroots first (it wins ties in rounding), then the levels above, lowest first; levels without a share left out. */
        public Map<ShareLevel, Integer> shares() {
            Map<ShareLevel, Integer> shares = new LinkedHashMap<>();
            shares.put(ShareLevel.GRASSROOTS, grassrootsBp);
            ShareLevel.UPPER.forEach(l -> {
                int bp = upperBp.getOrDefault(l, 0);
                if (bp > 0) {
                    shares.put(l, bp);
                }
            });
            return shares;
        }

        public int totalBp() {
            return grassrootsBp + upperBp.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Only a grassroots share: the whole amount goes down. */
        public static CategoryRule fullRefund() {
            return new CategoryRule(Allocation.FULL_BP, Map.of());
        }
    }

    /** One version of a rebate policy. */
    public record PolicyVersion(long id, String name, int version, String scopePath, LocalDate validFrom,
                                int smallFirmMaxEmployees, int returnFloorBp, int heldReleaseMonths,
                                Map<EnterpriseCategory, CategoryRule> rules) {
    }

    /** A retention override for one enterprise (因企制宜): its grassroots share replaces the policy's. */
    public record Override(long id, int grassrootsBp) {
    }

    /** A collection to rebate, with what the rebate depends on. */
    public record CollectionToRebate(long collectionId, long enterpriseId, long amountFen, String enterpriseOrgPath,
                                     Long unionOrgId, Integer employees) {
    }

    /** An org on an enterprise's path, root first. */
    public record OrgOnPath(long id, OrgKind kind) {
    }

    /** One receiving part of a collection: the level, the org, its share, the fen and whether rounding added one. */
    public record Share(ShareLevel level, long orgId, int bp, long fen, boolean roundedUp) {
    }

    /**
     * One rebate line: every amount and what produced it (policy version, category, rule, rounding). For a firm without
     * a union the grassroots share is the held {@code preparatoryFen}; {@code upperFen} is the sum of the upper shares.
     */
    public record Line(long collectionId, long enterpriseId, EnterpriseCategory category, long policyId, String policyName,
                       int policyVersion, int grassrootsBp, long amountFen, Long grassrootsOrgId, long grassrootsFen,
                       long preparatoryFen, long upperFen, Long overrideId, String rule, String rounding, List<Share> shares) {

        public Line {
            shares = List.copyOf(shares);
        }

        /** What goes back to the grassroots: paid down, or held for the firm until it founds its union. */
        public long returnedFen() {
            return grassrootsFen + preparatoryFen;
        }
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

    /**
     * Who receives each upper level's share for an enterprise whose path (root first) is {@code chain}: the org of that
     * level on the path, at or above the collecting org. A level missing from the path (Beijing's districts sit under a
     * municipality, with no province between) passes its share to the next org below it on the path, never below the
     * collecting org; when there is none, the collecting org receives it.
     */
    public static Map<ShareLevel, Long> recipients(List<OrgOnPath> chain, long collectingOrgId) {
        int collector = -1;
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).id() == collectingOrgId) {
                collector = i;
            }
        }
        Map<ShareLevel, Long> to = new EnumMap<>(ShareLevel.class);
        for (ShareLevel level : ShareLevel.UPPER) {
            long org = collectingOrgId;
            for (int i = 0; i <= collector; i++) {
                OrgOnPath o = chain.get(i);
                if (o.kind() == level.kind()) {
                    org = o.id();
                    break;
                }
            }
            if (org == collectingOrgId) {
                for (int i = 0; i <= collector; i++) {
                    OrgOnPath o = chain.get(i);
                    if (o.kind().rank() > level.kind().rank()) {
                        org = o.id();
                        break;
                    }
                }
            }
            to.put(level, org);
        }
        return to;
    }

    /**
     * Splits one collection under a policy (or the enterprise's override) among the grassroots and every level above;
     * the parts add up to the amount exactly (see {@link Allocation}). With an override the grassroots share is the
     * override's and the rest divides among the levels above in the proportions of the policy's rule (all to the town
     * level when the rule has none).
     */
    public static Line split(CollectionToRebate c, PolicyVersion policy, long collectingOrgId, Map<ShareLevel, Long> recipients,
                             Optional<Override> override) {
        boolean hasUnion = c.unionOrgId() != null;
        EnterpriseCategory category = EnterpriseCategory.of(hasUnion, c.employees(), policy.smallFirmMaxEmployees());
        CategoryRule rule = policy.rules().getOrDefault(category, CategoryRule.fullRefund());
        Map<ShareLevel, Long> weights = new LinkedHashMap<>();
        String ruleName;
        if (override.isPresent()) {
            int g = override.get().grassrootsBp();
            long upper = rule.totalBp() - rule.grassrootsBp();
            weights.put(ShareLevel.GRASSROOTS, (long) g * Math.max(upper, 1));
            if (upper == 0) {
                weights.put(ShareLevel.TOWN, (long) Allocation.FULL_BP - g);
            } else {
                rule.shares().forEach((level, bp) -> {
                    if (level != ShareLevel.GRASSROOTS) {
                        weights.put(level, (long) (Allocation.FULL_BP - g) * bp);
                    }
                });
            }
            ruleName = "override " + override.get().id() + " of " + category;
        } else {
            rule.shares().forEach((level, bp) -> weights.put(level, (long) bp));
            ruleName = "policy rule " + category;
        }
        List<Allocation.Part> parts = Allocation.byWeight(c.amountFen(), weights);
        List<Share> shares = new ArrayList<>(parts.size());
        long down = 0;
        long upper = 0;
        for (Allocation.Part p : parts) {
            long org;
            if (p.level() == ShareLevel.GRASSROOTS) {
                down = p.fen();
                org = hasUnion ? c.unionOrgId() : collectingOrgId;
            } else {
                upper += p.fen();
                org = recipients.getOrDefault(p.level(), collectingOrgId);
            }
            shares.add(new Share(p.level(), org, p.bp(), p.fen(), p.roundedUp()));
        }
        String roundedUp = shares.stream().filter(Share::roundedUp).map(s -> s.level().name()).collect(Collectors.joining(", "));
        String rounding = "largest remainder" + (roundedUp.isEmpty() ? ", exact" : ", +1 fen to " + roundedUp);
        int grassrootsBp = shares.getFirst().bp();
        Long overrideId = override.map(Override::id).orElse(null);
        if (!hasUnion) {
            return new Line(c.collectionId(), c.enterpriseId(), category, policy.id(), policy.name(), policy.version(), grassrootsBp,
                    c.amountFen(), null, 0, down, upper, overrideId, ruleName, rounding, shares);
        }
        return new Line(c.collectionId(), c.enterpriseId(), category, policy.id(), policy.name(), policy.version(), grassrootsBp,
                c.amountFen(), c.unionOrgId(), down, 0, upper, overrideId, ruleName, rounding, shares);
    }

    /**
     * The problem with a policy's returned shares against its stated floor, per category ("returns 60% — 20 points
     * below the floor of 80%"), or empty. A firm without a union counts its held share as returned.
     */
    public static Optional<String> belowFloor(int returnedBp, int floorBp) {
        if (returnedBp >= floorBp) {
            return Optional.empty();
        }
        return Optional.of("returns " + percent(returnedBp) + "%, " + percent(floorBp - returnedBp)
                + " percentage points below the floor of " + percent(floorBp) + "%");
    }

    static String percent(int bp) {
        return java.math.BigDecimal.valueOf(bp, 2).stripTrailingZeros().toPlainString();
    }
}
