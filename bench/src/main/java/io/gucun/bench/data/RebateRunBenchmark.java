package io.gucun.bench.data;

import static io.gucun.bench.data.BenchSupport.f;

import io.gucun.bench.Benchmark;
import io.gucun.launcher.Stack;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Supplier;

/**
 * P6: the rebate runs of dues-service over N enterprises × 12 periods, called on the service's API with an admin's real
 * JWT, against one SQL aggregate computing the same split over the same data in the same database; then the rerun,
 * which must post nothing. The collections are loaded with SQL straight into dues' tables in the shape the service
 * writes them (its bulk import posts each collection's journal entry one by one, far too slow to load 1.2 M rows
 * within a benchmark), together with the org and enterprise projections that dues keeps from membership's events.
 */
public final class RebateRunBenchmark implements Benchmark {

    static final int ENTERPRISES = 100_000;
    static final int QUICK_ENTERPRISES = 1_000;
    static final int PERIODS = 12;
    static final int TOWNS = 10;
    /** Ids far above what the demo data and the other benchmarks create in dues' projections. */
    static final long DISTRICT = 2_000_000;
    static final double TARGET_RATIO = 3.0;

    /**
     * The same split as the service, in one statement: approved policy by narrowest scope, category, and the grassroots
     * share by largest remainder (its share rounded down, plus the left-over fen when fewer level shares have a larger
     * fraction of a fen than it has fen left over: ties go to the grassroots).
     */
    static final String AGGREGATE = """
            select count(*), sum(x.amount_fen),
                   sum(case when x.category = 'NO_UNION' then 0 else x.down end),
                   sum(case when x.category = 'NO_UNION' then x.down else 0 end),
                   sum(x.amount_fen - x.down)
            from (
              select c.amount_fen, k.category,
                     g.floor_g + case when lv.above < c.amount_fen - g.floor_g - lv.floors_up then 1 else 0 end as down
              from fund_collection c
              join known_enterprise e on e.id = c.enterprise_id
              join known_org o on o.id = c.enterprise_org_id
              cross join lateral (select p.id, p.small_firm_max_employees from rebate_policy p
                                  where p.scope_path @> o.path and p.valid_from <= cast(c.period || '-01' as date)
                                    and p.status = 'APPROVED'
                                  order by nlevel(p.scope_path) desc, p.valid_from desc, p.version desc limit 1) pol
              cross join lateral (select case when e.union_org_id is null then 'NO_UNION'
                                              when e.employee_count <= pol.small_firm_max_employees then 'SMALL_FIRM'
                                              else 'STANDARD' end as category) k
              join rebate_rule r on r.policy_id = pol.id and r.category = k.category
              cross join lateral (select (c.amount_fen / 10000) * r.grassroots_bp + (c.amount_fen % 10000) * r.grassroots_bp / 10000
                                         as floor_g, (c.amount_fen % 10000) * r.grassroots_bp % 10000 as frac_g) g
              cross join lateral (select coalesce(sum((c.amount_fen / 10000) * s.share_bp
                                                      + (c.amount_fen % 10000) * s.share_bp / 10000), 0) as floors_up,
                                         count(*) filter (where (c.amount_fen % 10000) * s.share_bp % 10000 > g.frac_g) as above
                                  from rebate_level_share s
                                  where s.policy_id = pol.id and s.category = k.category and s.share_bp > 0) lv
              where c.import_id = ?
            ) x""";

    public RebateRunBenchmark() {
    }

    @Override
    public String id() {
        return "P6";
    }

    @Override
    public String run(Stack stack, boolean quick, Path raw) throws Exception {
        int enterprises = Integer.getInteger("gucun.bench.p6.enterprises", quick ? QUICK_ENTERPRISES : ENTERPRISES);
        long collections = (long) enterprises * PERIODS;
        YearMonth first = YearMonth.now(ZoneOffset.UTC).minusMonths(PERIODS);

        long importId;
        double setupSeconds;
        double sqlSeconds;
        long[] sql = new long[5];
        try (Connection c = BenchSupport.connect(stack, "dues")) {
            long start = System.nanoTime();
            importId = load(c, enterprises, first);
            setupSeconds = BenchSupport.seconds(start);
            start = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement(AGGREGATE)) {
                ps.setLong(1, importId);
                try (ResultSet r = ps.executeQuery()) {
                    r.next();
                    for (int i = 0; i < 5; i++) {
                        sql[i] = r.getLong(i + 1);
                    }
                }
            }
            sqlSeconds = BenchSupport.seconds(start);
        }

