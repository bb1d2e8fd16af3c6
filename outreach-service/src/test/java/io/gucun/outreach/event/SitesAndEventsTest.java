package io.gucun.outreach.event;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.gucun.common.replica.KnownOrg;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.outreach.MembershipFeed;
import io.gucun.outreach.Outboxed;
import io.gucun.outreach.Planning;
import io.gucun.outreach.TestTree;
import io.gucun.outreach.UnionWorkerFeed;
import io.gucun.testsupport.Actors;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "outreach"))
class SitesAndEventsTest {

    @AfterEach
    void reset() {
        Actors.nobody();
    }

    @Test
    void orgEventsBuildTheLocalTreeOncePerEvent() {
        TestTree tree = TestTree.create();
        long id = MembershipFeed.nextId();
        String json = """
                {"orgId": %d, "parentId": %d, "path": "%s.%d", "name": "first", "kind": "ENTERPRISE"}"""
                .formatted(id, tree.parkId(), tree.park(), id);
        String eventId = MembershipFeed.publish("membership.org.v1", String.valueOf(id), "OrgCreated", json);
        MembershipFeed.publish("membership.org.v1", String.valueOf(id), "OrgRenamed",
                "{\"orgId\": %d, \"newName\": \"renamed\"}".formatted(id));
        MembershipFeed.await("renamed", () -> QuarkusTransaction.requiringNew().call(
                () -> "renamed".equals(KnownOrg.<KnownOrg>findById(id).name)));
        // the first event delivered again (at-least-once) must not undo the rename
        MembershipFeed.republish("membership.org.v1", String.valueOf(id), "OrgCreated", json, eventId);
        long marker = MembershipFeed.nextId();
        MembershipFeed.orgCreated(marker, tree.parkId(), tree.park() + "." + marker, "ENTERPRISE");
        MembershipFeed.await("marker", () -> QuarkusTransaction.requiringNew().call(() -> KnownOrg.findById(marker) != null));
        assertThat(QuarkusTransaction.requiringNew().call(() -> KnownOrg.<KnownOrg>findById(id).name)).isEqualTo("renamed");
    }

    @Test
    void anOfficerPlansAnEveningEventWithStaffAndSeesItInTheCalendar() {
        TestTree tree = TestTree.create();
        long siteId = Planning.site(tree.town(), tree.parkId(), "INDUSTRIAL_PARK", "officer.zhang");
        long eventId = given().contentType(ContentType.JSON).body("""
                        {"siteId": %d, "title": "园区职工沟通会", "startsAt": "2026-11-25T18:30:00+08:00",
                         "endsAt": "2026-11-25T21:00:00+08:00", "staff": ["officer.zhang"]}""".formatted(siteId))
                .post("/api/outreach/events").then().statusCode(201)
                .body("status", equalTo("SCHEDULED")).body("staff", contains("officer.zhang"))
                .body("orgId", equalTo((int) tree.parkId()))
                .extract().jsonPath().getLong("id");
        UnionWorkerFeed.appointed(tree.townId(), tree.town(), "officer.li");
        given().contentType(ContentType.JSON).body("{\"staff\": \"officer.li\"}")
                .post("/api/outreach/events/" + eventId + "/staff").then().statusCode(200)
                .body("staff", contains("officer.li", "officer.zhang"));

        // the calendar of the district lists it; the calendar of a sibling scope does not
        Actors.officer("officer.district", tree.district());
        given().queryParam("from", "2026-11-01T00:00:00+08:00").queryParam("to", "2026-12-01T00:00:00+08:00")
                .get("/api/outreach/events").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo((int) eventId));
        TestTree other = TestTree.create();
        Actors.officer("officer.other", other.town());
        given().get("/api/outreach/events").then().statusCode(200).body("total", equalTo(0));
        given().get("/api/outreach/events/" + eventId).then().statusCode(403);
        given().queryParam("orgId", tree.townId()).get("/api/outreach/events").then().statusCode(403);

        Actors.officer("officer.town", tree.town());
        given().post("/api/outreach/events/" + eventId + "/held").then().statusCode(200).body("status", equalTo("HELD"));
        given().post("/api/outreach/events/" + eventId + "/held").then().statusCode(200);
        assertThat(Outboxed.types("event", eventId)).containsExactly("OutreachEventScheduled", "OutreachEventHeld");
    }

    @Test
    void aWeekdayDaytimeEventIsRefusedSayingWhy() {
        TestTree tree = TestTree.create();
        long siteId = Planning.site(tree.town(), tree.parkId(), "MARKET", "officer.zhang");
        given().contentType(ContentType.JSON).body("""
                        {"siteId": %d, "title": "x", "startsAt": "2026-11-25T10:00:00+08:00", "endsAt": "2026-11-25T12:00:00+08:00"}"""
                        .formatted(siteId))
                .post("/api/outreach/events").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:gucun:problem:outside-office-hours-required"))
                .body("errors.field", hasItem("startsAt"));
        given().contentType(ContentType.JSON).body("{\"title\": \"x\"}")
                .post("/api/outreach/events").then().statusCode(400).body("errors.field", hasItem("siteId"));
    }

    @Test
    void sitesRotateTheirOwnersAndKeepTheHistory() {
        TestTree tree = TestTree.create();
        long a = Planning.site(tree.town(), tree.parkId(), "STREET", "zhang");
        long b = Planning.site(tree.town(), tree.parkId(), "COMMUNITY", "li");
        long c = Planning.site(tree.town(), tree.parkId(), "COMMERCIAL_BUILDING", "wang");
        given().contentType(ContentType.JSON).body("{\"siteIds\": [%d, %d, %d]}".formatted(a, b, c))
                .post("/api/outreach/sites/rotations").then().statusCode(200)
                .body("ownerStaff", contains("wang", "zhang", "li"));
        given().get("/api/outreach/sites/" + a + "/owners").then().statusCode(200)
                .body("staff", contains("zhang", "wang")).body("reason", contains("ASSIGNED", "ROTATION"));
        given().contentType(ContentType.JSON).body("{\"siteIds\": [%d]}".formatted(a))
                .post("/api/outreach/sites/rotations").then().statusCode(400).body("errors.field", hasItem("siteIds"));
        given().queryParam("orgId", tree.townId()).get("/api/outreach/sites").then().statusCode(200).body("total", equalTo(3));
    }

    @Test
    void partnersAndAnonymousCallersCannotPlanEvents() {
        Actors.partner("tax-bureau", "partner-tax");
        given().get("/api/outreach/events").then().statusCode(403);
        Actors.nobody();
        given().get("/api/outreach/sites").then().statusCode(401);
    }
}
