package io.gucun.outreach.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.common.identity.CreditCode;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.outreach.MembershipFeed;
import io.gucun.outreach.TestTree;
import io.gucun.testsupport.Actors;
import io.gucun.testsupport.KafkaEvents;
import io.gucun.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** dues' CollectionSuspended (money from a firm the union has not registered) makes the firm a lead for the town. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "outreach"))
class SuspenseLeadTest {

    @AfterEach
    void reset() {
        Actors.nobody();
    }

    private static String codeIn(String division) {
        String first17 = "91" + division + TestIds.creditCode().substring(8, 17);
        return first17 + CreditCode.checkCharacter(first17);
    }

    private static void suspended(String eventId, long collectionId, String creditCode, String amount) {
        // keyed by the firm here (dues keys by collection), so one firm's events arrive in the order sent
        KafkaEvents.send("dues.collection.v1", creditCode, eventId, "io.gucun.dues.CollectionSuspended", """
                {"collectionId": %d, "partnerReference": "TAX-%d", "creditCode": "%s", "period": "2026-10",
                 "payrollBase": "100000.00", "amount": "%s", "currency": "CNY", "suspenseOrgId": 1, "suspenseOrgPath": "1",
                 "journalEntryId": %d, "transactionId": "%s"}""".formatted(collectionId, collectionId, creditCode, amount,
                collectionId, UUID.randomUUID()));
    }

    private static EnterpriseLead lead(String creditCode) throws Exception {
        return QuarkusTransaction.requiringNew().call(() -> EnterpriseLead.<EnterpriseLead>find("creditCode", creditCode).firstResult());
    }

    @Test
    void suspendedMoneyMakesALeadInTheTownOfTheDivisionOncePerCollection() throws Exception {
        TestTree tree = TestTree.create();
        String division = String.format("6%05d", ThreadLocalRandom.current().nextInt(100_000));
        Actors.admin();
        given().contentType(ContentType.JSON).body("{\"orgId\": " + tree.townId() + "}")
                .put("/api/outreach/coverage/divisions/" + division).then().statusCode(200);
        String firm = codeIn(division);
        long first = MembershipFeed.nextId();
        String firstEvent = UUID.randomUUID().toString();
        suspended(firstEvent, first, firm, "2000.00");
        MembershipFeed.await("the lead", () -> lead(firm) != null);
        EnterpriseLead lead = lead(firm);
        assertThat(lead.orgId).isEqualTo(tree.townId());
        assertThat(lead.source).isEqualTo(EnterpriseLead.SOURCE_SUSPENSE);
        assertThat(lead.status).isEqualTo(LeadStatus.OPEN);
        assertThat(lead.firstEventId).isNull();

        // redelivered, then a second collection: each collection counts once
        suspended(firstEvent, first, firm, "2000.00");
        long second = MembershipFeed.nextId();
        suspended(UUID.randomUUID().toString(), second, firm, "500.50");
        Actors.officer("officer.town", tree.town());
        MembershipFeed.await("the second collection", () -> "2500.50".equals(given().get("/api/outreach/leads/" + lead.id)
                .then().statusCode(200).extract().path("suspendedAmount")));
        JsonPath leads = given().queryParam("orgId", tree.townId()).get("/api/outreach/leads").then().statusCode(200).extract().jsonPath();
        assertThat(leads.getList("items.creditCode")).containsExactly(firm);
        assertThat(leads.getString("items[0].source")).isEqualTo("SUSPENSE");

        // a firm whose division is not mapped waits at the suspense org: only admins see it there
        String unplaced = codeIn(String.format("7%05d", ThreadLocalRandom.current().nextInt(100_000)));
        suspended(UUID.randomUUID().toString(), MembershipFeed.nextId(), unplaced, "10.00");
        MembershipFeed.await("the unplaced lead", () -> lead(unplaced) != null);
        assertThat(lead(unplaced).orgPath).isEqualTo("1");
        given().get("/api/outreach/leads/" + lead(unplaced).id).then().statusCode(403);
    }
}
