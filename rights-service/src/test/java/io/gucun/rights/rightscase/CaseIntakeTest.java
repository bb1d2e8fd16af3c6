package io.gucun.rights.rightscase;

import static io.gucun.rights.Api.get;
import static io.gucun.rights.Api.newCase;
import static io.gucun.rights.Api.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.rights.ActingAs;
import io.gucun.rights.Api;
import io.gucun.rights.MembershipFeed;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Intake: who may report, what a report must contain, the default coordinator, idempotent retries. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "rights"))
@TestSecurity(user = "someone", roles = "member", augmentors = ActingAs.class)
class CaseIntakeTest {

    @AfterEach
    void reset() {
        ActingAs.reset();
    }

    @Test
    void aWorkersReportGoesToTheTownFederationAboveTheirUnion() {
        var t = MembershipFeed.tree();
        ActingAs.worker("worker-a");
        Map<String, Object> body = new HashMap<>(newCase(t.enterpriseUnionId(), t.creditCode().toLowerCase(), 12));
        body.put("parties", List.of(Map.of("role", "WORKER", "name", "一线员工 12 人"), Map.of("role", "EMPLOYER", "name", "上海顾村精密机械有限公司")));
        body.put("attachments", List.of(Map.of("name", "工资条.pdf", "mediaType", "application/pdf", "sizeBytes", 18320,
                "sha256", "a".repeat(64))));
        given().contentType(ContentType.JSON).body(body).when().post(Api.BASE + "/cases").then().log().ifValidationFails()
                .statusCode(201).header("Location", org.hamcrest.Matchers.containsString("/api/rights/cases/"))
                .body("state", equalTo("REPORTED"))
                .body("reporterKind", equalTo("WORKER"))
                .body("reporterAnonymous", equalTo(true))
                .body("mine", equalTo(true))
                .body("groupCase", equalTo(true))
                .body("reportingOrg.id", equalTo((int) t.enterpriseUnionId()))
                .body("coordinatorOrg.id", equalTo((int) t.townId()))
                .body("coordinatorOrg.name", equalTo("顾村镇总工会"))
                .body("enterpriseCreditCode", equalTo(t.creditCode()))
                .body("enterpriseName", equalTo("上海顾村精密机械有限公司"))
                .body("currentStep", equalTo("TAKEOVER"))
                .body("takeoverDueOn", notNullValue())
                .body("allowedNextStates", contains("ACCEPTED", "CLOSED", "WITHDRAWN"))
                .body("parties.role", contains("WORKER", "EMPLOYER"))
                .body("attachments[0].sizeBytes", equalTo(18320))
                .body("amountRecovered", equalTo("0.00"));
    }

    @Test
    void fewerThanFiveWorkersIsNotAGroupCaseAndATownOfficersOwnReportStaysAtTheTown() {
        var t = MembershipFeed.tree();
        ActingAs.worker("worker-b");
        post("/cases", newCase(t.parkId(), t.creditCode(), 4)).statusCode(201).body("groupCase", equalTo(false))
                .body("coordinatorOrg.id", equalTo((int) t.townId()));
        ActingAs.officer("officer-town", t.town());
        post("/cases", newCase(t.townId(), t.creditCode(), 5)).statusCode(201).body("groupCase", equalTo(true))
                .body("reporterKind", equalTo("OFFICER")).body("coordinatorOrg.id", equalTo((int) t.townId()));
        ActingAs.officer("officer-enterprise-union", t.enterpriseUnion());
        post("/cases", newCase(t.enterpriseUnionId(), t.creditCode(), 1)).statusCode(201)
                .body("reporterKind", equalTo("ENTERPRISE_UNION")).body("coordinatorOrg.id", equalTo((int) t.townId()));
    }

    @Test
    void withoutATownAboveTheNearestUpperOrgCoordinates() {
        String city = MembershipFeed.org("1", "CITY", "某市总工会");
        String industry = MembershipFeed.org(city, "JOINT_INDUSTRY", "快递行业工会联合会");
        String code = MembershipFeed.creditCode(MembershipFeed.nextId());
        MembershipFeed.enterprise(code, "某快递公司", industry);
        ActingAs.worker("worker-c");
        post("/cases", newCase(MembershipFeed.idOf(industry), code, 2)).statusCode(201)
                .body("coordinatorOrg.id", equalTo((int) MembershipFeed.idOf(city)));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheFirstCase() {
        var t = MembershipFeed.tree();
        ActingAs.worker("worker-d");
        Map<String, Object> body = newCase(t.parkId(), t.creditCode(), 3);
        int first = given().contentType(ContentType.JSON).header("Idempotency-Key", "report-1").body(body)
                .when().post(Api.BASE + "/cases").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header("Idempotency-Key", "report-1").body(body)
                .when().post(Api.BASE + "/cases").then().statusCode(200).body("id", equalTo(first));
        // The same key with another report is refused, not answered with the first case.
        given().contentType(ContentType.JSON).header("Idempotency-Key", "report-1").body(newCase(t.parkId(), t.creditCode(), 4))
                .when().post(Api.BASE + "/cases").then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:gucun:problem:idempotency-key-reused")).body("errors[0].field", equalTo("Idempotency-Key"));
        // Another reporter's identical key is theirs alone.
        ActingAs.worker("worker-e");
        int other = given().contentType(ContentType.JSON).header("Idempotency-Key", "report-1").body(body)
                .when().post(Api.BASE + "/cases").then().statusCode(201).extract().path("id");
        org.assertj.core.api.Assertions.assertThat(other).isNotEqualTo(first);
        ActingAs.worker("worker-d");
        get("/cases").statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(first));
    }

