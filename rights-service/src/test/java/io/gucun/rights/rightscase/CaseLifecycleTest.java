package io.gucun.rights.rightscase;

import static io.gucun.rights.Api.get;
import static io.gucun.rights.Api.post;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.rights.ActingAs;
import io.gucun.rights.Api;
import io.gucun.rights.MembershipFeed;
import io.gucun.testsupport.KafkaEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Take-over, escalation and every step of the state machine through the API, with who may do what. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "rights"))
@TestSecurity(user = "someone", roles = "member", augmentors = ActingAs.class)
class CaseLifecycleTest {

    @AfterEach
    void reset() {
        ActingAs.reset();
    }

    @Test
    void theTownTakesOverAndWorksTheCaseToItsEnd() {
        var t = MembershipFeed.tree();
        ActingAs.worker("worker-1");
        long id = Api.report(t.enterpriseUnionId(), t.creditCode(), 12);
        post("/cases/" + id + "/take-over").statusCode(403);
        ActingAs.officer("officer-park", t.park());
        post("/cases/" + id + "/take-over").statusCode(403).contentType("application/problem+json");
        ActingAs.officer("officer-town", t.town());
        post("/cases/" + id + "/take-over", Map.of("note", "接手")).statusCode(200).body("state", equalTo("ACCEPTED"))
                .body("takenOverAt", org.hamcrest.Matchers.notNullValue()).body("currentStep", equalTo("START"));
        post("/cases/" + id + "/take-over").statusCode(409).body("type", equalTo("urn:gucun:problem:case-transition-not-allowed"))
                .body("currentState", equalTo("ACCEPTED")).body("allowedNextStates", contains("IN_PROGRESS", "CLOSED", "WITHDRAWN"));
        post("/cases/" + id + "/resolve", Map.of("resolution", "x")).statusCode(409).body("allowedNextStates", contains("IN_PROGRESS", "CLOSED", "WITHDRAWN"));
        post("/cases/" + id + "/start").statusCode(200).body("state", equalTo("IN_PROGRESS")).body("currentStep", equalTo("RESOLUTION"));
        post("/cases/" + id + "/resolve", Map.of("resolution", "x", "amountRecovered", "1.234")).statusCode(400)
                .body("errors[0].field", equalTo("amountRecovered"));
        post("/cases/" + id + "/resolve", Map.of("amountRecovered", "1")).statusCode(400).body("errors[0].field", equalTo("resolution"));
        post("/cases/" + id + "/resolve", Map.of("resolution", "企业补发工资", "amountRecovered", "86000.50")).statusCode(200)
                .body("state", equalTo("RESOLVED")).body("amountRecovered", equalTo("86000.50")).body("dueOn", org.hamcrest.Matchers.nullValue())
                .body("allowedNextStates", contains("IN_PROGRESS", "CLOSED"));
        post("/cases/" + id + "/reopen").statusCode(400).body("errors[0].field", equalTo("note"));
        post("/cases/" + id + "/reopen", Map.of("note", "企业未按约定补发")).statusCode(200).body("state", equalTo("IN_PROGRESS"));
        post("/cases/" + id + "/resolve", Map.of("resolution", "已补发", "amountRecovered", "1000")).statusCode(200)
                .body("amountRecovered", equalTo("87000.50"));
        post("/cases/" + id + "/close").statusCode(200).body("state", equalTo("CLOSED")).body("allowedNextStates", empty());
        for (String step : new String[] {"take-over", "start", "reopen", "close", "withdraw"}) {
            post("/cases/" + id + "/" + step, Map.of("note", "n")).statusCode(409).body("allowedNextStates", empty());
        }
        post("/cases/" + id + "/resolve", Map.of("resolution", "x")).statusCode(409);
        post("/cases/" + id + "/escalate", Map.of("reason", "x")).statusCode(409).body("type", equalTo("urn:gucun:problem:case-not-open"));
        get("/cases/" + id + "/history").statusCode(200)
                .body("transitions.toState", contains("REPORTED", "ACCEPTED", "IN_PROGRESS", "RESOLVED", "IN_PROGRESS", "RESOLVED", "CLOSED"))
                .body("transitions[1].by", equalTo("officer-town")).body("transitions[1].note", equalTo("接手"))
                .body("responsibility.kind", contains("ASSIGNED", "TAKEN_OVER"))
                .body("responsibility[0].toOrg.id", equalTo((int) t.townId()));
        // The reporter follows their case to its end.
        ActingAs.worker("worker-1");
        get("/cases/" + id).statusCode(200).body("state", equalTo("CLOSED")).body("amountRecovered", equalTo("87000.50"));
    }

