package io.gucun.dues.report;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.money.Money;
import io.gucun.common.replica.KnownOrg;
import io.gucun.dues.ledger.AccountPurpose;
import io.gucun.dues.ledger.Period;
import io.gucun.dues.org.Orgs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Balances, flows, the transparency summary and the member-benefit ratio, from the journal. */
@ApplicationScoped
public class ReportService {

    @Inject
    EntityManager em;

    @Inject
    Orgs orgs;

    @Inject
    Clock clock;

    /** Debits and credits grouped by org, purpose and effective kind (a reversal counts against the kind it reverses). */
    private record Sum(long orgId, AccountPurpose purpose, String kind, long debits, long credits) {
        long net(AccountPurpose p) {
            return p.debitSign() > 0 ? debits - credits : credits - debits;
        }
    }

    private String period(String raw) {
        return raw == null || raw.isBlank() ? null : Period.parse("period", raw, clock).toString();
    }

    private List<Sum> run(jakarta.persistence.Query q, Object first, String period) {
        q.setParameter(1, first);
        if (period != null) {
            q.setParameter(2, period);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new Sum(((Number) r[0]).longValue(), AccountPurpose.valueOf((String) r[1]), (String) r[2],
                ((Number) r[3]).longValue(), ((Number) r[4]).longValue())).toList();
    }

    private List<Sum> ownSums(long orgId, String period) {
        return run(sumsQuery("k.id = ?1", period), orgId, period);
    }

    private List<Sum> subtreeSums(String path, String period) {
        return run(sumsQuery("k.path <@ cast(?1 as ltree)", period), path, period);
    }

    private jakarta.persistence.Query sumsQuery(String filter, String period) {
        return em.createNativeQuery("select l.org_id, l.purpose, coalesce(o.kind, e.kind),"
                + " sum(case when l.side = 'D' then l.amount_fen else 0 end), sum(case when l.side = 'C' then l.amount_fen else 0 end)"
                + " from journal_leg l join journal_entry e on e.id = l.entry_id"
                + " left join journal_entry o on o.id = e.reverses_entry_id"
                + " join known_org k on k.id = l.org_id where " + filter
                + (period == null ? "" : " and l.period = ?2") + " group by 1, 2, 3");
    }

    private static long net(List<Sum> sums, AccountPurpose purpose, String... kinds) {
        List<String> wanted = List.of(kinds);
        return sums.stream().filter(s -> s.purpose() == purpose && (wanted.isEmpty() || wanted.contains(s.kind())))
                .mapToLong(s -> s.net(purpose)).sum();
    }

    /** The shares of the levels above that this org's rebate runs sent up the tree (net of reversals). */
    private long sentUp(KnownOrg org, String period) {
        var q = em.createNativeQuery("select coalesce(sum(case when l.side = 'C' then l.amount_fen else -l.amount_fen end), 0)"
                        + " from journal_leg l join journal_entry e on e.id = l.entry_id"
                        + " left join journal_entry o on o.id = e.reverses_entry_id join known_org k on k.id = l.org_id"
                        + " where coalesce(o.kind, e.kind) = 'REBATE' and l.purpose = 'UPPER_SHARE' and l.org_id <> ?1"
                        + " and cast(?2 as ltree) <@ k.path" + (period == null ? "" : " and l.period = ?3")
                        + " and exists (select 1 from journal_leg m where m.entry_id = e.id and m.org_id = ?1"
                        + " and m.purpose = 'COLLECTED_FUNDS')")
                .setParameter(1, org.id).setParameter(2, org.path);
        if (period != null) {
            q.setParameter(3, period);
        }
        return ((Number) q.getSingleResult()).longValue();
    }

    /** The public summary of one org's own accounts. 404 for an unknown org. */
    public ReportDtos.Transparency transparency(long orgId, String rawPeriod) {
        KnownOrg org = KnownOrg.findById(orgId);
        if (org == null) {
            throw io.gucun.common.problem.ApiException.notFound("organization", orgId);
        }
        String period = period(rawPeriod);
        List<Sum> s = ownSums(orgId, period);
        long sentUp = sentUp(org, period);
        // Cash out by rebates, releases and subsidies, less what stayed here, less the upper levels' shares sent up.
        long sentDown = -net(s, AccountPurpose.CASH, "REBATE", "SUBSIDY", "HELD_SHARE_RELEASE")
                + net(s, AccountPurpose.GRASSROOTS_SHARE, "REBATE", "HELD_SHARE_RELEASE") + net(s, AccountPurpose.SUBSIDIES, "SUBSIDY")
                - sentUp;
        return new ReportDtos.Transparency(org.id, org.name, period,
                Money.format(net(s, AccountPurpose.COLLECTED_FUNDS, "FUND_COLLECTION", "SUSPENSE_REASSIGNMENT")),
                Money.format(net(s, AccountPurpose.COLLECTED_FUNDS, "DUES_PAYMENT")),
                Money.format(net(s, AccountPurpose.GRASSROOTS_SHARE, "REBATE", "HELD_SHARE_RELEASE")),
                Money.format(net(s, AccountPurpose.SUBSIDIES, "SUBSIDY")),
                Money.format(sentDown), Money.format(sentUp),
                Money.format(net(s, AccountPurpose.UPPER_SHARE, "REBATE")),
                Money.format(net(s, AccountPurpose.PREPARATORY_FUND)),
                Money.format(net(s, AccountPurpose.MEMBER_BENEFITS)),
                Money.CURRENCY,
                "/api/dues/public/orgs/" + org.id + "/money-flow.svg" + (period == null ? "" : "?period=" + period));
    }

