package io.gucun.outreach;

import static io.restassured.RestAssured.given;

import io.gucun.testsupport.Actors;
import io.restassured.http.ContentType;

/** Plans sites and events through the API, as an officer of the given scope. */
public final class Planning {

    private Planning() {
    }

    /** A site of an org directly under the officer's scope, owned by {@code owner}, appointed a social worker there. */
    public static long site(String officerScope, long orgId, String kind, String owner) {
        UnionWorkerFeed.appointed(orgId, officerScope + "." + orgId, owner);
        Actors.officer("officer.town", officerScope);
        return given().contentType(ContentType.JSON).body("""
                        {"name": "智慧湾", "kind": "%s", "orgId": %d, "gridCode": "BS-GC-017", "ownerStaff": "%s"}"""
                        .formatted(kind, orgId, owner))
                .post("/api/outreach/sites").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A site in the park joint union's area and a weekend event staffed by officer.zhang, who then acts; the event id. */
    public static long weekendEvent(TestTree tree) {
        long siteId = site(tree.town(), tree.parkId(), "INDUSTRIAL_PARK", "officer.zhang");
        Actors.officer("officer.zhang", tree.town());
        return given().contentType(ContentType.JSON).body("""
                        {"siteId": %d, "title": "周末职工沟通会", "startsAt": "2026-11-28T10:00:00+08:00",
                         "endsAt": "2026-11-28T16:00:00+08:00", "staff": ["officer.zhang"]}""".formatted(siteId))
                .post("/api/outreach/events").then().statusCode(201).extract().jsonPath().getLong("id");
    }
}
