package io.gucun.dues.bench;

import static io.restassured.RestAssured.given;

import io.gucun.dues.job.AwaitJob;
import io.gucun.dues.ledger.LedgerAccount;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rebate run for 100,000 enterprises × 12 periods (1.2 million collections, 10 collecting towns) through the API,
 * next to one SQL aggregate computing the same split over the same data, measured in the same run. Not part of the
 * default test run (tag "benchmark"); the command is in README.md. Scale with -Dbench.enterprises and -Dbench.periods.
 */
@QuarkusTest
@Tag("benchmark")
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "dues"))
class RebateBenchmarkTest {

    static final int ENTERPRISES = Integer.getInteger("bench.enterprises", 100_000);
    static final int PERIODS = Integer.getInteger("bench.periods", 12);
    static final int TOWNS = 10;
    static final long DISTRICT = 2_000_000;

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
              where c.import_id = ?1
            ) x""";

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void rebateRunNextToASingleSqlAggregate() {
        YearMonth first = YearMonth.now(ZoneOffset.UTC).minusMonths(PERIODS);
        long setupStart = System.nanoTime();
        long importId = QuarkusTransaction.requiringNew().timeout(3600).call(() -> setUp(first));
        double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
        long collections = (long) ENTERPRISES * PERIODS;

        long sqlStart = System.nanoTime();
        Object[] sql = QuarkusTransaction.requiringNew().timeout(3600).call(() -> (Object[]) LedgerAccount.getEntityManager()
                .createNativeQuery(AGGREGATE).setParameter(1, importId).getSingleResult());
        double sqlSeconds = (System.nanoTime() - sqlStart) / 1e9;

        long runStart = System.nanoTime();
        BigDecimal grassroots = BigDecimal.ZERO;
        BigDecimal preparatory = BigDecimal.ZERO;
        BigDecimal upper = BigDecimal.ZERO;
        long rebated = 0;
        for (int p = 0; p < PERIODS; p++) {
            String period = first.plusMonths(p).toString();
            for (int t = 1; t <= TOWNS; t++) {
                JsonPath run = AwaitJob.succeeded(given().contentType(ContentType.JSON).body("{\"period\":\"" + period + "\"}")
                        .when().post("/api/dues/orgs/" + (DISTRICT + t) + "/rebate-runs?size=1"))
                        .extract().jsonPath().setRootPath("result");
                rebated += run.getLong("collections");
                grassroots = grassroots.add(new BigDecimal(run.getString("grassroots")));
                preparatory = preparatory.add(new BigDecimal(run.getString("preparatoryFund")));
                upper = upper.add(new BigDecimal(run.getString("upper")));
            }
        }
        double runSeconds = (System.nanoTime() - runStart) / 1e9;

        System.out.printf("%nBENCHMARK rebate: %,d enterprises x %d periods = %,d collections, %d collecting towns (setup %.1f s)%n",
                ENTERPRISES, PERIODS, collections, TOWNS, setupSeconds);
        System.out.printf("BENCHMARK rebate runs through the API (%d runs, posting entries and lines): %.2f s (%,.0f collections/s)%n",
                PERIODS * TOWNS, runSeconds, collections / runSeconds);
        System.out.printf("BENCHMARK single SQL aggregate over the same data (computing, not posting): %.2f s%n", sqlSeconds);
        System.out.printf("BENCHMARK ratio run / aggregate: %.1f%n%n", runSeconds / sqlSeconds);

        Assertions.assertThat(rebated).isEqualTo(collections);
        Assertions.assertThat(((Number) sql[0]).longValue()).isEqualTo(collections);
        Assertions.assertThat(grassroots.movePointRight(2).longValueExact()).isEqualTo(((Number) sql[2]).longValue());
        Assertions.assertThat(preparatory.movePointRight(2).longValueExact()).isEqualTo(((Number) sql[3]).longValue());
        Assertions.assertThat(upper.movePointRight(2).longValueExact()).isEqualTo(((Number) sql[4]).longValue());
        given().when().get("/api/dues/trial-balance").then().statusCode(200).body("balanced", org.hamcrest.Matchers.equalTo(true));
    }

    /**
     * A district with 10 towns, each with a park joint union; enterprise i is registered under town i % 10's park; 9 in 10
     * have a union (an ENTERPRISE org), 1 in 7 is small; each pays 2% of its payroll every period.
     */
    static long setUp(YearMonth first) {
        var em = LedgerAccount.getEntityManager();
        em.createNativeQuery("insert into known_org (id, parent_id, path, name, kind) values (?1, 1, cast(?2 as ltree), 'bench district', 'DISTRICT')")
                .setParameter(1, DISTRICT).setParameter(2, "1." + DISTRICT).executeUpdate();
        em.createNativeQuery("insert into known_org (id, parent_id, path, name, kind)"
                + " select ?1 + t, ?1, cast('1.' || ?1 || '.' || (?1 + t) as ltree), 'bench town ' || t, 'TOWN' from generate_series(1, 10) t")
                .setParameter(1, DISTRICT).executeUpdate();
        em.createNativeQuery("insert into known_org (id, parent_id, path, name, kind)"
                + " select ?1 + 100 + t, ?1 + t, cast('1.' || ?1 || '.' || (?1 + t) || '.' || (?1 + 100 + t) as ltree),"
                + " 'bench park ' || t, 'JOINT_AREA' from generate_series(1, 10) t").setParameter(1, DISTRICT).executeUpdate();
        em.createNativeQuery("insert into known_org (id, parent_id, path, name, kind)"
                + " select 3000000 + i, ?1 + 101 + i % 10,"
                + " cast('1.' || ?1 || '.' || (?1 + 1 + i % 10) || '.' || (?1 + 101 + i % 10) || '.' || (3000000 + i) as ltree),"
                + " 'bench union ' || i, 'ENTERPRISE' from generate_series(0, ?2 - 1) i where i % 10 <> 0")
                .setParameter(1, DISTRICT).setParameter(2, ENTERPRISES).executeUpdate();
        em.createNativeQuery("insert into known_enterprise (id, credit_code, name, org_id, org_path, employee_count, union_org_id)"
                + " select 4000000 + i, 'B' || lpad(i::text, 17, '0'), 'bench enterprise ' || i, ?1 + 101 + i % 10,"
                + " cast('1.' || ?1 || '.' || (?1 + 1 + i % 10) || '.' || (?1 + 101 + i % 10) as ltree),"
                + " case when i % 7 = 0 then 10 else 100 end, case when i % 10 <> 0 then 3000000 + i end"
                + " from generate_series(0, ?2 - 1) i").setParameter(1, DISTRICT).setParameter(2, ENTERPRISES).executeUpdate();
        long importId = ((Number) em.createNativeQuery("insert into collection_import (submitted_by, format, received_at, row_count,"
                + " posted, duplicates, rejected, flagged, results) values ('benchmark', 'CSV', now(), 0, 0, 0, 0, 0, '[]') returning id")
                .getSingleResult()).longValue();
        em.createNativeQuery("insert into fund_collection (partner_ref, enterprise_id, credit_code, period, payroll_base_fen,"
                        + " amount_fen, expected_fen, flagged, collecting_org_id, enterprise_org_id, import_id, received_at)"
                        + " select 'BENCH-' || i || '-' || p, 4000000 + i, 'B' || lpad(i::text, 17, '0'),"
                        + " to_char(cast(?1 as date) + make_interval(months => p), 'YYYY-MM'), 10000000 + (i * 37) % 5000000,"
                        + " ((10000000 + (i * 37) % 5000000) * 2 + 50) / 100, ((10000000 + (i * 37) % 5000000) * 2 + 50) / 100, false,"
                        + " ?2 + 1 + i % 10, ?2 + 101 + i % 10, ?3, now()"
                        + " from generate_series(0, ?4 - 1) i cross join generate_series(0, ?5 - 1) p")
                .setParameter(1, first.atDay(1)).setParameter(2, DISTRICT).setParameter(3, importId)
                .setParameter(4, ENTERPRISES).setParameter(5, PERIODS).executeUpdate();
        em.createNativeQuery("analyze").executeUpdate();
        return importId;
    }
}
