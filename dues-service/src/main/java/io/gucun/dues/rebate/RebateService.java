package io.gucun.dues.rebate;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.db.JobTimeouts;
import io.gucun.common.money.Money;
import io.gucun.common.outbox.Outbox;
import io.gucun.common.problem.ApiException;
import io.gucun.common.problem.FieldError;
import io.gucun.common.replica.KnownOrg;
import io.gucun.common.security.CallerScope;
import io.gucun.common.security.OrgPaths;
import io.gucun.dues.ledger.AccountPurpose;
import io.gucun.dues.ledger.EntryKind;
import io.gucun.dues.ledger.Ledger;
import io.gucun.dues.ledger.Period;
import io.gucun.dues.ledger.Postings;
import io.gucun.dues.org.Orgs;
import io.gucun.events.dues.RebateEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Collect-then-rebate (先收后返): previews and runs the rebate of a collecting org's period, and keeps the policies. */
@ApplicationScoped
public class RebateService {

    static final int LINES_PER_STATEMENT = 20_000;

    @Inject
    DataSource dataSource;

    @Inject
    EntityManager em;

    @Inject
    Ledger ledger;

    @Inject
    Outbox outbox;

    @Inject
    CallerScope caller;

    @Inject
    Orgs orgs;

    @Inject
    Clock clock;

    @Inject
    JobTimeouts jobTimeouts;

    @Inject
    RetentionOverrides overrides;

    @Inject
    ReturnFloors floors;

    @Inject
    io.gucun.dues.approval.Approvals approvals;

    @Inject
    io.gucun.common.time.BusinessTime time;

    /** What a run would post now; posts nothing. */
    @Transactional
    public RebateDtos.RunView preview(long orgId, String rawPeriod, PageRequest page) {
        jobTimeouts.raiseForThisTransaction(); // the same computation as a run, over as many collections
        KnownOrg org = orgs.visible(orgId);
        Period period = Period.parse("period", rawPeriod, clock);
        List<RebateRules.Line> lines = compute(org.id, period);
        Totals t = Totals.of(lines);
        return new RebateDtos.RunView(null, org.id, period.toString(), true, null, null, lines.size(), Money.format(t.total),
                Money.format(t.grassroots), Money.format(t.preparatory), Money.format(t.upper), Money.CURRENCY, null,
                lines.isEmpty() ? "no collection of this org and period is waiting for a rebate" : null, pageOf(lines, page));
    }

    /**
     * Rebates every collection of the org and period not rebated before; a rerun with nothing new posts nothing. Joins
     * the job's transaction ({@link RebateRuns}: it sets the long timeout and commits the job's result with the run).
     */
    @Transactional
    public RebateDtos.RunView run(long orgId, String rawPeriod, PageRequest page) {
        // Beyond the API's statement and lock timeouts, within the transaction's own: also the wait for a run in progress.
        jobTimeouts.raiseForThisTransaction();
        KnownOrg org = orgs.visible(orgId);
        Period period = Period.parse("period", rawPeriod, clock);
        // One run per org and period at a time: the second waits, then finds nothing left to rebate.
        em.createNativeQuery("select pg_advisory_xact_lock(?1, ?2)").setParameter(1, (int) (org.id ^ (org.id >>> 32)))
                .setParameter(2, period.month().getYear() * 100 + period.month().getMonthValue()).getSingleResult();
        List<RebateRules.Line> lines = compute(org.id, period);
        if (lines.isEmpty()) {
            return new RebateDtos.RunView(null, org.id, period.toString(), false, null, null, 0, "0.00", "0.00", "0.00", "0.00",
                    Money.CURRENCY, null, "nothing to rebate: every collection of this org and period was rebated before",
                    pageOf(lines, page));
        }
        return post(org.id, period, lines, page);
    }

