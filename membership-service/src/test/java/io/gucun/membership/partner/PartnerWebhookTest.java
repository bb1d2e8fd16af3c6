package io.gucun.membership.partner;

import static io.gucun.testsupport.ReferencePartner.await;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.common.feed.FeedItem;
import io.gucun.common.security.Roles;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.membership.ActingAs;
import io.gucun.membership.TestData;
import io.gucun.testsupport.ReferencePartner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The tax and social-insurance partners' webhooks, end to end through the API: each registers its own endpoint (a
 * reference receiver that checks signatures and dedupes), gets the items of its feed pushed, signed, with the feed's
 * ids and bodies; a receiver that is down is retried, dead-lettered and replayed; a slow one never slows a write.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
@TestSecurity(user = "tester", roles = "officer", augmentors = ActingAs.class)
class PartnerWebhookTest {

    private static final String HOOKS = "/api/membership/partner/webhooks";
    private static final List<String> TAX_TYPES = List.of(PartnerWebhooks.UNION_FOUNDED, PartnerWebhooks.ENTERPRISE_CLOSED);
    private static final List<String> SI_TYPES = List.of(PartnerWebhooks.MEMBERSHIP_STARTED,
            PartnerWebhooks.MEMBERSHIP_TRANSFERRED, PartnerWebhooks.MEMBERSHIP_ENDED);
    private final ObjectMapper mapper = new ObjectMapper();
    /** partner role → its subscriptions made by the test, deleted after it. */
    private final Map<String, List<Long>> registered = new HashMap<>();

    @Inject
    EntityManager em;

    @Inject
    io.gucun.common.pii.MatchingKeys matchingKeys;

    @AfterEach
    void reset() {
        registered.forEach((role, ids) -> {
            ActingAs.as(role, null);
            ids.forEach(id -> given().when().delete(HOOKS + "/" + id));
        });
        ActingAs.reset();
    }

    @Test
    void registeringChecksTheUrlTheEventTypesAndWhoAsks() {
        ActingAs.as(Roles.PARTNER_TAX, null);
        register(Map.of("url", "http://tax.example.cn/hook", "eventTypes", TAX_TYPES)).statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("url"));
        // The social-insurance partner's types are not offered to the tax partner, and the other way round.
        register(Map.of("url", "https://tax.example.cn/hook", "eventTypes", List.of(PartnerWebhooks.UNION_FOUNDED, "MembershipStarted")))
                .statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:gucun:problem:unknown-event-type")).body("errors.field", hasItem("eventTypes[1]"));
        register(Map.of("url", "https://tax.example.cn/hook", "eventTypes", List.of("MemberCountChanged")))
                .statusCode(422).body("errors.field", hasItem("eventTypes[0]"));
        register(Map.of("url", "https://tax.example.cn/hook", "eventTypes", List.of())).statusCode(400)
                .body("errors.field", hasItem("eventTypes"));
        ActingAs.as(Roles.PARTNER_SOCIAL_INSURANCE, null);
        register(Map.of("url", "https://si.example.cn/hook", "eventTypes", List.of(PartnerWebhooks.UNION_FOUNDED)))
                .statusCode(422).body("errors.field", hasItem("eventTypes[0]"));
        for (String role : List.of(Roles.PARTNER_CREDIT, Roles.MEMBER, Roles.OFFICER, Roles.ADMIN)) {
            ActingAs.as(role, "1");
            register(Map.of("url", "https://x.example.cn/hook", "eventTypes", TAX_TYPES)).statusCode(403)
                    .contentType("application/problem+json");
        }

