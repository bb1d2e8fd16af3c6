package io.gucun.outreach.partner;

import static io.gucun.outreach.partner.ImportApiTest.SI;
import static io.gucun.outreach.partner.ImportApiTest.TAX;
import static io.gucun.outreach.partner.ImportApiTest.awaitDone;
import static io.gucun.outreach.partner.ImportApiTest.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.testsupport.Actors;
import io.gucun.testsupport.FeedsSettled;
import io.gucun.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each partner's feed of its own imports' results: one item per finished job, never another partner's. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "outreach"))
class ImportFeedTest {

    private static final String FEEDS = "/api/outreach/partner/feeds/";

    @Inject
    ImportRunner runner;

    @AfterEach
    void reset() {
        Actors.nobody();
    }

    @Test
    void aFinishedImportAppearsOnceInItsPartnersFeedWithItsCounts() {
        Actors.partner("si-bureau", SI);
        String siCursor = endOf("social-insurance-imports");
        Actors.partner("tax-bureau", TAX);
        String taxCursor = endOf("tax-imports");

        Actors.partner("si-bureau", SI);
        String uscc = TestIds.creditCode();
        String si = post("social-insurance", "person_id,employer_uscc,insured_since,status\n"
                + TestIds.idNumber() + "," + uscc + ",2020-01-01,ACTIVE\n"
                + "not-an-id," + uscc + ",2020-01-01,ACTIVE\n").then().statusCode(202).extract().path("id");
        assertThat(awaitDone(si)).isEqualTo("COMPLETED");
        Actors.partner("tax-bureau", TAX);
        String tax = post("tax", "enterprise_uscc,headcount,payroll,period\n" + uscc + ",30,250000.00,2026-10\n")
                .then().statusCode(202).extract().path("id");
        assertThat(awaitDone(tax)).isEqualTo("COMPLETED");

        Actors.partner("si-bureau", SI);
        List<Map<String, Object>> siItems = readAfter("social-insurance-imports", siCursor);
        assertThat(siItems).extracting(i -> i.get("id")).containsExactly(si);
        Map<String, Object> item = siItems.getFirst();
        assertThat(item).containsEntry("type", "ImportCompleted").containsEntry("subject", si);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) item.get("data");
        assertThat(data).containsEntry("kind", "SOCIAL_INSURANCE").containsEntry("status", "COMPLETED")
                .containsEntry("rowsRead", 2).containsEntry("rowsAccepted", 1).containsEntry("rowsRejected", 1)
                .containsEntry("rejectReport", "/api/outreach/imports/" + si + "/rejects");
        given().get(FEEDS + "tax-imports").then().statusCode(403).contentType("application/problem+json");

        Actors.partner("tax-bureau", TAX);
        assertThat(readAfter("tax-imports", taxCursor)).extracting(i -> i.get("id")).containsExactly(tax);
        given().get(FEEDS + "social-insurance-imports").then().statusCode(403);
    }

    @Test
    void anImportThatFailsIsInTheFeedAsFailedOnce() {
        Actors.partner("tax-bureau", TAX);
        String cursor = endOf("tax-imports");
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            ImportJob job = new ImportJob();
            job.id = id;
            job.kind = ImportKind.TAX;
            job.status = ImportJob.Status.QUEUED;
            job.submittedBy = "tax-bureau";
            job.stagedFile = Path.of(System.getProperty("java.io.tmpdir"), "gone-" + id + ".csv").toString(); // lost with its disk
            job.checkpointLine = 1;
            job.createdAt = OffsetDateTime.now();
            job.persist();
        });
        assertThat(runner.run(id, 100, Long.MAX_VALUE)).isTrue();
        // the sweep (or another instance) trying it again finds it finished: nothing more happens
        assertThat(runner.run(id, 100, Long.MAX_VALUE)).isFalse();

        List<Map<String, Object>> items = readAfter("tax-imports", cursor);
        assertThat(items).extracting(i -> i.get("id")).containsExactly(id.toString());
        assertThat(items.getFirst().get("type")).isEqualTo("ImportFailed");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) items.getFirst().get("data");
        assertThat(data.get("status")).isEqualTo("FAILED");
        assertThat((String) data.get("error")).startsWith("the import stopped");
    }

    @Test
    void officersAndBadCursorsAreRefused() {
        Actors.officer("officer.town", "1.2");
        given().get(FEEDS + "tax-imports").then().statusCode(403).contentType("application/problem+json");
        Actors.partner("si-bureau", SI);
        given().get(FEEDS + "social-insurance-imports?after=xyz").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("after"));
        given().get(FEEDS + "members").then().statusCode(404);
    }

    private static String endOf(String feed) {
        FeedsSettled.await();
        String cursor = null;
        boolean more = true;
        while (more) {
            JsonPath page = page(feed, cursor);
            cursor = page.getString("nextCursor");
            more = page.getBoolean("more");
        }
        return cursor;
    }

    private static List<Map<String, Object>> readAfter(String feed, String cursor) {
        FeedsSettled.await();
        List<Map<String, Object>> items = new ArrayList<>();
        boolean more = true;
        while (more) {
            JsonPath page = page(feed, cursor);
            items.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
            more = page.getBoolean("more");
        }
        return items;
    }

    private static JsonPath page(String feed, String cursor) {
        var request = given().queryParam("limit", 2);
        if (cursor != null) {
            request.queryParam("after", cursor);
        }
        return request.when().get(FEEDS + feed).then().statusCode(200).extract().jsonPath();
    }
}
