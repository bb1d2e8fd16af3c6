package io.gucun.dues.report;

import io.gucun.common.problem.ApiException;
import io.gucun.common.replica.KnownOrg;
import io.gucun.dues.ledger.Period;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Reads an org subtree's money flow for a period from the ledger (reversals net out with what they reverse). */
@ApplicationScoped
public class MoneyFlowService {

    /** Kind of an entry, or of the entry it reverses. */
    private static final String KIND = "coalesce((select o.kind from journal_entry o where o.id = e.reverses_entry_id), e.kind)";

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** The flow of the org's subtree; 404 for an unknown org, 400 for a malformed period. Public: totals only. */
    @SuppressWarnings("unchecked")
    public MoneyFlow flow(long orgId, String rawPeriod) {
        KnownOrg org = KnownOrg.findById(orgId);
        if (org == null) {
            throw ApiException.notFound("organization", orgId);
        }
        String period = rawPeriod == null || rawPeriod.isBlank() ? null : Period.parse("period", rawPeriod, clock).toString();
        String inPeriod = period == null ? "" : " and l.period = ?2";
        long collected = sum("select coalesce(sum(case when l.side = 'C' then l.amount_fen else -l.amount_fen end), 0)"
                + " from journal_leg l join journal_entry e on e.id = l.entry_id join known_org k on k.id = l.org_id"
                // money held in suspense counts where it lands once its firm is registered
                + " where l.purpose = 'COLLECTED_FUNDS' and " + KIND + " in ('FUND_COLLECTION', 'SUSPENSE_REASSIGNMENT')"
                + " and k.path <@ cast(?1 as ltree)"
                + inPeriod, org.path, period);
        // Rebate entries of collections in the subtree: their every leg, wherever in the tree it lands.
        List<Object[]> shares = bind(em.createNativeQuery("select l.purpose, coalesce(k.kind, 'UNKNOWN'), coalesce(sum(case when"
                + " l.side = 'C' then l.amount_fen else -l.amount_fen end), 0) from journal_leg l join journal_entry e on e.id = l.entry_id"
                + " left join known_org k on k.id = l.org_id where " + KIND + " = 'REBATE'" + inPeriod
                + " and l.purpose in ('UPPER_SHARE', 'PREPARATORY_FUND', 'GRASSROOTS_SHARE')"
                + " and exists (select 1 from journal_leg c join known_org ck on ck.id = c.org_id where c.entry_id = l.entry_id"
                + " and c.purpose = 'COLLECTED_FUNDS' and ck.path <@ cast(?1 as ltree))"
                + " group by 1, 2"), org.path, period).getResultList();
        long held = 0;
        long grassroots = 0;
        List<MoneyFlow.Share> levels = new ArrayList<>();
        for (String level : List.of("NATIONAL", "PROVINCE", "CITY", "DISTRICT", "TOWN", "JOINT_AREA", "JOINT_INDUSTRY", "ENTERPRISE",
                "UNKNOWN")) {
            long fen = shares.stream().filter(r -> "UPPER_SHARE".equals(r[0]) && level.equals(r[1]))
                    .mapToLong(r -> ((Number) r[2]).longValue()).sum();
            if (fen != 0) {
                levels.add(new MoneyFlow.Share(level, fen));
            }
        }
        for (Object[] r : shares) {
            if ("PREPARATORY_FUND".equals(r[0])) {
                held += ((Number) r[2]).longValue();
            } else if ("GRASSROOTS_SHARE".equals(r[0])) {
                grassroots += ((Number) r[2]).longValue();
            }
        }
        long rebated = levels.stream().mapToLong(MoneyFlow.Share::fen).sum() + held + grassroots;
        long spent = sum("select coalesce(sum(case when l.side = 'D' then l.amount_fen else -l.amount_fen end), 0)"
                + " from journal_leg l join known_org k on k.id = l.org_id where l.purpose = 'MEMBER_BENEFITS'"
                + " and k.path <@ cast(?1 as ltree)" + inPeriod, org.path, period);
        return new MoneyFlow(org.id, org.name, period, collected, levels, held, collected - rebated, grassroots, spent);
    }

    private jakarta.persistence.Query bind(jakarta.persistence.Query q, String path, String period) {
        q.setParameter(1, path);
        if (period != null) {
            q.setParameter(2, period);
        }
        return q;
    }

    private long sum(String sql, String path, String period) {
        return ((Number) bind(em.createNativeQuery(sql), path, period).getSingleResult()).longValue();
    }
}
