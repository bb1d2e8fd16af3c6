package io.gucun.dues.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

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
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "dues"))
class LedgerApiTest {

    static final String THIS_MONTH = YearMonth.now(ZoneOffset.UTC).toString();

    @BeforeEach
    void tree() {
        OrgFixtures.org("1.501", "DISTRICT");
        OrgFixtures.org("1.501.502", "TOWN");
        OrgFixtures.org("1.501.502.503", "JOINT_AREA");
        OrgFixtures.org("1.509", "DISTRICT");
    }

    static String entry(String period, String debitAmount, String creditAmount) {
        return """
                {"period":"%s","description":"区总工会拨付活动经费","legs":[
                  {"orgId":501,"purpose":"UPPER_SHARE","side":"D","amount":"%s"},
                  {"orgId":502,"purpose":"SUBSIDIES","side":"C","amount":"%s"}]}""".formatted(period, debitAmount, creditAmount);
    }

    static long entries() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) LedgerAccount.getEntityManager()
                .createNativeQuery("select count(*) from journal_entry").getSingleResult()).longValue());
    }

    @Test
    @TestSecurity(user = "officer.district", roles = "officer")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1.501"))
    void anOfficerPostsABalancedEntryOnceEvenWhenRetried() {
        String key = java.util.UUID.randomUUID().toString();
        int id = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(entry(THIS_MONTH, "300.00", "300.00"))
                .when().post("/api/dues/journal-entries")
                .then().statusCode(201).header("Location", notNullValue())
                .body("kind", equalTo("MANUAL")).body("debits", equalTo("300.00")).body("credits", equalTo("300.00"))
                .body("legs.size()", equalTo(2)).body("transactionId", notNullValue())
                .extract().path("id");
        long before = entries();
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(entry(THIS_MONTH, "300.00", "300.00"))
                .when().post("/api/dues/journal-entries")
                .then().statusCode(201).body("id", equalTo(id));
        Assertions.assertThat(entries()).isEqualTo(before);
        // The same key with another entry is refused, not answered with the first entry, and posts nothing.
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(entry(THIS_MONTH, "301.00", "301.00"))
                .when().post("/api/dues/journal-entries")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:gucun:problem:idempotency-key-reused"));
        Assertions.assertThat(entries()).isEqualTo(before);
        given().when().get("/api/dues/journal-entries/" + id).then().statusCode(200).body("legs.amount", hasItem("300.00"));
    }

    @Test
    @TestSecurity(user = "officer.district", roles = "officer")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1.501"))
    void anUnbalancedEntryIsRefusedNamingTheLegsAndNothingIsPosted() {
        long before = entries();
        given().contentType(ContentType.JSON).body(entry(THIS_MONTH, "300.00", "299.99"))
                .when().post("/api/dues/journal-entries")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:gucun:problem:unbalanced-entry"))
                .body("errors[0].field", equalTo("legs"));
        given().contentType(ContentType.JSON).body(entry(THIS_MONTH, "0", "0"))
                .when().post("/api/dues/journal-entries")
                .then().statusCode(400).body("errors.field", hasItem("legs[0].amount"));
        given().contentType(ContentType.JSON).body(entry("2026-13", "1", "1"))
                .when().post("/api/dues/journal-entries")
                .then().statusCode(400).body("errors[0].field", equalTo("period"));
        Assertions.assertThat(entries()).isEqualTo(before);
    }

    @Test
    @TestSecurity(user = "officer.other", roles = "officer")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1.509"))
    void anOfficerCannotMoveMoneyOutsideTheirSubtree() {
        given().contentType(ContentType.JSON).body(entry(THIS_MONTH, "1.00", "1.00"))
                .when().post("/api/dues/journal-entries")
                .then().statusCode(400).body("errors.field", hasItem("legs[0].orgId"));
    }

    @Test
    @TestSecurity(user = "tax", roles = "partner-tax")
    void theTaxPartnerCannotPostManualEntriesOrReadTheLedger() {
        given().contentType(ContentType.JSON).body(entry(THIS_MONTH, "1.00", "1.00"))
                .when().post("/api/dues/journal-entries").then().statusCode(403);
        given().when().get("/api/dues/trial-balance").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void anEntryIsCorrectedByOneReversalAndTheTrialBalanceStaysBalanced() {
        int id = given().contentType(ContentType.JSON).body(entry(THIS_MONTH, "12.34", "12.34"))
                .when().post("/api/dues/journal-entries").then().statusCode(201).extract().path("id");
        int reversal = given().contentType(ContentType.JSON).body("{\"reason\":\"wrong org\"}")
                .when().post("/api/dues/journal-entries/" + id + "/reversal")
                .then().statusCode(201).body("kind", equalTo("REVERSAL")).body("reversesEntryId", equalTo(id))
                .body("legs.find { it.orgId == 501 }.side", equalTo("C"))
                .extract().path("id");
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/api/dues/journal-entries/" + id + "/reversal")
                .then().statusCode(409).body("type", equalTo("urn:gucun:problem:already-reversed"))
                .body("reversedByEntryId", equalTo(reversal));
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/api/dues/journal-entries/" + reversal + "/reversal")
                .then().statusCode(422);
        given().when().get("/api/dues/journal-entries/" + id).then().statusCode(200).body("reversedByEntryId", equalTo(reversal));
        given().when().get("/api/dues/trial-balance?period=" + THIS_MONTH)
                .then().statusCode(200).body("balanced", equalTo(true));
        given().when().get("/api/dues/trial-balance")
                .then().statusCode(200).body("balanced", equalTo(true)).body("periods.balanced", org.hamcrest.Matchers.everyItem(equalTo(true)));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void nothingPostsIntoAClosedPeriod() {
        given().when().post("/api/dues/periods/2024-03/close").then().statusCode(200).body("status", equalTo("CLOSED"));
        given().when().post("/api/dues/periods/2024-03/close").then().statusCode(200).body("status", equalTo("CLOSED"));
        long before = entries();
        given().contentType(ContentType.JSON).body(entry("2024-03", "5.00", "5.00"))
                .when().post("/api/dues/journal-entries")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:gucun:problem:period-closed")).body("period", equalTo("2024-03"));
        Assertions.assertThat(entries()).isEqualTo(before);
        given().when().get("/api/dues/periods").then().statusCode(200).body("find { it.period == '2024-03' }.status", equalTo("CLOSED"));
    }

    @Test
    @TestSecurity(user = "officer.district", roles = "officer")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1.501"))
    void onlyAdminsClosePeriods() {
        given().when().post("/api/dues/periods/2024-04/close").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void theDatabaseRefusesToEditOrDeletePostedRows() {
        given().contentType(ContentType.JSON).body(entry(THIS_MONTH, "1.00", "1.00"))
                .when().post("/api/dues/journal-entries").then().statusCode(201);
        Assertions.assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> LedgerAccount.getEntityManager()
                .createNativeQuery("update journal_leg set amount_fen = amount_fen + 1").executeUpdate()))
                .hasStackTraceContaining("immutable");
        Assertions.assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> LedgerAccount.getEntityManager()
                .createNativeQuery("delete from journal_entry").executeUpdate()))
                .hasStackTraceContaining("immutable");
    }
}