    @Test
    void concurrentRetriesWithOneKeyCreateOneCase() throws Exception {
        var t = MembershipFeed.tree();
        ActingAs.worker("worker-race");
        Map<String, Object> body = newCase(t.parkId(), t.creditCode(), 3);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit(() -> given().contentType(ContentType.JSON).header("Idempotency-Key", "race-1").body(body)
                        .when().post(Api.BASE + "/cases").then().extract().statusCode()));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var call : calls) {
                statuses.add(call.get());
            }
            org.assertj.core.api.Assertions.assertThat(statuses).containsOnly(200, 201);
            org.assertj.core.api.Assertions.assertThat(statuses.stream().filter(st -> st == 201)).hasSize(1);
        } finally {
            pool.shutdown();
        }
        get("/cases").statusCode(200).body("total", equalTo(1));
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        var t = MembershipFeed.tree();
        ActingAs.worker("worker-f");
        post("/cases", Map.of("summary", "x")).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("category")).body("errors.field", hasItem("reportingOrgId"))
                .body("errors.field", hasItem("enterpriseCreditCode")).body("errors.field", hasItem("workersAffected"));
        Map<String, Object> badCode = new HashMap<>(newCase(t.parkId(), "91310113MA1GL3XKX2", 3));
        post("/cases", badCode).statusCode(400).body("errors[0].field", equalTo("enterpriseCreditCode"));
        post("/cases", newCase(t.parkId(), MembershipFeed.creditCode(MembershipFeed.nextId()), 3)).statusCode(400)
                .body("errors[0].field", equalTo("enterpriseCreditCode"))
                .body("errors[0].message", equalTo("does not name an enterprise registered with the union"));
        post("/cases", newCase(987_654_321L, t.creditCode(), 3)).statusCode(400).body("errors[0].field", equalTo("reportingOrgId"));
        post("/cases", newCase(t.parkId(), t.creditCode(), 0)).statusCode(400).body("errors[0].field", equalTo("workersAffected"));
        Map<String, Object> badCategory = new HashMap<>(newCase(t.parkId(), t.creditCode(), 3));
        badCategory.put("category", "PARKING");
        post("/cases", badCategory).statusCode(400).body("errors[0].field", equalTo("category"));
        Map<String, Object> badAttachment = new HashMap<>(newCase(t.parkId(), t.creditCode(), 3));
        badAttachment.put("attachments", List.of(Map.of("name", "a.pdf", "mediaType", "application/pdf", "sizeBytes", 10, "sha256", "xyz")));
        // common's ProblemMappers renders this path as "attachments.sha256[0]" (index on the leaf): check the leaf only.
        post("/cases", badAttachment).statusCode(400).body("errors[0].field", org.hamcrest.Matchers.containsString("sha256"));
        get("/cases").statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aClosedOrgTakesNoCases() {
        var t = MembershipFeed.tree();
        MembershipFeed.send("membership.org.v1", String.valueOf(t.enterpriseUnionId()), java.util.UUID.randomUUID().toString(),
                "io.gucun.membership.OrgClosed", "{\"orgId\":" + t.enterpriseUnionId() + "}");
        MembershipFeed.await(() -> io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                io.gucun.common.replica.KnownOrg.<io.gucun.common.replica.KnownOrg>findById(t.enterpriseUnionId()).isClosed()));
        ActingAs.worker("worker-g");
        post("/cases", newCase(t.enterpriseUnionId(), t.creditCode(), 3)).statusCode(422).body("type", equalTo("urn:gucun:problem:org-closed"));
    }

    @Test
    void whoMayReport() {
        var t = MembershipFeed.tree();
        ActingAs.officer("officer-elsewhere", "1.999999");
        post("/cases", newCase(t.parkId(), t.creditCode(), 3)).statusCode(403).contentType("application/problem+json");
        ActingAs.lawyer("lawyer-x");
        post("/cases", newCase(t.parkId(), t.creditCode(), 3)).statusCode(403);
        ActingAs.partner("partner-tax");
        post("/cases", newCase(t.parkId(), t.creditCode(), 3)).statusCode(403);
    }

    @Test
    void whoSeesACase() {
        var t = MembershipFeed.tree();
        ActingAs.worker("worker-h");
        long id = Api.report(t.parkId(), t.creditCode(), 6);
        get("/cases/" + id).statusCode(200).body("reporterId", equalTo("worker-h"));
        ActingAs.worker("worker-i");
        get("/cases/" + id).statusCode(404).contentType("application/problem+json");
        get("/cases").statusCode(200).body("total", equalTo(0));
        ActingAs.officer("officer-town", t.town());
        get("/cases/" + id).statusCode(200).body("reporterId", equalTo("worker-h"));
        get("/cases?orgId=" + t.townId()).statusCode(200).body("items.id", hasItem((int) id));
        ActingAs.officer("officer-park", t.park());
        get("/cases/" + id).statusCode(200);
        ActingAs.officer("officer-other", "1.999999");
        get("/cases/" + id).statusCode(404);
        ActingAs.lawyer("lawyer-y");
        get("/cases/" + id).statusCode(404);
        get("/cases").statusCode(200).body("total", equalTo(0));
        ActingAs.partner("partner-social-insurance");
        get("/cases/" + id).statusCode(403);
        ActingAs.admin();
        get("/cases/" + id).statusCode(200).body("reporterId", equalTo("worker-h")).body("mine", equalTo(false));
        get("/cases?state=REPORTED&category=WAGE_ARREARS&orgId=" + t.districtId()).statusCode(200).body("items.id", hasItem((int) id));
        get("/cases?state=NOPE").statusCode(400).body("errors[0].field", equalTo("state"));
        get("/cases?from=yesterday").statusCode(400).body("errors[0].field", equalTo("from"));
        get("/cases?size=500").statusCode(400).body("errors[0].field", equalTo("size"));
    }
}
