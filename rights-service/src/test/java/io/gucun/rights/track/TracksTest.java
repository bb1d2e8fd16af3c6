package io.gucun.rights.track;

import static io.gucun.rights.Api.get;
import static io.gucun.rights.Api.post;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.rights.ActingAs;
import io.gucun.rights.Api;
import io.gucun.rights.MembershipFeed;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** 四位一体 through the API: a lawyer sees only assigned cases; bargaining, congress items, referrals and amounts. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "rights"))
@TestSecurity(user = "someone", roles = "member", augmentors = ActingAs.class)
class TracksTest {

    @AfterEach
    void reset() {
        ActingAs.reset();
    }

    @Test
    void aVolunteerLawyerSeesOnlyTheCasesAssignedToThem() {
        var t = MembershipFeed.tree();
        ActingAs.worker("worker-t1");
        long assigned = Api.report(t.parkId(), t.creditCode(), 3);
        long other = Api.report(t.parkId(), t.creditCode(), 3);
        ActingAs.officer("officer-town", t.town());
        post("/cases/" + assigned + "/lawyer", Map.of("lawyerUsername", "lawyer-wang", "lawyerName", "王律师")).statusCode(409)
                .body("type", equalTo("urn:gucun:problem:case-not-in-progress"));
        post("/cases/" + assigned + "/take-over").statusCode(200);
        post("/cases/" + assigned + "/lawyer", Map.of("lawyerName", "王律师")).statusCode(400).body("errors[0].field", equalTo("lawyerUsername"));
        post("/cases/" + assigned + "/lawyer", Map.of("lawyerUsername", "lawyer-wang", "lawyerName", "王律师")).statusCode(200)
                .body("state", equalTo("IN_PROGRESS")).body("lawyerUsername", equalTo("lawyer-wang")).body("lawyerName", equalTo("王律师"));
        ActingAs.lawyer("lawyer-wang");
        get("/cases/" + assigned).statusCode(200).body("reporterId", org.hamcrest.Matchers.nullValue());
        get("/cases/" + assigned + "/tracks").statusCode(200).body("tracks", contains("LEGAL_AID"));
        get("/cases/" + other).statusCode(404);
        get("/cases").statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo((int) assigned));
        post("/cases/" + assigned + "/referrals", Map.of("kind", "MEDIATION", "body", "x")).statusCode(403);
        post("/cases/" + assigned + "/take-over").statusCode(403);
        ActingAs.lawyer("lawyer-zhao");
        get("/cases/" + assigned).statusCode(404);
        // Reassigned: the new lawyer sees it, the old one no longer does; both assignments stay on record.
        ActingAs.officer("officer-town", t.town());
        post("/cases/" + assigned + "/lawyer", Map.of("lawyerUsername", "lawyer-zhao", "lawyerName", "赵律师")).statusCode(200);
        get("/cases/" + assigned + "/tracks").statusCode(200).body("lawyers.lawyerUsername", contains("lawyer-wang", "lawyer-zhao"));
        ActingAs.lawyer("lawyer-zhao");
        get("/cases/" + assigned).statusCode(200);
        ActingAs.lawyer("lawyer-wang");
        get("/cases/" + assigned).statusCode(404);
    }

    @Test
    void bargainingCongressAndReferralsWithAmountsRecovered() {
        var t = MembershipFeed.tree();
        ActingAs.worker("worker-t2");
        long id = Api.report(t.parkId(), t.creditCode(), 20);
        ActingAs.officer("officer-town", t.town());
        post("/cases/" + id + "/referrals", Map.of("kind", "LABOUR_ARBITRATION", "body", "x")).statusCode(409);
        post("/cases/" + id + "/take-over").statusCode(200);
        post("/cases/" + id + "/bargaining-rounds", Map.of("summary", "第一轮：企业不同意补发", "outcome", "NOT_AGREED")).statusCode(201)
                .body("roundNo", equalTo(1));
        post("/cases/" + id + "/collective-contract", Map.of("filedWith", "区人社局", "reference", "R-1")).statusCode(422)
                .body("type", equalTo("urn:gucun:problem:no-agreement"));
        post("/cases/" + id + "/bargaining-rounds", Map.of("summary", "第二轮：达成工资专项集体合同", "outcome", "AGREED")).statusCode(201)
                .body("roundNo", equalTo(2));
        post("/cases/" + id + "/bargaining-rounds", Map.of("summary", "x", "outcome", "MAYBE")).statusCode(400)
                .body("errors[0].field", equalTo("outcome"));
        post("/cases/" + id + "/collective-contract", Map.of("filedWith", "宝山区人力资源和社会保障局", "reference", "BS-JT-2026-0117"))
                .statusCode(201).body("reference", equalTo("BS-JT-2026-0117"));
        post("/cases/" + id + "/collective-contract", Map.of("filedWith", "x", "reference", "y")).statusCode(409)
                .body("type", equalTo("urn:gucun:problem:contract-already-filed"));
        post("/cases/" + id + "/congress-items", Map.of("title", "工资支付办法（草案）", "resolution", "通过", "adopted", true)).statusCode(201);
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        post("/cases/" + id + "/congress-items", Map.of("title", "x", "congressOn", tomorrow)).statusCode(400)
                .body("errors[0].field", equalTo("congressOn"));
        long referral = post("/cases/" + id + "/referrals", Map.of("kind", "LABOUR_ARBITRATION", "body", "宝山区劳动人事争议仲裁委员会"))
                .statusCode(201).extract().jsonPath().getLong("id");
        post("/cases/" + id + "/referrals", Map.of("kind", "TRIPARTITE_COORDINATION", "body", "镇劳动关系三方协调会")).statusCode(201);
        post("/cases/" + id + "/referrals/" + referral + "/outcome", Map.of("outcome", "AWARDED", "amountRecovered", "-5")).statusCode(400)
                .body("errors[0].field", equalTo("amountRecovered"));
        post("/cases/" + id + "/referrals/" + referral + "/outcome", Map.of("outcome", "AWARDED", "amountRecovered", "12000.50",
                "note", "仲裁裁决补发工资")).statusCode(200).body("amountRecovered", equalTo("12000.50"));
        post("/cases/" + id + "/referrals/" + referral + "/outcome", Map.of("outcome", "SETTLED")).statusCode(409)
                .body("type", equalTo("urn:gucun:problem:outcome-already-recorded"));
        post("/cases/" + id + "/referrals/999999999/outcome", Map.of("outcome", "SETTLED")).statusCode(404);
        get("/cases/" + id).statusCode(200).body("amountRecovered", equalTo("12000.50")).body("state", equalTo("IN_PROGRESS"));
        post("/cases/" + id + "/resolve", Map.of("resolution", "补发到位", "amountRecovered", "500")).statusCode(200)
                .body("amountRecovered", equalTo("12500.50"));
        get("/cases/" + id + "/tracks").statusCode(200)
                .body("tracks", containsInAnyOrder("COLLECTIVE_BARGAINING", "DEMOCRATIC_MANAGEMENT"))
                .body("bargainingRounds.outcome", contains("NOT_AGREED", "AGREED"))
                .body("collectiveContract.filedWith", equalTo("宝山区人力资源和社会保障局"))
                .body("congressItems[0].adopted", equalTo(true))
                .body("referrals.kind", contains("LABOUR_ARBITRATION", "TRIPARTITE_COORDINATION"))
                .body("referrals[1].outcome", org.hamcrest.Matchers.nullValue())
                .body("amountRecovered", equalTo("12500.50"));
        // Resolved: no more track work.
        post("/cases/" + id + "/congress-items", Map.of("title", "x")).statusCode(409);
        // The reporter reads the tracks of their case, another worker cannot.
        ActingAs.worker("worker-t2");
        get("/cases/" + id + "/tracks").statusCode(200).body("referrals.kind", org.hamcrest.Matchers.not(hasItem("COURT")));
        ActingAs.worker("worker-t3");
        get("/cases/" + id + "/tracks").statusCode(404);
    }
}
