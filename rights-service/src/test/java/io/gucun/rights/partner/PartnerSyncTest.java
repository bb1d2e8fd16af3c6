package io.gucun.rights.partner;

import static io.gucun.testsupport.ReferencePartner.await;
import static io.gucun.rights.Api.get;
import static io.gucun.rights.Api.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.common.security.Roles;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.rights.ActingAs;
import io.gucun.rights.MembershipFeed;
import io.gucun.testsupport.FeedsSettled;
import io.gucun.testsupport.ReferencePartner;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The credit partner, end to end: it pulls the blacklist feed to the end, registers a webhook, and its reference
 * receiver gets each listing and delisting signed, at least once, applied exactly once; failures retry, dead-letter
 * and replay; a secret rotates without a rejected delivery; a slow receiver never slows the API.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "rights"))
@TestSecurity(user = "someone", roles = "member", augmentors = ActingAs.class)
class PartnerSyncTest {

    private static final String FEED = "/partner/feeds/blacklist";
    private static final String HOOKS = "/partner/webhooks";
    private final ObjectMapper mapper = new ObjectMapper();

    private final List<Long> registered = new ArrayList<>();

    /** Receivers stop with their test: their subscriptions go too, so later events are not posted to a closed port. */
    @AfterEach
    void reset() {
        ActingAs.partner(Roles.PARTNER_CREDIT);
        registered.forEach(id -> given().when().delete("/api/rights" + HOOKS + "/" + id));
        ActingAs.reset();
    }

    @Test
    void theCreditPartnerPullsListingsAndDelistingsToTheEndWithoutEvidence() {
        ActingAs.partner(Roles.PARTNER_CREDIT);
        String cursor = endOfFeed();
        Listed a = listAnEnterprise();
        Listed b = listAnEnterprise();
        ActingAs.officer("officer-gucun", a.town());
        post("/blacklist/" + a.entryId() + "/delist", Map.of("reason", "企业已成立工会并恢复被解聘职工岗位")).statusCode(200);

        ActingAs.partner(Roles.PARTNER_CREDIT);
        FeedsSettled.await();
        List<JsonNode> items = new ArrayList<>();
        String after = cursor;
        while (true) {
            JsonNode page = json(given().queryParam("after", after).queryParam("limit", 1).when().get("/api/rights" + FEED)
                    .then().statusCode(200).extract().asString());
            page.get("items").forEach(items::add);
            after = page.get("nextCursor").asText();
            if (!page.get("more").asBoolean()) {
                break;
            }
        }
        List<JsonNode> ours = items.stream().filter(i -> List.of(a.creditCode(), b.creditCode()).contains(i.get("subject").asText())).toList();
        assertThat(ours).extracting(i -> i.get("type").asText() + " " + i.get("subject").asText())
                .containsExactly("LISTED " + a.creditCode(), "LISTED " + b.creditCode(), "DELISTED " + a.creditCode());
        JsonNode delisted = ours.getLast().get("data");
        assertThat(delisted.get("active").asBoolean()).isFalse();
        assertThat(delisted.get("delistedAt").isNull()).isFalse();
        assertThat(delisted.get("reason").asText()).isEqualTo("OBSTRUCTED_FOUNDING");
        assertThat(ours.toString()).doesNotContain("解聘筹建").doesNotContain("恢复被解聘").doesNotContain("caseId");
        // Reading on from the end gives an empty page that keeps the cursor.
        given().queryParam("after", after).when().get("/api/rights" + FEED).then().statusCode(200)
                .body("items.size()", equalTo(0)).body("nextCursor", equalTo(after)).body("more", equalTo(false));
    }

    @Test
    void onlyTheCreditPartnerAndAdminsReadTheBlacklistFeed() {
        for (String role : List.of(Roles.PARTNER_CREDIT, Roles.ADMIN)) {
            ActingAs.partner(role);
            get(FEED + "?limit=1").statusCode(200);
        }
        for (String role : List.of(Roles.PARTNER_TAX, Roles.PARTNER_SOCIAL_INSURANCE, Roles.MEMBER, Roles.LAWYER, Roles.OFFICER)) {
            ActingAs.partner(role);
            get(FEED + "?limit=1").statusCode(403).contentType("application/problem+json");
        }
        ActingAs.partner(Roles.PARTNER_CREDIT);
        get("/partner/feeds/enterprise-unions").statusCode(404);
        get(FEED + "?after=bm9wZQ").statusCode(400).body("errors.field", hasItem("after"));
        get(FEED + "?limit=501").statusCode(400).body("errors.field", hasItem("limit"));
    }

