package io.gucun.outreach.coverage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.gucun.common.replica.KnownEnterprise;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.outreach.MembershipFeed;
import io.gucun.outreach.TestTree;
import io.gucun.outreach.membership.JoinedMember;
import io.gucun.testsupport.Actors;
import io.gucun.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "outreach"))
class BlindSpotsTest {

    @AfterEach
    void reset() {
        Actors.nobody();
    }

    private static void insure(int workers, String uscc) {
        StringBuilder csv = new StringBuilder("person_id,employer_uscc,insured_since,status\n");
        for (int i = 0; i < workers; i++) {
            csv.append(TestIds.idNumber()).append(',').append(uscc).append(",2021-01-01,ACTIVE\n");
        }
        Actors.partner("si-bureau", "partner-social-insurance");
        String job = given().contentType("text/csv").body(csv.toString()).post("/api/outreach/imports/social-insurance")
                .then().statusCode(202).extract().path("id");
        MembershipFeed.await("insured", () -> "COMPLETED".equals(given().get("/api/outreach/imports/" + job).then().extract().path("status")));
    }

    private static long enterprise(TestTree tree, String uscc, int employees, LocalDate established, String grid) {
        long id = MembershipFeed.nextId();
        MembershipFeed.enterpriseRegistered(id, uscc, tree.parkId(), tree.park(), employees, established.toString(), grid);
        return id;
    }

    @Test
    void enterprisesMeetingTheRuleAreRankedAndSmallGroupsAreSuppressed() {
        TestTree tree = TestTree.create();
        String big = TestIds.creditCode();
        String taxSized = TestIds.creditCode();
        String young = TestIds.creditCode();
        String small = TestIds.creditCode();
        String founded = TestIds.creditCode();
        LocalDate old = LocalDate.now().minusYears(3);
        enterprise(tree, big, 120, old, "GRID-A");
        enterprise(tree, taxSized, 5, old, "GRID-A");            // registered small, the tax partner says 40
        enterprise(tree, young, 300, LocalDate.now().minusMonths(6), "GRID-B");
        enterprise(tree, small, 10, old, "GRID-B");
        long foundedId = enterprise(tree, founded, 90, old, "GRID-B");
        long unionOrg = MembershipFeed.nextId();
        MembershipFeed.unionFounded(foundedId, founded, unionOrg, tree.park() + "." + unionOrg);
        for (int i = 0; i < 12; i++) {
            MembershipFeed.memberJoined(MembershipFeed.nextId(), unionOrg, tree.park() + "." + unionOrg, "APPLICATION");
        }
        MembershipFeed.await("read models", () -> QuarkusTransaction.requiringNew().call(() ->
                KnownEnterprise.<KnownEnterprise>findById(foundedId).hasUnion()
                        && JoinedMember.count("orgId", unionOrg) == 12));
        Actors.partner("tax-bureau", "partner-tax");
        String taxJob = given().contentType("text/csv").body("enterprise_uscc,headcount,payroll,period\n"
                        + taxSized + ",40,320000.00,2026-09\n" + taxSized + ",38,300000.00,2026-08\n")
                .post("/api/outreach/imports/tax").then().statusCode(202).extract().path("id");
        MembershipFeed.await("tax", () -> "COMPLETED".equals(given().get("/api/outreach/imports/" + taxJob).then().extract().path("status")));
        insure(15, big);
        insure(3, small);
        insure(20, founded);

        Actors.officer("officer.district", tree.district());
        JsonPath targets = given().queryParam("orgId", tree.townId()).get("/api/outreach/coverage/targets")
                .then().statusCode(200).extract().jsonPath();
        assertThat(targets.getList("items.creditCode")).containsExactly(big, taxSized);
        assertThat(targets.getList("items.rank", Integer.class)).containsExactly(1, 2);
        assertThat(targets.getInt("items[1].employees")).as("tax headcount of the latest period").isEqualTo(40);
        assertThat(targets.getInt("items[0].insuredWorkers")).isEqualTo(15);
        assertThat(targets.getString("items[1].insuredWorkers")).as("0 insured: a group below 10 is withheld").isNull();

        JsonPath grids = given().queryParam("orgId", tree.townId()).get("/api/outreach/coverage/grids")
                .then().statusCode(200).body("total", equalTo(2)).extract().jsonPath();
        // GRID-A: 15 insured, no members (gap 15); GRID-B: 23 insured, 12 members (gap 11)
        assertThat(grids.getList("items.gridCode")).containsExactly("GRID-A", "GRID-B");
        assertThat(grids.getInt("items[0].insuredWorkers")).isEqualTo(15);
        assertThat(grids.getInt("items[0].targets")).isEqualTo(2);
        assertThat(grids.getInt("items[1].members")).isEqualTo(12);
        assertThat(grids.getString("items[1].coverage")).isEqualTo("0.52");

        given().queryParam("orgId", tree.townId()).get("/api/outreach/coverage").then().statusCode(200)
                .body("enterprises", equalTo(5)).body("enterprisesWithUnion", equalTo(1))
                .body("insuredWorkers", equalTo(38)).body("members", equalTo(12)).body("suppressed", equalTo(false));
    }

    @Test
    void aSubtreeWithFewPeopleShowsNoPersonCountsAndOtherScopesAreRefused() {
        TestTree tree = TestTree.create();
        String uscc = TestIds.creditCode();
        enterprise(tree, uscc, 30, LocalDate.now().minusYears(2), "GRID-C");
        MembershipFeed.await("enterprise", () -> QuarkusTransaction.requiringNew().call(() -> KnownEnterprise.byCreditCode(uscc).isPresent()));
        insure(4, uscc);
        Actors.officer("officer.town", tree.town());
        given().get("/api/outreach/coverage").then().statusCode(200)
                .body("insuredWorkers", nullValue()).body("members", nullValue()).body("suppressed", equalTo(true));
        given().get("/api/outreach/coverage/grids").then().statusCode(200)
                .body("items[0].insuredWorkers", nullValue()).body("items[0].suppressed", equalTo(true));
        TestTree other = TestTree.create();
        given().queryParam("orgId", other.townId()).get("/api/outreach/coverage/targets").then().statusCode(403);
        Actors.partner("si-bureau", "partner-social-insurance");
        given().get("/api/outreach/coverage").then().statusCode(403);
    }
}