        String dues = stack.serviceUrls("dues").get(0) + "/api/dues";
        Supplier<String> admin = BenchSupport.admin(stack);
        long rebated = 0;
        long grassroots = 0;
        long preparatory = 0;
        long upper = 0;
        long start = System.nanoTime();
        for (int p = 0; p < PERIODS; p++) {
            for (int t = 1; t <= TOWNS; t++) {
                String run = runRebate(dues, admin, DISTRICT + t, first.plusMonths(p));
                rebated += Long.parseLong(BenchSupport.field(run, "collections"));
                grassroots += fen(BenchSupport.field(run, "grassroots"));
                preparatory += fen(BenchSupport.field(run, "preparatoryFund"));
                upper += fen(BenchSupport.field(run, "upper"));
            }
        }
        double runSeconds = BenchSupport.seconds(start);

        long rerunPosted = 0;
        start = System.nanoTime();
        for (int p = 0; p < PERIODS; p++) {
            for (int t = 1; t <= TOWNS; t++) {
                rerunPosted += Long.parseLong(BenchSupport.field(
                        runRebate(dues, admin, DISTRICT + t, first.plusMonths(p)), "collections"));
            }
        }
        double rerunSeconds = BenchSupport.seconds(start);

        boolean same = rebated == collections && sql[0] == collections && grassroots == sql[2] && preparatory == sql[3]
                && upper == sql[4] && rerunPosted == 0;
        if (!same) {
            throw new IllegalStateException(f("the runs disagree with the aggregate: runs %d collections, %d/%d/%d fen;"
                            + " aggregate %d collections, %d/%d/%d fen; rerun posted %d", rebated, grassroots, preparatory, upper,
                    sql[0], sql[2], sql[3], sql[4], rerunPosted));
        }
        String trial = BenchSupport.expect(200, BenchSupport.send("GET", dues + "/trial-balance", admin.get(), null,
                HttpRequest.BodyPublishers.noBody())).body();
        if (!trial.contains("\"balanced\":true")) {
            throw new IllegalStateException("the trial balance is not balanced after the runs");
        }

        double ratio = runSeconds / sqlSeconds;
        double rerunRatio = rerunSeconds / sqlSeconds;
        boolean met = ratio <= TARGET_RATIO;
        Map<String, Object> v = BenchSupport.values();
        v.put("id", id());
        v.put("enterprises", enterprises);
        v.put("periods", PERIODS);
        v.put("collections", collections);
        v.put("runs", PERIODS * TOWNS);
        v.put("setupSeconds", setupSeconds);
        v.put("aggregateSeconds", sqlSeconds);
        v.put("runSeconds", runSeconds);
        v.put("rerunSeconds", rerunSeconds);
        v.put("ratio", ratio);
        v.put("rerunRatio", rerunRatio);
        v.put("targetRatio", TARGET_RATIO);
        v.put("totalFen", sql[1]);
        v.put("grassrootsFen", grassroots);
        v.put("preparatoryFen", preparatory);
        v.put("upperFen", upper);
        v.put("met", met);
        BenchSupport.writeRaw(raw, id(), v);

