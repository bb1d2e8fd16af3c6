package io.gucun.dues.rebate;

import static io.gucun.dues.enterprise.EnterpriseFixtures.creditCode;
import static io.gucun.dues.rebate.RebateApiTest.balance;
import static io.gucun.dues.rebate.RebateApiTest.count;
import static io.gucun.dues.rebate.RebateApiTest.csv;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

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
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 21's rules through the API: allocation to every level with an override, the 80% report, held shares released
 * on founding and to the joint union, who may author and approve policies and overrides, and large manual entries.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "dues"))
class GovernanceApiTest {

    static final String E1 = creditCode(80101);
    static final String E2 = creditCode(80102);
    static final String E3 = creditCode(80103);
    static final String E4 = creditCode(80104);
    static final String E5 = creditCode(80105);
    static final String PERIOD = YearMonth.now(ZoneId.of("Asia/Shanghai")).minusMonths(2).toString();
    static final String OLD_PERIOD = YearMonth.now(ZoneId.of("Asia/Shanghai")).minusMonths(14).toString();
    static final String TOMORROW = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString();

    static Integer policyApproval;
    static Integer overrideApproval;
    static Integer entryApproval;

    @BeforeEach
    void fixtures() {
        OrgFixtures.org("1.801", "DISTRICT");
        OrgFixtures.org("1.801.802", "TOWN");
        OrgFixtures.org("1.801.802.803", "JOINT_AREA");
        OrgFixtures.org("1.801.802.803.804", "ENTERPRISE");
        OrgFixtures.org("1.801.802.803.805", "ENTERPRISE");
        OrgFixtures.org("1.801.802.803.806", "ENTERPRISE");
        EnterpriseFixtures.registered(80101, E1, 803, 300);
        EnterpriseFixtures.unionFounded(80101, E1, 804, "1.801.802.803.804");
        EnterpriseFixtures.registered(80102, E2, 803, 300);
        EnterpriseFixtures.registered(80103, E3, 803, 300);
        EnterpriseFixtures.registered(80104, E4, 803, 300);
        EnterpriseFixtures.unionFounded(80104, E4, 806, "1.801.802.803.806");
        EnterpriseFixtures.registered(80105, E5, 801, 300);
    }

