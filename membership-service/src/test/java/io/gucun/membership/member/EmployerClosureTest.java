package io.gucun.membership.member;

import static io.gucun.membership.member.MemberApi.get;
import static io.gucun.membership.member.MemberApi.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.membership.TestData;
import io.gucun.testsupport.Actors;
import io.gucun.testsupport.KafkaEvents;
import io.gucun.testsupport.TestIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When an employer closes, its union closes with it and the union above holds its members' memberships. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
class EmployerClosureTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @AfterEach
    void nobody() {
        Actors.nobody();
    }

    @Test
    void theUpperUnionHoldsTheMembershipsOfAClosedEnterprise() throws Exception {
        var tree = MemberApi.tree();
        Actors.admin();
        var enterprise = TestData.enterprise(tree.jointArea().id(), "顾村精密机械有限公司", 80, "2015-03-01");
        long enterpriseId = enterprise.getLong("id");
        var union = post("/enterprises/" + enterpriseId + "/union", Map.of()).statusCode(201).extract().jsonPath();
        var unionOrg = new MemberApi.Org(union.getLong("unionOrg.id"), union.getString("unionOrg.path"));
        long first = MemberApi.admitted(unionOrg, unionOrg.path());
        long second = MemberApi.admitted(unionOrg, unionOrg.path());
        long bystander = MemberApi.admitted(tree.enterpriseB(), tree.enterpriseB().path());
        // A registered worker applies to the enterprise union and waits for a decision when the employer closes.
        Actors.member("applicant-" + enterpriseId);
        var application = MemberApi.worker(TestIds.idNumber(), TestIds.mobile());
        application.put("orgId", unionOrg.id());
        long applicationId = ((Number) MemberApi.register(application).statusCode(201)
                .body("application.status", equalTo("PENDING")).extract().path("application.id")).longValue();

        // An officer of a sibling org cannot see it; bad dates name the field; nothing changes.
        Actors.officer("officer.b", tree.enterpriseB().path());
        post("/enterprises/" + enterpriseId + "/closure", Map.of("closedOn", TODAY.toString())).statusCode(404);
        Actors.officer("officer.area", tree.jointArea().path());
        post("/enterprises/" + enterpriseId + "/closure", Map.of("closedOn", TODAY.plusDays(1).toString()))
                .statusCode(400).body("errors.field", hasItem("closedOn"));
        post("/enterprises/" + enterpriseId + "/closure", Map.of("closedOn", "2014-12-31"))
                .statusCode(400).body("errors.field", hasItem("closedOn"));
        post("/enterprises/" + enterpriseId + "/closure", Map.of()).statusCode(400).body("errors.field", hasItem("closedOn"));
        get("/members/" + first).statusCode(200).body("orgId", equalTo((int) unionOrg.id()));

        post("/enterprises/" + enterpriseId + "/closure", Map.of("closedOn", TODAY.toString(), "note", "企业注销"))
                .statusCode(200)
                .body("enterprise.closedOn", equalTo(TODAY.toString()))
                .body("enterprise.hasUnion", equalTo(false))
                .body("closedUnionOrgId", equalTo((int) unionOrg.id()))
                .body("heldByOrgId", equalTo((int) tree.jointArea().id()))
                .body("membersHeld", equalTo(2))
                .body("applicationsRejected", equalTo(1));

        // Memberships continue at the upper union, with the history saying why; the card stays valid.
        for (long id : new long[] {first, second}) {
            get("/members/" + id).statusCode(200)
                    .body("status", equalTo("ACTIVE")).body("orgId", equalTo((int) tree.jointArea().id()));
            get("/members/" + id + "/history").statusCode(200)
                    .body("size()", equalTo(2))
                    .body("[0].orgId", equalTo((int) unionOrg.id()))
                    .body("[0].endReason", equalTo("EMPLOYER_CLOSED"))
                    .body("[1].orgId", equalTo((int) tree.jointArea().id()))
                    .body("[1].startReason", equalTo("HELD_BY_UPPER_UNION"));
        }
        get("/members/" + bystander).statusCode(200).body("orgId", equalTo((int) tree.enterpriseB().id()));
        Actors.officer("officer.area", tree.jointArea().path());
        get("/applications/" + applicationId).statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("decisionReason", org.hamcrest.Matchers.containsString("closed"));
        get("/orgs/" + unionOrg.id()).statusCode(200).body("status", equalTo("CLOSED"));

        // A closed enterprise cannot close again, found a union, or count as a founding target.
        post("/enterprises/" + enterpriseId + "/closure", Map.of("closedOn", TODAY.toString()))
                .statusCode(409).body("type", equalTo("urn:gucun:problem:enterprise-closed"));
        post("/enterprises/" + enterpriseId + "/union", Map.of())
                .statusCode(409).body("type", equalTo("urn:gucun:problem:enterprise-closed"));
        get("/enterprises?under=" + tree.jointArea().id() + "&hasUnion=false").statusCode(200)
                .body("items.id", not(hasItem((int) enterpriseId)));

        var moved = new ObjectMapper().readTree(MemberApi.memberEvents(first, "MemberTransferred").stream()
                .filter(e -> "io.gucun.membership.MemberTransferred".equals(e.type())).findFirst().orElseThrow().value());
        assertThat(moved.get("fromOrgId").asLong()).isEqualTo(unionOrg.id());
        assertThat(moved.get("toOrgId").asLong()).isEqualTo(tree.jointArea().id());
        assertThat(moved.get("reason").asText()).isEqualTo("EMPLOYER_CLOSED");
        MemberApi.carryingIdNumberIndex(first, "MemberTransferred");
        String key = String.valueOf(enterpriseId);
        var closed = KafkaEvents.read(
                        "membership.enterprise.v1", Duration.ofSeconds(30),
                        got -> got.stream().anyMatch(e -> key.equals(e.key()) && e.type().endsWith("EnterpriseClosed")))
                .stream().filter(e -> key.equals(e.key()) && e.type().endsWith("EnterpriseClosed")).findFirst().orElseThrow();
        var data = new ObjectMapper().readTree(closed.value());
        assertThat(data.get("membersHeld").asInt()).isEqualTo(2);
        assertThat(data.get("heldByOrgId").asLong()).isEqualTo(tree.jointArea().id());
        assertThat(data.get("closedOn").asText()).isEqualTo(TODAY.toString());
    }

    @Test
    void anEnterpriseWithoutAUnionClosesWithoutMovingAnyone() {
        var tree = MemberApi.tree();
        Actors.admin();
        long enterpriseId = TestData.enterprise(tree.town().id(), "顾村小商店", 4, null).getLong("id");
        Actors.officer("officer.town", tree.town().path());
        post("/enterprises/" + enterpriseId + "/closure", Map.of("closedOn", TODAY.minusDays(3).toString()))
                .statusCode(200)
                .body("closedUnionOrgId", equalTo(null))
                .body("heldByOrgId", equalTo(null))
                .body("membersHeld", equalTo(0));
        get("/enterprises/" + enterpriseId).statusCode(200).body("closedOn", equalTo(TODAY.minusDays(3).toString()));
    }
}
