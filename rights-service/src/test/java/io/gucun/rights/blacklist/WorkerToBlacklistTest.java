package io.gucun.rights.blacklist;

import static io.gucun.rights.Api.get;
import static io.gucun.rights.Api.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.rights.ActingAs;
import io.gucun.rights.MembershipFeed;
import io.gucun.testsupport.KafkaEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The "done when": a worker reports a case, the town federation takes it over and issues the two letters,
 * and after the deadline the enterprise appears in the partners' blacklist feed; delisting keeps the history.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "rights"))
@TestSecurity(user = "someone", roles = "member", augmentors = ActingAs.class)
class WorkerToBlacklistTest {

    private static final ZoneOffset CST = ZoneOffset.ofHours(8);

    @AfterEach
    void reset() {
        ActingAs.reset();
    }

    @Test
    void aWorkersReportEndsInThePartnersBlacklistFeed() {
        var t = MembershipFeed.tree();
        String since = OffsetDateTime.now(CST).minusMinutes(1).toString();

        // 1. A worker of a firm without a union reports to the park joint union, anonymously to the employer.
        ActingAs.worker("worker-li");
        Map<String, Object> report = new HashMap<>(Map.of("category", "OBSTRUCTION_OF_UNION_FOUNDING",
                "summary", "公司阻挠职工组建工会，解聘了 3 名筹建积极分子", "reportingOrgId", t.parkId(),
                "enterpriseCreditCode", t.creditCode(), "workersAffected", 40, "reporterAnonymous", true));
        long caseId = post("/cases", report).statusCode(201).body("coordinatorOrg.id", equalTo((int) t.townId()))
                .extract().jsonPath().getLong("id");

        // 2. The town federation sees it among its reminders and takes it over as first coordinator.
        ActingAs.officer("officer-gucun", t.town());
        get("/cases/reminders?withinDays=3").statusCode(200).body("items.caseId", hasItem((int) caseId));
        post("/cases/" + caseId + "/take-over", Map.of("note", "镇总工会作为第一协调人接手")).statusCode(200)
                .body("state", equalTo("ACCEPTED")).body("currentStep", equalTo("START"));

        // 3. It issues the rectification opinion, then the handling proposal.
        JsonPath rectification = post("/cases/" + caseId + "/supervision-notices",
                Map.of("kind", "RECTIFICATION", "content", "请依法支持职工组建工会，恢复被解聘职工岗位")).statusCode(201)
                .body("kind", equalTo("RECTIFICATION")).body("addressedTo", equalTo("上海顾村精密机械有限公司"))
                .body("overdue", equalTo(false)).extract().jsonPath();
        get("/cases/" + caseId).statusCode(200).body("state", equalTo("IN_PROGRESS"));
        JsonPath proposal = post("/cases/" + caseId + "/supervision-notices",
                Map.of("kind", "HANDLING_PROPOSAL", "content", "建议依法处理", "addressedTo", "宝山区人力资源和社会保障局"))
                .statusCode(201).extract().jsonPath();
        LocalDate proposalDue = LocalDate.parse(proposal.getString("responseDueOn"));
        LocalDate due = LocalDate.parse(rectification.getString("responseDueOn"));
        assertThat(proposalDue).isAfter(LocalDate.now(CST));
        assertThat(due).isAfter(proposalDue);
        // Both response deadlines show among the town's reminders.
        get("/cases/reminders?withinDays=30").statusCode(200)
                .body("items.findAll { it.caseId == " + caseId + " }.kind", org.hamcrest.Matchers.containsInAnyOrder(
                        "RESOLUTION", "RECTIFICATION_RESPONSE", "HANDLING_PROPOSAL_RESPONSE"));

        // Nothing for partners before both deadlines have passed (on the deadline day the enterprise may still answer).
        ActingAs.admin();
        post("/blacklist/checks?asOf=" + proposalDue.plusDays(1).atTime(9, 0).atOffset(CST)).statusCode(200)
                .body("listed.creditCode", not(hasItem(t.creditCode())));
        post("/blacklist/checks?asOf=" + due.atTime(23, 0).atOffset(CST)).statusCode(200)
                .body("listed.creditCode", not(hasItem(t.creditCode())));
        ActingAs.partner("partner-tax");
        get("/blacklist/changes?since=" + since).statusCode(200).body("items.creditCode", not(hasItem(t.creditCode())));

        // 4. After the deadline the check lists the enterprise, once.
        ActingAs.admin();
        String after = due.plusDays(1).atTime(9, 0).atOffset(CST).toString();
        post("/blacklist/checks?asOf=" + after).statusCode(200).body("listed.creditCode", hasItem(t.creditCode()));
        post("/blacklist/checks?asOf=" + after).statusCode(200).body("listed.creditCode", not(hasItem(t.creditCode())));

        // 5. The partners pull it from the feed (no evidence, no case: that is internal).
        ActingAs.partner("partner-tax");
        JsonPath feed = get("/blacklist/changes?since=" + since).statusCode(200).extract().jsonPath();
        List<Map<String, Object>> mine = feed.<Map<String, Object>>getList("items").stream()
                .filter(i -> t.creditCode().equals(i.get("creditCode"))).toList();
        assertThat(mine).hasSize(1);
        assertThat(mine.getFirst()).containsEntry("change", "LISTED").containsEntry("reason", "IGNORED_SUPERVISION")
                .containsEntry("enterpriseName", "上海顾村精密机械有限公司");
        long entryId = ((Number) mine.getFirst().get("entryId")).longValue();
        long cursor = feed.getLong("nextCursor");
        get("/blacklist/" + entryId).statusCode(200).body("evidence", nullValue()).body("caseId", nullValue()).body("active", equalTo(true));
        ActingAs.partner("partner-social-insurance");
        get("/blacklist?active=true&size=200").statusCode(200).body("items.creditCode", hasItem(t.creditCode()));
        get("/cases/" + caseId).statusCode(403);
        // Nothing new after the cursor.
        get("/blacklist/changes?after=" + cursor).statusCode(200).body("items.creditCode", not(hasItem(t.creditCode())));

        // 6. The enterprise puts things right; the town officer delists it, the feed says so, the history keeps both.
        ActingAs.officer("officer-gucun", t.town());
        get("/blacklist/" + entryId).statusCode(200).body("caseId", equalTo((int) caseId))
                .body("evidence", org.hamcrest.Matchers.containsString("handling proposal"));
        post("/blacklist/" + entryId + "/delist", Map.of("reason", "企业已成立工会并恢复被解聘职工岗位")).statusCode(200)
                .body("active", equalTo(false));
        post("/blacklist/" + entryId + "/delist", Map.of("reason", "again")).statusCode(409)
                .body("type", equalTo("urn:gucun:problem:already-delisted"));
        ActingAs.partner("partner-tax");
        get("/blacklist/changes?after=" + cursor).statusCode(200)
                .body("items.findAll { it.creditCode == '" + t.creditCode() + "' }.change", equalTo(List.of("DELISTED")));
        get("/blacklist/enterprises/" + t.creditCode()).statusCode(200).body("size()", equalTo(1))
                .body("[0].active", equalTo(false)).body("[0].listedAt", org.hamcrest.Matchers.notNullValue());
        // The same ignored letter does not list the enterprise a second time.
        ActingAs.admin();
        post("/blacklist/checks?asOf=" + after).statusCode(200).body("listed.creditCode", not(hasItem(t.creditCode())));

        // 7. Every step was published through the outbox, with no personal data of the reporter.
        List<KafkaEvents.Received> caseEvents = KafkaEvents.read("rights.case.v1",
                evs -> evs.stream().filter(e -> String.valueOf(caseId).equals(e.key())).count() >= 4);
        List<String> types = caseEvents.stream().filter(e -> String.valueOf(caseId).equals(e.key())).map(KafkaEvents.Received::type).toList();
        assertThat(types).containsExactly("io.gucun.rights.CaseReported", "io.gucun.rights.CaseTakenOver",
                "io.gucun.rights.SupervisionNoticeIssued", "io.gucun.rights.SupervisionNoticeIssued");
        assertThat(caseEvents).noneMatch(e -> e.value().contains("worker-li"));
        String enterpriseKey = String.valueOf(t.enterpriseId());
        List<KafkaEvents.Received> listEvents = KafkaEvents.read("rights.blacklist.v1",
                evs -> evs.stream().filter(e -> enterpriseKey.equals(e.key())).count() >= 2);
        assertThat(listEvents.stream().filter(e -> enterpriseKey.equals(e.key())).map(KafkaEvents.Received::type))
                .containsExactly("io.gucun.rights.EnterpriseBlacklisted", "io.gucun.rights.EnterpriseDelisted");
    }

