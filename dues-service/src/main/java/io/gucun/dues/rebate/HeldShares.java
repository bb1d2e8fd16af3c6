package io.gucun.dues.rebate;

import io.gucun.common.money.Money;
import io.gucun.common.replica.KnownEnterprise;
import io.gucun.common.replica.UnionFoundedSeen;
import io.gucun.common.security.CallerScope;
import io.gucun.common.time.BusinessTime;
import io.gucun.dues.ledger.AccountPurpose;
import io.gucun.dues.ledger.EntryKind;
import io.gucun.dues.ledger.Ledger;
import io.gucun.dues.ledger.Period;
import io.gucun.dues.ledger.Postings;
import io.gucun.dues.org.Orgs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * Shares held for firms without a union (the NO_UNION category's grassroots share, in the collecting org's
 * PREPARATORY_FUND): released to the firm's union when it founds one, or, once the months the policy sets have passed
 * since the period collected, to the joint union the firm is registered under (it holds the firm's workers). Each
 * release posts D PREPARATORY_FUND at the collecting org, C GRASSROOTS_SHARE at the recipient (cash moving with it) and
 * marks the rebate lines it released.
 */
@ApplicationScoped
public class HeldShares {

    @Inject
    EntityManager em;

    @Inject
    Ledger ledger;

    @Inject
    BusinessTime time;

    @Inject
    CallerScope caller;

    @Inject
    Orgs orgs;

    /** On UnionFounded (inside the consuming transaction): everything held for the firm goes to its new union. */
    void onFounded(@Observes UnionFoundedSeen founded) {
        KnownEnterprise.byCreditCode(founded.creditCode()).ifPresent(e -> release(e.id, founded.unionOrgId(), "UNION_FOUNDED",
                "held for enterprise " + e.id + " until it founded union " + founded.unionOrgId(), "system", false));
    }

    /**
     * Releases to the joint union every share held by this collecting org that is due (the policy's months passed) for
     * firms still without a union and registered under a joint union. Firms under another kind of org stay held.
     */
    @Transactional
    public List<RebateDtos.ReleaseView> releaseDue(long collectingOrgId) {
        return releaseDueOf(orgs.visible(collectingOrgId).id, caller.username());
    }

    /** Daily (gucun.dues.held-release-every): what is due at every collecting org, each org in its own transaction. */
    @Scheduled(every = "${gucun.dues.held-release-every:off}", delayed = "10m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void releaseAllDue() {
        @SuppressWarnings("unchecked")
        List<Number> collecting = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select distinct r.org_id from rebate_line l join rebate_run r on r.id = l.run_id"
                        + " where l.preparatory_fen > 0 and l.released_by is null order by 1").getResultList());
        for (Number org : collecting) {
            QuarkusTransaction.requiringNew().run(() -> releaseDueOf(org.longValue(), "system"));
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    List<RebateDtos.ReleaseView> releaseDueOf(long collectingOrgId, String by) {
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery("select distinct l.enterprise_id, e.org_id from rebate_line l"
                        + " join rebate_run r on r.id = l.run_id join rebate_policy p on p.id = l.policy_id"
                        + " join known_enterprise e on e.id = l.enterprise_id join known_org o on o.id = e.org_id"
                        + " where r.org_id = ?1 and l.preparatory_fen > 0 and l.released_by is null and e.union_org_id is null"
                        + " and o.kind in ('JOINT_AREA', 'JOINT_INDUSTRY')"
                        + " and to_date(r.period, 'YYYY-MM') + make_interval(months => p.held_release_months) <= ?2"
                        + " order by 1")
                .setParameter(1, collectingOrgId).setParameter(2, time.month().atDay(1)).getResultList();
        List<RebateDtos.ReleaseView> releases = new ArrayList<>();
        for (Object[] d : due) {
            long enterprise = ((Number) d[0]).longValue();
            long joint = ((Number) d[1]).longValue();
            releases.addAll(release(enterprise, joint, "JOINT_UNION", "held for enterprise " + enterprise
                    + " past the policy's months, to the joint union " + joint, by, true));
        }
        return releases;
    }

    /**
     * Releases what is held for the enterprise (only the due lines when {@code dueOnly}): one posting and one release
     * per collecting org, each naming the lines it releases.
     */
    @SuppressWarnings("unchecked")
    List<RebateDtos.ReleaseView> release(long enterpriseId, long recipientOrgId, String reason, String description, String by,
                                         boolean dueOnly) {
        var query = em.createNativeQuery("select r.org_id, array_agg(l.id order by l.id), sum(l.preparatory_fen)"
                        + " from rebate_line l join rebate_run r on r.id = l.run_id join rebate_policy p on p.id = l.policy_id"
                        + " where l.enterprise_id = ?1 and l.preparatory_fen > 0 and l.released_by is null"
                        + (dueOnly ? " and to_date(r.period, 'YYYY-MM') + make_interval(months => p.held_release_months) <= ?2" : "")
                        + " group by r.org_id order by r.org_id")
                .setParameter(1, enterpriseId);
        if (dueOnly) {
            query.setParameter(2, time.month().atDay(1));
        }
        List<Object[]> held = query.getResultList();
        Period period = ledger.openOrCurrent(new Period(time.month()), time.clock());
        List<RebateDtos.ReleaseView> releases = new ArrayList<>();
        for (Object[] h : held) {
            long collecting = ((Number) h[0]).longValue();
            Long[] lines = toLongs(h[1]);
            long fen = ((Number) h[2]).longValue();
            long id = ((Number) em.createNativeQuery("select nextval(pg_get_serial_sequence('held_share_release', 'id'))")
                    .getSingleResult()).longValue();
            Ledger.Posted entry = ledger.postOne(Postings.distribution(EntryKind.HELD_SHARE_RELEASE, collecting,
                            AccountPurpose.PREPARATORY_FUND, period,
                            List.of(new Postings.Receipt(recipientOrgId, AccountPurpose.GRASSROOTS_SHARE, fen)),
                            "held-share-release:" + id, "release of " + Money.format(fen) + " " + description
                                    + " (" + lines.length + " rebate lines)"), by)
                    .orElseThrow(() -> new IllegalStateException("held share release " + id + " posted twice"));
            em.createNativeQuery("insert into held_share_release (id, enterprise_id, collecting_org_id, recipient_org_id, reason,"
                            + " lines, amount_fen, journal_entry_id, released_at, released_by) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
                    .setParameter(1, id).setParameter(2, enterpriseId).setParameter(3, collecting).setParameter(4, recipientOrgId)
                    .setParameter(5, reason).setParameter(6, lines.length).setParameter(7, fen).setParameter(8, entry.entryId())
                    .setParameter(9, time.instant()).setParameter(10, by).executeUpdate();
            em.createNativeQuery("update rebate_line set released_by = ?1 where id = any(cast(?2 as bigint[]))")
                    .setParameter(1, id).setParameter(2, java.util.Arrays.stream(lines).map(String::valueOf)
                            .collect(java.util.stream.Collectors.joining(",", "{", "}"))).executeUpdate();
            releases.add(new RebateDtos.ReleaseView(id, enterpriseId, collecting, recipientOrgId, reason, lines.length,
                    Money.format(fen), entry.entryId(), period.toString()));
        }
        return releases;
    }

    private static Long[] toLongs(Object array) {
        try {
            Object values = array instanceof java.sql.Array a ? a.getArray() : array;
            if (values instanceof Long[] longs) {
                return longs;
            }
            Object[] objects = (Object[]) values;
            Long[] out = new Long[objects.length];
            for (int i = 0; i < objects.length; i++) {
                out[i] = ((Number) objects[i]).longValue();
            }
            return out;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