    static String policy(long scope, String validFrom, String standard, String town, String floor) {
        return """
                {"name":"gov-%s","scopeOrgId":%d,"validFrom":"%s","smallFirmMaxEmployees":25,%s
                 "rules":[{"category":"STANDARD","grassrootsPercent":"%s","levels":[{"level":"TOWN","percent":"%s"},
                          {"level":"DISTRICT","percent":"5"}]},
                          {"category":"SMALL_FIRM","grassrootsPercent":"100"},
                          {"category":"NO_UNION","grassrootsPercent":"85","levels":[{"level":"TOWN","percent":"10"},
                          {"level":"DISTRICT","percent":"5"}]}]}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8), scope, validFrom,
                        floor == null ? "" : "\"returnFloorPercent\":\"" + floor + "\",", standard, town);
    }

    @Test
    @Order(1)
    @TestSecurity(user = "admin", roles = "admin")
    void aRunAllocatesToEveryLevelHonoursAnOverrideAndTheFloorReportHolds() {
        long override = QuarkusTransaction.requiringNew().call(() -> ((Number) LedgerAccount.getEntityManager().createNativeQuery(
                "insert into retention_override (enterprise_id, scope_path, grassroots_bp, reason, valid_from, created_at, created_by,"
                        + " status) values (80104, '1.801.802.803', 9500, '新建企业初创期', date '2020-01-01', now(), 'fixture',"
                        + " 'APPROVED') returning id").getSingleResult()).longValue());
        AwaitJob.imported(given().contentType("text/csv").body(csv(PERIOD, UUID.randomUUID().toString(), E1 + ":300000.00", E2 + ":100000.00",
                        E4 + ":100000.00"))
                .when().post("/api/dues/collection-imports")).body("posted", equalTo(3));
        AwaitJob.succeeded(given().contentType(ContentType.JSON).body("{\"period\":\"" + PERIOD + "\"}").when().post("/api/dues/orgs/802/rebate-runs")).body("result.total", equalTo("10000.00")).body("result.grassroots", equalTo("6700.00"))
                .body("result.preparatoryFund", equalTo("1600.00")).body("result.upper", equalTo("1700.00"))
                .body("result.lines.items.find { it.enterpriseId == 80104 }.overrideId", equalTo((int) override))
                .body("result.lines.items.find { it.enterpriseId == 80104 }.rule", equalTo("override " + override + " of STANDARD"))
                .body("result.lines.items.find { it.enterpriseId == 80104 }.shares.amount", equalTo(java.util.List.of("1900.00", "25.00",
                        "20.00", "15.00", "15.00", "25.00")));
        Assertions.assertThat(balance(806, "GRASSROOTS_SHARE", PERIOD)).isEqualTo(190_000);
        // district 801 receives its 4% plus the city's and province's 3% each (none between it and the national union)
        Assertions.assertThat(balance(801, "UPPER_SHARE", PERIOD)).isEqualTo(60_000 + 20_000 + 5_000);
        given().when().get("/api/dues/orgs/802/return-floor-report?period=" + PERIOD)
                .then().statusCode(200).body("rebated", equalTo("10000.00")).body("returned", equalTo("8300.00"))
                .body("held", equalTo("1600.00")).body("returnedPercent", equalTo("83.00")).body("floorPercent", equalTo("80"))
                .body("holds", equalTo(true)).body("shortfall", equalTo("0.00"))
                .body("levels.find { it.level == 'NATIONAL' }.amount", equalTo("425.00"));
    }

    @Test
    @Order(2)
    @TestSecurity(user = "admin", roles = "admin")
    void theHeldShareGoesToTheUnionWhenTheFirmFoundsOne() {
        Assertions.assertThat(count("select count(*) from rebate_line where enterprise_id = 80102 and preparatory_fen = 160000"))
                .as("order 1 held the share").isEqualTo(1);
        EnterpriseFixtures.unionFounded(80102, E2, 805, "1.801.802.803.805");
        Assertions.assertThat(count("select coalesce(sum(case when side = 'C' then amount_fen else -amount_fen end), 0)"
                + " from journal_leg where org_id = 805 and purpose = 'GRASSROOTS_SHARE'")).isEqualTo(160_000);
        Assertions.assertThat(count("select count(*) from held_share_release where enterprise_id = 80102 and reason = 'UNION_FOUNDED'"
                + " and recipient_org_id = 805 and amount_fen = 160000")).isEqualTo(1);
        Assertions.assertThat(count("select count(*) from rebate_line where enterprise_id = 80102 and released_by is null")).isZero();
        Assertions.assertThat(count("select coalesce(sum(case when side = 'C' then amount_fen else -amount_fen end), 0)"
                + " from journal_leg where org_id = 802 and purpose = 'PREPARATORY_FUND'")).isZero();
        // The run that held it cannot be reversed as a whole any more: the union has the money.
        long run = count("select run_id from rebate_line where enterprise_id = 80102");
        given().contentType(ContentType.JSON).body("{\"reason\":\"wrong payroll\"}").when()
                .post("/api/dues/rebate-runs/" + run + "/reversal").then().statusCode(409)
                .body("type", equalTo("urn:gucun:problem:held-share-released"));
        Assertions.assertThat(count("select count(*) from rebate_line where run_id = " + run)).isPositive();
        // A second founding event (a replay) finds nothing held: nothing posts twice.
        EnterpriseFixtures.unionFounded(80102, E2, 805, "1.801.802.803.805");
        Assertions.assertThat(count("select count(*) from held_share_release where enterprise_id = 80102")).isEqualTo(1);
    }

    @Test
    @Order(3)
    @TestSecurity(user = "officer.town", roles = "officer")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1.801.802"))
    void afterThePolicysMonthsTheHeldShareGoesToTheJointUnion() {
        AwaitJob.imported(given().contentType("text/csv").body(csv(OLD_PERIOD, UUID.randomUUID().toString(), E3 + ":50000.00"))
                .when().post("/api/dues/collection-imports")).body("posted", equalTo(1));
        AwaitJob.succeeded(given().contentType(ContentType.JSON).body("{\"period\":\"" + OLD_PERIOD + "\"}").when().post("/api/dues/orgs/802/rebate-runs")).body("result.preparatoryFund", equalTo("800.00"));
        given().when().post("/api/dues/orgs/802/held-share-releases")
                .then().statusCode(200).body("size()", equalTo(1)).body("[0].recipientOrgId", equalTo(803))
                .body("[0].reason", equalTo("JOINT_UNION")).body("[0].amount", equalTo("800.00"));
        given().when().post("/api/dues/orgs/802/held-share-releases").then().statusCode(200).body("size()", equalTo(0));
        given().when().post("/api/dues/orgs/1/held-share-releases").then().statusCode(404);
    }

    @Test
    @Order(4)
    @TestSecurity(user = "officer.town", roles = "officer")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1.801.802"))
    void theTownCannotSetItsOwnSplitNorReachBackNorGoBelowTheFloor() {
        given().contentType(ContentType.JSON).body(policy(802, TOMORROW, "80", "15", null)).when().post("/api/dues/rebate-policies")
                .then().statusCode(400).body("errors[0].field", equalTo("scopeOrgId"));
        given().contentType(ContentType.JSON).body(policy(803, "2020-01-01", "80", "15", null)).when().post("/api/dues/rebate-policies")
                .then().statusCode(400).body("errors.field", hasItem("validFrom"));
        given().contentType(ContentType.JSON).body(policy(803, TOMORROW, "80", "10", null)).when().post("/api/dues/rebate-policies")
                .then().statusCode(400).body("errors[0].field", equalTo("rules[0].levels"))
                .body("errors[0].message", containsString("95%"));
        given().contentType(ContentType.JSON).body(policy(803, TOMORROW, "60", "35", null)).when().post("/api/dues/rebate-policies")
                .then().statusCode(400).body("errors[0].field", equalTo("rules[0].grassrootsPercent"))
                .body("errors[0].message", containsString("20 percentage points below the floor of 80%"));
        given().contentType(ContentType.JSON).body(policy(803, TOMORROW, "80", "15", "70")).when().post("/api/dues/rebate-policies")
                .then().statusCode(400).body("errors[0].field", equalTo("returnFloorPercent"));
        given().contentType(ContentType.JSON).body("""
                {"enterpriseId":80101,"grassrootsPercent":"70","reason":"困难企业","validFrom":"%s"}""".formatted(TOMORROW))
                .when().post("/api/dues/retention-overrides").then().statusCode(400).body("errors[0].field", equalTo("grassrootsPercent"));
        given().contentType(ContentType.JSON).body("""
                {"enterpriseId":80101,"grassrootsPercent":"90","reason":"困难企业","validFrom":"2020-01-01"}""")
                .when().post("/api/dues/retention-overrides").then().statusCode(400).body("errors[0].field", equalTo("validFrom"));
        given().contentType(ContentType.JSON).body("""
                {"enterpriseId":70101,"grassrootsPercent":"90","reason":"困难企业","validFrom":"%s"}""".formatted(TOMORROW))
                .when().post("/api/dues/retention-overrides").then().statusCode(400).body("errors[0].field", equalTo("enterpriseId"));
        Assertions.assertThat(count("select count(*) from rebate_policy where scope_path <@ '1.801'")).isZero();
    }

    @Test
    @Order(5)
    @TestSecurity(user = "officer.district.a", roles = "officer")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1.801"))
    void aDistrictOfficerProposesAndCannotApproveTheirOwnProposal() {
        policyApproval = given().contentType(ContentType.JSON).body(policy(802, TOMORROW, "80", "15", null))
                .when().post("/api/dues/rebate-policies")
                .then().statusCode(201).body("status", equalTo("PENDING")).body("approvalId", notNullValue())
                .body("rules.find { it.category == 'STANDARD' }.levels.level", equalTo(java.util.List.of("TOWN", "DISTRICT")))
                .extract().path("approvalId");
        overrideApproval = given().contentType(ContentType.JSON).body("""
                {"enterpriseId":80101,"grassrootsPercent":"95","reason":"困难企业, 减免一年","validFrom":"%s","validUntil":"%s"}"""
                        .formatted(TOMORROW, LocalDate.parse(TOMORROW).plusYears(1)))
                .when().post("/api/dues/retention-overrides")
                .then().statusCode(201).body("status", equalTo("PENDING")).extract().path("approvalId");
        given().contentType(ContentType.JSON).body("{}").when().post("/api/dues/approvals/" + policyApproval + "/approval")
                .then().statusCode(422).body("type", equalTo("urn:gucun:problem:self-approval"))
                .body("errors[0].field", equalTo("approver"));
        // The district collects from a firm registered directly under it (2% of 1,500,000.00 wages): cash the large entry
        // below can move.
        AwaitJob.imported(given().contentType("text/csv").body(csv(PERIOD, UUID.randomUUID().toString(), E5 + ":1500000.00"))
                .when().post("/api/dues/collection-imports")).body("posted", equalTo(1));
        entryApproval = given().contentType(ContentType.JSON).body("""
                {"period":"%s","description":"区总工会拨付顾村活动经费(治理测试)","legs":[{"orgId":802,"purpose":"CASH","side":"D","amount":"20000.00"},
                 {"orgId":801,"purpose":"CASH","side":"C","amount":"20000.00"}]}""".formatted(PERIOD))
                .when().post("/api/dues/journal-entries")
                .then().statusCode(202).body("approvalThreshold", equalTo("10000.00")).body("journalEntryId", org.hamcrest.Matchers.nullValue())
                .extract().path("approvalId");
        Assertions.assertThat(count("select count(*) from journal_entry where description = '区总工会拨付顾村活动经费(治理测试)'")).isZero();
    }

    @Test
    @Order(6)
    @TestSecurity(user = "officer.town", roles = "officer")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1.801.802"))
    void theTownCannotApproveWhatGovernsIt() {
        given().contentType(ContentType.JSON).body("{}").when().post("/api/dues/approvals/" + policyApproval + "/approval")
                .then().statusCode(404);
    }

    @Test
    @Order(7)
    @TestSecurity(user = "officer.district.b", roles = "officer")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1.801"))
    void aSecondDistrictOfficerApprovesAndEveryDecisionIsAudited() {
        given().contentType(ContentType.JSON).body("{\"note\":\"核对无误\"}").when().post("/api/dues/approvals/" + policyApproval + "/approval")
                .then().statusCode(200).body("status", equalTo("APPROVED")).body("proposedBy", equalTo("officer.district.a"))
                .body("decidedBy", equalTo("officer.district.b")).body("note", equalTo("核对无误"));
        given().contentType(ContentType.JSON).body("{}").when().post("/api/dues/approvals/" + policyApproval + "/approval")
                .then().statusCode(409);
        given().contentType(ContentType.JSON).body("{}").when().post("/api/dues/approvals/" + overrideApproval + "/rejection")
                .then().statusCode(200).body("status", equalTo("REJECTED"));
        int entry = given().contentType(ContentType.JSON).body("{}").when().post("/api/dues/approvals/" + entryApproval + "/approval")
                .then().statusCode(200).body("status", equalTo("APPROVED")).extract().path("subjectId");
        Assertions.assertThat(count("select count(*) from journal_entry where description = '区总工会拨付顾村活动经费(治理测试)'"
                + " and posted_by = 'officer.district.a'")).isEqualTo(1);
        Assertions.assertThat(count("select count(*) from pending_manual_entry where id = " + entry
                + " and journal_entry_id is not null")).isEqualTo(1);
        Assertions.assertThat(count("select count(*) from rebate_policy p join approval_request a on a.subject_id = p.id"
                + " and a.kind = 'REBATE_POLICY' where a.id = " + policyApproval + " and p.status = 'APPROVED'")).isEqualTo(1);
        Assertions.assertThat(count("select count(*) from retention_override where status = 'REJECTED' and enterprise_id = 80101"))
                .isEqualTo(1);
        given().when().get("/api/dues/approvals?status=APPROVED")
                .then().statusCode(200).body("items.id", hasItem(policyApproval)).body("items.id", hasItem(entryApproval));
        given().when().get("/api/dues/approvals?status=SOON").then().statusCode(400).body("errors[0].field", equalTo("status"));
    }

    @Test
    @Order(8)
    @TestSecurity(user = "admin", roles = "admin")
    void closingAMonthClosesEveryMonthBeforeIt() {
        given().when().post("/api/dues/periods/2025-05/close").then().statusCode(200);
        given().contentType(ContentType.JSON).body("""
                {"period":"2025-04","description":"补记","legs":[{"orgId":802,"purpose":"CASH","side":"D","amount":"1.00"},
                 {"orgId":802,"purpose":"SUBSIDIES","side":"C","amount":"1.00"}]}""")
                .when().post("/api/dues/journal-entries")
                .then().statusCode(422).body("type", equalTo("urn:gucun:problem:period-closed"));
    }
}
