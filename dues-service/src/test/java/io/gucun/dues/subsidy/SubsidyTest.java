package io.gucun.dues.subsidy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.gucun.dues.ledger.LedgerAccount;
import io.gucun.dues.org.OrgFixtures;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.testsupport.KafkaEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MemberJoined on Kafka pays 30 + 30 yuan once per member: redelivery and re-joining do not pay again. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "dues"))
class SubsidyTest {

    @BeforeEach
    void tree() {
        OrgFixtures.org("1.801", "DISTRICT");
        OrgFixtures.org("1.801.802", "TOWN");
        OrgFixtures.org("1.801.802.803", "JOINT_AREA");
    }

    static long number(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) LedgerAccount.getEntityManager()
                .createNativeQuery(sql).getSingleResult()).longValue());
    }

    static long credit(long orgId, String purpose) {
        return number("select coalesce(sum(case when side = 'C' then amount_fen else -amount_fen end), 0) from journal_leg"
                + " where org_id = " + orgId + " and purpose = '" + purpose + "'");
    }

    static void send(String key, String id, String type, String data) {
        KafkaEvents.send("membership.member.v1", key, id, type, data);
    }

    static void awaitProcessed(String eventId) throws InterruptedException {
        awaitProcessed(MembershipMemberConsumer.CONSUMER, eventId);
    }

    static void awaitProcessed(String consumer, String eventId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (number("select count(*) from processed_event where consumer = '" + consumer + "' and event_id = '"
                + eventId + "'") == 0) {
            Assertions.assertThat(System.nanoTime()).as("event %s consumed within 30 s", eventId).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aMemberRecruitedIsSubsidisedOnceByTheDistrictAndTheTown() throws Exception {
        long memberId = 880_001;
        String joined = "{\"memberId\":" + memberId + ",\"orgId\":803,\"orgPath\":\"1.801.802.803\","
                + "\"joinedAt\":\"" + Instant.now() + "\",\"via\":\"ON_SITE\"}";
        String first = UUID.randomUUID().toString();
        // the district and the town each set 30 yuan aside for the recruitment subsidy of their region
        BudgetTest.cash(801, "30.00");
        BudgetTest.cash(802, "30.00");
        BudgetTest.allocate(BudgetTest.fund(801, 801), "30.00").statusCode(200);
        BudgetTest.allocate(BudgetTest.fund(802, 802), "30.00").statusCode(200);
        long districtBefore = credit(801, "UPPER_SHARE");
        send(Long.toString(memberId), first, "io.gucun.membership.MemberJoined", joined);
        send(Long.toString(memberId), first, "io.gucun.membership.MemberJoined", joined);
        send(Long.toString(memberId), UUID.randomUUID().toString(), "io.gucun.membership.MemberLeft",
                "{\"memberId\":" + memberId + ",\"orgId\":803,\"reason\":\"VOLUNTARY\",\"at\":\"" + Instant.now() + "\"}");
        String rejoin = UUID.randomUUID().toString();
        send(Long.toString(memberId), rejoin, "io.gucun.membership.MemberJoined", joined);
        awaitProcessed(first);
        awaitProcessed(rejoin);

        Assertions.assertThat(number("select count(*) from subsidy_grant where member_id = " + memberId)).isEqualTo(1);
        Assertions.assertThat(number("select count(*) from journal_entry where source_ref = 'subsidy:member:" + memberId + "'")).isEqualTo(1);
        Assertions.assertThat(credit(803, "SUBSIDIES")).isEqualTo(6000);
        Assertions.assertThat(credit(801, "UPPER_SHARE") - districtBefore).isEqualTo(-3000);
        Assertions.assertThat(number("select count(*) from outbox_event where event_type = 'SubsidyPosted' and aggregate_id = '"
                + memberId + "' and topic = 'dues.subsidy.v1' and payload->>'total' = '60.00'")).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void anAdminConfiguresTheAmountsAsANewVersion() {
        given().contentType(ContentType.JSON).body("{\"validFrom\":\"2099-01-01\",\"districtAmount\":\"50.00\",\"townAmount\":\"-1\"}")
                .when().post("/api/dues/subsidy-policies").then().statusCode(400).body("errors[0].field", equalTo("townAmount"));
        given().contentType(ContentType.JSON).body("{\"validFrom\":\"2099-01-01\",\"districtAmount\":\"50.00\",\"townAmount\":\"30\"}")
                .when().post("/api/dues/subsidy-policies").then().statusCode(201).body("districtAmount", equalTo("50.00"))
                .body("status", equalTo("PENDING"));
        given().when().get("/api/dues/subsidy-policies").then().statusCode(200).body("[0].districtAmount", equalTo("30.00"));
    }

    @Test
    @TestSecurity(user = "officer", roles = "officer")
    void anOfficerCannotProposeAmountsForTheWholeTree() {
        // only a level strictly above a region decides its amounts (SubsidyPolicyApprovalTest); above the root: admins
        given().contentType(ContentType.JSON).body("{\"validFrom\":\"2099-01-01\",\"districtAmount\":\"50.00\",\"townAmount\":\"30\"}")
                .when().post("/api/dues/subsidy-policies").then().statusCode(400).body("errors[0].field", equalTo("regionOrgId"));
    }
}
