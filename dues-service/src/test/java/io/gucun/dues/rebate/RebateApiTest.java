package io.gucun.dues.rebate;

import static io.gucun.dues.enterprise.EnterpriseFixtures.creditCode;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;

import io.gucun.dues.enterprise.EnterpriseFixtures;
import io.gucun.dues.job.AwaitJob;
import io.gucun.dues.ledger.LedgerAccount;
import io.gucun.dues.org.OrgFixtures;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The "done when" path: an officer loads a period's collections, previews and runs the rebate, and it posts once. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "dues"))
class RebateApiTest {

    static final String E1 = creditCode(70101);
    static final String E2 = creditCode(70102);
    static final String E3 = creditCode(70103);
    static final String E4 = creditCode(70104);

    @BeforeEach
    void fixtures() {
        OrgFixtures.org("1.701", "DISTRICT");
        OrgFixtures.org("1.701.702", "TOWN");
        OrgFixtures.org("1.701.702.703", "JOINT_AREA");
        OrgFixtures.org("1.701.702.703.704", "ENTERPRISE");
        OrgFixtures.org("1.701.702.703.705", "ENTERPRISE");
        OrgFixtures.org("1.701.712", "TOWN");
        OrgFixtures.org("1.701.712.713", "JOINT_AREA");
        OrgFixtures.org("1.701.712.713.714", "ENTERPRISE");
        EnterpriseFixtures.registered(70101, E1, 703, 86);
        EnterpriseFixtures.unionFounded(70101, E1, 704, "1.701.702.703.704");
        EnterpriseFixtures.registered(70102, E2, 703, 10);
        EnterpriseFixtures.unionFounded(70102, E2, 705, "1.701.702.703.705");
        EnterpriseFixtures.registered(70103, E3, 703, 40);
        EnterpriseFixtures.registered(70104, E4, 713, 300);
        EnterpriseFixtures.unionFounded(70104, E4, 714, "1.701.712.713.714");
    }

