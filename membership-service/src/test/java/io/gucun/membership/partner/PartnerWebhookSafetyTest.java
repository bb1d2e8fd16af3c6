package io.gucun.membership.partner;

import static io.gucun.testsupport.ReferencePartner.await;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.gucun.common.outbox.Outbox;
import io.gucun.common.security.Roles;
import io.gucun.common.webhook.WebhookHostResolver;
import io.gucun.events.membership.JoinVia;
import io.gucun.events.membership.MemberEvents;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.membership.ActingAs;
import io.gucun.membership.TestData;
import io.gucun.membership.org.UnionOrg;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What keeps partner webhooks from being a way into the network: destinations only on public addresses (checked at
 * registration and again before each attempt), generic errors in the delivery log, few subscriptions per partner, and
 * deliveries made only from committed changes, after their commit.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
@TestSecurity(user = "tester", roles = "officer", augmentors = ActingAs.class)
class PartnerWebhookSafetyTest {

    private static final String HOOKS = "/api/membership/partner/webhooks";
    private static final List<String> SI_TYPES = List.of(PartnerWebhooks.MEMBERSHIP_STARTED,
            PartnerWebhooks.MEMBERSHIP_TRANSFERRED, PartnerWebhooks.MEMBERSHIP_ENDED);
    /** What moving.si.example.cn resolves to right now. */
    private static final AtomicReference<String> moving = new AtomicReference<>("203.119.0.10");

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @BeforeEach
    void stubDnsAndStartWithoutSubscriptions() {
        QuarkusMock.installMockForType(new WebhookHostResolver() {
            @Override
            public List<InetAddress> resolve(String host) throws UnknownHostException {
                return switch (host) {
                    case "intranet.si.example.cn" -> List.of(InetAddress.getByName("10.20.30.40"));
                    case "moving.si.example.cn" -> List.of(InetAddress.getByName(moving.get()));
                    default -> super.resolve(host);
                };
            }
        }, WebhookHostResolver.class);
        ActingAs.as(Roles.PARTNER_SOCIAL_INSURANCE, null);
        deleteAll();
    }

    @AfterEach
    void reset() {
        ActingAs.as(Roles.PARTNER_SOCIAL_INSURANCE, null);
        deleteAll();
        ActingAs.reset();
    }