    @jakarta.inject.Inject
    BlacklistCheckJob job;

    @Test
    void theScheduledCheckListsAnEnterpriseWhoseLettersOnPaperWentUnansweredButNotOneWhoseCaseWasWithdrawn() {
        var t = MembershipFeed.tree();
        var u = MembershipFeed.tree();
        LocalDate today = LocalDate.now(CST);
        // Letters handed over on paper weeks ago are recorded with their issue day; their deadlines have passed.
        ActingAs.worker("worker-zhang");
        long caseId = io.gucun.rights.Api.report(t.parkId(), t.creditCode(), 9);
        long withdrawn = io.gucun.rights.Api.report(u.parkId(), u.creditCode(), 9);
        LocalDate reported = today.minusDays(60);
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> io.gucun.rights.rightscase.RightsCase.update(
                "reportedAt = ?1 where id in ?2", reported.atTime(9, 0).atOffset(CST), List.of(caseId, withdrawn)));
        for (var c : List.of(Map.entry(caseId, t), Map.entry(withdrawn, u))) {
            ActingAs.officer("officer-gucun", c.getValue().town());
            post("/cases/" + c.getKey() + "/take-over").statusCode(200);
            post("/cases/" + c.getKey() + "/supervision-notices", Map.of("kind", "RECTIFICATION", "content", "整改",
                    "issuedOn", today.minusDays(50).toString())).statusCode(201).body("overdue", equalTo(true));
            post("/cases/" + c.getKey() + "/supervision-notices", Map.of("kind", "HANDLING_PROPOSAL", "content", "建议",
                    "issuedOn", today.minusDays(25).toString())).statusCode(201).body("overdue", equalTo(true));
        }
        ActingAs.worker("worker-zhang");
        post("/cases/" + withdrawn + "/withdraw", Map.of("note", "已和解")).statusCode(200);

