package io.gucun.dues.subsidy;

import static io.gucun.dues.subsidy.SubsidyTest.number;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.gucun.dues.enterprise.EnterpriseFixtures;
import io.gucun.dues.job.AwaitJob;
import io.gucun.dues.org.OrgFixtures;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Issue 21, points 6 and 7: grants come out of the budget a paying level allocated, a burst beyond it leaves grants owed
 * (paid first in, first out on a top-up) and no account negative; system postings are corrected by their own operation.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "dues"))
class BudgetTest {

    @Inject
    SubsidyService subsidies;

    static void cash(long orgId, String amount) {
        given().contentType(ContentType.JSON).body("{\"period\":\"" + YearMonth.now(ZoneOffset.UTC) + "\",\"description\":\"opening cash\","
                        + "\"legs\":[{\"orgId\":" + orgId + ",\"purpose\":\"CASH\",\"side\":\"D\",\"amount\":\"" + amount + "\"},"
                        + "{\"orgId\":" + orgId + ",\"purpose\":\"COLLECTED_FUNDS\",\"side\":\"C\",\"amount\":\"" + amount + "\"}]}")
                .when().post("/api/dues/journal-entries").then().statusCode(201);
    }

    static long fund(long payer, long region) {
        return given().contentType(ContentType.JSON).body("{\"programme\":\"RECRUITMENT_SUBSIDY\",\"payerOrgId\":" + payer
                + ",\"regionOrgId\":" + region + "}").when().post("/api/dues/budget-funds").then().statusCode(200)
                .extract().jsonPath().getLong("id");
    }

    static io.restassured.response.ValidatableResponse allocate(long fund, String amount) {
        return given().contentType(ContentType.JSON).body("{\"amount\":\"" + amount + "\",\"reference\":\"" + UUID.randomUUID() + "\"}")
                .when().post("/api/dues/budget-funds/" + fund + "/allocations").then();
    }