    private RebateDtos.RunView post(long orgId, Period period, List<RebateRules.Line> lines, PageRequest page) {
        Totals t = Totals.of(lines);
        Instant now = Instant.now(clock);
        long runId = ((Number) em.createNativeQuery("select nextval(pg_get_serial_sequence('rebate_run', 'id'))")
                .getSingleResult()).longValue();
        List<Postings.Receipt> receipts = new ArrayList<>();
        for (RebateRules.Line l : lines) {
            for (RebateRules.Share share : l.shares()) {
                AccountPurpose purpose = share.level() != ShareLevel.GRASSROOTS ? AccountPurpose.UPPER_SHARE
                        : l.grassrootsOrgId() == null ? AccountPurpose.PREPARATORY_FUND : AccountPurpose.GRASSROOTS_SHARE;
                receipts.add(new Postings.Receipt(share.orgId(), purpose, share.fen()));
            }
        }
        Ledger.Posted entry = ledger.postOne(Postings.distribution(EntryKind.REBATE, orgId, AccountPurpose.COLLECTED_FUNDS, period,
                        receipts, "rebate-run:" + runId,
                        "rebate of " + period + " by org " + orgId + " (" + lines.size() + " collections)"), caller.username())
                .orElseThrow(() -> new IllegalStateException("rebate run " + runId + " posted twice"));
        em.createNativeQuery("insert into rebate_run (id, org_id, period, run_at, run_by, collections, total_fen, grassroots_fen,"
                        + " preparatory_fen, upper_fen, journal_entry_id) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
                .setParameter(1, runId).setParameter(2, orgId).setParameter(3, period.toString()).setParameter(4, now)
                .setParameter(5, caller.username()).setParameter(6, lines.size()).setParameter(7, t.total)
                .setParameter(8, t.grassroots).setParameter(9, t.preparatory).setParameter(10, t.upper)
                .setParameter(11, entry.entryId()).executeUpdate();
        insertLines(runId, lines);
        Map<Long, Long> toGrassroots = new LinkedHashMap<>();
        lines.stream().filter(l -> l.grassrootsOrgId() != null && l.grassrootsFen() > 0)
                .forEach(l -> toGrassroots.merge(l.grassrootsOrgId(), l.grassrootsFen(), Long::sum));
        outbox.record(RebateEvents.AGGREGATE, runId, "RebatePosted", new RebateEvents.RebatePosted(runId, orgId, period.month(),
                lines.size(), Money.format(t.total), Money.format(t.grassroots), Money.format(t.preparatory),
                Money.format(t.upper), Money.CURRENCY, toGrassroots.entrySet().stream()
                        .map(e -> new RebateEvents.RebatePosted.Recipient(e.getKey(), Money.format(e.getValue()))).toList(),
                entry.entryId(), entry.transactionId()));
        return new RebateDtos.RunView(runId, orgId, period.toString(), false, now, caller.username(), lines.size(),
                Money.format(t.total), Money.format(t.grassroots), Money.format(t.preparatory), Money.format(t.upper),
                Money.CURRENCY, entry.entryId(), null, pageOf(lines, page));
    }

    /** One statement per chunk of lines: a run of a town's month writes tens of thousands. */
    private void insertLines(long runId, List<RebateRules.Line> lines) {
        em.flush();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into rebate_line (run_id, collection_id, enterprise_id, category,"
                     + " policy_id, policy_version, grassroots_bp, amount_fen, grassroots_org_id, grassroots_fen, preparatory_fen,"
                     + " upper_fen, override_id, rule, rounding, shares) select ?, * from unnest(?::bigint[], ?::bigint[], ?::varchar[],"
                     + " ?::bigint[], ?::int[], ?::int[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],"
                     + " ?::varchar[], ?::varchar[], ?::jsonb[])")) {
            for (int from = 0; from < lines.size(); from += LINES_PER_STATEMENT) {
                List<RebateRules.Line> chunk = lines.subList(from, Math.min(lines.size(), from + LINES_PER_STATEMENT));
                ps.setLong(1, runId);
                ps.setArray(2, c.createArrayOf("bigint", chunk.stream().map(RebateRules.Line::collectionId).toArray()));
                ps.setArray(3, c.createArrayOf("bigint", chunk.stream().map(RebateRules.Line::enterpriseId).toArray()));
                ps.setArray(4, c.createArrayOf("varchar", chunk.stream().map(l -> l.category().name()).toArray()));
                ps.setArray(5, c.createArrayOf("bigint", chunk.stream().map(RebateRules.Line::policyId).toArray()));
                ps.setArray(6, c.createArrayOf("int", chunk.stream().map(RebateRules.Line::policyVersion).toArray()));
                ps.setArray(7, c.createArrayOf("int", chunk.stream().map(RebateRules.Line::grassrootsBp).toArray()));
                ps.setArray(8, c.createArrayOf("bigint", chunk.stream().map(RebateRules.Line::amountFen).toArray()));
                ps.setArray(9, c.createArrayOf("bigint", chunk.stream().map(RebateRules.Line::grassrootsOrgId).toArray()));
                ps.setArray(10, c.createArrayOf("bigint", chunk.stream().map(RebateRules.Line::grassrootsFen).toArray()));
                ps.setArray(11, c.createArrayOf("bigint", chunk.stream().map(RebateRules.Line::preparatoryFen).toArray()));
                ps.setArray(12, c.createArrayOf("bigint", chunk.stream().map(RebateRules.Line::upperFen).toArray()));
                ps.setArray(13, c.createArrayOf("bigint", chunk.stream().map(RebateRules.Line::overrideId).toArray()));
                ps.setArray(14, c.createArrayOf("varchar", chunk.stream().map(RebateRules.Line::rule).toArray()));
                ps.setArray(15, c.createArrayOf("varchar", chunk.stream().map(RebateRules.Line::rounding).toArray()));
                ps.setArray(16, c.createArrayOf("varchar", chunk.stream().map(RebateService::sharesJson).toArray()));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("storing rebate lines failed", e);
        }
    }

    /** The parts of a line as stored with it (rebate_line.shares). */
    static String sharesJson(RebateRules.Line l) {
        StringBuilder b = new StringBuilder("[");
        for (RebateRules.Share s : l.shares()) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append("{\"level\":\"").append(s.level()).append("\",\"orgId\":").append(s.orgId()).append(",\"bp\":").append(s.bp())
                    .append(",\"fen\":").append(s.fen()).append(",\"roundedUp\":").append(s.roundedUp()).append('}');
        }
        return b.append(']').toString();
    }

