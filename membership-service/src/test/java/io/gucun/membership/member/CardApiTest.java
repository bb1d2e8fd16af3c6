package io.gucun.membership.member;

import static io.gucun.membership.member.MemberApi.BASE;
import static io.gucun.membership.member.MemberApi.get;
import static io.gucun.membership.member.MemberApi.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.membership.card.CardNumbers;
import io.gucun.testsupport.Actors;
import io.gucun.testsupport.KafkaEvents;
import io.gucun.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Service cards, benefits and redemptions through the API. Lives in the member test package to reuse
 * {@link MemberApi}, {@link Actors} and {@link TestIds}.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
class CardApiTest {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Inject
    EntityManager em;

    @AfterEach
    void nobody() {
        Actors.nobody();
    }

    /** Admitted on site to {@code org} by an officer and linked to login {@code subject}; returns the member id. */
    private long linkedMember(MemberApi.Org org, String scope, String subject) {
        long id = MemberApi.admitted(org, scope);
        Actors.officer("officer.link", scope);
        given().contentType(ContentType.JSON).body(Map.of("subject", subject))
                .when().put(BASE + "/members/" + id + "/account").then().statusCode(200);
        return id;
    }

    private static long cardId(String path) {
        return ((Number) get(path).statusCode(200).extract().path("id")).longValue();
    }

