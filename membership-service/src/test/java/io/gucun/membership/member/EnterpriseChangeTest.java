package io.gucun.membership.member;

import static io.gucun.membership.member.MemberApi.BASE;
import static io.gucun.membership.member.MemberApi.get;
import static io.gucun.membership.member.MemberApi.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.membership.TestData;
import io.gucun.testsupport.Actors;
import io.gucun.testsupport.KafkaEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An enterprise's details change over time; moving it to another org moves its union and members' paths with it. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
class EnterpriseChangeTest {

    @AfterEach
    void nobody() {
        Actors.nobody();
    }

    @Test
    void anOfficerUpdatesAndMovesAnEnterpriseWithItsUnion() throws Exception {
        var tree = MemberApi.tree();
        Actors.admin();
        var created = TestData.enterprise(tree.jointArea().id(), "顾村精密机械有限公司", 80, "2015-03-01");
        long id = created.getLong("id");
        long unionOrgId = post("/enterprises/" + id + "/union", Map.of()).statusCode(201).extract().jsonPath().getLong("unionOrg.id");
        long member = MemberApi.admitted(new MemberApi.Org(unionOrgId, null), tree.jointArea().path());
        int version = get("/enterprises/" + id).statusCode(200).extract().path("version");

        Actors.officer("officer.town", tree.town().path());
        Map<String, Object> change = new HashMap<>(Map.of("name", "顾村精密机械股份有限公司", "employeeCount", 120,
                "gridCode", "BS-GC-018", "establishedOn", "2015-03-01", "orgId", tree.jointArea().id()));
        put(id, change, null).statusCode(428);
        put(id, change, "\"" + (version + 7) + "\"").statusCode(412);
        change.put("version", version);
        put(id, change, null).statusCode(200)
                .body("name", equalTo("顾村精密机械股份有限公司")).body("employeeCount", equalTo(120))
                .body("gridCode", equalTo("BS-GC-018"));
        change.put("version", version); // now stale
        put(id, change, null).statusCode(409);

        // Bad moves name the field and change nothing.
        int current = get("/enterprises/" + id).statusCode(200).extract().path("version");
        change.put("version", current);
        change.put("orgId", tree.enterpriseB().id());
        put(id, change, null).statusCode(400).body("errors.field", hasItem("orgId"));
        change.put("orgId", 987654321L);
        put(id, change, null).statusCode(400).body("errors.field", hasItem("orgId"));
        change.put("orgId", tree.jointIndustry().id());
        change.put("employeeCount", -1);
        put(id, change, null).statusCode(400).body("errors.field", hasItem("employeeCount"));
        change.put("employeeCount", 120);

        put(id, change, null).statusCode(200)
                .body("orgId", equalTo((int) tree.jointIndustry().id()))
                .body("orgPath", equalTo(tree.jointIndustry().path()))
                .body("hasUnion", equalTo(true));
        get("/orgs/" + unionOrgId).statusCode(200).body("parentId", equalTo((int) tree.jointIndustry().id()))
                .body("path", startsWith(tree.jointIndustry().path() + "."));
        get("/members/" + member).statusCode(200).body("orgPath", startsWith(tree.jointIndustry().path() + "."));

        // Outside the officer's scope it does not exist.
        Actors.officer("officer.b", tree.enterpriseB().path());
        put(id, change, null).statusCode(404);

        String key = String.valueOf(id);
        var updates = KafkaEvents.read("membership.enterprise.v1",
                        Duration.ofSeconds(30), got -> got.stream().filter(e -> key.equals(e.key())
                                && e.type().endsWith("EnterpriseUpdated")).count() >= 2)
                .stream().filter(e -> key.equals(e.key()) && e.type().endsWith("EnterpriseUpdated")).toList();
        var last = new ObjectMapper().readTree(updates.getLast().value());
        assertThat(last.get("moved").asBoolean()).isTrue();
        assertThat(last.get("orgId").asLong()).isEqualTo(tree.jointIndustry().id());
        assertThat(new ObjectMapper().readTree(updates.getFirst().value()).get("moved").asBoolean()).isFalse();
    }

    private static ValidatableResponse put(long id, Map<String, Object> body, String ifMatch) {
        var spec = given().contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            spec = spec.header("If-Match", ifMatch);
        }
        return spec.when().put(BASE + "/enterprises/" + id).then();
    }
}