    static List<RebateRules.Share> sharesOf(String json) {
        try {
            List<RebateRules.Share> shares = new ArrayList<>();
            for (var n : JSON.readTree(json)) {
                shares.add(new RebateRules.Share(ShareLevel.valueOf(n.get("level").asText()), n.get("orgId").asLong(),
                        n.get("bp").asInt(), n.get("fen").asLong(), n.get("roundedUp").asBoolean()));
            }
            return shares;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable rebate line shares", e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The lines a run would post now: one per collection of the org and period not rebated before. */
    List<RebateRules.Line> compute(long orgId, Period period) {
        List<RebateRules.PolicyVersion> policies = policiesValidOn(period.firstDay());
        Map<String, Optional<RebateRules.PolicyVersion>> byPath = new HashMap<>();
        Map<String, Map<ShareLevel, Long>> recipientsByPath = new HashMap<>();
        Map<Long, RebateRules.Override> overridden = overrides.inForce(orgId, period);
        List<RebateRules.Line> lines = new ArrayList<>();
        em.flush();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select c.id, c.enterprise_id, c.amount_fen, o.path::text, e.union_org_id,"
                     + " e.employee_count from fund_collection c join known_enterprise e on e.id = c.enterprise_id"
                     + " join known_org o on o.id = c.enterprise_org_id"
                     + " where c.collecting_org_id = ? and c.period = ?"
                     + " and c.voided_at is null" // a voided collection is never rebated (issue 21, point 7)
                     + " and not exists (select 1 from rebate_line l where l.collection_id = c.id) order by c.id")) {
            ps.setLong(1, orgId);
            ps.setString(2, period.toString());
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    RebateRules.CollectionToRebate row = new RebateRules.CollectionToRebate(rs.getLong(1), rs.getLong(2),
                            rs.getLong(3), rs.getString(4), (Long) rs.getObject(5), (Integer) rs.getObject(6));
                    RebateRules.PolicyVersion policy = byPath.computeIfAbsent(row.enterpriseOrgPath(),
                                    p -> RebateRules.select(policies, p, period.firstDay()))
                            .orElseThrow(() -> ApiException.unprocessable("no-rebate-policy",
                                    "no rebate policy covers the org at " + row.enterpriseOrgPath() + " for " + period));
                    Map<ShareLevel, Long> recipients = recipientsByPath.computeIfAbsent(row.enterpriseOrgPath(),
                            p -> RebateRules.recipients(chain(p), orgId));
                    lines.add(RebateRules.split(row, policy, orgId, recipients,
                            Optional.ofNullable(overridden.get(row.enterpriseId()))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading collections failed", e);
        }
        return lines;
    }

    /** The orgs on a path, root first, with their kinds (an org not known here yet is left out). */
    static List<RebateRules.OrgOnPath> chain(String path) {
        return Orgs.ancestorsOrSelf(path).stream().map(o -> new RebateRules.OrgOnPath(o.id, o.kind)).toList();
    }

    /** The approved versions valid on that day, with their rules. */
    @SuppressWarnings("unchecked")
    List<RebateRules.PolicyVersion> policiesValidOn(LocalDate day) {
        List<Object[]> rows = em.createNativeQuery("select p.id, p.name, p.version, p.scope_path::text, p.valid_from,"
                + " p.small_firm_max_employees, p.return_floor_bp, p.held_release_months from rebate_policy p"
                + " where p.valid_from <= ?1" + APPROVED + " order by p.id").setParameter(1, day).getResultList();
        List<RebateRules.PolicyVersion> versions = new ArrayList<>();
        for (Object[] r : rows) {
            long id = ((Number) r[0]).longValue();
            versions.add(new RebateRules.PolicyVersion(id, (String) r[1], ((Number) r[2]).intValue(), (String) r[3], toDate(r[4]),
                    ((Number) r[5]).intValue(), ((Number) r[6]).intValue(), ((Number) r[7]).intValue(), rulesOf(id)));
        }
        return versions;
    }

    /** Only versions a second officer approved govern anything (see {@code approval}). */
    static final String APPROVED = " and p.status = 'APPROVED'";

    @SuppressWarnings("unchecked")
    Map<EnterpriseCategory, RebateRules.CategoryRule> rulesOf(long policyId) {
        List<Object[]> rules = em.createNativeQuery("select category, grassroots_bp from rebate_rule where policy_id = ?1")
                .setParameter(1, policyId).getResultList();
        List<Object[]> levels = em.createNativeQuery("select category, level, share_bp from rebate_level_share where policy_id = ?1")
                .setParameter(1, policyId).getResultList();
        Map<EnterpriseCategory, RebateRules.CategoryRule> byCategory = new EnumMap<>(EnterpriseCategory.class);
        for (Object[] r : rules) {
            EnterpriseCategory category = EnterpriseCategory.valueOf((String) r[0]);
            Map<ShareLevel, Integer> upper = new EnumMap<>(ShareLevel.class);
            levels.stream().filter(l -> l[0].equals(r[0]))
                    .forEach(l -> upper.put(ShareLevel.valueOf((String) l[1]), ((Number) l[2]).intValue()));
            byCategory.put(category, new RebateRules.CategoryRule(((Number) r[1]).intValue(), upper));
        }
        return byCategory;
    }

    static LocalDate toDate(Object o) {
        return o instanceof LocalDate d ? d : ((java.sql.Date) o).toLocalDate();
    }

    private static Page<RebateDtos.LineView> pageOf(List<RebateRules.Line> lines, PageRequest page) {
        List<RebateDtos.LineView> items = lines.stream().skip(page.offset()).limit(page.size()).map(RebateDtos.LineView::of).toList();
        return new Page<>(items, page.page(), page.size(), lines.size());
    }

    /** The runs of an org (and optionally one period), newest first. */
    @SuppressWarnings("unchecked")
    public Page<RebateDtos.RunView> runs(long orgId, String rawPeriod, PageRequest page) {
        KnownOrg org = orgs.visible(orgId);
        String period = rawPeriod == null || rawPeriod.isBlank() ? null : Period.parse("period", rawPeriod, clock).toString();
        String where = " from rebate_run where org_id = ?1" + (period == null ? "" : " and period = ?2");
        var q = em.createNativeQuery("select id" + where + " order by id desc limit " + page.size() + " offset " + page.offset())
                .setParameter(1, org.id);
        var n = em.createNativeQuery("select count(*)" + where).setParameter(1, org.id);
        if (period != null) {
            q.setParameter(2, period);
            n.setParameter(2, period);
        }
        List<RebateDtos.RunView> items = ((List<Number>) q.getResultList()).stream()
                .map(id -> runView(id.longValue(), PageRequest.of(0, 1))).toList();
        return new Page<>(items, page.page(), page.size(), ((Number) n.getSingleResult()).longValue());
    }

    /** One run with its lines (paged); 404 unless the caller sees the org. */
    @SuppressWarnings("unchecked")
    public RebateDtos.RunView run(long runId, PageRequest page) {
        RebateDtos.RunView view = runView(runId, page);
        if (view == null) {
            throw ApiException.notFound("rebate run", runId);
        }
        KnownOrg org = KnownOrg.findById(view.orgId());
        if (org == null || !caller.covers(org.path)) {
            throw ApiException.notFound("rebate run", runId);
        }
        return view;
    }

    @SuppressWarnings("unchecked")
    private RebateDtos.RunView runView(long runId, PageRequest page) {
        List<Object[]> rows = em.createNativeQuery("select id, org_id, period, run_at, run_by, collections, total_fen, grassroots_fen,"
                + " preparatory_fen, upper_fen, journal_entry_id from rebate_run where id = ?1").setParameter(1, runId).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = rows.getFirst();
        List<Object[]> lineRows = em.createNativeQuery("select l.collection_id, l.enterprise_id, l.category, l.policy_id, p.name,"
                        + " l.policy_version, l.grassroots_bp, l.amount_fen, l.grassroots_org_id, l.grassroots_fen, l.preparatory_fen,"
                        + " l.upper_fen, l.override_id, l.rule, l.rounding, l.shares::text"
                        + " from rebate_line l join rebate_policy p on p.id = l.policy_id where l.run_id = ?1"
                        + " order by l.collection_id limit " + page.size() + " offset " + page.offset())
                .setParameter(1, runId).getResultList();
        List<RebateDtos.LineView> lines = lineRows.stream().map(l -> RebateDtos.LineView.of(new RebateRules.Line(
                ((Number) l[0]).longValue(), ((Number) l[1]).longValue(), EnterpriseCategory.valueOf((String) l[2]),
                ((Number) l[3]).longValue(), (String) l[4], ((Number) l[5]).intValue(), ((Number) l[6]).intValue(),
                ((Number) l[7]).longValue(), l[8] == null ? null : ((Number) l[8]).longValue(), ((Number) l[9]).longValue(),
                ((Number) l[10]).longValue(), ((Number) l[11]).longValue(), l[12] == null ? null : ((Number) l[12]).longValue(),
                (String) l[13], (String) l[14], sharesOf((String) l[15])))).toList();
        int count = ((Number) r[5]).intValue();
        return new RebateDtos.RunView(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2], false,
                io.gucun.dues.ledger.LedgerTimes.instant(r[3]), (String) r[4], count, Money.format(((Number) r[6]).longValue()),
                Money.format(((Number) r[7]).longValue()), Money.format(((Number) r[8]).longValue()),
                Money.format(((Number) r[9]).longValue()), Money.CURRENCY, ((Number) r[10]).longValue(), null,
                new Page<>(lines, page.page(), page.size(), count));
    }

    /**
     * The 80% rule for a collecting org and period: what its runs rebated, what they returned to the grassroots (paid
     * down or held for firms without a union) against the floor rule in force on the period's first day.
     */
    @SuppressWarnings("unchecked")
    public RebateDtos.FloorReport floorReport(long orgId, String rawPeriod) {
        KnownOrg org = orgs.visible(orgId);
        Period period = Period.parse("period", rawPeriod, clock);
        Object[] t = (Object[]) em.createNativeQuery("select count(distinct r.id), count(l.id), coalesce(sum(l.amount_fen), 0),"
                        + " coalesce(sum(l.grassroots_fen), 0), coalesce(sum(l.preparatory_fen), 0), coalesce(sum(l.upper_fen), 0)"
                        + " from rebate_run r join rebate_line l on l.run_id = r.id where r.org_id = ?1 and r.period = ?2")
                .setParameter(1, org.id).setParameter(2, period.toString()).getSingleResult();
        List<Object[]> byLevel = em.createNativeQuery("select s->>'level', sum((s->>'fen')::bigint) from rebate_run r"
                        + " join rebate_line l on l.run_id = r.id cross join lateral jsonb_array_elements(l.shares) s"
                        + " where r.org_id = ?1 and r.period = ?2 and s->>'level' <> 'GRASSROOTS' group by 1")
                .setParameter(1, org.id).setParameter(2, period.toString()).getResultList();
        long waiting = ((Number) em.createNativeQuery("select coalesce(sum(c.amount_fen), 0) from fund_collection c"
                        + " where c.collecting_org_id = ?1 and c.period = ?2 and c.status = 'POSTED'" // not money in suspense
                        + " and not exists (select 1 from rebate_line l where l.collection_id = c.id)")
                .setParameter(1, org.id).setParameter(2, period.toString()).getSingleResult()).longValue();
        long rebated = ((Number) t[2]).longValue();
        long grassroots = ((Number) t[3]).longValue();
        long held = ((Number) t[4]).longValue();
        long returned = grassroots + held;
        Optional<ReturnFloors.Floor> floor = floors.inForce(org.path, period.firstDay());
        int floorBp = floor.map(ReturnFloors.Floor::floorBp).orElse(0);
        long required = FloorCheck.required(rebated, floorBp);
        Map<ShareLevel, Long> levels = new EnumMap<>(ShareLevel.class);
        byLevel.forEach(r -> levels.put(ShareLevel.valueOf((String) r[0]), ((Number) r[1]).longValue()));
        return new RebateDtos.FloorReport(org.id, period.toString(), ((Number) t[0]).intValue(), ((Number) t[1]).intValue(),
                Money.format(rebated), Money.format(returned), Money.format(grassroots), Money.format(held),
                Money.format(((Number) t[5]).longValue()), FloorCheck.percentOf(returned, rebated), percent(floorBp),
                floor.map(ReturnFloors.Floor::ruleId).orElse(null), returned >= required,
                Money.format(Math.max(0, required - returned)), Money.format(waiting),
                ShareLevel.UPPER.stream().filter(levels::containsKey)
                        .map(l -> new RebateDtos.LevelTotal(l, Money.format(levels.get(l)))).toList(), Money.CURRENCY);
    }

    // --- policies ---

    /**
     * Proposes a policy version: authored by an org strictly above its scope (or an admin), starting today or later,
     * every category's shares adding up to 100% and returning at least the policy's floor, itself not below the floor
     * rule in force. It governs nothing until a second officer approves it (see {@link PolicyApproval}).
     */
    @Transactional
    public RebateDtos.PolicyView createPolicy(RebateDtos.NewPolicyVersion in) {
        KnownOrg scope = KnownOrg.findById(in.scopeOrgId());
        if (scope == null || !caller.covers(scope.path)) {
            throw ApiException.invalid("scopeOrgId", "names no organization in your scope");
        }
        approvals.requireAbove(scope.path, "scopeOrgId");
        List<FieldError> errors = new ArrayList<>();
        if (in.validFrom().isBefore(time.today())) {
            errors.add(new FieldError("validFrom", "must not be in the past: a policy never reaches back into a period already"
                    + " run or closed (earliest: " + time.today() + ")"));
        }
        ReturnFloors.Floor rule = floors.inForce(scope.path, in.validFrom())
                .orElse(new ReturnFloors.Floor(0, 0));
        int floor = rule.floorBp();
        if (in.returnFloorPercent() != null) {
            try {
                floor = basisPoints("returnFloorPercent", in.returnFloorPercent());
                if (floor < rule.floorBp()) {
                    errors.add(new FieldError("returnFloorPercent", "is " + percent(floor) + "%, below the floor rule "
                            + rule.ruleId() + " of " + percent(rule.floorBp()) + "% in force for this scope"));
                }
            } catch (ApiException e) {
                errors.addAll(e.errors());
            }
        }
        Map<EnterpriseCategory, RebateRules.CategoryRule> rules = new EnumMap<>(EnterpriseCategory.class);
        for (int i = 0; i < in.rules().size(); i++) {
            RebateDtos.RuleInput input = in.rules().get(i);
            try {
                RebateRules.CategoryRule parsed = categoryRule(i, input);
                if (rules.put(input.category(), parsed) != null) {
                    errors.add(new FieldError("rules[" + i + "].category", "appears twice"));
                }
                String field = "rules[" + i + "].grassrootsPercent";
                RebateRules.belowFloor(parsed.grassrootsBp(), floor).ifPresent(m -> errors.add(new FieldError(field, m)));
            } catch (ApiException e) {
                errors.addAll(e.errors());
            }
        }
        if (errors.isEmpty() && rules.size() != EnterpriseCategory.values().length) {
            errors.add(new FieldError("rules", "must give one rule for each of STANDARD, SMALL_FIRM and NO_UNION"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        // Versions of one name are numbered in order; the lock keeps two concurrent creations from taking the same number.
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))").setParameter(1, "rebate-policy:" + in.name()).getSingleResult();
        int version = ((Number) em.createNativeQuery("select coalesce(max(version), 0) + 1 from rebate_policy where name = ?1")
                .setParameter(1, in.name()).getSingleResult()).intValue();
        int heldMonths = in.heldReleaseMonths() == null ? DEFAULT_HELD_RELEASE_MONTHS : in.heldReleaseMonths();
        long id = ((Number) em.createNativeQuery("insert into rebate_policy (name, version, scope_path, valid_from,"
                        + " small_firm_max_employees, note, created_at, created_by, return_floor_bp, held_release_months, status)"
                        + " values (?1, ?2, cast(?3 as ltree), ?4, ?5, nullif(?6, ''), ?7, ?8, ?9, ?10, 'PENDING') returning id")
                .setParameter(1, in.name()).setParameter(2, version).setParameter(3, scope.path).setParameter(4, in.validFrom())
                .setParameter(5, in.smallFirmMaxEmployees()).setParameter(6, in.note() == null ? "" : in.note()).setParameter(7, Instant.now(clock))
                .setParameter(8, caller.username()).setParameter(9, floor).setParameter(10, heldMonths).getSingleResult()).longValue();
        rules.forEach((category, r) -> {
            em.createNativeQuery("insert into rebate_rule (policy_id, category, grassroots_bp) values (?1, ?2, ?3)")
                    .setParameter(1, id).setParameter(2, category.name()).setParameter(3, r.grassrootsBp()).executeUpdate();
            r.upperBp().forEach((level, bp) -> em.createNativeQuery("insert into rebate_level_share (policy_id, category, level,"
                            + " share_bp) values (?1, ?2, ?3, ?4)").setParameter(1, id).setParameter(2, category.name())
                    .setParameter(3, level.name()).setParameter(4, bp).executeUpdate());
        });
        approvals.propose(PolicyApproval.KIND, id, io.gucun.dues.approval.Approvals.authorityOver(scope.path), "rebate policy " + in.name() + " v" + version + " for org "
                + scope.id + " from " + in.validFrom() + ", floor " + percent(floor) + "%");
        return policy(id).orElseThrow();
    }

    /** Default wait before a held share goes to the joint union (a year: time for the firm to found its union). */
    static final int DEFAULT_HELD_RELEASE_MONTHS = 12;

    /** One category's shares; 400 naming the field when a share is malformed, a level repeats or they do not add up to 100. */
    static RebateRules.CategoryRule categoryRule(int i, RebateDtos.RuleInput input) {
        int grassroots = basisPoints("rules[" + i + "].grassrootsPercent", input.grassrootsPercent());
        Map<ShareLevel, Integer> upper = new EnumMap<>(ShareLevel.class);
        List<RebateDtos.LevelShareInput> levels = input.levels() == null ? List.of() : input.levels();
        for (int j = 0; j < levels.size(); j++) {
            String field = "rules[" + i + "].levels[" + j + "]";
            ShareLevel level = levels.get(j).level();
            if (level == ShareLevel.GRASSROOTS) {
                throw ApiException.invalid(field + ".level", "must be a level above the grassroots: TOWN, DISTRICT, CITY, PROVINCE or NATIONAL");
            }
            if (upper.put(level, basisPoints(field + ".percent", levels.get(j).percent())) != null) {
                throw ApiException.invalid(field + ".level", "appears twice");
            }
        }
        RebateRules.CategoryRule rule = new RebateRules.CategoryRule(grassroots, upper);
        if (rule.totalBp() != Allocation.FULL_BP) {
            throw ApiException.invalid("rules[" + i + "].levels", "the grassroots share and the levels' shares add up to "
                    + percent(rule.totalBp()) + "%, not 100%");
        }
        return rule;
    }

    static int basisPoints(String field, String percent) {
        BigDecimal p;
        try {
            p = new BigDecimal(percent.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw ApiException.invalid(field, "must be a percentage such as 80 or 62.5");
        }
        if (p.signum() < 0 || p.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw ApiException.invalid(field, "must be between 0 and 100");
        }
        if (p.stripTrailingZeros().scale() > 2) {
            throw ApiException.invalid(field, "must not have more than two decimal places");
        }
        return p.movePointRight(2).intValueExact();
    }

    static String percent(int bp) {
        return RebateRules.percent(bp);
    }

    /**
     * The versions an officer may read: those that can govern their subtree, i.e. scoped at or above their org
     * (e.g. national-default) or inside their subtree. Admins read all.
     */
    @SuppressWarnings("unchecked")
    public Page<RebateDtos.PolicyView> policies(PageRequest page) {
        String where = caller.isAdmin() ? "" : " where scope_path @> cast(?1 as ltree) or scope_path <@ cast(?1 as ltree)";
        String scope = caller.orgPath().orElse("0");
        var idQuery = em.createNativeQuery("select id from rebate_policy" + where + " order by name, version desc limit "
                + page.size() + " offset " + page.offset());
        var countQuery = em.createNativeQuery("select count(*) from rebate_policy" + where);
        if (!caller.isAdmin()) {
            idQuery.setParameter(1, scope);
            countQuery.setParameter(1, scope);
        }
        List<Number> ids = idQuery.getResultList();
        long total = ((Number) countQuery.getSingleResult()).longValue();
        return new Page<>(ids.stream().map(id -> policy(id.longValue()).orElseThrow()).toList(), page.page(), page.size(), total);
    }

    /** One version, if the caller may read it (see {@link #policies}). */
    public Optional<RebateDtos.PolicyView> visiblePolicy(long id) {
        return policy(id).filter(p -> caller.covers(p.scopePath())
                || caller.orgPath().map(own -> OrgPaths.isWithin(own, p.scopePath())).orElse(false));
    }

    @SuppressWarnings("unchecked")
    public Optional<RebateDtos.PolicyView> policy(long id) {
        List<Object[]> rows = em.createNativeQuery("select id, name, version, scope_path::text, valid_from, small_firm_max_employees,"
                + " note, created_at, created_by, return_floor_bp, held_release_months, status from rebate_policy where id = ?1")
                .setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.getFirst();
        String path = (String) r[3];
        Map<EnterpriseCategory, RebateRules.CategoryRule> byCategory = rulesOf(id);
        return Optional.of(new RebateDtos.PolicyView(id, (String) r[1], ((Number) r[2]).intValue(),
                Long.parseLong(path.substring(path.lastIndexOf('.') + 1)), path, toDate(r[4]), ((Number) r[5]).intValue(),
                percent(((Number) r[9]).intValue()), ((Number) r[10]).intValue(),
                byCategory.entrySet().stream().map(e -> new RebateDtos.RuleView(e.getKey(), percent(e.getValue().grassrootsBp()),
                        e.getValue().grassrootsBp(), ShareLevel.UPPER.stream().filter(e.getValue().upperBp()::containsKey)
                        .map(l -> new RebateDtos.LevelShareView(l, percent(e.getValue().upperBp().get(l)),
                                e.getValue().upperBp().get(l))).toList())).toList(),
                (String) r[6], io.gucun.dues.ledger.LedgerTimes.instant(r[7]), (String) r[8], (String) r[11],
                approvals.of(PolicyApproval.KIND, id).map(a -> a.id()).orElse(null)));
    }

    private record Totals(long total, long grassroots, long preparatory, long upper) {
        static Totals of(List<RebateRules.Line> lines) {
            long t = 0;
            long g = 0;
            long p = 0;
            long u = 0;
            for (RebateRules.Line l : lines) {
                t += l.amountFen();
                g += l.grassrootsFen();
                p += l.preparatoryFen();
                u += l.upperFen();
            }
            return new Totals(t, g, p, u);
        }
    }
}