    @Test
    void aCardIsIssuedOnAdmissionAndMovesThroughItsLifecycle() {
        var tree = MemberApi.tree();
        String subject = "card-" + System.nanoTime();
        long memberId = linkedMember(tree.enterpriseA(), tree.town().path(), subject);

        // The officer sees the card issued on admission, masked.
        Actors.officer("officer.a", tree.enterpriseA().path());
        get("/members/" + memberId + "/cards").statusCode(200).body("", hasSize(1))
                .body("[0].status", equalTo("ISSUED")).body("[0].number", nullValue())
                .body("[0].maskedNumber", matchesPattern("6210 \\*{4} \\*{4} \\*{3}[0-9]{4}"));

        // The member sees the full number, which is Luhn-valid.
        Actors.member(subject);
        var mine = get("/me/card").statusCode(200).body("status", equalTo("ISSUED")).extract();
        String number = mine.path("number");
        long cardId = ((Number) mine.path("id")).longValue();
        assertThat(CardNumbers.isValid(number)).isTrue();
        assertThat((String) mine.path("maskedNumber")).endsWith(number.substring(15));

        post("/cards/" + cardId + "/activate", Map.of()).statusCode(200).body("status", equalTo("ACTIVE"));
        post("/cards/" + number + "/activate", Map.of()).statusCode(409)
                .contentType("application/problem+json")
                .body("type", containsString("card-transition-not-allowed"))
                .body("detail", containsString("only an ISSUED card can be activated"));
        // Members may not freeze.
        post("/cards/" + cardId + "/freeze", Map.of("reason", "x")).statusCode(403);

        // A sibling org's officer does not see the card or the member's cards.
        Actors.officer("officer.b", tree.enterpriseB().path());
        get("/cards/" + cardId).statusCode(404);
        get("/cards/" + number).statusCode(404);
        get("/members/" + memberId + "/cards").statusCode(404);
        post("/cards/" + cardId + "/freeze", Map.of("reason", "x")).statusCode(404);

        Actors.officer("officer.a", tree.enterpriseA().path());
        get("/cards/" + number).statusCode(200).body("number", nullValue()).body("id", equalTo((int) cardId));
        post("/cards/" + cardId + "/freeze", Map.of()).statusCode(400);
        post("/cards/" + cardId + "/freeze", Map.of("reason", "疑似冒用")).statusCode(200)
                .body("status", equalTo("FROZEN")).body("statusReason", equalTo("疑似冒用"));
        post("/cards/" + cardId + "/freeze", Map.of("reason", "again")).statusCode(409)
                .body("detail", containsString("only an ACTIVE card can be frozen"));
        post("/cards/" + cardId + "/replace", Map.of("reason", "damaged")).statusCode(409)
                .body("detail", containsString("must be unfrozen first"));
        post("/cards/" + cardId + "/unfreeze", Map.of("reason", "核实无误")).statusCode(200).body("status", equalTo("ACTIVE"));
        post("/cards/" + cardId + "/unfreeze", Map.of()).statusCode(409);
        // A second live card is refused.
        post("/members/" + memberId + "/cards", null).statusCode(409).body("type", containsString("card-already-live"));

        // The member reports it lost and replaces it.
        Actors.member(subject);
        post("/cards/" + cardId + "/report-lost", Map.of("reason", "丢在地铁上")).statusCode(200).body("status", equalTo("LOST"));
        post("/cards/" + cardId + "/report-lost", Map.of()).statusCode(409);
        post("/cards/" + cardId + "/activate", Map.of()).statusCode(409);
        var fresh = post("/cards/" + cardId + "/replace", Map.of("reason", "补卡")).statusCode(201)
                .body("status", equalTo("ISSUED")).body("replacesCardId", equalTo((int) cardId)).extract();
        String newNumber = fresh.path("number");
        long newId = ((Number) fresh.path("id")).longValue();
        assertThat(newNumber).isNotEqualTo(number);
        assertThat(CardNumbers.isValid(newNumber)).isTrue();
        get("/cards/" + number).statusCode(200).body("status", equalTo("REPLACED"));
        post("/cards/" + number + "/replace", Map.of()).statusCode(409);
        post("/cards/" + number + "/activate", Map.of()).statusCode(409);
        get("/me/card").statusCode(200).body("id", equalTo((int) newId));
        get("/cards/" + cardId + "/history").statusCode(200)
                .body("to", equalTo(List.of("ISSUED", "ACTIVE", "FROZEN", "ACTIVE", "LOST", "REPLACED")))
                .body("[2].reason", equalTo("疑似冒用")).body("[2].by", equalTo("officer.a"))
                .body("[4].by", equalTo("worker-" + subject));
        get("/members/" + memberId + "/cards").statusCode(200).body("", hasSize(2));

        // Leaving closes the live card; no new card for a former member.
        post("/members/" + memberId + "/leave", Map.of("reason", "VOLUNTARY")).statusCode(200);
        get("/cards/" + newId).statusCode(200).body("status", equalTo("CLOSED"));
        Actors.officer("officer.a", tree.enterpriseA().path());
        post("/members/" + memberId + "/cards", null).statusCode(422).body("type", containsString("member-not-active"));

        // Events on membership.card.v1, the number only masked.
        List<KafkaEvents.Received> events = cardEvents(cardId, "CardIssued", "CardStatusChanged");
        assertThat(events).allSatisfy(e -> assertThat(e.value()).doesNotContain(number));
        JsonPath issued = JsonPath.from(events.stream().filter(e -> e.type().endsWith("CardIssued")).findFirst()
                .orElseThrow().value());
        assertThat(issued.getString("maskedNumber")).isEqualTo("6210 **** **** ***" + number.substring(15));
        assertThat(issued.getLong("memberId")).isEqualTo(memberId);
        assertThat(issued.getLong("orgId")).isEqualTo(tree.enterpriseA().id());
        assertThat(events.stream().filter(e -> e.type().endsWith("CardStatusChanged")).map(e -> JsonPath.from(e.value())))
                .anySatisfy(v -> {
                    assertThat(v.getString("from")).isEqualTo("ACTIVE");
                    assertThat(v.getString("to")).isEqualTo("FROZEN");
                    assertThat(v.getString("reason")).isEqualTo("疑似冒用");
                });
    }

    @Test
    void approvedApplicationsGetACardToo() {
        var tree = MemberApi.tree();
        String subject = "apply-" + System.nanoTime();
        Actors.member(subject);
        Map<String, Object> body = MemberApi.worker(TestIds.idNumber(), TestIds.mobile());
        body.put("orgId", tree.jointIndustry().id());
        long applicationId = ((Number) MemberApi.register(body).statusCode(201).extract().path("application.id")).longValue();
        get("/me/card").statusCode(404);
        Actors.officer("officer.town", tree.town().path());
        post("/applications/" + applicationId + "/approve", Map.of()).statusCode(200);
        Actors.member(subject);
        get("/me/card").statusCode(200).body("status", equalTo("ISSUED")).body("orgId", equalTo((int) tree.jointIndustry().id()));
    }

