package io.gucun.outreach.milestone;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.gucun.common.replica.KnownEnterprise;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.outreach.MembershipFeed;
import io.gucun.outreach.TestTree;
import io.gucun.outreach.PartnerImports;
import io.gucun.testsupport.Actors;
import io.gucun.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "outreach"))
class MilestonesTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @AfterEach
    void reset() {
        Actors.nobody();
    }

    private static void put(String creditCode, String stage, String body, int status) {
        given().contentType(ContentType.JSON).body(body).put("/api/outreach/milestones/" + creditCode + "/" + stage)
                .then().statusCode(status);
    }

    private static List<Map<String, Object>> overdueOf(TestTree tree, String creditCode) {
        List<Map<String, Object>> items = given().queryParam("orgId", tree.townId()).queryParam("size", 200)
                .get("/api/outreach/milestones/overdue").then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(i -> creditCode.equals(i.get("creditCode"))).toList();
    }

    @Test
    void stagesComeFromTheRegisterThePartnersOrOfficersAndOverdueStepsAreListedPerOrg() {
        TestTree tree = TestTree.create();
        String uscc = TestIds.creditCode();
        long id = MembershipFeed.nextId();
        MembershipFeed.enterpriseRegistered(id, uscc, tree.parkId(), tree.park(), 10, TODAY.minusDays(60).toString(), "GRID-M");
        MembershipFeed.await("registered", () -> QuarkusTransaction.requiringNew().call(() -> KnownEnterprise.findById(id) != null));
        PartnerImports.send("social-insurance", "partner-social-insurance",
                "person_id,employer_uscc,insured_since,status\n" + TestIds.idNumber() + "," + uscc + "," + TODAY.minusDays(40) + ",ACTIVE\n");

        Actors.officer("officer.town", tree.town());
        JsonPath m = given().get("/api/outreach/milestones/" + uscc).then().statusCode(200).extract().jsonPath();
        assertThat(m.getList("milestones.stage")).containsExactly("REGISTERED", "CONSTRUCTION", "OPERATING");
        assertThat(m.getList("milestones.status")).containsExactly("OVERDUE", "NOT_REACHED", "OPEN");
        assertThat(m.getList("milestones.source")).containsExactly("REGISTER", null, "SOCIAL_INSURANCE");
        assertThat(m.getString("milestones[0].deadline")).isEqualTo(TODAY.minusDays(30).toString());
        assertThat(m.getString("milestones[2].deadline")).isEqualTo(TODAY.minusDays(40).plusMonths(6).toString());
        assertThat(m.getString("policy.agreementWithin")).isEqualTo("P30D");
        assertThat(overdueOf(tree, uscc)).singleElement().satisfies(o -> {
            assertThat(o).containsEntry("stage", "REGISTERED").containsEntry("daysOverdue", 30);
            assertThat((String) o.get("unionStep")).contains("建会承诺书");
        });

        // the officer knows when construction started, and that the agreement was signed
        put(uscc, "CONSTRUCTION", "{\"reachedOn\": \"" + TODAY.minusDays(100) + "\"}", 200);
        put(uscc, "REGISTERED", "{\"stepDoneOn\": \"" + TODAY.minusDays(10) + "\"}", 200);
        m = given().get("/api/outreach/milestones/" + uscc).then().statusCode(200).extract().jsonPath();
        assertThat(m.getList("milestones.status")).containsExactly("DONE", "OVERDUE", "OPEN");
        assertThat(m.getString("milestones[1].source")).isEqualTo("OFFICER");
        assertThat(m.getString("milestones[0].reachedOn")).as("the register's day is kept").isEqualTo(TODAY.minusDays(60).toString());
        assertThat(overdueOf(tree, uscc)).extracting(o -> o.get("stage")).containsExactly("CONSTRUCTION");

        // bad input names the field; nothing is recorded
        given().contentType(ContentType.JSON).body("{}").put("/api/outreach/milestones/" + uscc + "/BUILDING").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("stage"));
        given().contentType(ContentType.JSON).body("{}").put("/api/outreach/milestones/" + uscc + "/OPERATING").then().statusCode(400)
                .body("errors[0].field", equalTo("reachedOn"));
        given().contentType(ContentType.JSON).body("{\"stepDoneOn\": \"" + TODAY.plusDays(3) + "\"}")
                .put("/api/outreach/milestones/" + uscc + "/OPERATING").then().statusCode(400).body("errors[0].field", equalTo("stepDoneOn"));
        given().get("/api/outreach/milestones/91310113XXXXXXXXXX").then().statusCode(400).body("errors[0].field", equalTo("creditCode"));
        given().get("/api/outreach/milestones/" + TestIds.creditCode()).then().statusCode(404);
        Actors.officer("officer.beijing", TestTree.create().town());
        given().get("/api/outreach/milestones/" + uscc).then().statusCode(403);

        // the union is founded: every step is done and nothing is overdue
        long unionOrg = MembershipFeed.nextId();
        MembershipFeed.unionFounded(id, uscc, unionOrg, tree.park() + "." + unionOrg);
        MembershipFeed.await("founded", () -> QuarkusTransaction.requiringNew().call(() ->
                KnownEnterprise.<KnownEnterprise>findById(id).hasUnion()));
        Actors.officer("officer.town", tree.town());
        given().get("/api/outreach/milestones/" + uscc).then().statusCode(200).body("hasUnion", equalTo(true));
        assertThat(given().get("/api/outreach/milestones/" + uscc).then().extract().jsonPath().getList("milestones.status"))
                .containsOnly("DONE");
        assertThat(overdueOf(tree, uscc)).isEmpty();
    }
}
