package io.gucun.dues.collection;

import static io.gucun.dues.enterprise.EnterpriseFixtures.creditCode;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.gucun.common.replica.KnownEnterprise;
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
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "dues"))
class CollectionApiTest {

    static final String PERIOD = YearMonth.now(ZoneOffset.UTC).minusMonths(1).toString();
    static final String A = creditCode(60101);
    static final String B = creditCode(60102);
    static final String OUTSIDE = creditCode(60103);

    @BeforeEach
    void fixtures() {
        OrgFixtures.org("1.601", "DISTRICT");
        OrgFixtures.org("1.601.602", "TOWN");
        OrgFixtures.org("1.601.602.603", "JOINT_AREA");
        OrgFixtures.org("1.609", "DISTRICT");
        OrgFixtures.org("1.609.610", "TOWN");
        EnterpriseFixtures.registered(60101, A, 603, 86);
        EnterpriseFixtures.registered(60102, B, 602, 12);
        EnterpriseFixtures.registered(60103, OUTSIDE, 610, 40);
    }

    static String record(String code, String payroll, String amount, String ref) {
        return "{\"creditCode\":\"%s\",\"period\":\"%s\",\"payrollBase\":\"%s\",%s\"partnerReference\":\"%s\"}"
                .formatted(code, PERIOD, payroll, amount == null ? "" : "\"amount\":\"" + amount + "\",", ref);
    }