    @Test
    void theReporterMayWithdrawAnOpenCaseAndNobodyElseBelowTheCoordinator() {
        var t = MembershipFeed.tree();
        ActingAs.worker("worker-2");
        long id = Api.report(t.parkId(), t.creditCode(), 1);
        ActingAs.worker("worker-3");
        post("/cases/" + id + "/withdraw").statusCode(404);
        ActingAs.officer("officer-park", t.park());
        post("/cases/" + id + "/withdraw").statusCode(403);
        ActingAs.worker("worker-2");
        post("/cases/" + id + "/start").statusCode(403);
        post("/cases/" + id + "/withdraw", Map.of("note", "已与公司和解")).statusCode(200).body("state", equalTo("WITHDRAWN"))
                .body("endedAt", org.hamcrest.Matchers.notNullValue());
        post("/cases/" + id + "/withdraw").statusCode(409).body("allowedNextStates", empty());
    }

    @Test
    void closingWithoutResolutionNeedsAReason() {
        var t = MembershipFeed.tree();
        ActingAs.worker("worker-4");
        long id = Api.report(t.parkId(), t.creditCode(), 1);
        ActingAs.officer("officer-town", t.town());
        post("/cases/" + id + "/start").statusCode(409).body("allowedNextStates", contains("ACCEPTED", "CLOSED", "WITHDRAWN"));
        post("/cases/" + id + "/reopen", Map.of("note", "x")).statusCode(409);
        post("/cases/" + id + "/close").statusCode(400).body("errors[0].field", equalTo("note"));
        post("/cases/" + id + "/close", Map.of("note", "不属于劳动争议")).statusCode(200).body("state", equalTo("CLOSED"));
    }

    @Test
    void escalationHandsTheCaseUpAndRecordsWhoFromAndTo() {
        var t = MembershipFeed.tree();
        ActingAs.worker("worker-5");
        long id = Api.report(t.enterpriseUnionId(), t.creditCode(), 30);
        ActingAs.officer("officer-town", t.town());
        post("/cases/" + id + "/escalate", Map.of("toOrgId", t.parkId(), "reason", "x")).statusCode(400)
                .body("errors[0].field", equalTo("toOrgId"));
        post("/cases/" + id + "/escalate", Map.of("toOrgId", t.townId(), "reason", "x")).statusCode(400);
        post("/cases/" + id + "/escalate", Map.of("toOrgId", t.districtId())).statusCode(400).body("errors[0].field", equalTo("reason"));
        post("/cases/" + id + "/escalate", Map.of("reason", "群体性案件，涉及 30 人，报区总工会协调")).statusCode(200)
                .body("coordinatorOrg.id", equalTo((int) t.districtId())).body("state", equalTo("REPORTED"));
        // The town still sees the case (it was reported below it) but no longer coordinates it.
        post("/cases/" + id + "/take-over").statusCode(403);
        get("/cases/" + id).statusCode(200);
        ActingAs.officer("officer-district", t.district());
        post("/cases/" + id + "/take-over").statusCode(200).body("state", equalTo("ACCEPTED"));
        post("/cases/" + id + "/escalate", Map.of("toOrgId", 1, "reason", "上报全总")).statusCode(200).body("coordinatorOrg.id", equalTo(1));
        get("/cases/" + id + "/history").statusCode(200)
                .body("responsibility.kind", contains("ASSIGNED", "ESCALATED", "TAKEN_OVER", "ESCALATED"))
                .body("responsibility[1].fromOrg.id", equalTo((int) t.townId()))
                .body("responsibility[1].toOrg.id", equalTo((int) t.districtId()))
                .body("responsibility[1].by", equalTo("officer-town"))
                .body("responsibility[3].toOrg.name", equalTo("中华全国总工会"));
        ActingAs.officer("officer-district", t.district());
        get("/cases/" + id).statusCode(200);
        ActingAs.admin();
        post("/cases/" + id + "/close", Map.of("note", "全总协调结案")).statusCode(200);
        // Escalations and the end of the case are published, keyed by the case, without the reporter.
        var events = KafkaEvents.read("rights.case.v1",
                evs -> evs.stream().filter(e -> String.valueOf(id).equals(e.key())).count() >= 5);
        org.assertj.core.api.Assertions.assertThat(events.stream().filter(e -> String.valueOf(id).equals(e.key()))
                .map(KafkaEvents.Received::type)).containsExactly("io.gucun.rights.CaseReported",
                "io.gucun.rights.CaseEscalated", "io.gucun.rights.CaseTakenOver", "io.gucun.rights.CaseEscalated",
                "io.gucun.rights.CaseClosed");
        org.assertj.core.api.Assertions.assertThat(events).noneMatch(e -> e.value().contains("worker-5"));
    }

