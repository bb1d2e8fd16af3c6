package io.gucun.membership.member;

import static io.gucun.membership.member.MemberApi.BASE;
import static io.gucun.membership.member.MemberApi.get;
import static io.gucun.membership.member.MemberApi.post;
import static io.gucun.membership.member.MemberApi.register;
import static io.gucun.membership.member.MemberApi.worker;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.common.time.BusinessTime;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.testsupport.Actors;
import io.gucun.testsupport.KafkaEvents;
import io.gucun.testsupport.TestIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
class JoiningTest {

    @Inject
    EntityManager em;

    @Inject
    BusinessTime time;

    @AfterEach
    void nobody() {
        Actors.nobody();
    }

    /** A worker registers themself, applying to the joint union at once; returns {memberId, applicationId}. */
    private long[] selfRegisterAndApply(String subject, long orgId) {
        Actors.member(subject);
        Map<String, Object> body = worker(TestIds.idNumber(), TestIds.mobile());
        body.put("orgId", orgId);
        body.put("note", "公司尚未建会");
        var r = register(body).statusCode(201).extract();
        return new long[] {((Number) r.path("member.id")).longValue(), ((Number) r.path("application.id")).longValue()};
    }

    @Test
    void aWorkerAppliesToTheReservoirAndAnOfficerOfThatOrgApproves() throws Exception {
        var tree = MemberApi.tree();
        long[] ids = selfRegisterAndApply("gig-" + System.nanoTime(), tree.jointIndustry().id());
        long memberId = ids[0];
        long applicationId = ids[1];
        get("/applications/" + applicationId).statusCode(200).body("status", equalTo("PENDING"))
                .body("note", equalTo("公司尚未建会"));
        get("/me").statusCode(200).body("member.status", equalTo("REGISTERED"))
                .body("pendingApplications[0].id", equalTo((int) applicationId));
        // The applicant cannot approve themself.
        post("/applications/" + applicationId + "/approve", Map.of()).statusCode(403);

        // The officer of the sibling joint union sees neither the application nor the applicant, and may not decide.
        Actors.officer("officer.area", tree.jointArea().path());
        get("/applications/" + applicationId).statusCode(404);
        get("/members/" + memberId).statusCode(404);
        post("/applications/" + applicationId + "/approve", Map.of()).statusCode(403)
                .contentType("application/problem+json");

        // The town officer covers the joint union: the application is in their queue, the applicant visible.
        Actors.officer("officer.town", tree.town().path());
        given().queryParam("status", "PENDING").when().get(BASE + "/applications")
                .then().statusCode(200).body("items.id", hasItem((int) applicationId));
        get("/members/" + memberId).statusCode(200);
        post("/applications/" + applicationId + "/approve", Map.of("reason", "材料齐全")).statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("via", equalTo("APPLICATION"))
                .body("decidedBy", equalTo("officer.town"))
                .body("decisionReason", equalTo("材料齐全"));
        get("/members/" + memberId).statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("orgId", equalTo((int) tree.jointIndustry().id()))
                .body("orgPath", equalTo(tree.jointIndustry().path()))
                .body("joinedAt", notNullValue());

        // Approving twice is a conflict; so is rejecting an approved application.
        post("/applications/" + applicationId + "/approve", Map.of()).statusCode(409)
                .body("type", equalTo("urn:gucun:problem:application-decided"))
                .body("status", equalTo(409)).body("currentStatus", equalTo("APPROVED"));
        post("/applications/" + applicationId + "/reject", Map.of("reason", "改主意")).statusCode(409);

        get("/members/" + memberId + "/history").statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].orgId", equalTo((int) tree.jointIndustry().id()))
                .body("[0].startReason", equalTo("APPLICATION"))
                .body("[0].to", nullValue());

