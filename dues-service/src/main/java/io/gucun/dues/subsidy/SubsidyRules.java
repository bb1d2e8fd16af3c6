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

/** Who pays the subsidy for a member recruited, and how much: plain code. */
public final class SubsidyRules {

    private SubsidyRules() {
    }

    public record Policy(long id, int version, LocalDate validFrom, long districtFen, long townFen) {
    }

    /** A payer with its level, for the event and the ledger. */
    public record Payment(String level, long orgId, long fen) {
    }

    /** The version in force on {@code day}: the latest valid-from on or before it, then the highest version. */
    public static Optional<Policy> inForce(List<Policy> policies, LocalDate day) {
        return policies.stream().filter(p -> !p.validFrom().isAfter(day))
                .max(Comparator.comparing(Policy::validFrom).thenComparingInt(Policy::version));
    }

    /**
     * The district union and the town/street union above (or at) the member's org pay their configured amounts; a level
     * missing from the tree, or configured at zero, pays nothing.
     */
    public static List<Payment> payments(List<KnownOrg> chainRootFirst, Policy policy) {
        List<Payment> payments = new ArrayList<>();
        Orgs.nearest(chainRootFirst, OrgKind.DISTRICT).filter(o -> policy.districtFen() > 0)
                .ifPresent(o -> payments.add(new Payment("DISTRICT", o.id, policy.districtFen())));
        Orgs.nearest(chainRootFirst, OrgKind.TOWN).filter(o -> policy.townFen() > 0)
                .ifPresent(o -> payments.add(new Payment("TOWN", o.id, policy.townFen())));
        return payments;
    }

    public static List<Postings.Payer> payers(List<Payment> payments) {
        return payments.stream().map(p -> new Postings.Payer(p.orgId(), p.fen())).toList();
    }
}
