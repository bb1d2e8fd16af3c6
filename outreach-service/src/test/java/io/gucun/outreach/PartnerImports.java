package io.gucun.outreach;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.testsupport.Actors;

/** Sends a partner file through the API as that partner and waits until the job completed without rejects. */
public final class PartnerImports {

    private PartnerImports() {
    }

    /** {@code kind} is the path segment (social-insurance, tax), {@code role} the partner role that may send it. */
    public static void send(String kind, String role, String csv) {
        Actors.partner(kind + "-bureau", role);
        String job = given().contentType("text/csv").body(csv).post("/api/outreach/imports/" + kind)
                .then().statusCode(202).extract().path("id");
        MembershipFeed.await(kind, () -> "COMPLETED".equals(given().get("/api/outreach/imports/" + job).then().extract().path("status")));
        assertThat(given().get("/api/outreach/imports/" + job).then().extract().jsonPath().getInt("rowsRejected")).isZero();
    }
}