        List<KafkaEvents.Received> events = MemberApi.memberEvents(memberId, "MemberRegistered", "MemberJoined");
        var joined = new ObjectMapper().readTree(events.stream()
                .filter(e -> "io.gucun.membership.MemberJoined".equals(e.type())).findFirst().orElseThrow().value());
        assertThat(joined.get("memberId").asLong()).isEqualTo(memberId);
        assertThat(joined.get("orgId").asLong()).isEqualTo(tree.jointIndustry().id());
        assertThat(joined.get("orgPath").asText()).isEqualTo(tree.jointIndustry().path());
        assertThat(joined.get("via").asText()).isEqualTo("APPLICATION");
        assertThat(joined.get("joinedAt").asText()).isNotBlank();
        assertThat(events).allSatisfy(e -> assertThat(e.value()).doesNotContain("idNumber\"").doesNotContain("mobile"));
    }

    @Test
    void rejectionNeedsAReasonAndLeavesTheWorkerFreeToApplyElsewhere() {
        var tree = MemberApi.tree();
        String subject = "rejected-" + System.nanoTime();
        long[] ids = selfRegisterAndApply(subject, tree.enterpriseA().id());
        // A second application while one is pending is a conflict.
        post("/members/" + ids[0] + "/applications", Map.of("orgId", tree.jointArea().id())).statusCode(409)
                .body("type", equalTo("urn:gucun:problem:application-pending"))
                .body("applicationId", equalTo((int) ids[1]));

        Actors.officer("officer.a", tree.enterpriseA().path());
        post("/applications/" + ids[1] + "/reject", Map.of()).statusCode(400).body("errors.field", hasItem("reason"));
        post("/applications/" + ids[1] + "/reject", null).statusCode(400).body("errors.field", hasItem("reason"));
        post("/applications/" + ids[1] + "/reject", Map.of("reason", "非本企业职工")).statusCode(200)
                .body("status", equalTo("REJECTED")).body("decisionReason", equalTo("非本企业职工"));

        Actors.member(subject);
        get("/members/" + ids[0]).statusCode(200).body("status", equalTo("REGISTERED")).body("orgId", nullValue());
        long second = ((Number) post("/members/" + ids[0] + "/applications", Map.of("orgId", tree.jointArea().id()))
                .statusCode(201).header("Location", org.hamcrest.Matchers.containsString("/applications/"))
                .body("status", equalTo("PENDING")).extract().path("id")).longValue();
        post("/applications/" + second + "/withdraw", null).statusCode(200).body("status", equalTo("WITHDRAWN"));
        post("/applications/" + second + "/withdraw", null).statusCode(409);
        get("/members/" + ids[0] + "/applications").statusCode(200).body("size()", equalTo(2))
                .body("status", hasItem("REJECTED")).body("status", hasItem("WITHDRAWN"));
    }

    @Test
    void applicationsToUnknownWrongKindOrClosedOrgsAreRejectedAndNothingIsWritten() {
        var tree = MemberApi.tree();
        String subject = "picky-" + System.nanoTime();
        Actors.member(subject);
        Map<String, Object> body = worker(TestIds.idNumber(), TestIds.mobile());
        body.put("orgId", tree.district().id());
        register(body).statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("orgId"));
        body.put("orgId", 987654321);
        register(body).statusCode(400).body("errors.field", hasItem("orgId"));
        // Nothing was written: the same person and login register fine afterwards.
        body.remove("orgId");
        long memberId = ((Number) register(body).statusCode(201).extract().path("member.id")).longValue();

        post("/members/" + memberId + "/applications", Map.of("orgId", tree.province().id())).statusCode(400)
                .body("errors.field", hasItem("orgId"));
        post("/members/" + memberId + "/applications", Map.of()).statusCode(400).body("errors.field", hasItem("orgId"));
        MemberApi.closeOrg(tree.enterpriseB().id(), em);
        post("/members/" + memberId + "/applications", Map.of("orgId", tree.enterpriseB().id())).statusCode(422)
                .body("type", equalTo("urn:gucun:problem:org-closed"));
        get("/members/" + memberId + "/applications").statusCode(200).body("size()", equalTo(0));

        // An org that closes while an application waits cannot admit it.
        long pending = ((Number) post("/members/" + memberId + "/applications", Map.of("orgId", tree.enterpriseA().id()))
                .statusCode(201).extract().path("id")).longValue();
        MemberApi.closeOrg(tree.enterpriseA().id(), em);
        Actors.officer("officer.area", tree.jointArea().path());
        post("/applications/" + pending + "/approve", Map.of()).statusCode(422);
        get("/applications/" + pending).statusCode(200).body("status", equalTo("PENDING"));
        get("/members/" + memberId).statusCode(200).body("status", equalTo("REGISTERED"));
    }

    @Test
    void aJoinPolicyInForceAdmitsApplicationsAtOnce() throws Exception {
        var tree = MemberApi.tree();
        Actors.officer("officer.area", tree.jointArea().path());
        LocalDate today = time.today();
        // A policy for tomorrow does not apply yet; one that ended yesterday no longer does.
        post("/join-policies", Map.of("orgId", tree.jointArea().id(), "autoApprove", true,
                "validFrom", today.plusDays(1).toString())).statusCode(201).body("inForceToday", equalTo(false));
        post("/join-policies", Map.of("orgId", tree.jointArea().id(), "autoApprove", true,
                "validFrom", today.minusDays(10).toString(), "validTo", today.toString())).statusCode(201);
        long[] waiting = selfRegisterAndApply("policy-wait-" + System.nanoTime(), tree.jointArea().id());
        get("/applications/" + waiting[1]).statusCode(200).body("status", equalTo("PENDING"));

        Actors.officer("officer.area", tree.jointArea().path());
        int policyId = post("/join-policies", Map.of("orgId", tree.jointArea().id(), "autoApprove", true,
                "validFrom", today.toString())).statusCode(201)
                .body("inForceToday", equalTo(true)).body("createdBy", equalTo("officer.area")).extract().path("id");
        given().queryParam("orgId", tree.jointArea().id()).when().get(BASE + "/join-policies")
                .then().statusCode(200).body("size()", equalTo(3))
                .body("find { it.id == " + policyId + " }.inForceToday", equalTo(true));

        long[] auto = selfRegisterAndApply("policy-auto-" + System.nanoTime(), tree.jointArea().id());
        get("/applications/" + auto[1]).statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("via", equalTo("AUTO_APPROVED"))
                .body("decidedBy", equalTo("join-policy:" + policyId));
        get("/me").statusCode(200).body("member.status", equalTo("ACTIVE"))
                .body("org.id", equalTo((int) tree.jointArea().id()))
                .body("history[0].startReason", equalTo("AUTO_APPROVED"));
        var joined = new ObjectMapper().readTree(MemberApi.memberEvents(auto[0], "MemberJoined").stream()
                .filter(e -> "io.gucun.membership.MemberJoined".equals(e.type())).findFirst().orElseThrow().value());
        assertThat(joined.get("via").asText()).isEqualTo("AUTO_APPROVED");

        // Policies: only for orgs in scope, of a joinable kind, with sane dates.
        Actors.officer("officer.area", tree.jointArea().path());
        post("/join-policies", Map.of("orgId", tree.jointArea().id(), "autoApprove", false,
                "validFrom", today.toString(), "validTo", today.toString())).statusCode(400)
                .body("errors.field", hasItem("validTo"));
        post("/join-policies", Map.of("orgId", tree.jointIndustry().id(), "autoApprove", true,
                "validFrom", today.toString())).statusCode(403);
        post("/join-policies", Map.of("orgId", 987654321, "autoApprove", true, "validFrom", today.toString()))
                .statusCode(400).body("errors.field", hasItem("orgId"));
        post("/join-policies", Map.of("autoApprove", true)).statusCode(400)
                .body("errors.field", hasItem("orgId")).body("errors.field", hasItem("validFrom"));
        given().queryParam("orgId", tree.jointIndustry().id()).when().get(BASE + "/join-policies").then().statusCode(404);
        Actors.admin();
        post("/join-policies", Map.of("orgId", tree.district().id(), "autoApprove", true,
                "validFrom", today.toString())).statusCode(400).body("errors.field", hasItem("orgId"));
    }

    @Test
    void anOfficerRegistersAndAdmitsAWorkerOnTheSpot() throws Exception {
        var tree = MemberApi.tree();
        Actors.officer("officer.stall", tree.town().path());
        Map<String, Object> body = new HashMap<>(worker(TestIds.idNumber(), TestIds.mobile()));
        body.put("orgId", tree.jointArea().id());
        body.put("employerCreditCode", TestIds.creditCode());
        body.put("employerName", "上海某某物流有限公司");
        var r = register(body).statusCode(201)
                .body("member.status", equalTo("ACTIVE"))
                .body("member.orgId", equalTo((int) tree.jointArea().id()))
                .body("member.accountLinked", equalTo(false))
                .body("application", nullValue())
                .extract();
        long memberId = ((Number) r.path("member.id")).longValue();
        get("/members/" + memberId + "/history").statusCode(200).body("[0].startReason", equalTo("ON_SITE"));
        // The org tree counts the new active member at the joint union and at every level above it.
        get("/orgs/" + tree.jointArea().id() + "/subtree").statusCode(200).body("items[0].counts.members", equalTo(1));
        get("/orgs/" + tree.town().id() + "/subtree").statusCode(200).body("items[0].counts.members", equalTo(1));

        var joined = new ObjectMapper().readTree(MemberApi.memberEvents(memberId, "MemberJoined").stream()
                .filter(e -> "io.gucun.membership.MemberJoined".equals(e.type())).findFirst().orElseThrow().value());
        assertThat(joined.get("via").asText()).isEqualTo("ON_SITE");
        assertThat(joined.get("orgPath").asText()).isEqualTo(tree.jointArea().path());

        // An active member cannot apply again: they transfer instead.
        post("/members/" + memberId + "/applications", Map.of("orgId", tree.jointIndustry().id())).statusCode(409)
                .body("type", equalTo("urn:gucun:problem:already-member"));
        // A closed org admits nobody on the spot either.
        MemberApi.closeOrg(tree.enterpriseB().id(), em);
        Map<String, Object> late = new HashMap<>(worker(TestIds.idNumber(), TestIds.mobile()));
        late.put("orgId", tree.enterpriseB().id());
        register(late).statusCode(422).body("type", equalTo("urn:gucun:problem:org-closed"));
    }

    @Test
    void applicationListsAreScopedAndValidated() {
        var tree = MemberApi.tree();
        long[] ids = selfRegisterAndApply("queue-" + System.nanoTime(), tree.enterpriseB().id());
        Actors.officer("officer.a", tree.enterpriseA().path());
        get("/applications").statusCode(200).body("items.id", not(hasItem((int) ids[1])));
        given().queryParam("orgId", tree.enterpriseB().id()).when().get(BASE + "/applications").then().statusCode(404);
        given().queryParam("status", "MAYBE").when().get(BASE + "/applications").then().statusCode(400)
                .body("errors.field", hasItem("status"));
        given().queryParam("size", 1000).when().get(BASE + "/applications").then().statusCode(400)
                .body("errors.field", hasItem("size"));
        Actors.officer("officer.b", tree.enterpriseB().path());
        get("/applications").statusCode(200).body("items.id", hasItem((int) ids[1])).body("total", equalTo(1));
        Actors.admin();
        given().queryParam("orgId", tree.town().id()).queryParam("status", "PENDING").when().get(BASE + "/applications")
                .then().statusCode(200).body("items.id", hasItem((int) ids[1]));
    }
}