        // Each partner sees only its own subscriptions: another's is 404, its list does not show it.
        ActingAs.as(Roles.PARTNER_TAX, null);
        JsonPath tax = register(Map.of("url", "https://tax.example.cn/hook-" + System.nanoTime(), "eventTypes", TAX_TYPES))
                .statusCode(201).extract().jsonPath();
        long taxId = tax.getLong("subscription.id");
        remember(Roles.PARTNER_TAX, taxId);
        assertThat(tax.getString("secret")).startsWith("whsec_");
        assertThat(given().when().get(HOOKS + "/" + taxId).then().statusCode(200).extract().asString())
                .doesNotContain(tax.getString("secret"));
        register(Map.of("url", tax.getString("subscription.url"), "eventTypes", TAX_TYPES)).statusCode(409);
        ActingAs.as(Roles.PARTNER_SOCIAL_INSURANCE, null);
        given().when().get(HOOKS + "/" + taxId).then().statusCode(404);
        given().when().get(HOOKS + "/" + taxId + "/deliveries").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{}").when().post(HOOKS + "/" + taxId + "/secret").then().statusCode(404);
        given().when().delete(HOOKS + "/" + taxId).then().statusCode(404);
        assertThat(given().when().get(HOOKS).then().statusCode(200).extract().jsonPath().getList("id", Long.class))
                .doesNotContain(taxId);
        ActingAs.as(Roles.PARTNER_TAX, null);
        assertThat(given().when().get(HOOKS).then().statusCode(200).extract().jsonPath().getList("id", Long.class))
                .contains(taxId);
    }

    @Test
    void theTaxPartnerGetsFoundingAndClosingSignedWithTheFeedsIdsAndBodies() throws Exception {
        try (ReferencePartner partner = new ReferencePartner()) {
            ActingAs.as(Roles.PARTNER_TAX, null);
            subscribe(partner, Roles.PARTNER_TAX, TAX_TYPES);
            String cursor = PartnerFeedTest.endOf(PartnerFeeds.ENTERPRISE_UNIONS, Roles.PARTNER_TAX);
            ActingAs.admin();
            Founded f = foundAUnion("上海顾村精密机械有限公司");
            PartnerFeedTest.admit(f.unionOrgId(), PartnerFeedTest.idNumber());
            given().contentType(ContentType.JSON).body(Map.of("closedOn", LocalDate.now().minusDays(1).toString()))
                    .when().post("/api/membership/enterprises/" + f.enterpriseId() + "/closure").then().statusCode(200);

            await(() -> appliedAbout(partner, f.creditCode()).size() == 2);
            ActingAs.as(Roles.PARTNER_TAX, null);
            List<FeedItem> items = PartnerFeedTest.readToEnd(PartnerFeeds.ENTERPRISE_UNIONS, cursor).stream()
                    .filter(i -> i.subject().equals(f.creditCode()) && !i.type().equals(FeedItems.MEMBER_COUNT_CHANGED)).toList();
            assertThat(items).extracting(FeedItem::type).containsExactly(FeedItems.UNION_FOUNDED, FeedItems.ENTERPRISE_CLOSED);
            List<ReferencePartner.Received> ours = receivedAbout(partner, f.creditCode());
            assertThat(ours).allMatch(ReferencePartner.Received::verified);
            // Member counts stay in the feed: only the founding and the closing are pushed.
            assertThat(ours).extracting(ReferencePartner.Received::eventType).containsOnly(TAX_TYPES.toArray(String[]::new));
            for (int i = 0; i < 2; i++) {
                FeedItem item = items.get(i);
                JsonNode body = json(partner.applied().get(item.id()));
                assertThat(body.get("id").asText()).isEqualTo(item.id());
                assertThat(body.get("type").asText()).isEqualTo(TAX_TYPES.get(i));
                assertThat(body.get("source").asText()).isEqualTo("/gucun/membership");
                assertThat(body.get("subject").asText()).isEqualTo(f.creditCode());
                assertThat(body.get("data")).isEqualTo(mapper.valueToTree(item.data()));
            }
        }
    }

    @Test
    void theSocialInsurancePartnerGetsMembershipChangesByKeyedHashOnly() throws Exception {
        try (ReferencePartner partner = new ReferencePartner()) {
            ActingAs.as(Roles.PARTNER_SOCIAL_INSURANCE, null);
            subscribe(partner, Roles.PARTNER_SOCIAL_INSURANCE, SI_TYPES);
            ActingAs.admin();
            JsonPath area = TestData.org(TestData.org(1, "宝山区总工会", "DISTRICT").getLong("id"), "顾村园区联合工会", "JOINT_AREA");
            String idNumber = PartnerFeedTest.idNumber();
            long memberId = PartnerFeedTest.admit(area.getLong("id"), idNumber);
            given().contentType(ContentType.JSON).body(Map.of("reason", "VOLUNTARY", "note", "本人申请退会"))
                    .when().post("/api/membership/members/" + memberId + "/leave").then().statusCode(200);
            // Pushed under the partner's matching key, like the feed: never the internal index hash.
            String hash = matchingKeys.forPartner(PartnerFeeds.MEMBERSHIP_STATUS_PARTNER).hash(io.gucun.common.identity.ResidentIdNumber.of(idNumber).value());
            String internal = QuarkusTransaction.requiringNew().call(() -> (String) em
                    .createNativeQuery("select id_number_hash from member where id = ?1").setParameter(1, memberId).getSingleResult());
            assertThat(hash).isNotEqualTo(internal);

            await(() -> appliedAbout(partner, hash).size() == 2);
            List<ReferencePartner.Received> ours = receivedAbout(partner, hash);
            assertThat(ours).allMatch(ReferencePartner.Received::verified);
            assertThat(ours).extracting(ReferencePartner.Received::eventType)
                    .containsOnly(PartnerWebhooks.MEMBERSHIP_STARTED, PartnerWebhooks.MEMBERSHIP_ENDED);
            for (ReferencePartner.Received r : ours) {
                String body = new String(r.body(), StandardCharsets.UTF_8);
                assertThat(body).doesNotContain(idNumber).doesNotContain(idNumber.substring(0, 6) + "*")
                        .doesNotContain("王小明").doesNotContain("本人申请退会").doesNotContain(internal);
                assertThat(json(body).get("subject").asText()).isEqualTo(hash);
            }
            JsonNode ended = ours.stream().map(r -> json(new String(r.body(), StandardCharsets.UTF_8)))
                    .filter(b -> b.get("type").asText().equals(PartnerWebhooks.MEMBERSHIP_ENDED)).findFirst().orElseThrow();
            assertThat(ended.get("data").get("status").asText()).isEqualTo("LEFT");
            assertThat(ended.get("data").get("reason").asText()).isEqualTo("VOLUNTARY");
        }
    }

    @Test
    void aReceiverThatIsDownIsRetriedThenDeadLetteredAndAReplayDeliversOnce() throws Exception {
        try (ReferencePartner partner = new ReferencePartner()) {
            ActingAs.as(Roles.PARTNER_TAX, null);
            long subscription = subscribe(partner, Roles.PARTNER_TAX, TAX_TYPES);
            ActingAs.admin();
            String creditCode = TestData.creditCode();
            partner.failNext(creditCode, 1000);
            Founded f = foundAUnion("上海顾村物流有限公司", creditCode);

            // The budget in tests is 3 attempts, 0.2 s apart at first.
            ActingAs.as(Roles.PARTNER_TAX, null);
            await(() -> "DEAD".equals(stateOf(deliveryAbout(subscription, f.creditCode(), partner))));
            Map<String, Object> dead = deliveryAbout(subscription, f.creditCode(), partner);
            assertThat(dead).containsEntry("attempts", 3).containsEntry("lastStatus", 503);
            assertThat(given().queryParam("state", "DEAD").when().get(HOOKS + "/" + subscription + "/deliveries")
                    .then().statusCode(200).extract().jsonPath().getList("items.id", Long.class))
                    .contains(((Number) dead.get("id")).longValue());
            given().queryParam("state", "LOST").when().get(HOOKS + "/" + subscription + "/deliveries")
                    .then().statusCode(400).body("errors.field", hasItem("state"));
            String eventId = (String) dead.get("eventId");
            assertThat(partner.applied()).doesNotContainKey(eventId);

            partner.failNext(creditCode, 0);
            given().contentType(ContentType.JSON).body("{}").when().post(HOOKS + "/" + subscription + "/deliveries/replay-dead")
                    .then().statusCode(200).body("replayed", equalTo(1));
            await(() -> "DELIVERED".equals(stateOf(deliveryAbout(subscription, f.creditCode(), partner))));
            assertThat(partner.timesReceived(eventId)).isEqualTo(4);
            assertThat(partner.applied().keySet().stream().filter(eventId::equals)).hasSize(1);
            given().contentType(ContentType.JSON).body("{}")
                    .when().post(HOOKS + "/" + subscription + "/deliveries/" + dead.get("id") + "/replay")
                    .then().statusCode(409).body("type", equalTo("urn:gucun:problem:delivery-not-dead"));
        }
    }

    @Test
    void aSlowReceiverNeverSlowsTheServicesWrites() throws Exception {
        try (ReferencePartner partner = new ReferencePartner()) {
            ActingAs.as(Roles.PARTNER_TAX, null);
            long subscription = subscribe(partner, Roles.PARTNER_TAX, TAX_TYPES);
            partner.slow(Duration.ofSeconds(4));
            ActingAs.admin();
            long start = System.nanoTime();
            Founded f = foundAUnion("上海顾村电子有限公司");
            given().contentType(ContentType.JSON).body(Map.of("closedOn", LocalDate.now().minusDays(1).toString()))
                    .when().post("/api/membership/enterprises/" + f.enterpriseId() + "/closure").then().statusCode(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
            // The receiver answers after the 1 s request timeout of the tests: the attempt times out and is retried.
            ActingAs.as(Roles.PARTNER_TAX, null);
            await(() -> {
                Map<String, Object> d = deliveryAbout(subscription, f.creditCode(), partner);
                return d != null && ((Number) d.get("attempts")).intValue() >= 1;
            });
            Map<String, Object> d = deliveryAbout(subscription, f.creditCode(), partner);
            assertThat(d.get("state")).isNotEqualTo("DELIVERED");
            assertThat(d.get("lastError")).isEqualTo("timed out");
        }
    }

    private static ValidatableResponse register(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().post(HOOKS).then();
    }

    private long subscribe(ReferencePartner partner, String role, List<String> types) {
        JsonPath created = register(Map.of("url", partner.url(), "eventTypes", types)).statusCode(201)
                .body("subscription.eventTypes", equalTo(types)).extract().jsonPath();
        partner.useSecret(created.getString("secret"));
        long id = created.getLong("subscription.id");
        remember(role, id);
        return id;
    }

    private void remember(String role, long id) {
        registered.computeIfAbsent(role, r -> new ArrayList<>()).add(id);
    }

    record Founded(long enterpriseId, String creditCode, long unionOrgId) {
    }

    private static Founded foundAUnion(String name) {
        return foundAUnion(name, null);
    }

    /** As admin: an enterprise (with {@code creditCode}, or a fresh one) that founds its union. */
    private static Founded foundAUnion(String name, String creditCode) {
        JsonPath town = TestData.org(1, "宝山区总工会", "DISTRICT");
        Map<String, Object> ent = new HashMap<>(Map.of("creditCode", creditCode == null ? TestData.creditCode() : creditCode,
                "name", name, "employeeCount", 60, "orgId", town.getLong("id")));
        JsonPath e = given().contentType(ContentType.JSON).body(ent).when().post("/api/membership/enterprises")
                .then().statusCode(201).extract().jsonPath();
        long unionOrgId = given().when().post("/api/membership/enterprises/" + e.getLong("id") + "/union")
                .then().statusCode(201).extract().jsonPath().getLong("unionOrg.id");
        return new Founded(e.getLong("id"), e.getString("creditCode"), unionOrgId);
    }

    private static List<ReferencePartner.Received> receivedAbout(ReferencePartner partner, String marker) {
        return partner.received().stream().filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains(marker)).toList();
    }

    private static List<String> appliedAbout(ReferencePartner partner, String marker) {
        return partner.applied().values().stream().filter(b -> b.contains(marker)).toList();
    }

    /** The log line (as the partner reads it) of the first delivery the receiver saw about {@code marker}. */
    private static Map<String, Object> deliveryAbout(long subscription, String marker, ReferencePartner partner) {
        List<String> ids = receivedAbout(partner, marker).stream().map(ReferencePartner.Received::eventId).toList();
        if (ids.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> items = given().queryParam("size", 200).when().get(HOOKS + "/" + subscription + "/deliveries")
                .then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(i -> ids.getFirst().equals(i.get("eventId"))).findFirst().orElse(null);
    }

    private static Object stateOf(Map<String, Object> delivery) {
        return delivery == null ? null : delivery.get("state");
    }

    private JsonNode json(String s) {
        try {
            return mapper.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