    /** Flows by kind and purpose, and totals per purpose, over the subtree of an org in the caller's scope. */
    public ReportDtos.SubtreeReport subtree(long orgId, String rawPeriod) {
        KnownOrg org = orgs.visible(orgId);
        String period = period(rawPeriod);
        List<Sum> sums = subtreeSums(org.path, period);
        Map<String, long[]> flows = new java.util.TreeMap<>();
        Map<AccountPurpose, long[]> totals = new EnumMap<>(AccountPurpose.class);
        for (Sum s : sums) {
            long[] f = flows.computeIfAbsent(s.kind() + "/" + s.purpose(), k -> new long[2]);
            f[0] += s.debits();
            f[1] += s.credits();
            long[] t = totals.computeIfAbsent(s.purpose(), k -> new long[2]);
            t[0] += s.debits();
            t[1] += s.credits();
        }
        List<ReportDtos.FlowRow> flowRows = new ArrayList<>();
        flows.forEach((key, v) -> {
            String[] k = key.split("/");
            flowRows.add(new ReportDtos.FlowRow(k[0], AccountPurpose.valueOf(k[1]), Money.format(v[0]), Money.format(v[1])));
        });
        List<ReportDtos.BalanceRow> totalRows = new ArrayList<>();
        totals.forEach((p, v) -> totalRows.add(new ReportDtos.BalanceRow(org.id, org.path, org.name, p, Money.format(v[0]),
                Money.format(v[1]), Money.format(p.debitSign() > 0 ? v[0] - v[1] : v[1] - v[0]))));
        return new ReportDtos.SubtreeReport(org.id, org.path, period, flowRows, totalRows, Money.CURRENCY);
    }

    /** Every account with postings in the subtree: one row per org and purpose, by org path. */
    @SuppressWarnings("unchecked")
    public List<ReportDtos.BalanceRow> balances(long orgId, String rawPeriod) {
        KnownOrg org = orgs.visible(orgId);
        String period = period(rawPeriod);
        var q = em.createNativeQuery("select k.id, k.path::text, k.name, l.purpose,"
                + " sum(case when l.side = 'D' then l.amount_fen else 0 end), sum(case when l.side = 'C' then l.amount_fen else 0 end)"
                + " from journal_leg l join known_org k on k.id = l.org_id where k.path <@ cast(?1 as ltree)"
                + (period == null ? "" : " and l.period = ?2") + " group by 1, 2, 3, 4 order by 2, 4").setParameter(1, org.path);
        if (period != null) {
            q.setParameter(2, period);
        }
        return ((List<Object[]>) q.getResultList()).stream().map(r -> {
            AccountPurpose p = AccountPurpose.valueOf((String) r[3]);
            long d = ((Number) r[4]).longValue();
            long c = ((Number) r[5]).longValue();
            return new ReportDtos.BalanceRow(((Number) r[0]).longValue(), (String) r[1], (String) r[2], p, Money.format(d),
                    Money.format(c), Money.format(p.debitSign() > 0 ? d - c : c - d));
        }).toList();
    }

    public Page<ReportDtos.BalanceRow> balances(long orgId, String rawPeriod, PageRequest page) {
        List<ReportDtos.BalanceRow> all = balances(orgId, rawPeriod);
        return new Page<>(all.stream().skip(page.offset()).limit(page.size()).toList(), page.page(), page.size(), all.size());
    }

    /** Balances as CSV (RFC 4180; names quoted). */
    public String balancesCsv(long orgId, String rawPeriod) {
        StringBuilder b = new StringBuilder("orgId,orgPath,orgName,purpose,debits,credits,balance,currency\r\n");
        for (ReportDtos.BalanceRow r : balances(orgId, rawPeriod)) {
            b.append(r.orgId()).append(',').append(r.orgPath()).append(',').append('"').append(r.orgName().replace("\"", "\"\""))
                    .append('"').append(',').append(r.purpose()).append(',').append(r.debits()).append(',').append(r.credits())
                    .append(',').append(r.balance()).append(",CNY\r\n");
        }
        return b.toString();
    }

    /** Spending on members ÷ dues over the subtree of an org, for a period or all time. */
    public ReportDtos.Ratio ratio(long orgId, String rawPeriod) {
        KnownOrg org = orgs.visible(orgId);
        String period = period(rawPeriod);
        List<Sum> sums = subtreeSums(org.path, period);
        long spending = net(sums, AccountPurpose.MEMBER_BENEFITS);
        long dues = net(sums, AccountPurpose.COLLECTED_FUNDS, "DUES_PAYMENT");
        BenefitRatio ratio = BenefitRatio.of(spending, dues);
        var q = em.createNativeQuery("select count(*) from benefit_redemption r join known_org k on k.id = r.org_id"
                + " where k.path <@ cast(?1 as ltree) and r.amount_fen is null" + (period == null ? "" : " and r.period = ?2"))
                .setParameter(1, org.path);
        if (period != null) {
            q.setParameter(2, period);
        }
        long unpriced = ((Number) q.getSingleResult()).longValue();
        return new ReportDtos.Ratio(org.id, period, Money.format(spending), Money.format(dues),
                ratio.percent() == null ? null : ratio.percent().toPlainString(), ratio.status(),
                BenefitRatio.TARGET_LOW.toPlainString(), BenefitRatio.TARGET_HIGH.toPlainString(), unpriced, Money.CURRENCY);
    }
}
