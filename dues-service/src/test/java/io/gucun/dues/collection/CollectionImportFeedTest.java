package io.gucun.dues.collection;

import static io.gucun.dues.collection.CollectionApiTest.A;
import static io.gucun.dues.collection.CollectionApiTest.B;
import static io.gucun.dues.collection.CollectionApiTest.record;
import static io.gucun.dues.enterprise.EnterpriseFixtures.creditCode;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.gucun.dues.job.AwaitJob;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.testsupport.FeedsSettled;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tax partner's feed of its own submissions' results: what it carries, what leaves no item, who reads it. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "dues"))
class CollectionImportFeedTest {

    private static final String FEED = "/api/dues/partner/feeds/collection-imports";

    @BeforeEach
    void fixtures() {
        new CollectionApiTest().fixtures();
    }

    @Test
    @TestSecurity(user = "tax.shanghai", roles = "partner-tax")
    void everySubmissionOfThePartnerLeavesOneItemInCommitOrderWithWhatDidNotSimplyPost() {
        String cursor = endOfFeed();
        String run = UUID.randomUUID().toString();
        String batch = "[" + String.join(",",
                record(A, "300000.00", null, run + "-1"),
                record(B, "100000.00", "1500.00", run + "-2"),
                record("NOT-A-CODE", "100000.00", null, run + "-3")) + "]";
        int first = AwaitJob.imported(given().contentType(ContentType.JSON).body(batch).when().post("/api/dues/collection-imports")).extract().path("id");
        int single = given().contentType(ContentType.JSON).body(record(A, "50000.00", null, run + "-4"))
                .when().post("/api/dues/collections").then().statusCode(201).extract().path("id");
        int replay = AwaitJob.imported(given().contentType(ContentType.JSON).body(batch).when().post("/api/dues/collection-imports")).extract().path("id");

        List<Map<String, Object>> items = readAfter(cursor);
        assertThat(items).extracting(i -> i.get("subject")).containsExactly(
                String.valueOf(first), String.valueOf(single), String.valueOf(replay));
        assertThat(items).extracting(i -> i.get("type")).containsOnly("CollectionImportProcessed");
        assertThat(items).extracting(i -> i.get("id")).doesNotHaveDuplicates();

        JsonPath batchItem = JsonPath.from(json(items.get(0)));
        assertThat(batchItem.getInt("data.rows")).isEqualTo(3);
        assertThat(batchItem.getInt("data.posted")).isEqualTo(2);
        assertThat(batchItem.getInt("data.rejected")).isEqualTo(1);
        assertThat(batchItem.getInt("data.flagged")).isEqualTo(1);
        // The clean post is left out; the flagged one and the rejected one are there with their reasons.
        assertThat(batchItem.getList("data.exceptions.partnerReference")).containsExactly(run + "-2", run + "-3");
        assertThat(batchItem.getString("data.exceptions[1].errors[0].field")).isEqualTo("creditCode");
        assertThat(batchItem.getString("data.href")).isEqualTo("/api/dues/collection-imports/" + first);

        JsonPath replayItem = JsonPath.from(json(items.get(2)));
        assertThat(replayItem.getInt("data.posted")).isZero();
        assertThat(replayItem.getInt("data.duplicates")).isEqualTo(2);
        assertThat(replayItem.getList("data.exceptions.status")).containsExactly("DUPLICATE", "DUPLICATE", "REJECTED");
    }

    @Test
    @TestSecurity(user = "tax.shanghai", roles = "partner-tax")
    void aSubmissionRefusedAsAWholeLeavesNoItem() {
        String cursor = endOfFeed();
        given().contentType(ContentType.JSON).body(record("91310113MA1GL3XKX2", "300000.00", null, "T-" + UUID.randomUUID()))
                .when().post("/api/dues/collections").then().statusCode(400);
        given().contentType(ContentType.JSON).body("[]").when().post("/api/dues/collection-imports").then().statusCode(400);
        assertThat(readAfter(cursor)).isEmpty();
    }

    @Test
    @TestSecurity(user = "tax.shanghai", roles = "partner-tax")
    void aBadCursorOrLimitIsABadRequestNamingIt() {
        given().when().get(FEED + "?after=not-a-cursor").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("after"));
        given().when().get(FEED + "?limit=501").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().when().get("/api/dues/partner/feeds/enterprise-unions").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "officer.town", roles = "officer")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1.601.602"))
    void officersSubmissionsAreNotThePartnersAndTheyCannotReadItsFeed() {
        given().when().get(FEED).then().statusCode(403).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(record(A, "5000.00", null, "O-" + UUID.randomUUID()))
                .when().post("/api/dues/collections").then().statusCode(201);
    }

    @Test
    @TestSecurity(user = "si", roles = "partner-social-insurance")
    void anotherPartnerCannotReadIt() {
        given().when().get(FEED).then().statusCode(403).contentType("application/problem+json");
    }

    /** The cursor at the feed's current end, paging as a partner would. */
    private static String endOfFeed() {
        FeedsSettled.await();
        String cursor = null;
        boolean more = true;
        while (more) {
            JsonPath page = page(cursor);
            cursor = page.getString("nextCursor");
            more = page.getBoolean("more");
        }
        return cursor;
    }

    private static List<Map<String, Object>> readAfter(String cursor) {
        FeedsSettled.await();
        List<Map<String, Object>> items = new ArrayList<>();
        boolean more = true;
        while (more) {
            JsonPath page = page(cursor);
            items.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
            more = page.getBoolean("more");
        }
        return items;
    }

    private static JsonPath page(String cursor) {
        var request = given().queryParam("limit", 2);
        if (cursor != null) {
            request.queryParam("after", cursor);
        }
        return request.when().get(FEED).then().statusCode(200).extract().jsonPath();
    }

    private static String json(Map<String, Object> item) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(item);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
