package io.gucun.dues.report;

import static io.gucun.dues.enterprise.EnterpriseFixtures.creditCode;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.gucun.dues.enterprise.EnterpriseFixtures;
import io.gucun.dues.job.AwaitJob;
import io.gucun.dues.ledger.LedgerAccount;
import io.gucun.dues.org.OrgFixtures;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.testsupport.KafkaEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

/** Balances, flows, the public transparency summary and the member-benefit ratio after a period's collections and rebate. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "dues"))
class ReportApiTest {

    static final String PERIOD = YearMonth.now(ZoneOffset.UTC).toString();
    static final String E = creditCode(90101);
    static volatile boolean loaded;

    @BeforeEach
    void fixtures() {
        OrgFixtures.org("1.901", "DISTRICT");
        OrgFixtures.org("1.901.902", "TOWN");
        OrgFixtures.org("1.901.902.903", "JOINT_AREA");
        OrgFixtures.org("1.901.902.903.904", "ENTERPRISE");
        OrgFixtures.org("1.909", "DISTRICT");
        EnterpriseFixtures.registered(90101, E, 903, 86);
        EnterpriseFixtures.unionFounded(90101, E, 904, "1.901.902.903.904");
    }

    static long number(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) LedgerAccount.getEntityManager()
                .createNativeQuery(sql).getSingleResult()).longValue());
    }

    static void sendCardEvent(String key, String type, String data) {
        KafkaEvents.send("membership.card.v1", key, UUID.randomUUID().toString(), "io.gucun.membership." + type, data);
    }

    @Test
    @Order(1)
    @TestSecurity(user = "officer.town", roles = "officer")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1.901.902"))
    void anOfficerReadsBalancesFlowsAndTheRatioOfTheirSubtree() {
        load();
        given().when().get("/api/dues/orgs/902/balances?period=" + PERIOD + "&size=200")
                .then().statusCode(200)
                .body("items.find { it.orgId == 904 && it.purpose == 'GRASSROOTS_SHARE' }.balance", equalTo("4800.00"))
                .body("items.find { it.orgId == 902 && it.purpose == 'UPPER_SHARE' }.balance", equalTo("300.00"))
                .body("items.find { it.orgId == 902 && it.purpose == 'COLLECTED_FUNDS' }.balance", equalTo("0.00"));
        given().when().get("/api/dues/orgs/902/balances.csv?period=" + PERIOD)
                .then().statusCode(200).contentType(containsString("text/csv"))
                .body(containsString("orgId,orgPath,orgName,purpose,debits,credits,balance,currency"))
                .body(containsString("904,1.901.902.903.904,\"ENTERPRISE 904\",GRASSROOTS_SHARE,0.00,4800.00,4800.00,CNY"));
        given().when().get("/api/dues/orgs/902/report?period=" + PERIOD)
                .then().statusCode(200)
                .body("flows.find { it.kind == 'REBATE' && it.purpose == 'GRASSROOTS_SHARE' }.credits", equalTo("4800.00"))
                .body("flows.find { it.kind == 'FUND_COLLECTION' && it.purpose == 'COLLECTED_FUNDS' }.credits", equalTo("6000.00"));
        given().when().get("/api/dues/orgs/902/benefit-ratio?period=" + PERIOD)
                .then().statusCode(200).body("duesCollected", equalTo("100.00")).body("spendingOnMembers", equalTo("180.00"))
                .body("percent", equalTo("180.0")).body("status", equalTo("WITHIN_TARGET"));
        given().when().get("/api/dues/orgs/1/balances").then().statusCode(404);
        given().when().get("/api/dues/orgs/909/benefit-ratio").then().statusCode(404);
    }

    @Test
    @Order(2)
    void anyoneReadsTheTransparencySummaryOfAnOrg() {
        Assertions.assertThat(loaded).as("the officer's test loaded the period").isTrue();
        given().when().get("/api/dues/public/orgs/902/transparency?period=" + PERIOD)
                .then().statusCode(200).body("fundsCollected", equalTo("6000.00")).body("sentDown", equalTo("4800.00"))
                .body("keptAsUpperShare", equalTo("300.00"))
                .body("sentUp", equalTo("900.00")).body("spentOnMembers", equalTo("0.00"));
        given().when().get("/api/dues/public/orgs/904/transparency?period=" + PERIOD)
                .then().statusCode(200).body("rebatesReceived", equalTo("4800.00")).body("duesCollected", equalTo("100.00"))
                .body("spentOnMembers", equalTo("180.00")).body("sentDown", equalTo("0.00")).body("currency", equalTo("CNY"));
        given().when().get("/api/dues/public/orgs/999999/transparency").then().statusCode(404);
        given().when().get("/api/dues/public/orgs/902/transparency?period=2026-99").then().statusCode(400)
                .body("errors[0].field", equalTo("period"));
    }

    @Test
    @TestSecurity(user = "tax", roles = "partner-tax")
    void theTaxPartnerReadsNoReports() {
        given().when().get("/api/dues/orgs/902/balances").then().statusCode(403);
        given().when().get("/api/dues/orgs/902/benefit-ratio").then().statusCode(403);
    }

    /** As the town's officer: a period's collections, the rebate, dues, recorded spending, and a valued redemption from Kafka. */
    static void load() {
        if (loaded) {
            return;
        }
        String run = UUID.randomUUID().toString();
        AwaitJob.imported(given().contentType("text/csv").body("creditCode,period,payrollBase,amount,partnerReference\n" + E + "," + PERIOD
                        + ",300000.00,," + run + "\n")
                .when().post("/api/dues/collection-imports")).body("posted", equalTo(1));
        AwaitJob.succeeded(given().contentType(ContentType.JSON).body("{\"period\":\"" + PERIOD + "\"}")
                .when().post("/api/dues/orgs/902/rebate-runs"));
        given().contentType(ContentType.JSON).body("{\"memberId\":99001,\"orgId\":904,\"period\":\"" + PERIOD
                        + "\",\"amount\":\"100.00\",\"reference\":\"" + run + "-dues\"}")
                .when().post("/api/dues/dues-payments").then().statusCode(201);
        String spending = "{\"period\":\"" + PERIOD + "\",\"amount\":\"160.00\",\"description\":\"夏送清凉\",\"reference\":\""
                + run + "\"}";
        given().contentType(ContentType.JSON).body(spending).when().post("/api/dues/orgs/904/benefit-spending").then().statusCode(201);
        given().contentType(ContentType.JSON).body(spending).when().post("/api/dues/orgs/904/benefit-spending").then().statusCode(200);
        // The benefit's value as an administrator set it (see theValueOfABenefitIsSetByAnAdmin).
        QuarkusTransaction.requiringNew().run(() -> LedgerAccount.getEntityManager().createNativeQuery(
                "insert into benefit_value (benefit_id, amount_fen, set_by, set_at) values (9077, 2000, 'admin', now())"
                        + " on conflict do nothing").executeUpdate());
        try {
            sendCardEvent("9901", "CardIssued", "{\"cardId\":9901,\"memberId\":99001,\"maskedNumber\":\"6210 **** **** ***0171\","
                    + "\"orgId\":904,\"replacesCardId\":null}");
            String redeemed = "{\"redemptionId\":990001,\"benefitId\":9077,\"cardId\":9901,\"memberId\":99001,"
                    + "\"kind\":\"MERCHANT\",\"at\":\"" + Instant.now() + "\"}";
            sendCardEvent("9901", "BenefitRedeemed", redeemed);
            sendCardEvent("9901", "BenefitRedeemed", redeemed);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (number("select count(*) from benefit_redemption where redemption_id = 990001 and journal_entry_id is not null") == 0) {
            Assertions.assertThat(System.nanoTime()).as("BenefitRedeemed consumed within 30 s").isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        loaded = true;
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void theValueOfABenefitIsSetByAnAdmin() {
        given().contentType(ContentType.JSON).body("{\"amount\":\"12.50\"}").when().put("/api/dues/benefit-values/9078")
                .then().statusCode(204);
        Assertions.assertThat(number("select amount_fen from benefit_value where benefit_id = 9078")).isEqualTo(1250);
        given().contentType(ContentType.JSON).body("{\"amount\":\"-1\"}").when().put("/api/dues/benefit-values/9078")
                .then().statusCode(400).body("errors[0].field", equalTo("amount"));
    }

    @Test
    @TestSecurity(user = "officer.town", roles = "officer")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1.901.902"))
    void officersDoNotSetBenefitValues() {
        given().contentType(ContentType.JSON).body("{\"amount\":\"12.50\"}").when().put("/api/dues/benefit-values/9078")
                .then().statusCode(403);
    }
}
