package io.gucun.membership.member;

import static io.gucun.membership.member.MemberApi.BASE;
import static io.gucun.membership.member.MemberApi.get;
import static io.gucun.membership.member.MemberApi.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.testsupport.Actors;
import io.gucun.testsupport.KafkaEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The members' assessment of their chair through the API. In the member test package to reuse {@link MemberApi}. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
class AssessmentApiTest {

    @Inject
    EntityManager em;

    @AfterEach
    void nobody() {
        Actors.nobody();
    }

    private static long member(MemberApi.Org org, String scope, String subject) {
        long id = MemberApi.admitted(org, scope);
        Actors.officer("officer.link", scope);
        given().contentType(ContentType.JSON).body(Map.of("subject", subject))
                .when().put(BASE + "/members/" + id + "/account").then().statusCode(200);
        return id;
    }

    private static Map<String, Object> assessment(long orgId, int year, Long chair, int minRaters) {
        Map<String, Object> body = new HashMap<>();
        body.put("orgId", orgId);
        body.put("year", year);
        body.put("chairMemberId", chair);
        body.put("opensAt", OffsetDateTime.now().minusMinutes(1).toString());
        body.put("closesAt", OffsetDateTime.now().plusHours(1).toString());
        body.put("minRaters", minRaters);
        return body;
    }