    static long negativeAccounts() {
        return number("select count(*) from ledger_account where purpose in ('CASH', 'BUDGET') and balance_fen < 0");
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aBurstOfJoinsBeyondTheBudgetLeavesGrantsOwedAndNoAccountNegative() throws Exception {
        OrgFixtures.org("1.811", "DISTRICT");
        OrgFixtures.org("1.811.812", "TOWN");
        OrgFixtures.org("1.811.812.813", "JOINT_AREA");
        OrgFixtures.org("1.811.819", "TOWN"); // outside the town fund's region
        cash(811, "300.00");
        cash(812, "300.00");
        long district = fund(811, 811);
        long town = fund(812, 812);
        Assertions.assertThat(fund(812, 812)).as("opening again answers the same fund").isEqualTo(town);
        given().contentType(ContentType.JSON).body("{\"programme\":\"RECRUITMENT_SUBSIDY\",\"payerOrgId\":812,\"regionOrgId\":819}")
                .when().post("/api/dues/budget-funds").then().statusCode(400).body("errors[0].field", equalTo("regionOrgId"));
        allocate(district, "1000.00").statusCode(422).body("type", containsString("insufficient-funds"))
                .body("errors[0].field", equalTo("amount"));
        allocate(district, "0").statusCode(400).body("errors[0].field", equalTo("amount"));
        allocate(district, "90.00").statusCode(200).body("balance", equalTo("90.00"));
        allocate(town, "90.00").statusCode(200);

        // ten members join at once: the budgets cover three each (30 + 30 yuan), the rest is owed
        List<Long> members = LongStream.range(811_001, 811_011).boxed().toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> joins = members.stream().map(m -> pool.submit(() -> QuarkusTransaction.requiringNew().run(() ->
                    subsidies.memberJoined(m, 813, "1.811.812.813", OffsetDateTime.now(ZoneOffset.UTC))))).<Future<?>>map(f -> f).toList();
            for (Future<?> f : joins) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        Assertions.assertThat(negativeAccounts()).isZero();
        Assertions.assertThat(number("select count(*) from grant_share where payer_org_id = 811 and status = 'PAID'")).isEqualTo(3);
        Assertions.assertThat(number("select count(*) from grant_share where payer_org_id = 811 and status = 'OWED'")).isEqualTo(7);
        Assertions.assertThat(number("select count(*) from grant_share where payer_org_id = 812 and status = 'OWED'")).isEqualTo(7);
        Assertions.assertThat(number("select balance_fen from budget_fund where id = " + district)).isZero();
        Assertions.assertThat(number("select balance_fen from ledger_account where org_id = 811 and purpose = 'CASH'")).isEqualTo(21000);
        given().when().get("/api/dues/orgs/811/grant-report").then().statusCode(200)
                .body("paidOut", equalTo("180.00")).body("owedOut", equalTo("420.00"))
                .body("rows.find { it.orgId == 813 }.received", equalTo("180.00"))
                .body("rows.find { it.orgId == 813 }.owedIn", equalTo("420.00"))
                .body("rows.find { it.orgId == 811 }.owedShares", equalTo(7));

        // the district tops up 60 yuan: the two oldest owed shares are paid, in order
        long oldestOwed = number("select min(id) from grant_share where payer_org_id = 811 and status = 'OWED'");
        allocate(district, "60.00").statusCode(200).body("balance", equalTo("0.00")).body("owed", equalTo("150.00"));
        Assertions.assertThat(number("select count(*) from grant_share where payer_org_id = 811 and status = 'PAID' and id <= "
                + (oldestOwed + 10) + " and id >= " + oldestOwed)).isGreaterThanOrEqualTo(2);
        Assertions.assertThat(number("select max(id) from grant_share where payer_org_id = 811 and status = 'PAID'"))
                .isLessThan(number("select min(id) from grant_share where payer_org_id = 811 and status = 'OWED'"));

        // the database itself refuses to overdraw cash, whoever posts
        given().contentType(ContentType.JSON).body("{\"period\":\"" + YearMonth.now(ZoneOffset.UTC) + "\",\"description\":\"overdraw\","
                        + "\"legs\":[{\"orgId\":811,\"purpose\":\"CASH\",\"side\":\"C\",\"amount\":\"1000.00\"},"
                        + "{\"orgId\":811,\"purpose\":\"MEMBER_BENEFITS\",\"side\":\"D\",\"amount\":\"1000.00\"}]}")
                .when().post("/api/dues/journal-entries").then().statusCode(422).body("type", containsString("insufficient-funds"));
        Assertions.assertThat(negativeAccounts()).isZero();
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void systemPostingsAreCorrectedByTheirOwnOperationOnly() {
        OrgFixtures.org("1.821", "DISTRICT");
        OrgFixtures.org("1.821.822", "TOWN");
        OrgFixtures.org("1.821.822.823", "JOINT_AREA");
        OrgFixtures.org("1.821.822.823.824", "ENTERPRISE");
        cash(821, "100.00");
        cash(822, "100.00");
        allocate(fund(821, 821), "30.00").statusCode(200);
        long townFund = fund(822, 822);
        allocate(townFund, "30.00").statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> subsidies.memberJoined(821_001, 823, "1.821.822.823", OffsetDateTime.now(ZoneOffset.UTC)));
        QuarkusTransaction.requiringNew().run(() -> subsidies.memberJoined(821_002, 823, "1.821.822.823", OffsetDateTime.now(ZoneOffset.UTC)));
        long grant = number("select grant_id from subsidy_grant where member_id = 821001");
        long entry = number("select journal_entry_id from subsidy_grant where member_id = 821001");

        // a grant's entry is not reversed through the ledger: the problem names the revocation
        given().contentType(ContentType.JSON).body("{\"reason\":\"wrong\"}").when().post("/api/dues/journal-entries/" + entry + "/reversal")
                .then().statusCode(422).body("type", containsString("system-entry"))
                .body("operation", equalTo("POST /api/dues/grants/" + grant + "/revocation"));
        given().contentType(ContentType.JSON).body("{}").when().post("/api/dues/grants/" + grant + "/revocation")
                .then().statusCode(400).body("errors[0].field", containsString("reason"));
        given().contentType(ContentType.JSON).body("{\"reason\":\"registered twice\"}").when().post("/api/dues/grants/" + grant + "/revocation")
                .then().statusCode(200).body("status", equalTo("REVOKED")).body("shares.status", org.hamcrest.Matchers.everyItem(equalTo("REVOKED")));
        // the money went back to the funds, which paid the second member's owed shares at once
        Assertions.assertThat(number("select count(*) from grant_share s join programme_grant g on g.id = s.grant_id"
                + " where g.subject_id = 821002 and g.programme = 'RECRUITMENT_SUBSIDY' and s.status = 'PAID'")).isEqualTo(2);
        given().contentType(ContentType.JSON).body("{\"reason\":\"registered twice\"}").when().post("/api/dues/grants/" + grant + "/revocation")
                .then().statusCode(200).body("status", equalTo("REVOKED"));
        Assertions.assertThat(number("select count(*) from journal_entry where reverses_entry_id = " + entry)).isEqualTo(1);

        // a collection: voided by its own operation, and not while a rebate run holds it
        String cc = EnterpriseFixtures.creditCode(82101);
        EnterpriseFixtures.registered(82101, cc, 823, 300);
        EnterpriseFixtures.unionFounded(82101, cc, 824, "1.821.822.823.824");
        String period = YearMonth.now(ZoneOffset.UTC).minusMonths(1).toString();
        String ref = "VOID-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body("{\"creditCode\":\"" + cc + "\",\"period\":\"" + period
                + "\",\"payrollBase\":\"100000.00\",\"partnerReference\":\"" + ref + "\"}").when().post("/api/dues/collections")
                .then().statusCode(201);
        long collection = number("select id from fund_collection where partner_ref = '" + ref + "'");
        long collectionEntry = number("select id from journal_entry where source_ref = 'collection:" + ref + "'");
        given().contentType(ContentType.JSON).body("{}").when().post("/api/dues/journal-entries/" + collectionEntry + "/reversal")
                .then().statusCode(422).body("operation", equalTo("POST /api/dues/collections/" + collection + "/void"));
        long run = AwaitJob.succeeded(given().contentType(ContentType.JSON).body("{\"period\":\"" + period + "\"}").when().post("/api/dues/orgs/822/rebate-runs")).extract().jsonPath().getLong("result.runId");
        long runEntry = number("select journal_entry_id from rebate_run where id = " + run);
        given().contentType(ContentType.JSON).body("{}").when().post("/api/dues/journal-entries/" + runEntry + "/reversal")
                .then().statusCode(422).body("operation", equalTo("POST /api/dues/rebate-runs/" + run + "/reversal"));
        given().contentType(ContentType.JSON).body("{\"reason\":\"wrong payroll\"}").when().post("/api/dues/collections/" + collection + "/void")
                .then().statusCode(409).body("type", containsString("collection-rebated"))
                .body("operation", equalTo("POST /api/dues/rebate-runs/" + run + "/reversal"));
        given().contentType(ContentType.JSON).body("{\"reason\":\"wrong payroll\"}").when().post("/api/dues/rebate-runs/" + run + "/reversal")
                .then().statusCode(200).body("collections", equalTo(1));
        given().contentType(ContentType.JSON).body("{\"reason\":\"wrong payroll\"}").when().post("/api/dues/rebate-runs/" + run + "/reversal")
                .then().statusCode(200).body("runId", equalTo((int) run));
        given().contentType(ContentType.JSON).body("{\"reason\":\"wrong payroll\"}").when().post("/api/dues/collections/" + collection + "/void")
                .then().statusCode(200).body("voidEntryId", org.hamcrest.Matchers.notNullValue());
        given().contentType(ContentType.JSON).body("{\"reason\":\"wrong payroll\"}").when().post("/api/dues/collections/" + collection + "/void")
                .then().statusCode(200);
        // the voided collection is no longer rebated; its money left the ledger with its reversal
        AwaitJob.succeeded(given().contentType(ContentType.JSON).body("{\"period\":\"" + period + "\"}").when().post("/api/dues/orgs/822/rebate-runs")).body("result.collections", equalTo(0));
        Assertions.assertThat(number("select count(*) from journal_entry where reverses_entry_id in (" + collectionEntry + ", "
                + runEntry + ")")).isEqualTo(2);
        Assertions.assertThat(negativeAccounts()).isZero();
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void theCityFundsNewUnionsAndMembersOutsideStandardEmploymentOutOfItsOwnFunds() {
        OrgFixtures.org("1.831", "CITY");
        OrgFixtures.org("1.831.832", "DISTRICT");
        OrgFixtures.org("1.831.832.833", "TOWN");
        OrgFixtures.org("1.831.832.833.834", "JOINT_AREA");
        cash(831, "2100.00");
        long startup = given().contentType(ContentType.JSON).body("{\"programme\":\"UNION_STARTUP\",\"payerOrgId\":831,"
                + "\"regionOrgId\":831}").when().post("/api/dues/budget-funds").then().statusCode(200).extract().jsonPath().getLong("id");
        allocate(startup, "2000.00").statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> {
            subsidies.memberRegistered(831_001, io.gucun.events.membership.EmploymentForm.PLATFORM_GIG);
            subsidies.memberRegistered(831_002, io.gucun.events.membership.EmploymentForm.STANDARD);
            subsidies.memberJoined(831_001, 834, "1.831.832.833.834", OffsetDateTime.now(ZoneOffset.UTC));
            subsidies.memberJoined(831_002, 834, "1.831.832.833.834", OffsetDateTime.now(ZoneOffset.UTC));
        });
        // the courier's 50 yuan are owed: the city has no "两非一无" fund yet; the standard employee gets none
        Assertions.assertThat(number("select count(*) from programme_grant g join grant_share s on s.grant_id = g.id"
                + " where g.programme = 'NONSTANDARD_MEMBER' and g.subject_id = 831001 and s.level = 'CITY' and s.payer_org_id = 831"
                + " and s.amount_fen = 5000 and s.status = 'OWED'")).isEqualTo(1);
        Assertions.assertThat(number("select count(*) from programme_grant where programme = 'NONSTANDARD_MEMBER' and subject_id = 831002"))
                .isZero();
        // two firms found unions: the first start-up grant is paid from the fund, the second owed
        String first = io.gucun.dues.enterprise.EnterpriseFixtures.creditCode(83101);
        String second = io.gucun.dues.enterprise.EnterpriseFixtures.creditCode(83102);
        EnterpriseFixtures.registered(83101, first, 834, 40);
        EnterpriseFixtures.registered(83102, second, 834, 40);
        EnterpriseFixtures.unionFounded(83101, first, 835, "1.831.832.833.834.835");
        EnterpriseFixtures.unionFounded(83102, second, 836, "1.831.832.833.834.836");
        Assertions.assertThat(number("select count(*) from programme_grant g join grant_share s on s.grant_id = g.id"
                + " where g.programme = 'UNION_STARTUP' and s.status = 'PAID' and g.recipient_org_id = 835")).isEqualTo(1);
        Assertions.assertThat(number("select count(*) from programme_grant g join grant_share s on s.grant_id = g.id"
                + " where g.programme = 'UNION_STARTUP' and s.status = 'OWED' and g.recipient_org_id = 836")).isEqualTo(1);
        given().when().get("/api/dues/orgs/831/grant-report").then().statusCode(200)
                .body("rows.find { it.orgId == 831 && it.programme == 'UNION_STARTUP' }.paidOut", equalTo("2000.00"))
                .body("rows.find { it.orgId == 831 && it.programme == 'UNION_STARTUP' }.owedOut", equalTo("2000.00"))
                .body("rows.find { it.orgId == 831 && it.programme == 'NONSTANDARD_MEMBER' }.owedOut", equalTo("50.00"));
        // a movement's reference moves money once; reused for another amount it is refused
        String topUp = "{\"amount\":\"10.00\",\"reference\":\"CITY-TOPUP-1\"}";
        given().contentType(ContentType.JSON).body(topUp).when().post("/api/dues/budget-funds/" + startup + "/allocations")
                .then().statusCode(200).body("allocated", equalTo("2010.00"));
        given().contentType(ContentType.JSON).body(topUp).when().post("/api/dues/budget-funds/" + startup + "/allocations")
                .then().statusCode(200).body("allocated", equalTo("2010.00"));
        given().contentType(ContentType.JSON).body("{\"amount\":\"20.00\",\"reference\":\"CITY-TOPUP-1\"}")
                .when().post("/api/dues/budget-funds/" + startup + "/allocations").then().statusCode(422)
                .body("errors[0].field", equalTo("reference"));
        given().contentType(ContentType.JSON).body("{\"amount\":\"11.00\",\"reference\":\"CITY-WITHDRAW-1\"}")
                .when().post("/api/dues/budget-funds/" + startup + "/withdrawals").then().statusCode(422)
                .body("type", containsString("insufficient-funds"));
        given().contentType(ContentType.JSON).body("{\"amount\":\"10.00\",\"reference\":\"CITY-WITHDRAW-1\"}")
                .when().post("/api/dues/budget-funds/" + startup + "/withdrawals").then().statusCode(200)
                .body("balance", equalTo("0.00")).body("allocated", equalTo("2000.00"));
        Assertions.assertThat(negativeAccounts()).isZero();
    }
}
