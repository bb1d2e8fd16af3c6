package io.gucun.dues.subsidy;

import io.gucun.common.replica.KnownOrg;
import io.gucun.dues.ledger.Postings;
import io.gucun.dues.org.Orgs;
import io.gucun.events.membership.OrgKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Which policy and fund a grant falls under, who pays how much, and whether a budget covers it: plain code. */
public final class SubsidyRules {

    private SubsidyRules() {
    }

    /** A policy version of one programme, for one region (org subtree): what the city, district and town each pay. */
    public record Policy(long id, int version, Programme programme, String regionPath, LocalDate validFrom, long cityFen,
                         long districtFen, long townFen) {

        /** A recruitment subsidy for the whole tree (the seeded Beijing default is one). */
        public Policy(long id, int version, LocalDate validFrom, long districtFen, long townFen) {
            this(id, version, Programme.RECRUITMENT_SUBSIDY, "1", validFrom, 0, districtFen, townFen);
        }
    }

    /** A payer with its level, for the event and the ledger. */
    public record Payment(String level, long orgId, long fen) {
    }

    /** A programme fund of a paying org for a region, with what is left in it. */
    public record Fund(long id, Programme programme, long payerOrgId, String regionPath, long balanceFen) {
    }

    /** Whether a share is paid now or owed until the fund is topped up. */
    public enum Decision { PAY, OWE }

    /** Whether {@code path} lies in the subtree rooted at {@code region} (ltree's {@code <@}). */
    public static boolean within(String path, String region) {
        return path.equals(region) || path.startsWith(region + ".");
    }

    private static int depth(String path) {
        return path.split("\\.").length;
    }

    /** The recruitment-subsidy version in force on {@code day} anywhere in the tree. */
    public static Optional<Policy> inForce(List<Policy> policies, LocalDate day) {
        return inForce(policies, Programme.RECRUITMENT_SUBSIDY, "1", day);
    }

    /**
     * The version of the programme in force on {@code day} for an org at {@code path}: among those whose region holds
     * the path and whose valid-from is on or before the day, the narrowest region, then the latest valid-from, then the
     * highest version.
     */
    public static Optional<Policy> inForce(List<Policy> policies, Programme programme, String path, LocalDate day) {
        return policies.stream().filter(p -> p.programme() == programme && within(path, p.regionPath())
                        && !p.validFrom().isAfter(day))
                .max(Comparator.<Policy>comparingInt(p -> depth(p.regionPath())).thenComparing(Policy::validFrom)
                        .thenComparingInt(Policy::version));
    }

    /**
     * The city, district and town/street union above (or at) the recipient org pay their configured amounts; a level
     * missing from the tree, or configured at zero, pays nothing.
     */
    public static List<Payment> payments(List<KnownOrg> chainRootFirst, Policy policy) {
        List<Payment> payments = new ArrayList<>();
        Orgs.nearest(chainRootFirst, OrgKind.CITY).filter(o -> policy.cityFen() > 0)
                .ifPresent(o -> payments.add(new Payment("CITY", o.id, policy.cityFen())));
        Orgs.nearest(chainRootFirst, OrgKind.DISTRICT).filter(o -> policy.districtFen() > 0)
                .ifPresent(o -> payments.add(new Payment("DISTRICT", o.id, policy.districtFen())));
        Orgs.nearest(chainRootFirst, OrgKind.TOWN).filter(o -> policy.townFen() > 0)
                .ifPresent(o -> payments.add(new Payment("TOWN", o.id, policy.townFen())));
        return payments;
    }

    /** The payer's fund for this programme whose region holds the recipient: the narrowest one. */
    public static Optional<Fund> fundFor(List<Fund> funds, Programme programme, long payerOrgId, String recipientPath) {
        return funds.stream().filter(f -> f.programme() == programme && f.payerOrgId() == payerOrgId
                        && within(recipientPath, f.regionPath()))
                .max(Comparator.comparingInt(f -> depth(f.regionPath())));
    }

    /**
     * A new share is paid when its fund covers it and nothing owed is queued before it in that fund (first in, first
     * out); otherwise it is owed. Without a fund it is owed.
     */
    public static Decision decide(Optional<Fund> fund, boolean owedQueuedAhead, long fen) {
        return fund.isPresent() && !owedQueuedAhead && fund.get().balanceFen() >= fen ? Decision.PAY : Decision.OWE;
    }

    /**
     * How many of the owed shares, oldest first, a fund with {@code balanceFen} pays now: strictly in order, stopping at
     * the first it cannot cover (a large old share is not overtaken by smaller new ones).
     */
    public static int payableInOrder(long balanceFen, List<Long> owedOldestFirst) {
        int n = 0;
        long left = balanceFen;
        for (long fen : owedOldestFirst) {
            if (fen > left) {
                break;
            }
            left -= fen;
            n++;
        }
        return n;
    }

    public static List<Postings.Payer> payers(List<Payment> payments) {
        return payments.stream().map(p -> new Postings.Payer(p.orgId(), p.fen())).toList();
    }
}