    private long benefit(long orgId, String kind, String title, LocalDate from, LocalDate to, Map<String, Object> extra) {
        Map<String, Object> b = new HashMap<>(Map.of("orgId", orgId, "kind", kind, "title", title, "validFrom", from.toString()));
        if (to != null) {
            b.put("validTo", to.toString());
        }
        b.putAll(extra);
        return ((Number) post("/benefits", b).statusCode(201).extract().path("id")).longValue();
    }

    @Test
    void aBenefitCanBeCappedPerMemberAndWithdrawn() {
        var tree = MemberApi.tree();
        Actors.officer("officer.town", tree.town().path());
        post("/benefits", Map.of("orgId", tree.town().id(), "kind", "UNIVERSAL", "title", "x", "validFrom", TODAY.toString(),
                "maxPerMember", 0)).statusCode(400).body("errors[0].field", equalTo("maxPerMember"));
        long once = benefit(tree.town().id(), "UNIVERSAL", "年度体检", TODAY, null, Map.of("maxPerMember", 1));
        long twice = benefit(tree.town().id(), "MERCHANT", "观影券", TODAY, null, Map.of("merchantName", "顾村影城",
                "maxPerMember", 2));
        String subject = "capped-" + System.nanoTime();
        linkedMember(tree.jointArea(), tree.town().path(), subject);
        Actors.member(subject);
        long cardId = cardId("/me/card");
        post("/cards/" + cardId + "/activate", Map.of()).statusCode(200);

        post("/cards/" + cardId + "/redemptions", Map.of("benefitId", once)).statusCode(201);
        post("/cards/" + cardId + "/redemptions", Map.of("benefitId", once)).statusCode(422)
                .body("type", equalTo("urn:gucun:problem:benefit-limit-reached"))
                .body("used", equalTo(1)).body("maxPerMember", equalTo(1));
        post("/cards/" + cardId + "/redemptions", Map.of("benefitId", twice)).statusCode(201);

        // Withdrawn: still on record, no longer offered or redeemable; a reason is required; only once.
        Actors.officer("officer.town", tree.town().path());
        post("/benefits/" + twice + "/withdraw", Map.of()).statusCode(400).body("errors[0].field", equalTo("reason"));
        post("/benefits/" + twice + "/withdraw", Map.of("reason", "合作商户停业")).statusCode(200)
                .body("withdrawalReason", equalTo("合作商户停业")).body("withdrawnAt", org.hamcrest.Matchers.notNullValue());
        post("/benefits/" + twice + "/withdraw", Map.of("reason", "again")).statusCode(409)
                .body("type", equalTo("urn:gucun:problem:benefit-withdrawn"));
        Actors.officer("officer.b", tree.enterpriseB().path());
        post("/benefits/" + once + "/withdraw", Map.of("reason", "not mine")).statusCode(404);
        Actors.member(subject);
        get("/me/benefits").statusCode(200).body("id", hasItem((int) once)).body("id", not(hasItem((int) twice)));
        post("/cards/" + cardId + "/redemptions", Map.of("benefitId", twice)).statusCode(422)
                .body("type", equalTo("urn:gucun:problem:benefit-withdrawn"));
        get("/cards/" + cardId + "/redemptions").statusCode(200).body("size()", equalTo(2));
    }

