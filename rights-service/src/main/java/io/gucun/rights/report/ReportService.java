package io.gucun.rights.report;

import io.gucun.common.api.TextValues;
import io.gucun.common.money.Money;
import io.gucun.common.problem.ApiException;
import io.gucun.common.replica.KnownOrg;
import io.gucun.common.security.CallerScope;
import io.gucun.rights.deadline.Deadlines;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Case figures per org subtree and period, counted by the database. */
@ApplicationScoped
public class ReportService {

    @Inject
    EntityManager em;

    @Inject
    CallerScope caller;

    @Inject
    Deadlines deadlines;

    /** {@code orgId} null: the caller's org; {@code from}/{@code to} null: 1 January this year / today. */
    public ReportResource.CaseReport cases(Long orgId, String from, String to) {
        KnownOrg org = orgId != null ? KnownOrg.findById(orgId) : caller.orgPath().map(p -> p.substring(p.lastIndexOf('.') + 1))
                .map(Long::valueOf).map(id -> KnownOrg.<KnownOrg>findById(id)).orElse(null);
        if (org == null) {
            throw ApiException.invalid("orgId", orgId == null ? "is required: your token names no org" : "does not name a union organization");
        }
        caller.requireCovers(org.path);
        LocalDate today = deadlines.today();
        LocalDate f = from == null ? today.withDayOfYear(1) : TextValues.date("from", from);
        LocalDate t = to == null ? today : TextValues.date("to", to);
        if (f.isAfter(t)) {
            throw ApiException.invalid("from", "must not be after to");
        }
        String where = " from rights_case c where (c.coordinator_org_path <@ cast(:org as ltree) or c.reporting_org_path <@ cast(:org as ltree))"
                + " and c.reported_at >= :f and c.reported_at < :t";
        Map<String, Object> params = Map.of("org", org.path, "f", f.atStartOfDay(deadlines.zone()).toOffsetDateTime(),
                "t", t.plusDays(1).atStartOfDay(deadlines.zone()).toOffsetDateTime());
        Object[] totals = (Object[]) query("select count(*), count(*) filter (where c.group_case),"
                + " count(*) filter (where c.state in ('REPORTED','ACCEPTED','IN_PROGRESS') and c.due_on < :today),"
                + " percentile_cont(0.5) within group (order by extract(epoch from c.taken_over_at - c.reported_at))"
                + "   filter (where c.taken_over_at is not null),"
                + " percentile_cont(0.5) within group (order by extract(epoch from c.resolved_at - c.reported_at))"
                + "   filter (where c.resolved_at is not null),"
                + " coalesce(sum(c.amount_recovered_fen), 0)" + where, params, today).getSingleResult();
        return new ReportResource.CaseReport(org.id, org.name, f, t, num(totals[0]), num(totals[1]), grouped("category", where, params),
                grouped("state", where, params), num(totals[2]), hours(totals[3]), hours(totals[4]),
                Money.format(num(totals[5])), Money.CURRENCY);
    }


    private jakarta.persistence.Query query(String sql, Map<String, Object> params, LocalDate today) {
        var q = em.createNativeQuery(sql);
        params.forEach(q::setParameter);
        if (today != null) {
            q.setParameter("today", today);
        }
        return q;
    }

    private Map<String, Long> grouped(String column, String where, Map<String, Object> params) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query("select c." + column + ", count(*)" + where + " group by c." + column + " order by c." + column,
                params, null).getResultList();
        Map<String, Long> out = new LinkedHashMap<>();
        rows.forEach(r -> out.put(String.valueOf(r[0]), num(r[1])));
        return out;
    }

    private static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static BigDecimal hours(Object seconds) {
        return seconds == null ? null
                : BigDecimal.valueOf(((Number) seconds).doubleValue()).divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP);
    }
}
