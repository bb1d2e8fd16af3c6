package io.gucun.dues.collection;

import io.gucun.common.money.Money;
import io.gucun.common.problem.ApiException;
import io.gucun.common.replica.KnownOrg;
import io.gucun.common.security.CallerScope;
import io.gucun.dues.ledger.Ledger;
import io.gucun.dues.ledger.Period;
import io.gucun.dues.ledger.Postings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Member dues (会费): recorded once per payment reference, posted to the member's org. */
@ApplicationScoped
public class DuesPayments {

    @Inject
    EntityManager em;

    @Inject
    Ledger ledger;

    @Inject
    CallerScope caller;

    @Inject
    Clock clock;

    public record Recorded(CollectionDtos.DuesPaymentView payment, boolean created) {
    }

    @Transactional
    public Recorded record(CollectionDtos.NewDuesPayment in) {
        Period period = Period.parse("period", in.period(), clock);
        long fen = Money.parsePositive("amount", in.amount());
        KnownOrg org = KnownOrg.findById(in.orgId());
        if (org == null || !caller.covers(org.path)) {
            throw ApiException.invalid("orgId", "names no organization in your scope");
        }
        String ref = in.reference().trim();
        if (ref.length() > 100) {
            throw ApiException.invalid("reference", "must be at most 100 characters");
        }
        int inserted = em.createNativeQuery("insert into dues_payment (reference, member_id, org_id, period, amount_fen,"
                        + " recorded_by, received_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict (reference) do nothing")
                .setParameter(1, ref).setParameter(2, in.memberId()).setParameter(3, in.orgId())
                .setParameter(4, period.toString()).setParameter(5, fen).setParameter(6, caller.username())
                .setParameter(7, Instant.now(clock)).executeUpdate();
        if (inserted == 1) {
            ledger.postOne(Postings.duesPayment(in.orgId(), period, fen, "dues:" + ref,
                    "dues of member " + in.memberId() + " for " + period + " (" + ref + ")"), caller.username());
        }
        return new Recorded(find(ref), inserted == 1);
    }

    private CollectionDtos.DuesPaymentView find(String ref) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, reference, member_id, org_id, period, amount_fen, received_at"
                + " from dues_payment where reference = ?1").setParameter(1, ref).getResultList();
        Object[] r = rows.getFirst();
        return new CollectionDtos.DuesPaymentView(((Number) r[0]).longValue(), (String) r[1], ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue(), (String) r[4], Money.format(((Number) r[5]).longValue()), Money.CURRENCY,
                io.gucun.dues.ledger.LedgerTimes.instant(r[6]));
    }
}