        return f("""
                ## P6 — rebate run against one SQL aggregate

                %,d enterprises under %d collecting towns (9 in 10 with a union, 1 in 7 small), one collection each for
                %d periods: %,d collections, loaded with SQL straight into dues' tables (`known_org`, `known_enterprise`,
                `fund_collection`, as dues writes them; %.1f s). The %d rebate runs (%d towns × %d periods) go to
                `POST /api/dues/orgs/{town}/rebate-runs` on dues-service with an admin's JWT, each a job polled until done; each computes the split,
                posts one balanced journal entry with a leg per receiving org of every level, a rebate line per collection
                and a RebatePosted event. Baseline: one SQL statement computing the same split (policy by narrowest scope,
                category, grassroots share by largest remainder) over the same data, writing nothing. The runs' totals equal the
                aggregate's to the fen (%s yuan in all), and the trial balance stays balanced.

                | | time | ratio to the aggregate |
                |---|---:|---:|
                | SQL aggregate (baseline) | %.2f s | 1 |
                | rebate runs through the API | %.2f s | **%.1f×** |
                | rerun of the %d runs (idempotent: posted nothing) | %.2f s | %.1f× |

                Target ≤ %.0f× the aggregate — %s.
                """, enterprises, TOWNS, PERIODS, collections, setupSeconds, PERIODS * TOWNS, TOWNS, PERIODS,
                yuan(sql[1]), sqlSeconds, runSeconds, ratio, PERIODS * TOWNS, rerunSeconds, rerunRatio, TARGET_RATIO,
                BenchSupport.met(met));
    }

    /**
     * One rebate run: the POST answers 202 with a job, polled until it SUCCEEDED; answers the finished job, whose
     * {@code result} is the run (the fields read here appear nowhere else in a job). The time measured includes the
     * polling (every 20 ms).
     */
    private static String runRebate(String dues, Supplier<String> admin, long town, YearMonth period) throws Exception {
        String job = BenchSupport.expect(202, BenchSupport.send("POST", dues + "/orgs/" + town + "/rebate-runs?size=1",
                admin.get(), "application/json", HttpRequest.BodyPublishers.ofString("{\"period\":\"" + period + "\"}"))).body();
        String id = BenchSupport.field(job, "id");
        while (true) {
            String status = BenchSupport.field(job, "status");
            if ("SUCCEEDED".equals(status)) {
                return job;
            }
            if ("FAILED".equals(status)) {
                throw new IllegalStateException("rebate run of town " + town + " and " + period + " failed: " + job);
            }
            Thread.sleep(20);
            job = BenchSupport.expect(200, BenchSupport.send("GET", dues + "/jobs/" + id, admin.get(), null,
                    HttpRequest.BodyPublishers.noBody())).body();
        }
    }

    private static long fen(String yuan) {
        return new java.math.BigDecimal(yuan).movePointRight(2).longValueExact();
    }

    private static String yuan(long fen) {
        return new java.math.BigDecimal(fen).movePointLeft(2).toPlainString();
    }

    /**
     * A district with 10 towns, each with a park joint union; enterprise i is registered under town i % 10's park; 9 in
     * 10 have a union (an ENTERPRISE org), 1 in 7 is small; each pays 2% of its payroll every period. Returns the id of
     * the collection import the rows belong to.
     */
    static long load(Connection c, int enterprises, YearMonth first) throws Exception {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("insert into known_org (id, parent_id, path, name, kind) values (" + DISTRICT + ", 1, '1." + DISTRICT
                    + "', 'bench district', 'DISTRICT')");
            s.execute(f("insert into known_org (id, parent_id, path, name, kind) select %1$d + t, %1$d,"
                    + " cast('1.%1$d.' || (%1$d + t) as ltree), 'bench town ' || t, 'TOWN' from generate_series(1, %2$d) t",
                    DISTRICT, TOWNS));
            s.execute(f("insert into known_org (id, parent_id, path, name, kind) select %1$d + 100 + t, %1$d + t,"
                    + " cast('1.%1$d.' || (%1$d + t) || '.' || (%1$d + 100 + t) as ltree), 'bench park ' || t, 'JOINT_AREA'"
                    + " from generate_series(1, %2$d) t", DISTRICT, TOWNS));
            s.execute(f("insert into known_org (id, parent_id, path, name, kind)"
                    + " select 3000000 + i, %1$d + 101 + i %% 10,"
                    + " cast('1.%1$d.' || (%1$d + 1 + i %% 10) || '.' || (%1$d + 101 + i %% 10) || '.' || (3000000 + i) as ltree),"
                    + " 'bench union ' || i, 'ENTERPRISE' from generate_series(0, %2$d - 1) i where i %% 10 <> 0",
                    DISTRICT, enterprises));
            s.execute(f("insert into known_enterprise (id, credit_code, name, org_id, org_path, employee_count, union_org_id)"
                    + " select 4000000 + i, 'B' || lpad(i::text, 17, '0'), 'bench enterprise ' || i, %1$d + 101 + i %% 10,"
                    + " cast('1.%1$d.' || (%1$d + 1 + i %% 10) || '.' || (%1$d + 101 + i %% 10) as ltree),"
                    + " case when i %% 7 = 0 then 10 else 100 end, case when i %% 10 <> 0 then 3000000 + i end"
                    + " from generate_series(0, %2$d - 1) i", DISTRICT, enterprises));
            long importId;
            try (ResultSet r = s.executeQuery("insert into collection_import (submitted_by, format, received_at, row_count,"
                    + " posted, duplicates, rejected, flagged, results) values ('benchmark', 'CSV', now(), 0, 0, 0, 0, 0, '[]')"
                    + " returning id")) {
                r.next();
                importId = r.getLong(1);
            }
            s.execute(f("insert into fund_collection (partner_ref, enterprise_id, credit_code, period, payroll_base_fen,"
                    + " amount_fen, expected_fen, flagged, collecting_org_id, enterprise_org_id, import_id, received_at)"
                    + " select 'BENCH-' || i || '-' || p, 4000000 + i, 'B' || lpad(i::text, 17, '0'),"
                    + " to_char(date '%1$s' + make_interval(months => p), 'YYYY-MM'), 10000000 + (i * 37) %% 5000000,"
                    + " ((10000000 + (i * 37) %% 5000000) * 2 + 50) / 100, ((10000000 + (i * 37) %% 5000000) * 2 + 50) / 100,"
                    + " false, %2$d + 1 + i %% 10, %2$d + 101 + i %% 10, %3$d, now()"
                    + " from generate_series(0, %4$d - 1) i cross join generate_series(0, %5$d - 1) p",
                    first.atDay(1), DISTRICT, importId, enterprises, PERIODS));
            // What the collections brought in, as the service books them (D CASH / C COLLECTED_FUNDS at the collecting
            // town), one entry per town: a run pays the shares out of that cash, and no cash account may go negative.
            s.execute(f("insert into accounting_period (period) values ('%s') on conflict (period) do nothing", first));
            s.execute(f("insert into ledger_account (org_id, purpose, currency, opened_at) select %1$d + t, p, 'CNY', now()"
                    + " from generate_series(1, %2$d) t cross join unnest(array['CASH', 'COLLECTED_FUNDS']) p"
                    + " on conflict (org_id, purpose) do nothing", DISTRICT, TOWNS));
            s.execute(f("create temporary table bench_cash on commit drop as select c.collecting_org_id as org_id,"
                    + " sum(c.amount_fen) as fen, gen_random_uuid() as tx from fund_collection c where c.import_id = %d"
                    + " group by c.collecting_org_id", importId));
            s.execute(f("insert into journal_entry (transaction_id, period, kind, description, source_ref, posted_at, posted_by)"
                    + " select tx, '%s', 'FUND_COLLECTION', 'bench: the collections of org ' || org_id, 'bench:cash:%d:' || org_id, now(),"
                    + " 'benchmark' from bench_cash", first, importId));
            s.execute(f("insert into journal_leg (entry_id, transaction_id, period, account_id, org_id, purpose, side, amount_fen)"
                    + " select e.id, b.tx, '%s', a.id, b.org_id, a.purpose, case a.purpose when 'CASH' then 'D' else 'C' end, b.fen"
                    + " from bench_cash b join journal_entry e on e.transaction_id = b.tx"
                    + " join ledger_account a on a.org_id = b.org_id and a.purpose in ('CASH', 'COLLECTED_FUNDS')", first));
            c.commit();
            c.setAutoCommit(true);
            s.execute("analyze");
            return importId;
        }
    }
}
