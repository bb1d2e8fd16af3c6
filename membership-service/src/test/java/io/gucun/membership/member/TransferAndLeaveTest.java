package io.gucun.membership.member;

import static io.gucun.membership.member.MemberApi.BASE;
import static io.gucun.membership.member.MemberApi.get;
import static io.gucun.membership.member.MemberApi.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.testsupport.Actors;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
class TransferAndLeaveTest {

    @Inject
    EntityManager em;

    @AfterEach
    void nobody() {
        Actors.nobody();
    }

    @Test
    void aMigrantWorkerTransfersHomeAndBothSidesKeepSeeingTheTransfer() throws Exception {
        var shanghai = MemberApi.tree();
        var home = MemberApi.tree();
        long memberId = MemberApi.admitted(shanghai.enterpriseA(), shanghai.enterpriseA().path());
        String subject = "migrant-" + memberId;
        Actors.officer("officer.a", shanghai.enterpriseA().path());
        given().contentType(ContentType.JSON).body(Map.of("subject", subject))
                .when().put(BASE + "/members/" + memberId + "/account").then().statusCode(200);

        // The member asks; the reason is required and the target must be a different, open, joinable org.
        Actors.member(subject);
        post("/members/" + memberId + "/transfers", Map.of("toOrgId", home.jointArea().id())).statusCode(400)
                .body("errors.field", hasItem("reason"));
        post("/members/" + memberId + "/transfers", Map.of("toOrgId", 987654321, "reason", "返乡")).statusCode(400)
                .body("errors.field", hasItem("toOrgId"));
        post("/members/" + memberId + "/transfers", Map.of("toOrgId", home.district().id(), "reason", "返乡"))
                .statusCode(400).body("errors.field", hasItem("toOrgId"));
        post("/members/" + memberId + "/transfers", Map.of("toOrgId", shanghai.enterpriseA().id(), "reason", "返乡"))
                .statusCode(400).body("errors.field", hasItem("toOrgId"));
        long transferId = ((Number) post("/members/" + memberId + "/transfers",
                Map.of("toOrgId", home.jointArea().id(), "reason", "返乡就业"))
                .statusCode(201).header("Location", org.hamcrest.Matchers.containsString("/transfers/"))
                .body("status", equalTo("PENDING"))
                .body("fromOrgId", equalTo((int) shanghai.enterpriseA().id()))
                .extract().path("id")).longValue();
        post("/members/" + memberId + "/transfers", Map.of("toOrgId", home.jointIndustry().id(), "reason", "再试"))
                .statusCode(409).body("type", equalTo("urn:gucun:problem:transfer-pending"));
        get("/me").statusCode(200).body("pendingTransfers[0].id", equalTo((int) transferId));

        // The sending side cannot accept; the receiving side sees the member it has to decide on.
        Actors.officer("officer.a", shanghai.enterpriseA().path());
        post("/transfers/" + transferId + "/accept", Map.of()).statusCode(403);
        Actors.officer("officer.home", home.jointArea().path());
        get("/members/" + memberId).statusCode(200);
        get("/transfers").statusCode(200).body("items.id", hasItem((int) transferId));
        post("/transfers/" + transferId + "/accept", Map.of("reason", "欢迎回家")).statusCode(200)
                .body("status", equalTo("ACCEPTED")).body("decidedBy", equalTo("officer.home"));
        post("/transfers/" + transferId + "/accept", Map.of()).statusCode(409)
                .body("type", equalTo("urn:gucun:problem:transfer-decided"))
                .body("status", equalTo(409)).body("currentStatus", equalTo("ACCEPTED"));
        get("/members/" + memberId).statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("orgId", equalTo((int) home.jointArea().id()));
        get("/members/" + memberId + "/history").statusCode(200)
                .body("size()", equalTo(2))
                .body("[0].orgId", equalTo((int) shanghai.enterpriseA().id()))
                .body("[0].endReason", equalTo("TRANSFER_OUT"))
                .body("[0].to", notNullValue())
                .body("[1].orgId", equalTo((int) home.jointArea().id()))
                .body("[1].startReason", equalTo("TRANSFER_IN"))
                .body("[1].to", nullValue());

        // Both sides' officers still see the transfer; the sending side no longer sees the member.
        Actors.officer("officer.a", shanghai.enterpriseA().path());
        get("/transfers/" + transferId).statusCode(200).body("status", equalTo("ACCEPTED"));
        get("/transfers").statusCode(200).body("items.id", hasItem((int) transferId));
        get("/members/" + memberId).statusCode(404);
        Actors.officer("officer.b", shanghai.enterpriseB().path());
        get("/transfers/" + transferId).statusCode(404);

        var moved = new ObjectMapper().readTree(MemberApi.memberEvents(memberId, "MemberTransferred").stream()
                .filter(e -> "io.gucun.membership.MemberTransferred".equals(e.type())).findFirst().orElseThrow().value());
        assertThat(moved.get("memberId").asLong()).isEqualTo(memberId);
        assertThat(moved.get("fromOrgId").asLong()).isEqualTo(shanghai.enterpriseA().id());
        assertThat(moved.get("toOrgId").asLong()).isEqualTo(home.jointArea().id());
        assertThat(moved.get("reason").asText()).isEqualTo("TRANSFER");
        assertThat(moved.get("toOrgPath").asText()).isEqualTo(home.jointArea().path());
        assertThat(moved.get("at").asText()).isNotBlank();
        MemberApi.carryingIdNumberIndex(memberId, "MemberTransferred");
    }