    @Test
    void registeringChecksTheUrlTheEventTypesAndWhoAsks() {
        ActingAs.partner(Roles.PARTNER_TAX);
        post(HOOKS, Map.of("url", "https://tax.example.cn/hook", "eventTypes", List.of("EnterpriseBlacklisted"))).statusCode(403);
        ActingAs.partner(Roles.PARTNER_CREDIT);
        post(HOOKS, Map.of("url", "https://credit.example.cn/hook", "eventTypes", List.of("EnterpriseBlacklisted", "CaseReported")))
                .statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:gucun:problem:unknown-event-type")).body("errors.field", hasItem("eventTypes[1]"));
        post(HOOKS, Map.of("url", "http://credit.example.cn/hook", "eventTypes", List.of("EnterpriseBlacklisted")))
                .statusCode(400).body("errors.field", hasItem("url"));
        post(HOOKS, Map.of("url", "https://credit.example.cn/hook", "eventTypes", List.of())).statusCode(400)
                .body("errors.field", hasItem("eventTypes"));
        JsonPath created = post(HOOKS, Map.of("url", "https://credit.example.cn/hook-" + System.nanoTime(),
                "eventTypes", List.of("EnterpriseBlacklisted"))).statusCode(201).extract().jsonPath();
        assertThat(created.getString("secret")).startsWith("whsec_");
        long id = created.getLong("subscription.id");
        // The secret is shown once: never again in a read; a second registration of the same url does not double up.
        assertThat(get(HOOKS + "/" + id).statusCode(200).extract().asString()).doesNotContain(created.getString("secret"));
        post(HOOKS, Map.of("url", created.getString("subscription.url"), "eventTypes", List.of("EnterpriseBlacklisted")))
                .statusCode(409).body("subscriptionId", equalTo((int) id));
        given().when().delete("/api/rights" + HOOKS + "/" + id).then().statusCode(204);
        get(HOOKS + "/" + id).statusCode(404);
    }