        // Two instances running the check at once list the enterprise once.
        var first = java.util.concurrent.CompletableFuture.runAsync(job::run);
        var second = java.util.concurrent.CompletableFuture.runAsync(job::run);
        first.join();
        second.join();

        ActingAs.partner("partner-social-insurance");
        get("/blacklist?active=true&size=200").statusCode(200).body("items.creditCode", hasItem(t.creditCode()))
                .body("items.creditCode", not(hasItem(u.creditCode())));
        get("/blacklist/enterprises/" + t.creditCode()).statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void lettersFollowTheirRules() {
        var t = MembershipFeed.tree();
        ActingAs.worker("worker-wang");
        long caseId = io.gucun.rights.Api.report(t.parkId(), t.creditCode(), 3);
        ActingAs.officer("officer-gucun", t.town());
        // Not before take-over.
        post("/cases/" + caseId + "/supervision-notices", Map.of("kind", "RECTIFICATION", "content", "x")).statusCode(409)
                .body("type", equalTo("urn:gucun:problem:case-not-in-progress"));
        post("/cases/" + caseId + "/take-over").statusCode(200);
        post("/cases/" + caseId + "/supervision-notices", Map.of("kind", "HANDLING_PROPOSAL", "content", "x")).statusCode(422)
                .body("type", equalTo("urn:gucun:problem:rectification-first"));
        post("/cases/" + caseId + "/supervision-notices", Map.of("kind", "RECTIFICATION", "content", "x",
                "issuedOn", LocalDate.now(CST).plusDays(2).toString())).statusCode(400).body("errors[0].field", equalTo("issuedOn"));
        post("/cases/" + caseId + "/supervision-notices", Map.of("content", "x")).statusCode(400).body("errors[0].field", equalTo("kind"));
        long noticeId = post("/cases/" + caseId + "/supervision-notices", Map.of("kind", "RECTIFICATION", "content", "x"))
                .statusCode(201).extract().jsonPath().getLong("id");
        post("/cases/" + caseId + "/supervision-notices", Map.of("kind", "RECTIFICATION", "content", "y")).statusCode(409)
                .body("type", equalTo("urn:gucun:problem:notice-already-issued"));
        // The park's officer (below the coordinator) may read but not write.
        ActingAs.officer("officer-park", t.park());
        get("/cases/" + caseId + "/supervision-notices").statusCode(200).body("size()", equalTo(1));
        post("/cases/" + caseId + "/supervision-notices/" + noticeId + "/response", Map.of("outcome", "RECTIFIED")).statusCode(403);
        // The enterprise put it right: recorded once, and no handling proposal follows.
        ActingAs.officer("officer-gucun", t.town());
        post("/cases/" + caseId + "/supervision-notices/" + noticeId + "/response", Map.of("outcome", "RECTIFIED", "note", "已整改"))
                .statusCode(200).body("responseOutcome", equalTo("RECTIFIED")).body("respondedOn", equalTo(LocalDate.now(CST).toString()));
        post("/cases/" + caseId + "/supervision-notices/" + noticeId + "/response", Map.of("outcome", "REFUSED")).statusCode(409)
                .body("type", equalTo("urn:gucun:problem:response-already-recorded"));
        post("/cases/" + caseId + "/supervision-notices", Map.of("kind", "HANDLING_PROPOSAL", "content", "x")).statusCode(422)
                .body("type", equalTo("urn:gucun:problem:already-rectified"));
        // The reporter sees the letters of their case; the letters never name them.
        ActingAs.worker("worker-wang");
        get("/cases/" + caseId + "/supervision-notices").statusCode(200).body("[0].content", equalTo("x"))
                .body("toString()", not(org.hamcrest.Matchers.containsString("worker-wang")));
        ActingAs.worker("worker-other");
        get("/cases/" + caseId + "/supervision-notices").statusCode(404);
    }