    @Test
    void redemptionsAreCheckedAndIdempotent() {
        var tree = MemberApi.tree();
        // Offers across the tree (admin for the district, the town's officer for the town and below).
        Actors.admin();
        long merchant = benefit(tree.district().id(), "MERCHANT", "超市九五折", TODAY.minusDays(30), null,
                Map.of("merchantName", "顾村联华超市"));
        Actors.officer("officer.town", tree.town().path());
        post("/benefits", Map.of("orgId", tree.district().id(), "kind", "UNIVERSAL", "title", "x",
                "validFrom", TODAY.toString())).statusCode(403);
        post("/benefits", Map.of("orgId", tree.town().id(), "kind", "MERCHANT", "title", "x",
                "validFrom", TODAY.toString())).statusCode(400).body("errors[0].field", equalTo("merchantName"));
        post("/benefits", Map.of("orgId", tree.town().id(), "kind", "SPECIAL", "title", "x",
                "validFrom", TODAY.toString())).statusCode(400);
        long universal = benefit(tree.town().id(), "UNIVERSAL", "职工体检", TODAY, TODAY.plusDays(30), Map.of());
        long expired = benefit(tree.town().id(), "UNIVERSAL", "春节慰问", TODAY.minusDays(60), TODAY.minusDays(1), Map.of());
        long future = benefit(tree.town().id(), "UNIVERSAL", "明年活动", TODAY.plusDays(1), null, Map.of());
        long gig = benefit(tree.jointArea().id(), "SPECIAL", "新就业形态送清凉", TODAY, null,
                Map.of("eligibleEmploymentForms", List.of("PLATFORM_GIG")));
        long retired = benefit(tree.town().id(), "SPECIAL", "退休职工慰问", TODAY, null,
                Map.of("eligibleEmploymentForms", List.of("RETIRED"), "eligibleMemberIds", List.of(-1)));
        long sibling = benefit(tree.enterpriseB().id(), "UNIVERSAL", "乙企业福利", TODAY, null, Map.of());
        given().queryParam("orgId", tree.jointArea().id()).when().get(BASE + "/benefits").then().statusCode(200)
                .body("items.id", hasItem((int) gig)).body("items.id", not(hasItem((int) universal)));

        String subject = "redeem-" + System.nanoTime();
        long memberId = linkedMember(tree.enterpriseA(), tree.town().path(), subject);
        String other = "other-" + System.nanoTime();
        linkedMember(tree.enterpriseA(), tree.town().path(), other);

        Actors.member(subject);
        var card = get("/me/card").statusCode(200).extract();
        long cardId = ((Number) card.path("id")).longValue();
        String number = card.path("number");
        // Not activated yet.
        post("/cards/" + cardId + "/redemptions", Map.of("benefitId", universal)).statusCode(422)
                .body("type", containsString("card-not-active"));
        post("/cards/" + cardId + "/activate", Map.of()).statusCode(200);

        get("/me/benefits").statusCode(200)
                .body("id", hasItem((int) universal)).body("id", hasItem((int) merchant)).body("id", hasItem((int) gig))
                .body("id", not(hasItem((int) expired))).body("id", not(hasItem((int) future)))
                .body("id", not(hasItem((int) retired))).body("id", not(hasItem((int) sibling)));

        // Idempotent: the same key twice gives the same redemption and one row.
        var first = given().contentType(ContentType.JSON).header("Idempotency-Key", "k-" + subject)
                .body(Map.of("benefitId", universal, "note", "体检中心"))
                .when().post(BASE + "/cards/" + number + "/redemptions").then().statusCode(201).extract();
        long redemptionId = ((Number) first.path("id")).longValue();
        given().contentType(ContentType.JSON).header("Idempotency-Key", "k-" + subject)
                .body(Map.of("benefitId", universal, "note", "体检中心"))
                .when().post(BASE + "/cards/" + cardId + "/redemptions").then().statusCode(200)
                .body("id", equalTo((int) redemptionId));
        long rows = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from benefit_redemption where card_id = :c").setParameter("c", cardId)
                .getSingleResult()).longValue());
        assertThat(rows).isEqualTo(1);
        // The same key for another benefit is refused, not answered with the first redemption.
        given().contentType(ContentType.JSON).header("Idempotency-Key", "k-" + subject)
                .body(Map.of("benefitId", merchant, "note", "体检中心"))
                .when().post(BASE + "/cards/" + cardId + "/redemptions").then().statusCode(422)
                .contentType("application/problem+json").body("type", equalTo("urn:gucun:problem:idempotency-key-reused"));

        post("/cards/" + cardId + "/redemptions", Map.of("benefitId", expired)).statusCode(422)
                .body("type", containsString("benefit-not-valid")).body("detail", containsString("expired"));
        post("/cards/" + cardId + "/redemptions", Map.of("benefitId", future)).statusCode(422)
                .body("detail", containsString("not yet valid"));
        post("/cards/" + cardId + "/redemptions", Map.of("benefitId", retired)).statusCode(422)
                .body("type", containsString("not-eligible"));
        post("/cards/" + cardId + "/redemptions", Map.of("benefitId", sibling)).statusCode(422)
                .body("type", containsString("benefit-not-offered"));
        post("/cards/" + cardId + "/redemptions", Map.of("benefitId", Long.MAX_VALUE)).statusCode(400);
        post("/cards/" + cardId + "/redemptions", Map.of("benefitId", gig)).statusCode(201);

        // The officer of the member's org redeems too; the sibling org's officer cannot see the card.
        Actors.officer("officer.a", tree.enterpriseA().path());
        post("/cards/" + number + "/redemptions", Map.of("benefitId", merchant)).statusCode(201);
        get("/cards/" + cardId + "/redemptions").statusCode(200).body("", hasSize(3));
        Actors.officer("officer.b", tree.enterpriseB().path());
        post("/cards/" + cardId + "/redemptions", Map.of("benefitId", universal)).statusCode(404);
        get("/cards/" + cardId + "/redemptions").statusCode(404);

        // Another member sees only their own.
        Actors.member(other);
        get("/cards/" + cardId).statusCode(404);
        post("/cards/" + cardId + "/redemptions", Map.of("benefitId", universal)).statusCode(404);
        get("/me/redemptions").statusCode(200).body("", hasSize(0));
        Actors.member(subject);
        get("/me/redemptions").statusCode(200).body("", hasSize(3)).body("memberId", everyItemIs(memberId));

        // Frozen, lost and replaced cards refuse.
        Actors.officer("officer.a", tree.enterpriseA().path());
        post("/cards/" + cardId + "/freeze", Map.of("reason", "核查中")).statusCode(200);
        post("/cards/" + cardId + "/redemptions", Map.of("benefitId", universal)).statusCode(422)
                .body("detail", containsString("card is frozen"));
        // A retry of the earlier request still answers with the first redemption.
        given().contentType(ContentType.JSON).header("Idempotency-Key", "k-" + subject)
                .body(Map.of("benefitId", universal, "note", "体检中心")).when().post(BASE + "/cards/" + cardId + "/redemptions")
                .then().statusCode(200).body("id", equalTo((int) redemptionId));
        post("/cards/" + cardId + "/report-lost", Map.of()).statusCode(200);
        post("/cards/" + cardId + "/redemptions", Map.of("benefitId", universal)).statusCode(422)
                .body("detail", containsString("lost"));
        post("/cards/" + cardId + "/replace", Map.of()).statusCode(201);
        post("/cards/" + cardId + "/redemptions", Map.of("benefitId", universal)).statusCode(422)
                .body("detail", containsString("card is replaced"));

        List<KafkaEvents.Received> events = cardEvents(cardId, "BenefitRedeemed");
        assertThat(events.stream().filter(e -> e.type().endsWith("BenefitRedeemed")).map(KafkaEvents.Received::value))
                .hasSizeBetween(1, 3)
                .anySatisfy(v -> {
                    JsonPath j = JsonPath.from(v);
                    assertThat(j.getLong("redemptionId")).isEqualTo(redemptionId);
                    assertThat(j.getString("kind")).isEqualTo("UNIVERSAL");
                    assertThat(j.getLong("benefitId")).isEqualTo(universal);
                    assertThat(j.getLong("memberId")).isEqualTo(memberId);
                    assertThat(j.getLong("cardId")).isEqualTo(cardId);
                });
    }

    private static org.hamcrest.Matcher<Iterable<? extends Integer>> everyItemIs(long id) {
        return org.hamcrest.Matchers.everyItem(equalTo((int) id));
    }

    static List<KafkaEvents.Received> cardEvents(long cardId, String... types) {
        String key = String.valueOf(cardId);
        List<KafkaEvents.Received> all = KafkaEvents.read(
                "membership.card.v1", Duration.ofSeconds(30), got -> {
                    for (String t : types) {
                        if (got.stream().noneMatch(e -> key.equals(e.key()) && ("io.gucun.membership." + t).equals(e.type()))) {
                            return false;
                        }
                    }
                    return true;
                });
        List<KafkaEvents.Received> mine = all.stream().filter(e -> key.equals(e.key())).toList();
        assertThat(mine).extracting(KafkaEvents.Received::type)
                .contains(java.util.Arrays.stream(types).map(t -> "io.gucun.membership." + t).toArray(String[]::new));
        return mine;
    }
}