    @Test
    void whenMembershipMovesATownItsCasesMoveIntoTheNewDistrictsScope() {
        var t = MembershipFeed.tree();
        ActingAs.worker("worker-move");
        long id = Api.report(t.enterpriseUnionId(), t.creditCode(), 2);
        String otherDistrict = MembershipFeed.org("1", "DISTRICT", "嘉定区总工会");
        ActingAs.officer("officer-new-district", otherDistrict);
        get("/cases/" + id).statusCode(404);
        String newTown = otherDistrict + "." + t.townId();
        MembershipFeed.send("membership.org.v1", String.valueOf(t.townId()), java.util.UUID.randomUUID().toString(),
                "io.gucun.membership.OrgMoved", "{\"orgId\":" + t.townId() + ",\"oldParentId\":" + t.districtId()
                        + ",\"newParentId\":" + MembershipFeed.idOf(otherDistrict) + ",\"oldPath\":\"" + t.town()
                        + "\",\"newPath\":\"" + newTown + "\",\"subtreeSize\":3}");
        MembershipFeed.await(() -> QuarkusTransaction.requiringNew().call(() ->
                RightsCase.<RightsCase>findById(id).coordinatorOrgPath.equals(newTown)));
        get("/cases/" + id).statusCode(200);
        post("/cases/" + id + "/take-over").statusCode(200);
        ActingAs.officer("officer-old-district", t.district());
        get("/cases/" + id).statusCode(404);
        get("/cases?orgId=" + t.townId()).statusCode(403);
    }

    @Test
    void overdueCasesAndRemindersPerSubtree() {
        var t = MembershipFeed.tree();
        ActingAs.worker("worker-6");
        long late = Api.report(t.parkId(), t.creditCode(), 2);
        long onTime = Api.report(t.parkId(), t.creditCode(), 2);
        // Time passes: the take-over deadline of one case was yesterday.
        LocalDate yesterday = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1);
        QuarkusTransaction.requiringNew().run(() -> RightsCase.update("dueOn = ?1 where id = ?2", yesterday, late));
        ActingAs.officer("officer-town", t.town());
        get("/cases/overdue?orgId=" + t.townId()).statusCode(200).body("items.id", hasItem((int) late))
                .body("items.id", not(hasItem((int) onTime))).body("items[0].overdue", equalTo(true));
        get("/cases?overdue=false&orgId=" + t.townId()).statusCode(200).body("items.id", hasItem((int) onTime))
                .body("items.id", not(hasItem((int) late)));
        get("/cases/reminders?withinDays=0").statusCode(200).body("items.find { it.caseId == " + late + " }.overdue", equalTo(true))
                .body("items.find { it.caseId == " + late + " }.kind", equalTo("TAKEOVER"))
                .body("items.caseId", not(hasItem((int) onTime)));
        get("/cases/reminders?size=0").statusCode(400).body("errors[0].field", equalTo("size"));
        get("/cases/reminders?withinDays=31").statusCode(400).body("errors[0].field", equalTo("withinDays"));
        ActingAs.officer("officer-other", "1.999999");
        get("/cases/overdue").statusCode(200).body("items.id", not(hasItem((int) late)));
        get("/cases/overdue?orgId=" + t.townId()).statusCode(403);
        get("/cases/reminders").statusCode(200).body("items.caseId", not(hasItem((int) late)));
        ActingAs.worker("worker-6");
        get("/cases/overdue").statusCode(403);
        get("/cases/reminders?withinDays=0").statusCode(200).body("items.caseId", contains((int) late)).body("total", equalTo(1));
        // Taking over restarts the clock: the case is no longer overdue.
        ActingAs.officer("officer-town", t.town());
        post("/cases/" + late + "/take-over").statusCode(200).body("overdue", equalTo(false));
        get("/cases/overdue?orgId=" + t.townId()).statusCode(200).body("items.id", not(hasItem((int) late)));
    }
}
