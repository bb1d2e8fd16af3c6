package io.gucun.dues.rebate;

import static io.gucun.dues.enterprise.EnterpriseFixtures.creditCode;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;

import io.gucun.dues.enterprise.EnterpriseFixtures;
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
        given().contentType("text/csv").body(csv(period, run, E1 + ":300000.00", E2 + ":50000.00", E3 + ":100000.55"))
                .when().post("/api/dues/collection-imports")
                .then().statusCode(201).body("posted", equalTo(3));

        JsonPath preview = given().when().get("/api/dues/orgs/702/rebate-preview?period=" + period)
                .then().statusCode(200).body("dryRun", equalTo(true)).body("runId", nullValue())
                .body("collections", equalTo(3)).body("total", equalTo("9000.01"))
                .body("grassroots", equalTo("4600.00")).body("preparatoryFund", equalTo("1200.00")).body("upper", equalTo("3200.01"))
                .body("lines.items.policyName", everyItem(equalTo("national-default")))
                .body("lines.items.policyVersion", everyItem(equalTo(1)))
                .extract().jsonPath();
        Assertions.assertThat(preview.getList("lines.items.category")).containsExactly("STANDARD", "SMALL_FIRM", "NO_UNION");
        Assertions.assertThat(preview.getList("lines.items.grassrootsShare")).containsExactly("3600.00", "1000.00", "0.00");
        Assertions.assertThat(preview.getList("lines.items.preparatoryFund")).containsExactly("0.00", "0.00", "1200.00");
        Assertions.assertThat(preview.getList("lines.items.upperShare")).containsExactly("2400.00", "0.00", "800.01");
        // A preview posts nothing.
        Assertions.assertThat(balance(704, "GRASSROOTS_SHARE", period)).isZero();

        int runId = given().contentType(ContentType.JSON).body("{\"period\":\"" + period + "\"}")
                .when().post("/api/dues/orgs/702/rebate-runs")
                .then().statusCode(201).body("collections", equalTo(3)).body("grassroots", equalTo("4600.00"))
                .extract().path("runId");
        Assertions.assertThat(balance(704, "GRASSROOTS_SHARE", period)).isEqualTo(360_000);
        Assertions.assertThat(balance(705, "GRASSROOTS_SHARE", period)).isEqualTo(100_000);
        Assertions.assertThat(balance(702, "PREPARATORY_FUND", period)).isEqualTo(120_000);
        Assertions.assertThat(balance(702, "UPPER_SHARE", period)).isEqualTo(320_001);
        Assertions.assertThat(balance(702, "COLLECTED_FUNDS", period)).isZero();
        Assertions.assertThat(-balance(704, "CASH", period)).isEqualTo(360_000);
        Assertions.assertThat(count("select count(*) from outbox_event where event_type = 'RebatePosted' and aggregate_id = '"
                + runId + "' and topic = 'dues.rebate.v1'")).isEqualTo(1);

        given().contentType(ContentType.JSON).body("{\"period\":\"" + period + "\"}")
                .when().post("/api/dues/orgs/702/rebate-runs")
                .then().statusCode(200).body("runId", nullValue()).body("collections", equalTo(0));
        Assertions.assertThat(balance(704, "GRASSROOTS_SHARE", period)).isEqualTo(360_000);
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
        given().contentType("text/csv").body(csv(period, run, E4 + ":100000.00"))
                .when().post("/api/dues/collection-imports").then().statusCode(201).body("posted", equalTo(1));
        int first = given().contentType(ContentType.JSON).body("{\"period\":\"" + period + "\"}")
                .when().post("/api/dues/orgs/712/rebate-runs")
                .then().statusCode(201).body("grassroots", equalTo("1200.00")).extract().path("runId");

        String policy = """
                {"name":"town-712-%s","scopeOrgId":712,"validFrom":"2020-01-01","smallFirmMaxEmployees":25,
                 "rules":[{"category":"STANDARD","grassrootsPercent":"%s"},{"category":"SMALL_FIRM","grassrootsPercent":"100"},
                          {"category":"NO_UNION","grassrootsPercent":"0"}],"note":"≥ 80%% to the grassroots, as in Gucun"}""";
        String name = run.substring(0, 8);
        given().contentType(ContentType.JSON).body(policy.formatted(name, "80"))
                .when().post("/api/dues/rebate-policies")
                .then().statusCode(201).body("version", equalTo(1)).body("scopePath", equalTo("1.701.712"))
                .body("rules.find { it.category == 'STANDARD' }.grassrootsBp", equalTo(8000));
        given().contentType("text/csv").body(csv(period, run + "b", E4 + ":100000.00"))
                .when().post("/api/dues/collection-imports").then().statusCode(201).body("posted", equalTo(1));
        given().contentType(ContentType.JSON).body(policy.formatted(name, "85"))
                .when().post("/api/dues/rebate-policies").then().statusCode(201).body("version", equalTo(2));

        given().when().get("/api/dues/orgs/712/rebate-preview?period=" + period)
                .then().statusCode(200).body("collections", equalTo(1))
                .body("lines.items[0].policyName", equalTo("town-712-" + name)).body("lines.items[0].policyVersion", equalTo(2))
                .body("lines.items[0].grassrootsShare", equalTo("1700.00"));
        given().contentType(ContentType.JSON).body("{\"period\":\"" + period + "\"}")
                .when().post("/api/dues/orgs/712/rebate-runs").then().statusCode(201).body("grassroots", equalTo("1700.00"));
        given().when().get("/api/dues/rebate-runs/" + first)
                .then().statusCode(200).body("grassroots", equalTo("1200.00"))
                .body("lines.items[0].policyName", equalTo("national-default")).body("lines.items[0].grassrootsPercent", equalTo("60"));
        Assertions.assertThat(balance(714, "GRASSROOTS_SHARE", period)).isEqualTo(120_000 + 170_000);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void badPoliciesAreRefusedNamingTheField() {
        given().contentType(ContentType.JSON).body("""
                {"name":"bad","scopeOrgId":712,"validFrom":"2020-01-01","smallFirmMaxEmployees":25,
                 "rules":[{"category":"STANDARD","grassrootsPercent":"120"},{"category":"SMALL_FIRM","grassrootsPercent":"100"},
                          {"category":"NO_UNION","grassrootsPercent":"0"}]}""")
                .when().post("/api/dues/rebate-policies")
                .then().statusCode(400).body("errors[0].field", equalTo("rules[0].grassrootsPercent"));
        given().contentType(ContentType.JSON).body("""
                {"name":"bad","scopeOrgId":712,"validFrom":"2020-01-01","smallFirmMaxEmployees":25,
                 "rules":[{"category":"STANDARD","grassrootsPercent":"80"},{"category":"STANDARD","grassrootsPercent":"100"},
                          {"category":"NO_UNION","grassrootsPercent":"0"}]}""")
                .when().post("/api/dues/rebate-policies")
                .then().statusCode(400).body("errors[0].field", equalTo("rules[1].category"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aRebateCannotPostIntoAClosedPeriod() {
        given().contentType("text/csv").body(csv("2025-06", UUID.randomUUID().toString(), E1 + ":1000.00"))
                .when().post("/api/dues/collection-imports").then().statusCode(201).body("posted", equalTo(1));
        given().when().post("/api/dues/periods/2025-06/close").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"period\":\"2025-06\"}")
                .when().post("/api/dues/orgs/702/rebate-runs")
                .then().statusCode(422).body("type", equalTo("urn:gucun:problem:period-closed"));
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