    @Test
    void transfersIntoClosedOrgsFailAndRejectionsAndCancellationsLeaveTheMembershipAlone() {
        var tree = MemberApi.tree();
        long memberId = MemberApi.admitted(tree.enterpriseA(), tree.enterpriseA().path());
        MemberApi.closeOrg(tree.enterpriseB().id(), em);
        Actors.officer("officer.a", tree.enterpriseA().path());
        post("/members/" + memberId + "/transfers", Map.of("toOrgId", tree.enterpriseB().id(), "reason", "换工作"))
                .statusCode(422).contentType("application/problem+json").body("type", equalTo("urn:gucun:problem:org-closed"));

        long rejected = ((Number) post("/members/" + memberId + "/transfers",
                Map.of("toOrgId", tree.jointIndustry().id(), "reason", "转为快递员")).statusCode(201).extract().path("id"))
                .longValue();
        Actors.officer("officer.industry", tree.jointIndustry().path());
        post("/transfers/" + rejected + "/reject", Map.of()).statusCode(400).body("errors.field", hasItem("reason"));
        post("/transfers/" + rejected + "/reject", Map.of("reason", "不属于本行业")).statusCode(200)
                .body("status", equalTo("REJECTED"));
        // The receiving side sees the transfer but only the requesting side may take it back (and it is decided anyway).
        post("/transfers/" + rejected + "/cancel", null).statusCode(403);
        Actors.officer("officer.b", tree.enterpriseB().path());
        post("/transfers/" + rejected + "/cancel", null).statusCode(404);
        get("/transfers/" + rejected).statusCode(404);

        Actors.officer("officer.a", tree.enterpriseA().path());
        long cancelled = ((Number) post("/members/" + memberId + "/transfers",
                Map.of("toOrgId", tree.jointIndustry().id(), "reason", "再次申请")).statusCode(201).extract().path("id"))
                .longValue();
        // The receiving side may decide but not cancel.
        Actors.officer("officer.industry", tree.jointIndustry().path());
        post("/transfers/" + cancelled + "/cancel", null).statusCode(403);
        Actors.officer("officer.a", tree.enterpriseA().path());
        post("/transfers/" + cancelled + "/cancel", null).statusCode(200).body("status", equalTo("CANCELLED"));
        post("/transfers/" + cancelled + "/cancel", null).statusCode(409);
        get("/members/" + memberId + "/transfers").statusCode(200).body("size()", equalTo(2));

        // An org that closes while a transfer waits cannot receive it.
        long late = ((Number) post("/members/" + memberId + "/transfers",
                Map.of("toOrgId", tree.jointArea().id(), "reason", "并入园区")).statusCode(201).extract().path("id"))
                .longValue();
        MemberApi.closeOrg(tree.jointArea().id(), em);
        Actors.officer("officer.town", tree.town().path());
        post("/transfers/" + late + "/accept", Map.of()).statusCode(422);
        get("/transfers/" + late).statusCode(200).body("status", equalTo("PENDING"));
        get("/members/" + memberId).statusCode(200).body("orgId", equalTo((int) tree.enterpriseA().id()))
                .body("status", equalTo("ACTIVE"));
        given().queryParam("status", "NOPE").when().get(BASE + "/transfers").then().statusCode(400)
                .body("errors.field", hasItem("status"));
    }

