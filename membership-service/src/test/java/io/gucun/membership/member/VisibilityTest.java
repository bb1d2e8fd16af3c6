package io.gucun.membership.member;

import static io.gucun.membership.member.MemberApi.BASE;
import static io.gucun.membership.member.MemberApi.get;
import static io.gucun.membership.member.MemberApi.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.testsupport.Actors;
import io.gucun.testsupport.TestIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
class VisibilityTest {

    @AfterEach
    void nobody() {
        Actors.nobody();
    }

    @Test
    void officersSeeTheirSubtreeOnlyAndSiblingsAre404() {
        var tree = MemberApi.tree();
        long inA = MemberApi.admitted(tree.enterpriseA(), tree.enterpriseA().path());
        long inA2 = MemberApi.admitted(tree.enterpriseA(), tree.enterpriseA().path());
        long inB = MemberApi.admitted(tree.enterpriseB(), tree.enterpriseB().path());
        String idOfB = TestIds.idNumber();
        Actors.officer("officer.b", tree.enterpriseB().path());
        var body = MemberApi.worker(idOfB, TestIds.mobile());
        body.put("orgId", tree.enterpriseB().id());
        MemberApi.register(body).statusCode(201);

        Actors.officer("officer.a", tree.enterpriseA().path());
        get("/members/" + inA).statusCode(200);
        get("/members/" + inB).statusCode(404).contentType("application/problem+json");
        get("/members/" + inB + "/history").statusCode(404);
        get("/members/" + inB + "/applications").statusCode(404);
        get("/members/" + inB + "/transfers").statusCode(404);
        post("/members/" + inB + "/leave", Map.of("reason", "EXPELLED")).statusCode(404);
        post("/members/lookup", Map.of("idNumber", idOfB)).statusCode(404);
        get("/members").statusCode(200)
                .body("total", equalTo(2))
                .body("items.id", hasItems((int) inA, (int) inA2))
                .body("items.orgId", everyItem(equalTo((int) tree.enterpriseA().id())));
        given().queryParam("orgId", tree.enterpriseB().id()).when().get(BASE + "/members").then().statusCode(404);
        given().queryParam("status", "SLEEPING").when().get(BASE + "/members").then().statusCode(400)
                .body("errors.field", hasItem("status"));
        given().queryParam("page", -1).when().get(BASE + "/members").then().statusCode(400)
                .body("errors.field", hasItem("page"));
        given().queryParam("size", 1).queryParam("page", 1).when().get(BASE + "/members").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("total", equalTo(2)).body("page", equalTo(1));

        // The area joint union above both sees both; so does an admin.
        Actors.officer("officer.area", tree.jointArea().path());
        given().queryParam("orgId", tree.jointArea().id()).queryParam("status", "ACTIVE").when().get(BASE + "/members")
                .then().statusCode(200).body("total", equalTo(4)).body("items.id", hasItems((int) inA, (int) inB));
        post("/members/lookup", Map.of("idNumber", idOfB)).statusCode(200);
        Actors.admin();
        get("/members/" + inB).statusCode(200);
        given().queryParam("orgId", tree.province().id()).when().get(BASE + "/members").then().statusCode(200)
                .body("total", equalTo(4));
    }

    @Test
    void aMemberSeesOnlyThemself() {
        var tree = MemberApi.tree();
        long other = MemberApi.admitted(tree.enterpriseA(), tree.enterpriseA().path());
        String subject = "self-" + System.nanoTime();
        Actors.member(subject);
        long mine = ((Number) MemberApi.register(MemberApi.worker(TestIds.idNumber(), TestIds.mobile())).statusCode(201)
                .extract().path("member.id")).longValue();
        get("/members/" + mine).statusCode(200);
        get("/members/" + other).statusCode(404).contentType("application/problem+json");
        get("/members/" + other + "/history").statusCode(404);
        post("/members/" + other + "/applications", Map.of("orgId", tree.jointArea().id())).statusCode(404);
        post("/members/" + other + "/transfers", Map.of("toOrgId", tree.jointArea().id(), "reason", "x")).statusCode(404);
        get("/members").statusCode(403);
        post("/members/lookup", Map.of("idNumber", TestIds.idNumber())).statusCode(403);
        post("/join-policies", Map.of("orgId", tree.jointArea().id(), "autoApprove", true, "validFrom", "2026-01-01"))
                .statusCode(403);
        // Not yet a member: nothing to transfer or leave.
        post("/members/" + mine + "/leave", Map.of("reason", "VOLUNTARY")).statusCode(409);
        post("/members/" + mine + "/transfers", Map.of("toOrgId", tree.jointArea().id(), "reason", "x")).statusCode(409);
    }

    @Test
    @TestSecurity(user = "officer.sibling", roles = "officer")
    @OidcSecurity(claims = {@Claim(key = "org_path", value = "1.999999"), @Claim(key = "sub", value = "officer-sibling")})
    void anOfficerOfAnotherBranchGets404ForMembersAndEmptyLists() {
        get("/members/1").statusCode(404);
        get("/members").statusCode(200).body("total", equalTo(0));
        get("/applications").statusCode(200).body("total", equalTo(0));
        get("/transfers").statusCode(200).body("total", equalTo(0));
    }

    @Test
    @TestSecurity(user = "officer.noscope", roles = "officer")
    void anOfficerWithoutScopeSeesNothing() {
        get("/members").statusCode(403).contentType("application/problem+json");
        get("/members/1").statusCode(404);
        get("/me").statusCode(404);
    }

    @Test
    void withoutATokenEverythingIs401() {
        get("/members").statusCode(401).contentType("application/problem+json");
        get("/me").statusCode(401);
        MemberApi.register(MemberApi.worker(TestIds.idNumber(), TestIds.mobile())).statusCode(401);
        post("/members/lookup", Map.of("idNumber", TestIds.idNumber())).statusCode(401);
        get("/identity-audit").statusCode(401);
    }

    @Test
    void partnersHaveNoBusinessWithMembers() {
        Actors.as("tax-bureau", "tax-sub", "1", "partner-tax");
        get("/members").statusCode(403);
        MemberApi.register(MemberApi.worker(TestIds.idNumber(), TestIds.mobile())).statusCode(403);
        get("/me").statusCode(403);
        get("/members/1").statusCode(403);
        post("/applications/1/approve", Map.of()).statusCode(403);
        get("/members").statusCode(403).body("type", not(equalTo("")));
    }
}