    @Test
    void privateLoopbackAndReservedDestinationsAreRefusedAtRegistration() {
        for (String url : List.of("https://10.0.0.8/hook", "https://intranet.si.example.cn/hook", "https://[fd00::1]/hook",
                "https://169.254.169.254/latest/meta-data", "https://100.64.0.1/hook", "https://[::ffff:10.0.0.8]/hook",
                "https://0x7f.1/hook", "https://0177.0.0.1/hook", "http://10.0.0.8/hook")) {
            register(url).statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("url"));
        }
        register("https://moving.si.example.cn/hook").statusCode(201);
    }

    @Test
    void aPartnerHasAtMostFiveActiveSubscriptions() {
        long first = 0;
        for (int i = 0; i < 5; i++) {
            long id = register("https://si-" + i + ".example.cn/hook-" + System.nanoTime()).statusCode(201)
                    .extract().jsonPath().getLong("subscription.id");
            first = i == 0 ? id : first;
        }
        register("https://si-6.example.cn/hook").statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:gucun:problem:webhook-limit")).body("limit", equalTo(5));
        given().when().delete(HOOKS + "/" + first).then().statusCode(204);
        register("https://si-6.example.cn/hook").statusCode(201);
    }

    @Test
    void deliveryErrorsAreGenericAndTheDestinationIsCheckedAgainBeforeEachAttempt() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        long down = register("http://127.0.0.1:" + closed + "/hook").statusCode(201).extract().jsonPath().getLong("subscription.id");
        long rebound = register("https://moving.si.example.cn/hook").statusCode(201).extract().jsonPath().getLong("subscription.id");
        moving.set("10.9.8.7"); // the partner's DNS now points into our network

        long memberId = admitted();
        UUID event = QuarkusTransaction.requiringNew().call(() -> joinedAgain(memberId));
        await(() -> attempted(down, event) != null && attempted(rebound, event) != null);
        Map<String, Object> refused = attempted(down, event);
        assertThat(refused.get("lastError")).isEqualTo("connection failed");
        assertThat(refused.get("lastStatus")).isNull();
        String notAllowed = (String) attempted(rebound, event).get("lastError");
        assertThat(notAllowed).startsWith("destination not allowed").contains("private").doesNotContain("10.9.8.7");
    }

    @Test
    void deliveriesAreMadeAfterTheCommitAndNeverForARolledBackChange() throws Exception {
        // Where the deliveries go does not matter here, only whether they are made.
        register("http://127.0.0.1:9/hook").statusCode(201);
        long memberId = admitted();

        UUID committed = QuarkusTransaction.requiringNew().call(() -> {
            UUID id = joinedAgain(memberId);
            em.flush();
            // The projector added the feed item in this transaction, unpositioned; neither its position nor the
            // deliveries are made in it.
            assertThat(pendingItems(id)).isEqualTo(1);
            assertThat(feedItems(id)).isZero();
            assertThat(deliveries(id)).isZero();
            return id;
        });
        await(() -> QuarkusTransaction.requiringNew().call(() -> deliveries(committed)) == 1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> feedItems(committed) * 10 + pendingItems(committed))).isEqualTo(10);

        AtomicReference<UUID> rolledBack = new AtomicReference<>();
        // A change that fails after its event was recorded (and projected): the whole transaction rolls back.
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            rolledBack.set(joinedAgain(memberId));
            em.flush();
            throw new IllegalStateException("the rest of the change fails");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the rest of the change fails");
        UUID later = QuarkusTransaction.requiringNew().call(() -> joinedAgain(memberId));
        await(() -> QuarkusTransaction.requiringNew().call(() -> deliveries(later)) == 1);
        // The fan-out has passed the rolled-back change's place: it made nothing for it.
        assertThat(QuarkusTransaction.requiringNew().call(() -> deliveries(rolledBack.get()) + feedItems(rolledBack.get())
                + pendingItems(rolledBack.get()))).isZero();
    }

    /** A member admitted through the API (as admin); the caller is the social-insurance partner again afterwards. */
    private static long admitted() {
        ActingAs.admin();
        long district = TestData.org(1, "宝山区总工会", "DISTRICT").getLong("id");
        long org = TestData.org(district, "顾村园区联合工会", "JOINT_AREA").getLong("id");
        long id = PartnerFeedTest.admit(org, PartnerFeedTest.idNumber());
        ActingAs.as(Roles.PARTNER_SOCIAL_INSURANCE, null);
        return id;
    }

    /** Records a MemberJoined for the member in the caller's transaction, as a business change would. */
    private UUID joinedAgain(long memberId) {
        Long orgId = ((Number) em.createNativeQuery("select org_id from member where id = ?1").setParameter(1, memberId)
                .getSingleResult()).longValue();
        UnionOrg org = UnionOrg.findById(orgId);
        return outbox.record(MemberEvents.AGGREGATE, memberId, "MemberJoined",
                new MemberEvents.MemberJoined(memberId, org.id, org.path, OffsetDateTime.now(), JoinVia.APPLICATION,
                        null, null));
    }

    private long deliveries(UUID eventId) {
        return ((Number) em.createNativeQuery("select count(*) from webhook_delivery where event_id = ?1")
                .setParameter(1, eventId.toString()).getSingleResult()).longValue();
    }

    private long feedItems(UUID eventId) {
        return ((Number) em.createNativeQuery("select count(*) from feed_entry where item_id = ?1")
                .setParameter(1, eventId).getSingleResult()).longValue();
    }

    private long pendingItems(UUID eventId) {
        return ((Number) em.createNativeQuery("select count(*) from feed_pending where item_id = ?1")
                .setParameter(1, eventId).getSingleResult()).longValue();
    }

    /** The partner's log line of {@code event} on the subscription, once it has been attempted. */
    private static Map<String, Object> attempted(long subscription, UUID event) {
        List<Map<String, Object>> items = given().queryParam("size", 200).when().get(HOOKS + "/" + subscription + "/deliveries")
                .then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(i -> event.toString().equals(i.get("eventId")))
                .filter(i -> ((Number) i.get("attempts")).intValue() >= 1).findFirst().orElse(null);
    }

    private static ValidatableResponse register(String url) {
        return given().contentType(ContentType.JSON).body(Map.of("url", url, "eventTypes", SI_TYPES)).when().post(HOOKS).then();
    }

    private static void deleteAll() {
        given().when().get(HOOKS).then().statusCode(200).extract().jsonPath().getList("id", Long.class)
                .forEach(id -> given().when().delete(HOOKS + "/" + id).then().statusCode(204));
    }
}
