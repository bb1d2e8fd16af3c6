package io.gucun.membership.workforce;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.membership.TestData;
import io.gucun.testsupport.Actors;
import io.gucun.testsupport.KafkaEvents;
import io.gucun.testsupport.OpenApiDocument;
import io.gucun.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
class WorkforceApiTest {

    private static final String BASE = "/api/membership";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Inject
    EntityManager em;

    @Inject
    Workforce workforce;

    record Org(long id, String path) {
    }

    /** District → two towns; under town A an area joint union with an enterprise union. */
    record Tree(Org district, Org townA, Org townB, Org jointArea, Org enterprise) {
    }

    @AfterEach
    void nobody() {
        Actors.nobody();
    }

    @Test
    void officersAppointListAndEndTermsOfUnionWorkersInTheirSubtree() throws Exception {
        Tree t = tree();
        long member = admitted(t.enterprise());
        Actors.officer("officer.district", t.district().path());
        long socialWorker = appoint(Map.of("orgId", t.townA().id(), "post", "SOCIAL_WORKER", "name", "张丽",
                "login", "SW.Zhang", "termFrom", TODAY.minusYears(1).toString(), "reason", "区总工会招聘"))
                .statusCode(201).body("login", equalTo("sw.zhang")).body("inTerm", equalTo(true))
                .body("grantsOfficerScope", equalTo(true)).body("orgPath", equalTo(t.townA().path()))
                .extract().jsonPath().getLong("id");
        appoint(Map.of("orgId", t.jointArea().id(), "post", "GRID_LEADER", "name", "刘强", "login", "grid.liu",
                "termFrom", TODAY.toString(), "termTo", TODAY.plusYears(3).toString())).statusCode(201);
        appoint(Map.of("orgId", t.enterprise().id(), "post", "CHAIR", "name", "王小明", "memberId", member,
                "login", "chair.wang", "termFrom", TODAY.minusMonths(2).toString())).statusCode(201)
                .body("memberId", equalTo((int) member));
        appoint(Map.of("orgId", t.enterprise().id(), "post", "ACTIVIST", "name", "王小明", "memberId", member,
                "termFrom", TODAY.plusMonths(1).toString())).statusCode(201).body("grantsOfficerScope", equalTo(false))
                .body("inTerm", equalTo(false));

        get("/appointments?orgId=" + t.district().id()).statusCode(200).body("total", equalTo(3))
                .body("items.post", contains("SOCIAL_WORKER", "GRID_LEADER", "CHAIR"));
        get("/appointments?orgId=" + t.district().id() + "&inTerm=false").statusCode(200).body("total", equalTo(4));
        get("/appointments?orgId=" + t.jointArea().id() + "&post=CHAIR").statusCode(200)
                .body("items.login", contains("chair.wang"));
        get("/appointments?orgId=" + t.district().id() + "&login=Grid.Liu").statusCode(200)
                .body("items.name", contains("刘强"));
        get("/appointments?orgId=" + t.district().id() + "&size=2&page=1").statusCode(200)
                .body("items.size()", equalTo(1)).body("total", equalTo(3));

        post("/appointments/" + socialWorker + "/term-end", Map.of("endedOn", TODAY.minusDays(1).toString(),
                "reason", "调任区总工会")).statusCode(200).body("endedOn", equalTo(TODAY.minusDays(1).toString()))
                .body("inTerm", equalTo(false));
        post("/appointments/" + socialWorker + "/term-end", Map.of("reason", "again")).statusCode(409);
        get("/appointments?orgId=" + t.townA().id() + "&post=SOCIAL_WORKER").statusCode(200).body("total", equalTo(0));

        // The officer of the other town sees none of it.
        Actors.officer("officer.townB", t.townB().path());
        get("/appointments?orgId=" + t.townA().id()).statusCode(404);
        get("/appointments/" + socialWorker).statusCode(404);
        post("/appointments/" + socialWorker + "/term-end", Map.of("reason", "x")).statusCode(404);

        List<KafkaEvents.Received> events = KafkaEvents.read("membership.appointment.v1", Duration.ofSeconds(30),
                got -> got.stream().anyMatch(e -> String.valueOf(socialWorker).equals(e.key())
                        && e.type().endsWith(".OfficerTermEnded")));
        var mine = events.stream().filter(e -> String.valueOf(socialWorker).equals(e.key())).toList();
        assertThat(mine).extracting(KafkaEvents.Received::type)
                .containsExactly("io.gucun.membership.OfficerAppointed", "io.gucun.membership.OfficerTermEnded");
        var appointed = new ObjectMapper().readTree(mine.get(0).value());
        assertThat(appointed.get("login").asText()).isEqualTo("sw.zhang");
        assertThat(appointed.get("orgPath").asText()).isEqualTo(t.townA().path());
        assertThat(appointed.get("grantsOfficerScope").asBoolean()).isTrue();
        assertThat(new ObjectMapper().readTree(mine.get(1).value()).get("endedOn").asText())
                .isEqualTo(TODAY.minusDays(1).toString());
    }