    static long balance(long orgId, String purpose, String period) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) LedgerAccount.getEntityManager().createNativeQuery(
                        "select coalesce(sum(case when side = 'C' then amount_fen else -amount_fen end), 0) from journal_leg"
                                + " where org_id = ?1 and purpose = ?2 and period = ?3")
                .setParameter(1, orgId).setParameter(2, purpose).setParameter(3, period).getSingleResult()).longValue());
    }

    static long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) LedgerAccount.getEntityManager()
                .createNativeQuery(sql).getSingleResult()).longValue());
    }

    static String csv(String period, String run, String... lines) {
        StringBuilder b = new StringBuilder("creditCode,period,payrollBase,amount,partnerReference\n");
        int i = 0;
        for (String line : lines) {
            String[] parts = line.split(":");
            b.append(parts[0]).append(',').append(period).append(',').append(parts[1]).append(",,").append(run).append('-').append(i++).append('\n');
        }
        return b.toString();
    }

    @Test
    @TestSecurity(user = "officer.town", roles = "officer")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1.701.702"))
    void anOfficerLoadsCollectionsPreviewsAndRunsTheRebateOnce() {
        String period = YearMonth.now(ZoneOffset.UTC).minusMonths(2).toString();
        String run = UUID.randomUUID().toString();
        AwaitJob.imported(given().contentType("text/csv").body(csv(period, run, E1 + ":300000.00", E2 + ":50000.00", E3 + ":100000.55"))
                .when().post("/api/dues/collection-imports")).body("posted", equalTo(3));

        JsonPath preview = given().when().get("/api/dues/orgs/702/rebate-preview?period=" + period)
                .then().statusCode(200).body("dryRun", equalTo(true)).body("runId", nullValue())
                .body("collections", equalTo(3)).body("total", equalTo("9000.01"))
                .body("grassroots", equalTo("5800.00")).body("preparatoryFund", equalTo("1600.01")).body("upper", equalTo("1600.00"))
                .body("lines.items.policyName", everyItem(equalTo("national-default")))
                .body("lines.items.policyVersion", everyItem(equalTo(1)))
                .extract().jsonPath();
        Assertions.assertThat(preview.getList("lines.items.category")).containsExactly("STANDARD", "SMALL_FIRM", "NO_UNION");
        Assertions.assertThat(preview.getList("lines.items.grassrootsShare")).containsExactly("4800.00", "1000.00", "0.00");
        Assertions.assertThat(preview.getList("lines.items.preparatoryFund")).containsExactly("0.00", "0.00", "1600.01");
        Assertions.assertThat(preview.getList("lines.items.upperShare")).containsExactly("1200.00", "0.00", "400.00");
        // Every amount names its rule and rounding; the held share of 2000.01 took the left-over fen (80% = 1600.008).
        Assertions.assertThat(preview.getList("lines.items.rule")).containsExactly("policy rule STANDARD", "policy rule SMALL_FIRM",
                "policy rule NO_UNION");
        Assertions.assertThat(preview.getList("lines.items[2].shares.level")).containsExactly("GRASSROOTS", "TOWN", "DISTRICT",
                "CITY", "PROVINCE", "NATIONAL");
        Assertions.assertThat(preview.getList("lines.items[2].shares.amount")).containsExactly("1600.01", "100.00", "80.00",
                "60.00", "60.00", "100.00");
        Assertions.assertThat(preview.getString("lines.items[2].rounding")).isEqualTo("largest remainder, +1 fen to GRASSROOTS");
        // A preview posts nothing.
        Assertions.assertThat(balance(704, "GRASSROOTS_SHARE", period)).isZero();

        int runId = AwaitJob.succeeded(given().contentType(ContentType.JSON).body("{\"period\":\"" + period + "\"}")
                .when().post("/api/dues/orgs/702/rebate-runs")).body("result.collections", equalTo(3)).body("result.grassroots", equalTo("5800.00"))
                .extract().path("result.runId");
        Assertions.assertThat(balance(704, "GRASSROOTS_SHARE", period)).isEqualTo(480_000);
        Assertions.assertThat(balance(705, "GRASSROOTS_SHARE", period)).isEqualTo(100_000);
        Assertions.assertThat(balance(702, "PREPARATORY_FUND", period)).isEqualTo(160_001);
        // Every level above has its share: the town 5%, the district 4% plus the city's and province's 3% each (no city
        // or province between it and the national union), the national union 5%.
        Assertions.assertThat(balance(702, "UPPER_SHARE", period)).isEqualTo(40_000);
        Assertions.assertThat(balance(701, "UPPER_SHARE", period)).isEqualTo(80_000);
        Assertions.assertThat(count("select sum(l.amount_fen) from journal_leg l join rebate_run r on r.journal_entry_id = l.entry_id"
                + " where r.org_id = 702 and r.period = '" + period + "' and l.org_id = 1 and l.purpose = 'UPPER_SHARE'")).isEqualTo(40_000);
        Assertions.assertThat(-balance(701, "CASH", period)).isEqualTo(80_000);
        Assertions.assertThat(balance(702, "COLLECTED_FUNDS", period)).isZero();
        Assertions.assertThat(-balance(704, "CASH", period)).isEqualTo(480_000);
        Assertions.assertThat(count("select count(*) from outbox_event where event_type = 'RebatePosted' and aggregate_id = '"
                + runId + "' and topic = 'dues.rebate.v1'")).isEqualTo(1);

        AwaitJob.succeeded(given().contentType(ContentType.JSON).body("{\"period\":\"" + period + "\"}")
                .when().post("/api/dues/orgs/702/rebate-runs")).body("result.runId", nullValue()).body("result.collections", equalTo(0));
        Assertions.assertThat(balance(704, "GRASSROOTS_SHARE", period)).isEqualTo(480_000);
        Assertions.assertThat(count("select count(*) from rebate_run where org_id = 702 and period = '" + period + "'")).isEqualTo(1);

        given().when().get("/api/dues/rebate-runs/" + runId)
                .then().statusCode(200).body("lines.total", equalTo(3)).body("lines.items.collectionId.size()", equalTo(3));
        given().when().get("/api/dues/orgs/702/rebate-runs?period=" + period)
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].runId", equalTo(runId));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aLaterPolicyVersionAppliesToNewRunsAndLeavesPostedHistoryAlone() {
        String period = YearMonth.now(ZoneOffset.UTC).minusMonths(3).toString();
        String run = UUID.randomUUID().toString();
        AwaitJob.imported(given().contentType("text/csv").body(csv(period, run, E4 + ":100000.00"))
                .when().post("/api/dues/collection-imports")).body("posted", equalTo(1));
        int first = AwaitJob.succeeded(given().contentType(ContentType.JSON).body("{\"period\":\"" + period + "\"}")
                .when().post("/api/dues/orgs/712/rebate-runs")).body("result.grassroots", equalTo("1600.00")).extract().path("result.runId");

        String name = "town-712-" + run.substring(0, 8);
        PolicyFixtures.approved(name, 1, "1.701.712", "2020-01-01", 8000);
        AwaitJob.imported(given().contentType("text/csv").body(csv(period, run + "b", E4 + ":100000.00"))
                .when().post("/api/dues/collection-imports")).body("posted", equalTo(1));
        PolicyFixtures.approved(name, 2, "1.701.712", "2020-01-01", 8500);

        given().when().get("/api/dues/orgs/712/rebate-preview?period=" + period)
                .then().statusCode(200).body("collections", equalTo(1))
                .body("lines.items[0].policyName", equalTo(name)).body("lines.items[0].policyVersion", equalTo(2))
                .body("lines.items[0].grassrootsShare", equalTo("1700.00"));
        AwaitJob.succeeded(given().contentType(ContentType.JSON).body("{\"period\":\"" + period + "\"}")
                .when().post("/api/dues/orgs/712/rebate-runs")).body("result.grassroots", equalTo("1700.00"));
        given().when().get("/api/dues/rebate-runs/" + first)
                .then().statusCode(200).body("grassroots", equalTo("1600.00"))
                .body("lines.items[0].policyName", equalTo("national-default")).body("lines.items[0].grassrootsPercent", equalTo("80"));
        Assertions.assertThat(balance(714, "GRASSROOTS_SHARE", period)).isEqualTo(160_000 + 170_000);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aRebateCannotPostIntoAClosedPeriod() {
        AwaitJob.imported(given().contentType("text/csv").body(csv("2025-06", UUID.randomUUID().toString(), E1 + ":1000.00"))
                .when().post("/api/dues/collection-imports")).body("posted", equalTo(1));
        given().when().post("/api/dues/periods/2025-06/close").then().statusCode(200);
        // Refused before any job is created: the period is checked at once.
        given().contentType(ContentType.JSON).body("{\"period\":\"2025-06\"}")
                .when().post("/api/dues/orgs/702/rebate-runs")
                .then().statusCode(422).body("type", equalTo("urn:gucun:problem:period-closed"))
                .body("errors[0].field", equalTo("period"));
        Assertions.assertThat(count("select count(*) from rebate_run where period = '2025-06'")).isZero();
        given().when().get("/api/dues/orgs/702/rebate-preview?period=2025-06").then().statusCode(200).body("collections", equalTo(1));
    }

    @Test
    @TestSecurity(user = "officer.other", roles = "officer")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1.701.712"))
    void anOfficerCannotPreviewOrRunAnotherTownsRebate() {
        given().when().get("/api/dues/orgs/702/rebate-preview?period=2026-01").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"period\":\"2026-01\"}")
                .when().post("/api/dues/orgs/702/rebate-runs").then().statusCode(404);
        given().when().get("/api/dues/orgs/712/rebate-preview").then().statusCode(400).body("errors[0].field", equalTo("period"));
    }

    @Test
    @TestSecurity(user = "officer.other", roles = "officer")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1.701.712"))
    void anOfficerReadsThePoliciesThatGovernTheirSubtreeButNotAnotherTownsPolicy() {
        long otherTowns = QuarkusTransaction.requiringNew().call(() -> ((Number) LedgerAccount.getEntityManager()
                .createNativeQuery("insert into rebate_policy (name, version, scope_path, valid_from, small_firm_max_employees,"
                        + " note, created_at, created_by) values (?1, 1, cast('1.701.702' as ltree), date '2020-01-01', 25,"
                        + " null, now(), 'admin') returning id")
                .setParameter(1, "town-702-" + UUID.randomUUID().toString().substring(0, 8)).getSingleResult()).longValue());
        long national = count("select id from rebate_policy where name = 'national-default' and version = 1");

        given().when().get("/api/dues/rebate-policies/" + otherTowns).then().statusCode(404);
        given().when().get("/api/dues/rebate-policies/" + national).then().statusCode(200).body("scopePath", equalTo("1"));
        given().when().get("/api/dues/rebate-policies?size=200")
                .then().statusCode(200).body("items.findAll { it.scopePath.startsWith('1.701.702') }.size()", equalTo(0))
                .body("items.findAll { it.name == 'national-default' }.size()", equalTo(1));
    }

    @Test
    @TestSecurity(user = "tax", roles = "partner-tax")
    void theTaxPartnerCannotRunRebates() {
        given().contentType(ContentType.JSON).body("{\"period\":\"2026-01\"}")
                .when().post("/api/dues/orgs/702/rebate-runs").then().statusCode(403);
        given().when().get("/api/dues/rebate-policies").then().statusCode(403);
    }
}