    @Test
    void leavingEndsTheMembershipCancelsAPendingTransferAndEmitsMemberLeft() throws Exception {
        var tree = MemberApi.tree();
        long memberId = MemberApi.admitted(tree.jointIndustry(), tree.jointIndustry().path());
        Actors.officer("officer.industry", tree.jointIndustry().path());
        long pending = ((Number) post("/members/" + memberId + "/transfers",
                Map.of("toOrgId", tree.jointArea().id(), "reason", "换区域")).statusCode(201).extract().path("id")).longValue();

        Actors.officer("officer.b", tree.enterpriseB().path());
        post("/members/" + memberId + "/leave", Map.of("reason", "VOLUNTARY")).statusCode(404);
        Actors.officer("officer.industry", tree.jointIndustry().path());
        post("/members/" + memberId + "/leave", Map.of()).statusCode(400).body("errors.field", hasItem("reason"));
        post("/members/" + memberId + "/leave", Map.of("reason", "BORED")).statusCode(400)
                .body("errors.field", hasItem("reason"));
        post("/members/" + memberId + "/leave", Map.of("reason", "VOLUNTARY", "note", "本人申请退会")).statusCode(200)
                .body("status", equalTo("LEFT"))
                .body("orgId", equalTo((int) tree.jointIndustry().id()));
        post("/members/" + memberId + "/leave", Map.of("reason", "VOLUNTARY")).statusCode(409)
                .body("type", equalTo("urn:gucun:problem:not-a-member"))
                .body("status", equalTo(409)).body("currentStatus", equalTo("LEFT"));
        get("/transfers/" + pending).statusCode(200).body("status", equalTo("CANCELLED"));
        get("/members/" + memberId + "/history").statusCode(200)
                .body("[0].endReason", equalTo("LEFT"))
                .body("[0].endNote", startsWith("VOLUNTARY"));
        given().queryParam("status", "LEFT").when().get(BASE + "/members").then().statusCode(200)
                .body("items.id", hasItem((int) memberId));
        given().queryParam("status", "ACTIVE").when().get(BASE + "/members").then().statusCode(200)
                .body("items.id", not(hasItem((int) memberId)));

        var left = new ObjectMapper().readTree(MemberApi.memberEvents(memberId, "MemberLeft").stream()
                .filter(e -> "io.gucun.membership.MemberLeft".equals(e.type())).findFirst().orElseThrow().value());
        assertThat(left.get("memberId").asLong()).isEqualTo(memberId);
        assertThat(left.get("orgId").asLong()).isEqualTo(tree.jointIndustry().id());
        assertThat(left.get("reason").asText()).isEqualTo("VOLUNTARY");
        assertThat(left.toString()).doesNotContain("本人申请退会");
        // Registration, admission and leaving each carry the member's ID-number index (for outreach's match)
        for (String type : List.of("MemberRegistered", "MemberJoined", "MemberLeft")) {
            MemberApi.carryingIdNumberIndex(memberId, type);
        }

        // A former member may apply again and be admitted anew.
        post("/members/" + memberId + "/applications", Map.of("orgId", tree.jointIndustry().id())).statusCode(201);
    }
}
