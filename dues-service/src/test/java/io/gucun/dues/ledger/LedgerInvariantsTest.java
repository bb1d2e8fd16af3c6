package io.gucun.dues.ledger;

import static io.gucun.dues.enterprise.EnterpriseFixtures.creditCode;
import static io.restassured.RestAssured.given;

import io.gucun.common.money.Money;
import io.gucun.dues.enterprise.EnterpriseFixtures;
import io.gucun.dues.job.AwaitJob;
import io.gucun.dues.org.OrgFixtures;
import io.gucun.dues.subsidy.SubsidyService;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Property-style, against the real database: a seeded random sequence of collections, rebate runs, subsidies, spending
 * and reversals, all through the service, leaves every period balanced, splits every collection exactly, and changes the
 * cash of the orgs involved by exactly the money that came in minus the money spent (no fen created or lost).
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "dues"))
class LedgerInvariantsTest {

    static final String[] ENTERPRISES = {creditCode(95101), creditCode(95102), creditCode(95103), creditCode(95104)};

    @Inject
    SubsidyService subsidies;

    /** Something posted and the operation that corrects it: void a collection, reverse a run, revoke a grant, reverse an entry. */
    private record Posted(String correction, long externalFen) {
    }

    static long number(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) LedgerAccount.getEntityManager()
                .createNativeQuery(sql).getSingleResult()).longValue());
    }

    /** Cash and budgets of the test's subtree and of the national union above it, which receives the national level's share. */
    static long cashOfTree() {
        return number("select coalesce(sum(case when side = 'D' then amount_fen else -amount_fen end), 0) from journal_leg"
                + " where purpose in ('CASH', 'BUDGET') and (org_id between 951 and 955 or org_id = 1)");
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void randomSequencesKeepEveryPeriodBalancedAndEveryFen() {
        OrgFixtures.org("1.951", "DISTRICT");
        OrgFixtures.org("1.951.952", "TOWN");
        OrgFixtures.org("1.951.952.953", "JOINT_AREA");
        OrgFixtures.org("1.951.952.953.954", "ENTERPRISE");
        OrgFixtures.org("1.951.952.953.955", "ENTERPRISE");
        EnterpriseFixtures.registered(95101, ENTERPRISES[0], 953, 300);
        EnterpriseFixtures.unionFounded(95101, ENTERPRISES[0], 954, "1.951.952.953.954");
        EnterpriseFixtures.registered(95102, ENTERPRISES[1], 953, 8);
        EnterpriseFixtures.unionFounded(95102, ENTERPRISES[1], 955, "1.951.952.953.955");
        EnterpriseFixtures.registered(95103, ENTERPRISES[2], 953, 120);
        EnterpriseFixtures.registered(95104, ENTERPRISES[3], 952, 40);

        Random random = new Random(20261124L);
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        String[] periods = {now.minusMonths(4).toString(), now.minusMonths(5).toString(), now.minusMonths(6).toString()};
        long cashBefore = cashOfTree();
        long townFund = given().contentType(ContentType.JSON).body("{\"programme\":\"RECRUITMENT_SUBSIDY\",\"payerOrgId\":952,"
                + "\"regionOrgId\":952}").when().post("/api/dues/budget-funds").then().statusCode(200).extract().jsonPath().getLong("id");
        long expected = 0;
        List<Posted> reversible = new ArrayList<>();
        long member = 950_000;
        for (int step = 0; step < 80; step++) {
            String period = periods[random.nextInt(periods.length)];
            int op = random.nextInt(100);
            if (op < 40) {
                String ref = "INV-" + UUID.randomUUID();
                long payroll = random.nextLong(1, 100_000_000);
                boolean explicit = random.nextInt(3) == 0;
                long amount = explicit ? random.nextLong(1, 5_000_000) : (payroll * 2 + 50) / 100;
                if (amount == 0) {
                    continue;
                }
                String body = "{\"creditCode\":\"" + ENTERPRISES[random.nextInt(ENTERPRISES.length)] + "\",\"period\":\"" + period
                        + "\",\"payrollBase\":\"" + Money.format(payroll) + "\","
                        + (explicit ? "\"amount\":\"" + Money.format(amount) + "\"," : "") + "\"partnerReference\":\"" + ref + "\"}";
                given().contentType(ContentType.JSON).body(body).when().post("/api/dues/collections").then().statusCode(201);
                expected += amount;
                reversible.add(new Posted("/api/dues/collections/" + number("select id from fund_collection where partner_ref = '"
                        + ref + "'") + "/void", amount));
            } else if (op < 55) {
                var r = AwaitJob.succeeded(given().contentType(ContentType.JSON).body("{\"period\":\"" + period + "\"}")
                        .when().post("/api/dues/orgs/952/rebate-runs")).extract().jsonPath();
                if (r.get("result.runId") != null) {
                    reversible.add(new Posted("/api/dues/rebate-runs/" + r.getLong("result.runId") + "/reversal", 0));
                }
            } else if (op < 70) {
                long id = member++;
                QuarkusTransaction.requiringNew().run(() -> subsidies.memberJoined(id, 953, "1.951.952.953",
                        OffsetDateTime.parse(period + "-15T08:00:00Z")));
                reversible.add(new Posted("/api/dues/grants/" + number("select grant_id from subsidy_grant where member_id = " + id)
                        + "/revocation", 0));
            } else if (op < 73) {
                // the town tops up its recruitment fund when its cash allows (else 422, nothing moves)
                Assertions.assertThat(given().contentType(ContentType.JSON).body("{\"amount\":\"90.00\",\"reference\":\""
                        + UUID.randomUUID() + "\"}").when().post("/api/dues/budget-funds/" + townFund + "/allocations")
                        .statusCode()).isIn(200, 422);
            } else if (op < 80) {
                long amount = random.nextLong(1, 300_000);
                Response spent = given().contentType(ContentType.JSON).body("{\"period\":\"" + period + "\",\"amount\":\""
                                + Money.format(amount) + "\",\"description\":\"慰问\",\"reference\":\"" + UUID.randomUUID() + "\"}")
                        .when().post("/api/dues/orgs/954/benefit-spending");
                // spending more than the union holds is refused (422 insufficient-funds) and posts nothing
                Assertions.assertThat(spent.statusCode()).isIn(201, 422);
                if (spent.statusCode() == 201) {
                    expected -= amount;
                    reversible.add(new Posted("/api/dues/journal-entries/" + spent.jsonPath().getLong("journalEntryId")
                            + "/reversal", -amount));
                }
            } else if (!reversible.isEmpty()) {
                Posted target = reversible.remove(random.nextInt(reversible.size()));
                Response r = given().contentType(ContentType.JSON).body("{\"period\":\"" + period + "\",\"reason\":\"property test\"}")
                        .when().post(target.correction());
                // 409: a collection already rebated (its run must be reversed first); 422: the money was spent since
                Assertions.assertThat(r.statusCode()).as(target.correction()).isIn(200, 201, 409, 422);
                if (r.statusCode() < 300) {
                    expected -= target.externalFen();
                } else {
                    reversible.add(target);
                }
            }
        }

        Assertions.assertThat(number("select count(*) from ledger_account where purpose in ('CASH', 'BUDGET') and balance_fen < 0"))
                .as("no cash or budget account below zero").isZero();
        Assertions.assertThat(number("select count(*) from ledger_account a where balance_fen <> (select coalesce(sum(case when"
                + " (l.purpose in ('CASH', 'BUDGET', 'MEMBER_BENEFITS')) = (l.side = 'D') then l.amount_fen else -l.amount_fen end), 0)"
                + " from journal_leg l where l.account_id = a.id)")).as("stored balances equal the legs").isZero();
        Assertions.assertThat(cashOfTree() - cashBefore).as("cash moved = money in - money spent").isEqualTo(expected);
        Assertions.assertThat(number("select count(*) from (select period from journal_leg group by period"
                + " having sum(case when side = 'D' then amount_fen else -amount_fen end) <> 0) unbalanced")).isZero();
        Assertions.assertThat(number("select count(*) from (select entry_id from journal_leg group by entry_id"
                + " having sum(case when side = 'D' then amount_fen else -amount_fen end) <> 0) unbalanced")).isZero();
        Assertions.assertThat(number("select count(*) from rebate_line l join fund_collection c on c.id = l.collection_id"
                + " where l.amount_fen <> c.amount_fen or l.grassroots_fen + l.preparatory_fen + l.upper_fen <> c.amount_fen")).isZero();
        for (String period : periods) {
            given().when().get("/api/dues/trial-balance?period=" + period).then().statusCode(200)
                    .body("balanced", org.hamcrest.Matchers.equalTo(true));
        }
    }
}