    @Test
    void theReferencePartnerGetsEachEventSignedAtLeastOnceAndAppliesItOnce() throws Exception {
        try (ReferencePartner partner = new ReferencePartner()) {
            ActingAs.partner(Roles.PARTNER_CREDIT);
            long subscription = register(partner);
            Listed listed = listAnEnterprise();
            ActingAs.officer("officer-gucun", listed.town());
            post("/blacklist/" + listed.entryId() + "/delist", Map.of("reason", "已整改")).statusCode(200);

            await(() -> partner.applied().values().stream().filter(b -> b.contains(listed.creditCode())).count() == 2);
            List<ReferencePartner.Received> ours = partner.received().stream()
                    .filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains(listed.creditCode())).toList();
            assertThat(ours).allMatch(ReferencePartner.Received::verified);
            assertThat(ours).extracting(ReferencePartner.Received::eventType).contains("EnterpriseBlacklisted", "EnterpriseDelisted");
            JsonNode body = json(new String(ours.getFirst().body(), StandardCharsets.UTF_8));
            assertThat(body.get("id").asText()).isEqualTo(ours.getFirst().eventId());
            assertThat(body.get("data").get("creditCode").asText()).isEqualTo(listed.creditCode());
            assertThat(body.toString()).doesNotContain("evidence");

            // The delivery id the partner dedupes on is the one the blacklist feed carries for the same change.
            // (The receiver answers before the service records the answer: the log catches up a moment later.)
            ActingAs.partner(Roles.PARTNER_CREDIT);
            List<String> ids = ours.stream().map(ReferencePartner.Received::eventId).toList();
            await(() -> get(HOOKS + "/" + subscription + "/deliveries?state=DELIVERED").statusCode(200).extract().jsonPath()
                    .getList("items.eventId", String.class).containsAll(ids));
            JsonPath log = get(HOOKS + "/" + subscription + "/deliveries?state=DELIVERED").statusCode(200).extract().jsonPath();
            assertThat(log.getList("items.eventId", String.class)).containsAll(ids);
            assertThat(log.getList("items.attempts", Integer.class)).allMatch(n -> n >= 1);
        }
    }

    @Test
    void failuresRetryWithBackoffThenDeadLetterAndAReplayDeliversOnce() throws Exception {
        try (ReferencePartner partner = new ReferencePartner()) {
            ActingAs.partner(Roles.PARTNER_CREDIT);
            long subscription = register(partner);

            // Two failures, then the third attempt delivers (the budget in tests is 3 attempts).
            Prepared one = prepare();
            partner.failNext(one.creditCode(), 2);
            Listed first = list(one);
            await(() -> partner.applied().values().stream().anyMatch(b -> b.contains(first.creditCode())));
            await(() -> {
                Delivery d = deliveryOf(subscription, first.creditCode(), partner);
                return d != null && "DELIVERED".equals(d.getString("state"));
            });
            Delivery delivered = deliveryOf(subscription, first.creditCode(), partner);
            assertThat(delivered.getString("state")).isEqualTo("DELIVERED");
            assertThat(delivered.getInt("attempts")).isEqualTo(3);

            // Down for longer than the budget: DEAD, visible in the log; a replay delivers it, once.
            Prepared two = prepare();
            partner.failNext(two.creditCode(), 1000);
            Listed second = list(two);
            ActingAs.partner(Roles.PARTNER_CREDIT);
            await(() -> {
                Delivery d = deliveryOf(subscription, second.creditCode(), partner);
                return d != null && "DEAD".equals(d.getString("state"));
            });
            get(HOOKS + "/" + subscription + "/deliveries?state=DEAD").statusCode(200).body("items.state", hasItem("DEAD"));
            Delivery dead = deliveryOf(subscription, second.creditCode(), partner);
            assertThat(dead.getString("state")).isEqualTo("DEAD");
            assertThat(dead.getInt("attempts")).isEqualTo(3);
            assertThat(dead.getInt("lastStatus")).isEqualTo(503);
            String deadEventId = dead.getString("eventId");
            assertThat(partner.applied()).doesNotContainKey(deadEventId);
            post(HOOKS + "/" + subscription + "/deliveries/" + delivered.getLong("id") + "/replay").statusCode(409);

            partner.failNext(two.creditCode(), 0);
            post(HOOKS + "/" + subscription + "/deliveries/" + dead.getLong("id") + "/replay").statusCode(200)
                    .body("state", equalTo("PENDING")).body("replays", equalTo(1));
            await(() -> partner.applied().containsKey(deadEventId));
            await(() -> "DELIVERED".equals(deliveryOf(subscription, second.creditCode(), partner).getString("state")));
            assertThat(partner.timesReceived(deadEventId)).isEqualTo(4);
            assertThat(partner.applied().keySet().stream().filter(deadEventId::equals)).hasSize(1);
            post(HOOKS + "/" + subscription + "/deliveries/" + dead.getLong("id") + "/replay").statusCode(409)
                    .body("type", equalTo("urn:gucun:problem:delivery-not-dead"));
        }
    }

    @Test
    void duringARotationBothSecretsSignSoTheReceiverSwitchesWhenItLikes() throws Exception {
        try (ReferencePartner partner = new ReferencePartner()) {
            ActingAs.partner(Roles.PARTNER_CREDIT);
            long subscription = register(partner);
            String newSecret = post(HOOKS + "/" + subscription + "/secret").statusCode(200)
                    .body("subscription.previousSecretValidUntil", org.hamcrest.Matchers.notNullValue())
                    .extract().jsonPath().getString("secret");
            // The receiver still has the old secret: accepted.
            Listed one = listAnEnterprise();
            await(() -> partner.applied().values().stream().anyMatch(b -> b.contains(one.creditCode())));
            // It switches to the new one: accepted as well.
            partner.useSecret(newSecret);
            Listed two = listAnEnterprise();
            await(() -> partner.applied().values().stream().anyMatch(b -> b.contains(two.creditCode())));
            assertThat(partner.received().stream().filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains(two.creditCode())))
                    .allSatisfy(r -> assertThat(r.signature()).matches("t=\\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}"));
        }
    }

    @Test
    void aSlowReceiverNeverSlowsTheBlacklistApi() throws Exception {
        try (ReferencePartner partner = new ReferencePartner()) {
            ActingAs.partner(Roles.PARTNER_CREDIT);
            long subscription = register(partner);
            partner.slow(Duration.ofSeconds(3));
            Prepared prepared = prepare();
            long start = System.nanoTime();
            Listed listed = list(prepared);
            ActingAs.officer("officer-gucun", listed.town());
            post("/blacklist/" + listed.entryId() + "/delist", Map.of("reason", "已整改")).statusCode(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            // The receiver answers after the 1 s request timeout of the tests: the attempts time out and are retried.
            ActingAs.partner(Roles.PARTNER_CREDIT);
            await(() -> {
                Delivery d = deliveryOf(subscription, listed.creditCode(), partner);
                return d != null && d.getInt("attempts") >= 1;
            });
            Delivery d = deliveryOf(subscription, listed.creditCode(), partner);
            assertThat(d.getString("state")).isNotEqualTo("DELIVERED");
            assertThat(d.getString("lastError")).isEqualTo("timed out");
        }
    }

    private long register(ReferencePartner partner) {
        JsonPath created = post(HOOKS, Map.of("url", partner.url(), "eventTypes", List.of("EnterpriseBlacklisted", "EnterpriseDelisted")))
                .statusCode(201).body("subscription.url", equalTo(partner.url())).body("subscription.previousSecretValidUntil", nullValue())
                .extract().jsonPath();
        partner.useSecret(created.getString("secret"));
        registered.add(created.getLong("subscription.id"));
        return created.getLong("subscription.id");
    }

    /** One line of the delivery log. */
    record Delivery(Map<String, Object> m) {
        String getString(String k) {
            return m.get(k) == null ? null : String.valueOf(m.get(k));
        }

        int getInt(String k) {
            return ((Number) m.get(k)).intValue();
        }

        long getLong(String k) {
            return ((Number) m.get(k)).longValue();
        }
    }

    /** The delivery (as the partner reads its log) of the EnterpriseBlacklisted event for {@code creditCode}. */
    private Delivery deliveryOf(long subscription, String creditCode, ReferencePartner partner) {
        ActingAs.partner(Roles.PARTNER_CREDIT);
        JsonPath log = get(HOOKS + "/" + subscription + "/deliveries?size=200").statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = log.getList("items");
        List<String> eventIds = new ArrayList<>();
        for (ReferencePartner.Received r : partner.received()) {
            String body = new String(r.body(), StandardCharsets.UTF_8);
            if (body.contains(creditCode) && "EnterpriseBlacklisted".equals(r.eventType())) {
                eventIds.add(r.eventId());
            }
        }
        for (int i = 0; i < items.size(); i++) {
            if (eventIds.contains(String.valueOf(items.get(i).get("eventId")))) {
                return new Delivery(items.get(i));
            }
        }
        return null;
    }

    record Listed(long entryId, String creditCode, String town) {
    }

    record Prepared(long caseId, String creditCode, String town) {
    }

    /** A worker reports obstruction, the town takes the case over and lists the enterprise on evidence. */
    private static Listed listAnEnterprise() {
        return list(prepare());
    }

    private static Listed list(Prepared p) {
        ActingAs.officer("officer-gucun", p.town());
        long entryId = post("/blacklist", Map.of("caseId", p.caseId(), "evidence", "现场核查：企业解聘筹建工会的职工 3 人"))
                .statusCode(201).extract().jsonPath().getLong("id");
        return new Listed(entryId, p.creditCode(), p.town());
    }

    private static Prepared prepare() {
        var t = MembershipFeed.tree();
        ActingAs.worker("worker-" + System.nanoTime());
        long caseId = post("/cases", Map.of("category", "OBSTRUCTION_OF_UNION_FOUNDING", "summary", "公司阻挠职工组建工会",
                "reportingOrgId", t.parkId(), "enterpriseCreditCode", t.creditCode(), "workersAffected", 12,
                "reporterAnonymous", true)).statusCode(201).extract().jsonPath().getLong("id");
        ActingAs.officer("officer-gucun", t.town());
        post("/cases/" + caseId + "/take-over", Map.of("note", "接手")).statusCode(200);
        return new Prepared(caseId, t.creditCode(), t.town());
    }

    private static String endOfFeed() {
        FeedsSettled.await();
        String after = null;
        while (true) {
            var spec = given().queryParam("limit", 500);
            if (after != null) {
                spec = spec.queryParam("after", after);
            }
            JsonPath page = spec.when().get("/api/rights" + FEED).then().statusCode(200).extract().jsonPath();
            after = page.getString("nextCursor");
            if (!page.getBoolean("more")) {
                return after;
            }
        }
    }

    private JsonNode json(String s) {
        try {
            return mapper.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
