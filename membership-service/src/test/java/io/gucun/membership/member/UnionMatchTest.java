package io.gucun.membership.member;

import static io.gucun.membership.member.MemberApi.get;
import static io.gucun.membership.member.MemberApi.post;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.membership.TestData;
import io.gucun.testsupport.Actors;
import io.gucun.testsupport.TestIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The enterprise union when the employer has one, the joint union ("reservoir") when it has none. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
class UnionMatchTest {

    @AfterEach
    void nobody() {
        Actors.nobody();
    }

    @Test
    void workersAreMatchedToTheirEmployersUnionOrTheJointUnionAndHeldToIt() {
        var tree = MemberApi.tree();
        Actors.admin();
        String underTown = TestData.enterprise(tree.town().id(), "顾村小五金厂", 30, "2018-01-01").getString("creditCode");
        String inPark = TestData.enterprise(tree.jointArea().id(), "园区物流公司", 60, "2017-01-01").getString("creditCode");
        var withUnion = TestData.enterprise(tree.jointArea().id(), "园区机械公司", 300, "2010-01-01");
        long unionOrgId = post("/enterprises/" + withUnion.getLong("id") + "/union", Map.of()).statusCode(201)
                .extract().jsonPath().getLong("unionOrg.id");

        Actors.member("matcher-" + unionOrgId);
        get("/union-match?creditCode=" + underTown).statusCode(200)
                .body("reason", equalTo("JOINT_UNION"))
                .body("recommended.orgId", equalTo((int) tree.jointArea().id()))
                .body("alternatives.orgId", contains((int) tree.jointIndustry().id()));
        get("/union-match?creditCode=" + inPark).statusCode(200)
                .body("reason", equalTo("JOINT_UNION")).body("recommended.orgId", equalTo((int) tree.jointArea().id()));
        get("/union-match?creditCode=" + withUnion.getString("creditCode")).statusCode(200)
                .body("reason", equalTo("ENTERPRISE_UNION")).body("recommended.orgId", equalTo((int) unionOrgId))
                .body("enterpriseName", equalTo("园区机械公司"));
        get("/union-match?creditCode=" + TestData.creditCode()).statusCode(200).body("reason", equalTo("EMPLOYER_UNKNOWN"));
        get("/union-match").statusCode(200).body("reason", equalTo("NO_EMPLOYER"));
        get("/union-match?creditCode=91310113MA1GL3XKX2").statusCode(400).body("errors.field", hasItem("creditCode"));

        // A worker of the firm without a union applies without naming one: the joint union it is.
        long parkWorker = selfRegistered("park-worker-" + unionOrgId, underTown);
        post("/members/" + parkWorker + "/applications", Map.of()).statusCode(201)
                .body("orgId", equalTo((int) tree.jointArea().id()));

        // A worker of the firm with a union belongs to that union, not the reservoir.
        long ownWorker = selfRegistered("own-worker-" + unionOrgId, withUnion.getString("creditCode"));
        post("/members/" + ownWorker + "/applications", Map.of("orgId", tree.jointArea().id())).statusCode(422)
                .body("type", equalTo("urn:gucun:problem:employer-has-union"))
                .body("unionOrgId", equalTo((int) unionOrgId));
        post("/members/" + ownWorker + "/applications", Map.of()).statusCode(201).body("orgId", equalTo((int) unionOrgId));

        // The same holds for an officer admitting on the spot; nothing is registered when it is refused.
        Actors.officer("officer.area", tree.jointArea().path());
        var body = MemberApi.worker(TestIds.idNumber(), TestIds.mobile());
        body.put("employerCreditCode", withUnion.getString("creditCode"));
        body.put("orgId", tree.jointArea().id());
        MemberApi.register(body).statusCode(422).body("type", equalTo("urn:gucun:problem:employer-has-union"));
        body.put("orgId", unionOrgId);
        MemberApi.register(body).statusCode(201).body("member.orgId", equalTo((int) unionOrgId));
    }

    private static long selfRegistered(String subject, String employerCreditCode) {
        Actors.member(subject);
        var body = MemberApi.worker(TestIds.idNumber(), TestIds.mobile());
        body.put("employerCreditCode", employerCreditCode);
        body.put("employmentForm", "STANDARD");
        return ((Number) MemberApi.register(body).statusCode(201).extract().path("member.id")).longValue();
    }
}