    @Test
    void badAppointmentsAreProblemsNamingTheField() {
        Tree t = tree();
        long member = admitted(t.enterprise());
        long elsewhere = admitted(t.townB());
        Actors.officer("officer.townA", t.townA().path());
        Map<String, Object> chair = new HashMap<>(Map.of("orgId", t.enterprise().id(), "post", "CHAIR", "name", "王小明",
                "termFrom", TODAY.toString()));
        appoint(chair).statusCode(400).body("errors.field", hasItem("memberId"));
        chair.put("memberId", elsewhere);
        appoint(chair).statusCode(400).body("errors.field", hasItem("memberId"));
        chair.put("memberId", member);
        chair.put("termTo", TODAY.minusDays(1).toString());
        appoint(chair).statusCode(400).body("errors.field", hasItem("termTo"));
        chair.remove("termTo");
        appoint(chair).statusCode(201);
        // A second chair in term: 409, whoever it is.
        chair.put("termFrom", TODAY.plusYears(1).toString());
        appoint(chair).statusCode(409).body("type", equalTo("urn:gucun:problem:chair-in-term"));

        appoint(Map.of("orgId", t.townA().id(), "post", "SOCIAL_WORKER", "name", "张丽", "termFrom", TODAY.toString()))
                .statusCode(400).body("errors.field", hasItem("login"));
        appoint(Map.of("orgId", t.townA().id(), "post", "SOCIAL_WORKER", "name", "张丽", "login", "not a login",
                "termFrom", TODAY.toString())).statusCode(400).body("errors.field", hasItem("login"));
        appoint(Map.of("orgId", t.townA().id(), "post", "JANITOR", "name", "张丽", "login", "sw.zhang",
                "termFrom", TODAY.toString())).statusCode(400);
        appoint(Map.of("orgId", t.townB().id(), "post", "SOCIAL_WORKER", "name", "张丽", "login", "sw.zhang",
                "termFrom", TODAY.toString())).statusCode(403);
        appoint(Map.of("orgId", 999_999_999L, "post", "SOCIAL_WORKER", "name", "张丽", "login", "sw.zhang",
                "termFrom", TODAY.toString())).statusCode(400).body("errors.field", hasItem("orgId"));
        long sw = appoint(Map.of("orgId", t.townA().id(), "post", "SOCIAL_WORKER", "name", "张丽", "login", "sw.zhang",
                "termFrom", TODAY.toString(), "termTo", TODAY.plusYears(2).toString())).statusCode(201)
                .extract().jsonPath().getLong("id");
        appoint(Map.of("orgId", t.townA().id(), "post", "SOCIAL_WORKER", "name", "张丽", "login", "sw.zhang",
                "termFrom", TODAY.plusYears(1).toString())).statusCode(409);
        post("/appointments/" + sw + "/term-end", Map.of("endedOn", TODAY.plusYears(3).toString(), "reason", "x"))
                .statusCode(400).body("errors.field", hasItem("endedOn"));
        post("/appointments/" + sw + "/term-end", Map.of("endedOn", TODAY.toString())).statusCode(400)
                .body("errors.field", hasItem("reason"));
        Actors.member("worker-" + member);
        appoint(Map.of("orgId", t.townA().id(), "post", "SOCIAL_WORKER", "name", "张丽", "login", "me",
                "termFrom", TODAY.toString())).statusCode(403);
    }