    private void endWindow(long id) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                update chair_assessment set opens_at = now() - interval '2 hours', closes_at = now() - interval '1 second'
                 where id = :a""").setParameter("a", id).executeUpdate());
    }

    private static JsonPath closedEvent(long id) {
        String key = String.valueOf(id);
        return JsonPath.from(KafkaEvents.read("membership.assessment.v1", Duration.ofSeconds(30),
                        got -> got.stream().anyMatch(e -> key.equals(e.key()))).stream()
                .filter(e -> key.equals(e.key())).findFirst().orElseThrow().value());
    }

    @Test
    void membersRateTheirChairAndOnlyAggregatesOverTheMinimumAreShown() {
        var tree = MemberApi.tree();
        String scope = tree.town().path();
        String run = String.valueOf(System.nanoTime());
        long chair = member(tree.jointIndustry(), scope, "chair-" + run);
        member(tree.jointIndustry(), scope, "r1-" + run);
        member(tree.jointIndustry(), scope, "r2-" + run);
        member(tree.jointIndustry(), scope, "r3-" + run);
        long outsider = member(tree.enterpriseA(), scope, "out-" + run);
        long org = tree.jointIndustry().id();

        Actors.officer("officer.town", scope);
        post("/assessments", assessment(org, 2026, outsider, 3)).statusCode(400).body("errors[0].field", equalTo("chairMemberId"));
        post("/assessments", assessment(org, 2026, null, 3)).statusCode(400).body("errors[0].field", equalTo("chairMemberId"));
        long id = ((Number) post("/assessments", assessment(org, 2026, chair, 3)).statusCode(201)
                .body("phase", equalTo("OPEN")).extract().path("id")).longValue();
        post("/assessments", assessment(org, 2026, chair, 3)).statusCode(409)
                .body("type", equalTo("urn:gucun:problem:assessment-exists"));

        // Who may not rate, and rating twice: none of it is counted.
        Actors.member("out-" + run);
        post("/me/assessments/" + id + "/rating", Map.of("rating", "DISSATISFIED")).statusCode(403)
                .body("type", equalTo("urn:gucun:problem:not-a-member-of-union"));
        Actors.member("chair-" + run);
        post("/me/assessments/" + id + "/rating", Map.of("rating", "SATISFIED")).statusCode(422)
                .body("type", equalTo("urn:gucun:problem:own-assessment"));
        Actors.member("r1-" + run);
        get("/me/assessments").statusCode(200).body("id", hasItem((int) id));
        post("/me/assessments/" + id + "/rating", Map.of("rating", "BAD")).statusCode(400);
        post("/me/assessments/" + id + "/rating", Map.of("rating", "SATISFIED")).statusCode(204);
        post("/me/assessments/" + id + "/rating", Map.of("rating", "DISSATISFIED")).statusCode(409)
                .body("type", equalTo("urn:gucun:problem:already-rated"));
        Actors.member("r2-" + run);
        post("/me/assessments/" + id + "/rating", Map.of("rating", "DISSATISFIED")).statusCode(204);
        get("/assessments/" + id).statusCode(200).body("raters", equalTo(2)).body("resultShown", equalTo(false))
                .body("satisfied", nullValue()).body("youRated", equalTo(true));

        Actors.officer("officer.town", scope);
        post("/assessments/" + id + "/close", null).statusCode(422);
        endWindow(id);
        Actors.member("r3-" + run);
        post("/me/assessments/" + id + "/rating", Map.of("rating", "SATISFIED")).statusCode(422)
                .body("type", equalTo("urn:gucun:problem:rating-closed"));

        // Two raters of a minimum of three: closed, nothing shown, nothing published but the number of raters.
        Actors.officer("officer.town", scope);
        post("/assessments/" + id + "/close", null).statusCode(200).body("phase", equalTo("CLOSED"))
                .body("raters", equalTo(2)).body("resultShown", equalTo(false)).body("satisfactionPercent", nullValue());
        post("/assessments/" + id + "/close", null).statusCode(409);
        JsonPath hidden = closedEvent(id);
        assertThat(hidden.getBoolean("resultShown")).isFalse();
        assertThat(hidden.getString("satisfied")).isNull();
        assertThat(hidden.getInt("raters")).isEqualTo(2);

        // Next year, with a minimum of two: the counts are shown and published.
        long next = ((Number) post("/assessments", assessment(org, 2027, chair, 2)).statusCode(201).extract().path("id")).longValue();
        for (String[] r : List.of(new String[] {"r1", "SATISFIED"}, new String[] {"r2", "BASICALLY_SATISFIED"},
                new String[] {"r3", "DISSATISFIED"})) {
            Actors.member(r[0] + "-" + run);
            post("/me/assessments/" + next + "/rating", Map.of("rating", r[1])).statusCode(204);
        }
        endWindow(next);
        Actors.officer("officer.town", scope);
        post("/assessments/" + next + "/close", null).statusCode(200).body("resultShown", equalTo(true))
                .body("satisfied", equalTo(1)).body("basicallySatisfied", equalTo(1)).body("dissatisfied", equalTo(1))
                .body("satisfactionPercent", equalTo(66.67f));
        JsonPath shown = closedEvent(next);
        assertThat(shown.getString("satisfactionPercent")).isEqualTo("66.67");
        assertThat(shown.getLong("chairMemberId")).isEqualTo(chair);
        assertThat(shown.getInt("year")).isEqualTo(2027);
        assertThat(shown.getBoolean("chairPartTime")).as("no full-time post of the union in the register").isTrue();
        get("/assessments?orgId=" + org).statusCode(200).body("items.id", hasItem((int) next));
        Actors.member("out-" + run);
        get("/assessments/" + next).statusCode(404);

        // The chair taken on as the union's full-time officer: the next year's event says the chair is not part-time.
        Actors.officer("officer.town", scope);
        post("/appointments", Map.of("orgId", org, "post", "FULL_TIME_OFFICER", "name", "专职主席", "memberId", chair,
                "termFrom", java.time.LocalDate.now().minusDays(1).toString())).statusCode(201);
        long third = ((Number) post("/assessments", assessment(org, 2028, chair, 2)).statusCode(201).extract().path("id")).longValue();
        endWindow(third);
        post("/assessments/" + third + "/close", null).statusCode(200);
        assertThat(closedEvent(third).getBoolean("chairPartTime")).isFalse();
    }

    @Test
    void theClosedEventCarriesTheWholeMonthsTheChairHeldThePostInTheYear() {
        var tree = MemberApi.tree();
        String scope = tree.town().path();
        String run = String.valueOf(System.nanoTime());
        long chair = member(tree.jointArea(), scope, "mchair-" + run);
        long unregistered = member(tree.enterpriseB(), scope, "nochair-" + run);
        long org = tree.jointArea().id();

        // Elected on 15 March 2025, the term cut short on 30 November: April to November, eight whole months.
        Actors.officer("officer.town", scope);
        long post = ((Number) post("/appointments", Map.of("orgId", org, "post", "CHAIR", "name", "年中主席",
                "memberId", chair, "termFrom", "2025-03-15")).statusCode(201).extract().path("id")).longValue();
        post("/appointments/" + post + "/term-end", Map.of("endedOn", "2025-11-30", "reason", "辞职")).statusCode(200);
        long id = ((Number) post("/assessments", assessment(org, 2025, chair, 2)).statusCode(201).extract().path("id"))
                .longValue();
        endWindow(id);
        post("/assessments/" + id + "/close", null).statusCode(200);
        assertThat(closedEvent(id).getInt("chairMonthsInPost")).isEqualTo(8);

        // A member the register never made the union's chair held the post no month of the year.
        long other = ((Number) post("/assessments", assessment(tree.enterpriseB().id(), 2025, unregistered, 2))
                .statusCode(201).extract().path("id")).longValue();
        endWindow(other);
        post("/assessments/" + other + "/close", null).statusCode(200);
        assertThat(closedEvent(other).getInt("chairMonthsInPost")).isZero();
    }
}
