package io.gucun.outreach.event;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.outreach.TestTree;
import io.gucun.outreach.UnionWorkerFeed;
import io.gucun.testsupport.Actors;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Event staff and site owners come from membership's union workforce register, not free text. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "outreach"))
class StaffFromTheRegisterTest {

    @AfterEach
    void reset() {
        Actors.nobody();
    }

    @Test
    void staffAndOwnersAreUnionWorkersInTermAtTheSitesOrgOrAboveOrBelowIt() {
        TestTree tree = TestTree.create();
        TestTree other = TestTree.create();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String townWorker = "sw.town." + tag;
        String siblingWorker = "sw.sibling." + tag;
        String departed = "sw.departed." + tag;
        UnionWorkerFeed.appointed(tree.townId(), tree.town(), townWorker);
        UnionWorkerFeed.appointed(other.townId(), other.town(), siblingWorker);
        long ended = UnionWorkerFeed.appointed(tree.parkId(), tree.park(), departed);
        UnionWorkerFeed.termEnded(ended, tree.parkId(), tree.park(), departed, LocalDate.now().minusDays(2));

        Actors.officer("officer.town", tree.town());
        // Nobody of the register, a worker of another town, a worker whose term ended: refused, naming the field.
        for (String owner : new String[] {"officer.nobody", siblingWorker, departed}) {
            given().contentType(ContentType.JSON).body("""
                            {"name": "智慧湾", "kind": "MARKET", "orgId": %d, "ownerStaff": "%s"}""".formatted(tree.parkId(), owner))
                    .post("/api/outreach/sites").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("ownerStaff"));
        }
        // The town's social worker serves the park below it; the login is kept as Keycloak keeps it.
        long site = given().contentType(ContentType.JSON).body("""
                        {"name": "智慧湾", "kind": "MARKET", "orgId": %d, "ownerStaff": "%s"}"""
                        .formatted(tree.parkId(), townWorker.toUpperCase()))
                .post("/api/outreach/sites").then().statusCode(201).body("ownerStaff", equalTo(townWorker))
                .extract().jsonPath().getLong("id");
        given().contentType(ContentType.JSON).body("{\"staff\": \"%s\"}".formatted(siblingWorker))
                .put("/api/outreach/sites/" + site + "/owner").then().statusCode(400).body("errors.field", hasItem("staff"));

        given().contentType(ContentType.JSON).body("""
                        {"siteId": %d, "title": "职工沟通会", "startsAt": "2026-11-25T18:30:00+08:00",
                         "endsAt": "2026-11-25T21:00:00+08:00", "staff": ["%s", "%s"]}""".formatted(site, townWorker, departed))
                .post("/api/outreach/events").then().statusCode(400).body("errors.field", hasItem("staff[1]"));
        long event = given().contentType(ContentType.JSON).body("""
                        {"siteId": %d, "title": "职工沟通会", "startsAt": "2026-11-25T18:30:00+08:00",
                         "endsAt": "2026-11-25T21:00:00+08:00", "staff": ["%s"]}""".formatted(site, townWorker))
                .post("/api/outreach/events").then().statusCode(201).body("staff", contains(townWorker))
                .extract().jsonPath().getLong("id");
        given().contentType(ContentType.JSON).body("{\"staff\": \"officer.nobody\"}")
                .post("/api/outreach/events/" + event + "/staff").then().statusCode(400).body("errors.field", hasItem("staff"));

        // A grid leader of the park (below) staffs an event at a town site; one appointed from next month does not yet.
        String gridLeader = "grid." + tag;
        String future = "sw.future." + tag;
        UnionWorkerFeed.appointed(tree.parkId(), tree.park(), gridLeader);
        UnionWorkerFeed.appointed(tree.parkId(), tree.park(), future, LocalDate.now().plusMonths(1), null);
        long townSite = given().contentType(ContentType.JSON).body("""
                        {"name": "镇广场", "kind": "STREET", "orgId": %d, "ownerStaff": "%s"}""".formatted(tree.townId(), gridLeader))
                .post("/api/outreach/sites").then().statusCode(201).extract().jsonPath().getLong("id");
        given().contentType(ContentType.JSON).body("{\"staff\": \"%s\"}".formatted(future))
                .put("/api/outreach/sites/" + townSite + "/owner").then().statusCode(400).body("errors.field", hasItem("staff"));
    }
}