    static long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) LedgerAccount.getEntityManager()
                .createNativeQuery(sql).getSingleResult()).longValue());
    }

    static long cashAt(long orgId) {
        return count("select coalesce(sum(case when side = 'D' then amount_fen else -amount_fen end), 0) from journal_leg"
                + " where org_id = " + orgId + " and purpose = 'CASH'");
    }

    @Test
    @TestSecurity(user = "tax.shanghai", roles = "partner-tax")
    void aSingleRecordPostsTwoPercentAtTheTownAndAReplayPostsNothing() {
        String ref = "T-" + UUID.randomUUID();
        long cashBefore = cashAt(602);
        int collectionId = given().contentType(ContentType.JSON).body(record(A, "300000.00", null, ref))
                .when().post("/api/dues/collections")
                .then().statusCode(201).header("Location", notNullValue())
                .body("posted", equalTo(1)).body("results[0].status", equalTo("POSTED"))
                .body("results[0].amount", equalTo("6000.00")).body("results[0].flagged", equalTo(false))
                .body("results[0].collectingOrgId", equalTo(602))
                .extract().path("results[0].collectionId");
        Assertions.assertThat(cashAt(602) - cashBefore).isEqualTo(600_000);
        Assertions.assertThat(count("select count(*) from outbox_event where event_type = 'FundsCollected'"
                + " and payload->>'partnerReference' = '" + ref + "' and topic = 'dues.collection.v1'")).isEqualTo(1);

        given().contentType(ContentType.JSON).body(record(A, "300000.00", null, ref))
                .when().post("/api/dues/collections")
                .then().statusCode(200).body("posted", equalTo(0)).body("duplicates", equalTo(1))
                .body("results[0].status", equalTo("DUPLICATE"))
                // A partner matching its records to ours learns which collection the duplicate is.
                .body("results[0].collectionId", equalTo(collectionId));
        Assertions.assertThat(cashAt(602) - cashBefore).isEqualTo(600_000);
        Assertions.assertThat(count("select count(*) from outbox_event where event_type = 'FundsCollected'"
                + " and payload->>'partnerReference' = '" + ref + "'")).isEqualTo(1);

        // The reference sent again for another record is a conflict, not a silent duplicate; nothing is posted.
        given().contentType(ContentType.JSON).body(record(A, "400000.00", null, ref))
                .when().post("/api/dues/collections")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:gucun:problem:partner-reference-reused"))
                .body("errors[0].field", equalTo("partnerReference"));
        Assertions.assertThat(cashAt(602) - cashBefore).isEqualTo(600_000);
    }

    @Test
    @TestSecurity(user = "tax.shanghai", roles = "partner-tax")
    void anUploadWhoseContentTypeIsNoMediaTypeIsRefusedAs415AndPostsNothing() {
        String ref = "CT-" + UUID.randomUUID();
        // collection-imports takes JSON and CSV: choosing between the two used to fail on such a header with a 500
        for (String type : java.util.List.of("garbage", "json", "/csv")) {
            given().header("Content-Type", type)
                    .body(("[" + record(A, "300000.00", null, ref) + "]").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .when().post("/api/dues/collection-imports")
                    .then().statusCode(415).contentType("application/problem+json")
                    .body("type", equalTo("urn:gucun:problem:unsupported-media-type")).body("status", equalTo(415));
        }
        Assertions.assertThat(count("select count(*) from fund_collection where partner_ref = '" + ref + "'")).isZero();
    }

    @Test
    @TestSecurity(user = "tax.shanghai", roles = "partner-tax")
    void aBatchRecordReusingAReferenceForAnotherRecordIsRejected() {
        String run = UUID.randomUUID().toString();
        AwaitJob.imported(given().contentType(ContentType.JSON).body("[" + record(A, "300000.00", null, run + "-1") + "]")
                .when().post("/api/dues/collection-imports")).body("posted", equalTo(1));
        AwaitJob.imported(given().contentType(ContentType.JSON).body("[" + String.join(",",
                        record(A, "300000.00", null, run + "-1"),
                        record(A, "300000.00", "6100.00", run + "-1"),
                        record(B, "100000.00", null, run + "-2"),
                        record(B, "200000.00", null, run + "-2")) + "]")
                .when().post("/api/dues/collection-imports")).body("posted", equalTo(1)).body("duplicates", equalTo(1)).body("rejected", equalTo(2))
                .body("results.status", equalTo(java.util.List.of("DUPLICATE", "REJECTED", "POSTED", "REJECTED")))
                .body("results[1].errors[0].field", equalTo("partnerReference"))
                .body("results[3].errors[0].field", equalTo("partnerReference"));
    }

    @Test
    @TestSecurity(user = "tax.shanghai", roles = "partner-tax")
    void aBadSingleRecordIsRefusedNamingTheFieldsAndNothingIsPosted() {
        long entries = count("select count(*) from journal_entry");
        given().contentType(ContentType.JSON).body(record("91310113MA1GL3XKX2", "300000.00", "0", "T-bad"))
                .when().post("/api/dues/collections")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("creditCode")).body("errors.field", hasItem("amount"));
        Assertions.assertThat(count("select count(*) from journal_entry")).isEqualTo(entries);
        Assertions.assertThat(count("select count(*) from collection_import where format = 'SINGLE' and row_count = 1"
                + " and rejected = 1")).isZero();
    }

    @Test
    @TestSecurity(user = "tax.shanghai", roles = "partner-tax")
    void aJsonBatchPostsGoodRowsRejectsBadOnesAndAReplayPostsNothingNew() {
        String run = UUID.randomUUID().toString();
        String body = "[" + String.join(",",
                record(A, "300000.00", null, run + "-1"),
                record(B, "100000.00", "1500.00", run + "-2"),
                record("NOT-A-CODE", "100000.00", null, run + "-3"),
                record(creditCode(69998), "100000.00", null, run + "-4"),
                record(A, "100000.00", "-3", run + "-5"),
                record(A, "300000.00", null, run + "-1")) + "]";
        int importId = AwaitJob.imported(given().contentType(ContentType.JSON).body(body)
                .when().post("/api/dues/collection-imports"))
                .body("rows", equalTo(6)).body("posted", equalTo(3)).body("duplicates", equalTo(1))
                .body("rejected", equalTo(2)).body("flagged", equalTo(1))
                // a firm the union has not registered: held in suspense, not refused (SuspenseApiTest)
                .body("results[3].status", equalTo("SUSPENDED"))
                .body("results.line", equalTo(java.util.List.of(1, 2, 3, 4, 5, 6)))
                .body("results[1].flagged", equalTo(true)).body("results[1].expectedAmount", equalTo("2000.00"))
                .body("results[2].errors[0].field", equalTo("creditCode"))
                .body("results[4].errors[0].field", equalTo("amount"))
                .body("results[5].status", equalTo("DUPLICATE"))
                .extract().path("id");

        AwaitJob.imported(given().contentType(ContentType.JSON).body(body)
                .when().post("/api/dues/collection-imports")).body("posted", equalTo(0)).body("duplicates", equalTo(4)).body("rejected", equalTo(2));

        given().when().get("/api/dues/collection-imports/" + importId)
                .then().statusCode(200).body("posted", equalTo(3)).body("results.size()", equalTo(6));
        given().when().get("/api/dues/collection-imports")
                .then().statusCode(200).body("items.submittedBy", everyItem(equalTo("tax.shanghai")));
    }

    @Test
    @TestSecurity(user = "tax.shanghai", roles = "partner-tax")
    void aCsvFileOfThousandsOfRowsPostsOnceWithLineNumbers() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder csv = new StringBuilder("creditCode,period,payrollBase,amount,partnerReference\n");
        int rows = 3000;
        for (int i = 0; i < rows; i++) {
            csv.append(i % 2 == 0 ? A : B).append(',').append(PERIOD).append(",10000.00,,").append(run).append('-').append(i).append('\n');
        }
        csv.append("XXXX,").append(PERIOD).append(",10000.00,,").append(run).append("-bad\n");
        long cashBefore = cashAt(602);
        long started = System.nanoTime();
        var response = AwaitJob.imported(given().contentType("text/csv").body(csv.toString())
                .when().post("/api/dues/collection-imports"));
        System.out.printf("CSV import of %d rows took %d ms%n", rows, (System.nanoTime() - started) / 1_000_000);
        response.body("posted", equalTo(rows)).body("rejected", equalTo(1))
                .body("results[0].line", equalTo(2)).body("results[" + rows + "].line", equalTo(rows + 2))
                .body("results[" + rows + "].status", equalTo("REJECTED"));
        Assertions.assertThat(cashAt(602) - cashBefore).isEqualTo(rows * 20_000L);
        AwaitJob.imported(given().contentType("text/csv").body(csv.toString())
                .when().post("/api/dues/collection-imports")).body("posted", equalTo(0)).body("duplicates", equalTo(rows));
        Assertions.assertThat(cashAt(602) - cashBefore).isEqualTo(rows * 20_000L);
    }

    @Test
    @TestSecurity(user = "tax.other", roles = "partner-tax")
    void aPartnerCannotReadAnotherPartnersImport() {
        long someoneElses = QuarkusTransaction.requiringNew().call(() -> ((Number) LedgerAccount.getEntityManager()
                .createNativeQuery("insert into collection_import (submitted_by, format, received_at, row_count, posted, duplicates,"
                        + " rejected, flagged, results) values ('tax.shanghai', 'JSON', now(), 0, 0, 0, 0, 0, '[]') returning id")
                .getSingleResult()).longValue());
        given().when().get("/api/dues/collection-imports/" + someoneElses)
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/api/dues/orgs/602/collections").then().statusCode(403);
        given().when().get("/api/dues/orgs/602/accounts").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "officer.town", roles = "officer")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1.601.602"))
    void anOfficerLoadsCollectionsOnlyForEnterprisesInTheirSubtree() {
        String run = UUID.randomUUID().toString();
        AwaitJob.imported(given().contentType(ContentType.JSON).body("[" + record(A, "5000.00", null, run + "-in") + ","
                        + record(OUTSIDE, "5000.00", null, run + "-out") + "]")
                .when().post("/api/dues/collection-imports")).body("posted", equalTo(1)).body("rejected", equalTo(1))
                .body("results[1].errors[0].message", org.hamcrest.Matchers.containsString("outside your organization scope"));
        given().when().get("/api/dues/orgs/602/collections?period=" + PERIOD + "&size=200")
                .then().statusCode(200).body("items.partnerReference", hasItem(run + "-in"));
        given().when().get("/api/dues/orgs/610/collections").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "member", roles = "member")
    void membersCannotSubmitCollections() {
        given().contentType(ContentType.JSON).body(record(A, "5000.00", null, "m-1"))
                .when().post("/api/dues/collections").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void nothingIsCollectedIntoAClosedPeriodAndDuesPostOnce() {
        given().when().post("/api/dues/periods/2025-01/close").then().statusCode(200);
        long entries = count("select count(*) from journal_entry");
        given().contentType(ContentType.JSON).body(record(A, "5000.00", null, "closed-1").replace(PERIOD, "2025-01"))
                .when().post("/api/dues/collections")
                .then().statusCode(422).body("type", equalTo("urn:gucun:problem:period-closed"));
        Assertions.assertThat(count("select count(*) from journal_entry")).isEqualTo(entries);
        Assertions.assertThat(count("select count(*) from fund_collection where partner_ref = 'closed-1'")).isZero();
        String open = "open-" + UUID.randomUUID();
        AwaitJob.imported(given().contentType(ContentType.JSON).body("[" + record(A, "5000.00", null, "closed-2").replace(PERIOD, "2025-01") + ","
                        + record(A, "5000.00", null, open) + "]")
                .when().post("/api/dues/collection-imports")).body("posted", equalTo(1)).body("rejected", equalTo(1))
                .body("results[0].errors[0].field", equalTo("period")).body("results[1].status", equalTo("POSTED"));
        Assertions.assertThat(count("select count(*) from fund_collection where partner_ref in ('closed-2', '" + open + "')")).isEqualTo(1);

        String ref = "DUES-" + UUID.randomUUID();
        String dues = "{\"memberId\":1001,\"orgId\":603,\"period\":\"" + PERIOD + "\",\"amount\":\"10.00\",\"reference\":\"" + ref + "\"}";
        int id = given().contentType(ContentType.JSON).body(dues).when().post("/api/dues/dues-payments")
                .then().statusCode(201).body("amount", equalTo("10.00")).extract().path("id");
        given().contentType(ContentType.JSON).body(dues).when().post("/api/dues/dues-payments")
                .then().statusCode(200).body("id", equalTo(id));
        Assertions.assertThat(count("select count(*) from journal_entry where source_ref = 'dues:" + ref + "'")).isEqualTo(1);
        given().contentType(ContentType.JSON).body(dues.replace("10.00", "0.00").replace(ref, ref + "x"))
                .when().post("/api/dues/dues-payments").then().statusCode(400).body("errors[0].field", equalTo("amount"));
    }

    @Test
    @TestSecurity(user = "tax.shanghai", roles = "partner-tax")
    void anEnterpriseRegisteredInMembershipCanBeCollectedFromOnceTheEventArrives() throws Exception {
        String code = creditCode(60199);
        String data = "{\"enterpriseId\":60199,\"creditCode\":\"" + code + "\",\"name\":\"上海顾村精密机械有限公司\",\"orgId\":603,"
                + "\"orgPath\":\"1.601.602.603\",\"employeeCount\":86,\"establishedOn\":\"2019-04-12\",\"gridCode\":\"BS-GC-017\"}";
        KafkaEvents.send("membership.enterprise.v1", "60199", UUID.randomUUID().toString(),
                "io.gucun.membership.EnterpriseRegistered", data);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (QuarkusTransaction.requiringNew().call(() -> KnownEnterprise.count("creditCode", code)) == 0) {
            Assertions.assertThat(System.nanoTime()).as("EnterpriseRegistered consumed within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        given().contentType(ContentType.JSON).body(record(code, "80000.00", null, "K-" + UUID.randomUUID()))
                .when().post("/api/dues/collections")
                .then().statusCode(201).body("results[0].collectingOrgId", equalTo(602)).body("results[0].enterpriseId", equalTo(60199));
    }
}