    @Test
    void anOfficerListsAnEnterpriseConfirmedToObstructFounding() {
        var t = MembershipFeed.tree();
        ActingAs.officer("officer-gucun", t.town());
        Map<String, Object> report = new HashMap<>(Map.of("category", "OBSTRUCTION_OF_UNION_FOUNDING", "summary", "阻挠建会",
                "reportingOrgId", t.townId(), "enterpriseCreditCode", t.creditCode(), "workersAffected", 8));
        long caseId = post("/cases", report).statusCode(201).extract().jsonPath().getLong("id");
        long wageCase = io.gucun.rights.Api.report(t.townId(), t.creditCode(), 2);
        post("/blacklist", Map.of("caseId", wageCase, "evidence", "x")).statusCode(422)
                .body("type", equalTo("urn:gucun:problem:not-an-obstruction-case"));
        post("/blacklist", Map.of("caseId", caseId)).statusCode(400).body("errors[0].field", equalTo("evidence"));
        // The park officer does not see a case reported at the town above; the district officer sees it but does not coordinate.
        ActingAs.officer("officer-park", t.park());
        post("/blacklist", Map.of("caseId", caseId, "evidence", "现场核查笔录")).statusCode(400).body("errors[0].field", equalTo("caseId"));
        ActingAs.officer("officer-gucun", t.town());
        long entryId = post("/blacklist", Map.of("caseId", caseId, "evidence", "现场核查笔录")).statusCode(201)
                .body("reason", equalTo("OBSTRUCTED_FOUNDING")).body("evidence", equalTo("现场核查笔录"))
                .extract().jsonPath().getLong("id");
        post("/blacklist", Map.of("caseId", caseId, "evidence", "again")).statusCode(409)
                .body("type", equalTo("urn:gucun:problem:already-blacklisted"));
        ActingAs.officer("officer-elsewhere", "1.999999");
        post("/blacklist/" + entryId + "/delist", Map.of("reason", "x")).statusCode(403);
        get("/blacklist/" + entryId).statusCode(200).body("evidence", nullValue());
        ActingAs.worker("worker-x");
        get("/blacklist").statusCode(403);
        get("/blacklist/changes").statusCode(403);
        ActingAs.lawyer("lawyer-x");
        get("/blacklist/changes").statusCode(403);
        ActingAs.partner("partner-tax");
        post("/blacklist/checks").statusCode(403);
        post("/blacklist/" + entryId + "/delist", Map.of("reason", "x")).statusCode(403);
        get("/blacklist/changes?since=yesterday").statusCode(400).body("errors[0].field", equalTo("since"));
        get("/blacklist/changes?limit=0").statusCode(400).body("errors[0].field", equalTo("limit"));
        get("/blacklist/enterprises/NOTACODE").statusCode(400).body("errors[0].field", equalTo("creditCode"));
        ActingAs.officer("officer-gucun", t.town());
        post("/blacklist/" + entryId + "/delist", Map.of("reason", "已建会")).statusCode(200);
        ActingAs.partner("partner-tax");
        get("/blacklist/changes?after=0&limit=1").statusCode(200).body("items", org.hamcrest.Matchers.hasSize(1))
                .body("more", equalTo(true));
        get("/blacklist/changes?after=999999999").statusCode(200).body("items", empty());
    }
}
