package io.gucun.dues.collection;

import static io.gucun.dues.enterprise.EnterpriseFixtures.creditCode;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.gucun.common.replica.KnownEnterprise;
import io.gucun.dues.enterprise.EnterpriseFixtures;
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
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Union funds from a firm the union has not registered are held in SUSPENSE at the root instead of refused, and move to
 * the firm's collecting org — once — when membership registers it, or when an officer names the registered firm.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "dues"))
class SuspenseApiTest {

    static final String PERIOD = YearMonth.now(ZoneOffset.UTC).minusMonths(1).toString();

    @BeforeEach
    void fixtures() {
        OrgFixtures.org("1.701", "DISTRICT");
        OrgFixtures.org("1.701.702", "TOWN");
        OrgFixtures.org("1.701.702.703", "JOINT_AREA");
        OrgFixtures.org("1.709", "DISTRICT");
    }

    static String record(String code, String payroll, String ref) {
        return "{\"creditCode\":\"%s\",\"period\":\"%s\",\"payrollBase\":\"%s\",\"partnerReference\":\"%s\"}"
                .formatted(code, PERIOD, payroll, ref);
    }

    static long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) LedgerAccount.getEntityManager()
                .createNativeQuery(sql).getSingleResult()).longValue());
    }

    /** Balance of an account on its normal side, from the legs. */
    static long balance(long orgId, String purpose) {
        String sign = "CASH".equals(purpose) ? "case when side = 'D' then amount_fen else -amount_fen end"
                : "case when side = 'C' then amount_fen else -amount_fen end";
        return count("select coalesce(sum(" + sign + "), 0) from journal_leg where org_id = " + orgId + " and purpose = '"
                + purpose + "'");
    }

    static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Boolean.TRUE.equals(condition.call())) {
            Assertions.assertThat(System.nanoTime()).as(what + " within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    static String registeredEvent(long id, String code) {
        return "{\"enterpriseId\":" + id + ",\"creditCode\":\"" + code + "\",\"name\":\"企业" + id + "\",\"orgId\":703,"
                + "\"orgPath\":\"1.701.702.703\",\"employeeCount\":40,\"establishedOn\":\"2024-03-01\",\"gridCode\":\"G-7\"}";
    }

    @Test
    @TestSecurity(user = "tax.shanghai", roles = "partner-tax")
    void moneyFromAnUnknownFirmIsSuspendedAndMovesToItsTownOnceWhenTheFirmIsRegistered() throws Exception {
        String code = creditCode(70000 + (System.nanoTime() / 1000) % 9000 + 100);
        long enterpriseId = 700_000 + (System.nanoTime() / 1000) % 90_000;
        String ref = "S-" + UUID.randomUUID();
        long suspenseBefore = balance(1, "SUSPENSE");
        long townFundsBefore = balance(702, "COLLECTED_FUNDS");
        long townCashBefore = balance(702, "CASH");

        int collectionId = given().contentType(ContentType.JSON).body(record(code, "100000.00", ref))
                .when().post("/api/dues/collections")
                .then().statusCode(201).body("posted", equalTo(1)).body("results[0].status", equalTo("SUSPENDED"))
                .body("results[0].collectingOrgId", equalTo(1)).body("results[0].enterpriseId", nullValue())
                .body("results[0].errors[0].field", equalTo("creditCode"))
                .extract().path("results[0].collectionId");
        Assertions.assertThat(balance(1, "SUSPENSE") - suspenseBefore).isEqualTo(200_000);
        Assertions.assertThat(count("select count(*) from outbox_event where event_type = 'CollectionSuspended'"
                + " and payload->>'partnerReference' = '" + ref + "' and payload->>'creditCode' = '" + code + "'"
                + " and topic = 'dues.collection.v1'")).isEqualTo(1);
        // sent again: a duplicate, nothing posted
        given().contentType(ContentType.JSON).body(record(code, "100000.00", ref)).when().post("/api/dues/collections")
                .then().statusCode(200).body("results[0].status", equalTo("DUPLICATE"));
        Assertions.assertThat(balance(1, "SUSPENSE") - suspenseBefore).isEqualTo(200_000);

        String eventId = UUID.randomUUID().toString();
        KafkaEvents.send("membership.enterprise.v1", String.valueOf(enterpriseId), eventId,
                "io.gucun.membership.EnterpriseRegistered", registeredEvent(enterpriseId, code));
        await("the suspended money reassigned", () -> count("select count(*) from fund_collection where id = " + collectionId
                + " and status = 'POSTED' and collecting_org_id = 702 and enterprise_id = " + enterpriseId) == 1);
        Assertions.assertThat(balance(1, "SUSPENSE") - suspenseBefore).isZero();
        Assertions.assertThat(balance(702, "COLLECTED_FUNDS") - townFundsBefore).isEqualTo(200_000);
        Assertions.assertThat(balance(702, "CASH") - townCashBefore).isEqualTo(200_000);
        Assertions.assertThat(count("select count(*) from journal_entry where kind = 'SUSPENSE_REASSIGNMENT' and source_ref = "
                + "'suspense:" + ref + "' and description like '%reassigned to " + code + "%'")).isEqualTo(1);
        Assertions.assertThat(count("select count(*) from outbox_event where event_type = 'SuspenseReassigned'"
                + " and payload->>'partnerReference' = '" + ref + "' and payload->>'trigger' = 'REGISTERED'")).isEqualTo(1);

        // the event redelivered, and the firm registered again under a new event id: nothing is posted twice
        KafkaEvents.send("membership.enterprise.v1", String.valueOf(enterpriseId), eventId,
                "io.gucun.membership.EnterpriseRegistered", registeredEvent(enterpriseId, code));
        KafkaEvents.send("membership.enterprise.v1", String.valueOf(enterpriseId), UUID.randomUUID().toString(),
                "io.gucun.membership.EnterpriseRegistered", registeredEvent(enterpriseId, code));
        String marker = creditCode(79_990 + (System.nanoTime() / 1000) % 9);
        long markerId = enterpriseId + 100_000;
        // same key, same partition: consumed after the two above
        KafkaEvents.send("membership.enterprise.v1", String.valueOf(enterpriseId), UUID.randomUUID().toString(),
                "io.gucun.membership.EnterpriseRegistered", registeredEvent(markerId, marker));
        await("the later event consumed", () -> QuarkusTransaction.requiringNew().call(() -> KnownEnterprise.findById(markerId) != null));
        Assertions.assertThat(count("select count(*) from journal_entry where source_ref = 'suspense:" + ref + "'")).isEqualTo(1);
        Assertions.assertThat(balance(702, "COLLECTED_FUNDS") - townFundsBefore).isEqualTo(200_000);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void anOfficerReassignsByHandToARegisteredFirmOnlyAndARetryPostsNothing() {
        String unknown = creditCode(71001);
        String registered = creditCode(71002);
        EnterpriseFixtures.registered(71002, registered, 703, 30); // the replica only: no automatic reassignment
        String ref = "H-" + UUID.randomUUID();
        int id = given().contentType(ContentType.JSON).body(record(unknown, "50000.00", ref)).when().post("/api/dues/collections")
                .then().statusCode(201).body("results[0].status", equalTo("SUSPENDED")).extract().path("results[0].collectionId");
        given().queryParam("orgId", 1).queryParam("size", 200).when().get("/api/dues/suspense").then().statusCode(200)
                .body("items.partnerReference", hasItem(ref));
        long townFundsBefore = balance(702, "COLLECTED_FUNDS");
        String path = "/api/dues/suspense/" + id + "/reassignment";

        given().contentType(ContentType.JSON).body("{}").when().post(path).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("creditCode"));
        given().contentType(ContentType.JSON).body("{\"creditCode\":\"NOT-A-CODE\"}").when().post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("creditCode"));
        given().contentType(ContentType.JSON).body("{\"creditCode\":\"" + creditCode(71003) + "\"}").when().post(path)
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:gucun:problem:firm-not-registered")).body("errors[0].field", equalTo("creditCode"));
        given().contentType(ContentType.JSON).body("{\"creditCode\":\"" + registered + "\"}").when().post("/api/dues/suspense/0/reassignment")
                .then().statusCode(409).body("type", equalTo("urn:gucun:problem:not-suspended"));
        Assertions.assertThat(count("select count(*) from journal_entry where source_ref = 'suspense:" + ref + "'")).isZero();

        int entry = given().contentType(ContentType.JSON).body("{\"creditCode\":\"" + registered + "\"}").when().post(path)
                .then().statusCode(200).body("enterpriseId", equalTo(71002)).body("collectingOrgId", equalTo(702))
                .body("fromOrgId", equalTo(1)).body("reassignedBy", equalTo("admin")).extract().path("journalEntryId");
        given().contentType(ContentType.JSON).body("{\"creditCode\":\"" + registered + "\"}").when().post(path)
                .then().statusCode(200).body("journalEntryId", equalTo(entry));
        Assertions.assertThat(count("select count(*) from journal_entry where source_ref = 'suspense:" + ref + "'")).isEqualTo(1);
        Assertions.assertThat(balance(702, "COLLECTED_FUNDS") - townFundsBefore).isEqualTo(100_000);
        Assertions.assertThat(count("select count(*) from outbox_event where event_type = 'SuspenseReassigned'"
                + " and payload->>'partnerReference' = '" + ref + "' and payload->>'trigger' = 'BY_HAND'")).isEqualTo(1);
        given().queryParam("orgId", 1).queryParam("size", 200).when().get("/api/dues/suspense").then().statusCode(200)
                .body("items.partnerReference", not(hasItem(ref)));

        // voided later: both postings are reversed
        long suspenseBefore = balance(1, "SUSPENSE");
        given().contentType(ContentType.JSON).body("{\"reason\":\"sent for the wrong firm\"}")
                .when().post("/api/dues/collections/" + id + "/void").then().statusCode(200);
        Assertions.assertThat(balance(702, "COLLECTED_FUNDS")).isEqualTo(townFundsBefore);
        Assertions.assertThat(balance(1, "SUSPENSE")).isEqualTo(suspenseBefore);
    }

    @Test
    @TestSecurity(user = "officer.other", roles = "officer")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1.709"))
    void anOfficerCannotReassignToAFirmOutsideTheirScope() {
        String registered = creditCode(71012);
        EnterpriseFixtures.registered(71012, registered, 703, 30);
        long entries = count("select count(*) from journal_entry");
        given().contentType(ContentType.JSON).body("{\"creditCode\":\"" + registered + "\"}")
                .when().post("/api/dues/suspense/1/reassignment").then().statusCode(403);
        Assertions.assertThat(count("select count(*) from journal_entry")).isEqualTo(entries);
    }
}