    @Test
    void theStaffingReportShowsTheTownsShortOfSocialWorkersUnderTheShanghaiDefault() {
        Tree t = tree();
        // As if 9,001 members had been admitted to town A's joint union (the maintained counter the report reads).
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "insert into org_active_member_count (org_id, members) values (:id, 9001)")
                .setParameter("id", t.jointArea().id()).executeUpdate());
        Actors.admin();
        for (int i = 0; i < 3; i++) {
            TestData.enterprise(t.townB().id(), "企业" + i + " " + UUID.randomUUID(), 30, "2020-01-01");
        }
        Actors.officer("officer.district", t.district().path());
        for (String login : List.of("sw.a", "sw.b", "sw.c")) {
            appoint(Map.of("orgId", t.townA().id(), "post", "SOCIAL_WORKER", "name", "社工", "login", login,
                    "termFrom", TODAY.minusYears(1).toString())).statusCode(201);
        }
        get("/staffing-policies?orgId=" + t.townA().id()).statusCode(200).body("policies.size()", equalTo(1))
                .body("policies[0].orgId", nullValue()).body("policies[0].workersMax", equalTo(3000))
                .body("policies[0].enterprisesMax", equalTo(50));

        // Town A: 9,001 workers need 4 social workers at 3,000 each and has 3; its joint union, where those workers
        // are members, has none of its own; town B: 3 enterprises and none. Most short first.
        get("/staffing-report?orgId=" + t.district().id()).statusCode(200)
                .body("shortOrgs", equalTo(3))
                .body("total.workers", equalTo(9001)).body("total.enterprises", equalTo(3))
                .body("total.socialWorkers", equalTo(3)).body("total.required", equalTo(4))
                .body("total.verdict", equalTo("SHORT"))
                .body("orgs.items.orgId", contains((int) t.jointArea().id(), (int) t.townA().id(), (int) t.townB().id()))
                .body("orgs.items.shortBy", contains(4, 1, 1))
                .body("orgs.items[1].target", equalTo(5))
                .body("orgs.items[2].required", equalTo(1))
                .body("orgs.items[2].enterprises", equalTo(3));

        appoint(Map.of("orgId", t.jointArea().id(), "post", "SOCIAL_WORKER", "name", "社工", "login", "sw.d",
                "termFrom", TODAY.toString())).statusCode(201);
        get("/staffing-report?orgId=" + t.district().id()).statusCode(200).body("shortOrgs", equalTo(2))
                .body("orgs.items.orgId", contains((int) t.jointArea().id(), (int) t.townB().id()));
        get("/staffing-report?orgId=" + t.district().id() + "&onlyShort=false").statusCode(200)
                .body("orgs.total", equalTo(3))
                .body("orgs.items.orgId", contains((int) t.townA().id(), (int) t.jointArea().id(), (int) t.townB().id()))
                .body("orgs.items[0].verdict", equalTo("WITHIN_RANGE"))
                .body("orgs.items[0].socialWorkers", equalTo(4));

        // A district policy of its own (1 per 1,500–2,000 workers) makes town A short again from today.
        int districtPolicy = post("/staffing-policies", Map.of("orgId", t.district().id(), "workersMin", 1500,
                "workersMax", 2000, "enterprisesMin", 30, "enterprisesMax", 50, "validFrom", TODAY.toString()))
                .statusCode(201).extract().path("id");
        get("/staffing-report?orgId=" + t.townA().id()).statusCode(200).body("total.required", equalTo(5))
                .body("total.verdict", equalTo("SHORT")).body("total.socialWorkers", equalTo(4))
                .body("orgs.items.orgId", contains((int) t.jointArea().id()));
        get("/staffing-policies?orgId=" + t.townA().id()).statusCode(200).body("policies.size()", equalTo(2))
                .body("policies[1].orgPath", equalTo(t.district().path()))
                .body("inForceToday", equalTo(districtPolicy));
        post("/staffing-policies", Map.of("orgId", t.district().id(), "workersMin", 3000, "workersMax", 2500,
                "enterprisesMin", 30, "enterprisesMax", 50, "validFrom", TODAY.toString())).statusCode(400)
                .body("errors.field", hasItem("workersMax"));

        Actors.officer("officer.townB", t.townB().path());
        get("/staffing-report?orgId=" + t.townA().id()).statusCode(404);
        post("/staffing-policies", Map.of("orgId", t.district().id(), "workersMin", 2000, "workersMax", 2500,
                "enterprisesMin", 30, "enterprisesMax", 50, "validFrom", TODAY.toString())).statusCode(403);
    }

    @Test
    void anElectedChairTakesOverFromTheChairInTerm() {
        Tree t = tree();
        long oldChair = admitted(t.enterprise());
        long newChair = admitted(t.enterprise());
        Actors.officer("officer.townA", t.townA().path());
        long previous = appoint(Map.of("orgId", t.enterprise().id(), "post", "CHAIR", "name", "王小明",
                "memberId", oldChair, "termFrom", TODAY.minusYears(2).toString())).statusCode(201)
                .extract().jsonPath().getLong("id");
        var elected = QuarkusTransaction.requiringNew().call(() -> workforce.appointChair(t.enterprise().id(), newChair,
                new WorkforceRules.Term(TODAY.plusDays(1), TODAY.plusYears(5)), "第三届会员大会选举"));
        assertThat(elected.post().name()).isEqualTo("CHAIR");
        assertThat(elected.memberId()).isEqualTo(newChair);
        get("/appointments/" + previous).statusCode(200).body("endedOn", equalTo(TODAY.toString()))
                .body("endReason", equalTo("第三届会员大会选举"));
        get("/appointments?orgId=" + t.enterprise().id() + "&post=CHAIR&inTerm=false").statusCode(200)
                .body("items.memberId", contains((int) oldChair, (int) newChair));
    }

    @Test
    void aMembersPostsEndWhenTheyLeaveTheUnionOrTransferOutOfTheOrgTheyServe() throws Exception {
        Tree t = tree();
        long chair = admitted(t.enterprise());
        long worker = admitted(t.enterprise());
        Actors.officer("officer.district", t.district().path());
        long chairPost = appoint(Map.of("orgId", t.enterprise().id(), "post", "CHAIR", "name", "王小明",
                "memberId", chair, "termFrom", TODAY.minusYears(1).toString())).statusCode(201)
                .extract().jsonPath().getLong("id");
        // A post of the joint union above, starting next month: the move to the joint union keeps it.
        long activistPost = appoint(Map.of("orgId", t.jointArea().id(), "post", "ACTIVIST", "name", "王小明",
                "memberId", chair, "termFrom", TODAY.plusMonths(1).toString())).statusCode(201)
                .extract().jsonPath().getLong("id");
        long socialWorker = appoint(Map.of("orgId", t.townA().id(), "post", "SOCIAL_WORKER", "name", "张丽",
                "memberId", worker, "login", "sw.member", "termFrom", TODAY.minusYears(1).toString())).statusCode(201)
                .extract().jsonPath().getLong("id");
        // Starts tomorrow: it ends before it begins, and clashes with nothing after.
        long futureChair = appoint(Map.of("orgId", t.jointArea().id(), "post", "CHAIR", "name", "张丽",
                "memberId", worker, "termFrom", TODAY.plusDays(1).toString())).statusCode(201)
                .extract().jsonPath().getLong("id");
        get("/staffing-report?orgId=" + t.townA().id() + "&onlyShort=false").statusCode(200)
                .body("total.socialWorkers", equalTo(1));

        // The chair moves to the joint union above their enterprise: the enterprise's chair post ends yesterday.
        long transfer = post("/members/" + chair + "/transfers", Map.of("toOrgId", t.jointArea().id(), "reason", "换岗"))
                .statusCode(201).extract().jsonPath().getLong("id");
        post("/transfers/" + transfer + "/accept", Map.of("reason", "同意")).statusCode(200);
        get("/appointments/" + chairPost).statusCode(200).body("endedOn", equalTo(TODAY.minusDays(1).toString()))
                .body("endReason", equalTo("MEMBER_TRANSFERRED: to organization " + t.jointArea().id()
                        + " (transfer " + transfer + ")"))
                .body("inTerm", equalTo(false));
        get("/appointments/" + activistPost).statusCode(200).body("endedOn", nullValue());
        get("/appointments?orgId=" + t.enterprise().id() + "&post=CHAIR").statusCode(200).body("total", equalTo(0));

        // The social worker leaves the union: their posts end, the town counts no social worker today.
        post("/members/" + worker + "/leave", Map.of("reason", "VOLUNTARY", "note", "本人申请")).statusCode(200);
        get("/appointments/" + socialWorker).statusCode(200).body("endedOn", equalTo(TODAY.minusDays(1).toString()))
                .body("endReason", equalTo("MEMBER_LEFT: VOLUNTARY"));
        get("/appointments/" + futureChair).statusCode(200).body("endedOn", equalTo(TODAY.toString()))
                .body("inTerm", equalTo(false));
        get("/staffing-report?orgId=" + t.townA().id() + "&onlyShort=false").statusCode(200)
                .body("total.socialWorkers", equalTo(0));
        // Its never-begun term does not stand in the way of the joint union's next chair.
        appoint(Map.of("orgId", t.jointArea().id(), "post", "CHAIR", "name", "王小明", "memberId", chair,
                "termFrom", TODAY.plusDays(1).toString())).statusCode(201);
        // Leaving again is refused and ends nothing twice.
        post("/members/" + worker + "/leave", Map.of("reason", "VOLUNTARY")).statusCode(409);

        List<KafkaEvents.Received> events = KafkaEvents.read("membership.appointment.v1", Duration.ofSeconds(30),
                got -> got.stream().anyMatch(e -> String.valueOf(socialWorker).equals(e.key())
                        && e.type().endsWith(".OfficerTermEnded")));
        var ended = events.stream().filter(e -> e.type().endsWith(".OfficerTermEnded")
                && List.of(String.valueOf(chairPost), String.valueOf(socialWorker), String.valueOf(futureChair))
                        .contains(e.key())).toList();
        assertThat(ended).hasSize(3);
        var workerEnded = new ObjectMapper().readTree(ended.stream()
                .filter(e -> String.valueOf(socialWorker).equals(e.key())).findFirst().orElseThrow().value());
        assertThat(workerEnded.get("reason").asText()).isEqualTo("MEMBER_LEFT: VOLUNTARY");
        assertThat(workerEnded.get("endedOn").asText()).isEqualTo(TODAY.minusDays(1).toString());
    }

    @Test
    void everyWorkforceOperationIsDocumented() {
        OpenApiDocument doc = OpenApiDocument.served();
        List<OpenApiDocument.Operation> mine = doc.operations("/api/membership/appointments",
                "/api/membership/staffing-policies", "/api/membership/staffing-report");
        assertThat(mine).hasSize(7);
        assertThat(OpenApiDocument.undocumented(mine)).isEmpty();
        for (String name : List.of("NewAppointment", "Appointment", "TermEnd", "NewStaffingPolicy", "StaffingPolicies",
                "StaffingReport", "OrgStaffing")) {
            assertThat(doc.schemas().has(name)).as(name).isTrue();
        }
    }

    private Tree tree() {
        Actors.admin();
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Org city = org(1, "市总工会 " + tag, "CITY");
        Org district = org(city.id(), "宝山区总工会 " + tag, "DISTRICT");
        Org townA = org(district.id(), "顾村镇总工会 " + tag, "TOWN");
        Org townB = org(district.id(), "罗店镇总工会 " + tag, "TOWN");
        Org area = org(townA.id(), "顾村园区联合工会 " + tag, "JOINT_AREA");
        Org enterprise = org(area.id(), "甲企业工会 " + tag, "ENTERPRISE");
        return new Tree(district, townA, townB, area, enterprise);
    }

    private static Org org(long parentId, String name, String kind) {
        var json = TestData.org(parentId, name, kind);
        return new Org(json.getLong("id"), json.getString("path"));
    }

    /** A fresh worker admitted on the spot to {@code org} by its officer; returns the member id. */
    private static long admitted(Org org) {
        Actors.officer("officer.onsite", org.path());
        Map<String, Object> body = new HashMap<>(Map.of("idNumber", TestIds.idNumber(), "name", "王小明",
                "mobile", TestIds.mobile(), "employmentForm", "STANDARD", "orgId", org.id()));
        return post("/members", body).statusCode(201).extract().jsonPath().getLong("member.id");
    }

    private static ValidatableResponse appoint(Map<String, Object> body) {
        return post("/appointments", body);
    }

    private static ValidatableResponse post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post(BASE + path).then();
    }

    private static ValidatableResponse get(String path) {
        return given().when().get(BASE + path).then();
    }
}
