package io.gucun.membership.partner;

import static io.gucun.testsupport.ReferencePartner.await;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gucun.common.feed.ChangeFeed;
import io.gucun.common.feed.FeedCursor;
import io.gucun.common.feed.FeedItem;
import io.gucun.common.feed.FeedPage;
import io.gucun.common.feed.FeedSequencer;
import io.gucun.common.security.Roles;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.membership.ActingAs;
import io.gucun.membership.TestData;
import io.gucun.testsupport.FeedsSettled;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 24: partner feed items are positioned after the business commit, by one sequencer, so no business transaction
 * waits for another one to append; readers still never skip nor repeat, and nothing committed is lost by a crash.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
@TestSecurity(user = "tester", roles = "officer", augmentors = ActingAs.class)
class FeedSequencerTest {

    /** Threads of the test's own: the common pool may have a single thread on a small machine. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool();

    @Inject
    ChangeFeed feeds;

    @Inject
    FeedSequencer sequencer;

    @Inject
    EntityManager em;

    @BeforeEach
    void asAdmin() {
        ActingAs.admin();
    }

    @AfterEach
    void reset() {
        sequencer.resume();
        ActingAs.reset();
    }

    /**
     * With the feed's old append lock, a registration waited for any open transaction that had appended a feed item
     * (and failed with 503 after the 5 s lock timeout): every join in the database committed one after the other.
     */
    @Test
    void aRegistrationCommitsWhileAnotherTransactionWithAFeedItemIsStillOpen() throws Exception {
        long org = TestData.org(TestData.org(1, "宝山区总工会", "DISTRICT").getLong("id"), "顾村园区联合工会", "JOINT_AREA").getLong("id");
        assertThat(registrationStatus(org)).isEqualTo(201); // warm: the one below is timed
        String feed = "lock-test-" + UUID.randomUUID();
        UUID held = UUID.randomUUID();
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> open = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            feeds.append(feed, held, "TEST", "held", Map.of("n", 1), OffsetDateTime.now());
            em.flush();
            appended.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), THREADS);
        try {
            assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Integer> registration = CompletableFuture.supplyAsync(() -> registrationStatus(org), THREADS);
            // On the old code it waited for the held transaction's append lock until the 5 s lock timeout: 503.
            assertThat(registration.get(20, TimeUnit.SECONDS)).as("a second, unrelated registration commits meanwhile").isEqualTo(201);
            assertThat(open).isNotDone();
        } finally {
            release.countDown();
        }
        open.get(30, TimeUnit.SECONDS);
        FeedsSettled.await();
        assertThat(feeds.read(feed, null, 10).items()).extracting(FeedItem::id).containsExactly(held.toString());
    }

    /**
     * Ids interleave with commits: A writes its item first (smaller id) but commits after B. B is readable while A is
     * still open; once A commits it gets a later position, so a reader resuming after B's item finds A's, not a gap.
     */
    @Test
    void anItemWhoseIdWasDrawnEarlierButCommittedLaterIsPositionedAfterAndNotSkipped() throws Exception {
        String feed = "interleave-test-" + UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        CountDownLatch aWritten = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong aId = new AtomicLong();
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            feeds.append(feed, a, "TEST", "a", Map.of("n", "a"), OffsetDateTime.now());
            aId.set(pendingIdOf(a));
            aWritten.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), THREADS);
        assertThat(aWritten.await(30, TimeUnit.SECONDS)).isTrue();
        long bId = QuarkusTransaction.requiringNew().call(() -> {
            feeds.append(feed, b, "TEST", "b", Map.of("n", "b"), OffsetDateTime.now());
            return pendingIdOf(b);
        });
        assertThat(bId).isGreaterThan(aId.get());

        await(() -> !feeds.read(feed, null, 10).items().isEmpty());
        FeedPage page = feeds.read(feed, null, 10);
        assertThat(page.items()).extracting(FeedItem::id).containsExactly(b.toString());
        String afterB = page.nextCursor();

        release.countDown();
        first.get(30, TimeUnit.SECONDS);
        FeedsSettled.await();
        FeedPage next = feeds.read(feed, afterB, 10);
        assertThat(next.items()).extracting(FeedItem::id).containsExactly(a.toString());
        assertThat(position(feed, next.items().getFirst().cursor())).isGreaterThan(position(feed, afterB));
        assertThat(feeds.read(feed, null, 10).items()).extracting(FeedItem::id).containsExactly(b.toString(), a.toString());
    }

    /**
     * Items committed while no sequencer runs (the process died after the business commit) stay pending and are
     * positioned when it runs again; a sequencer dying before its own commit leaves them pending too. Either way each
     * item is positioned once, in the order of its commit, and a pushed item's webhook delivery is made once.
     */
    @Test
    void itemsCommittedButNotSequencedArePositionedOnceAfterARestartWithOneDeliveryEach() throws Exception {
        ActingAs.as(Roles.PARTNER_SOCIAL_INSURANCE, null);
        long subscription = given().contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/hook-" + UUID.randomUUID(), "eventTypes", List.of(PartnerWebhooks.MEMBERSHIP_STARTED)))
                .when().post("/api/membership/partner/webhooks").then().statusCode(201).extract().jsonPath().getLong("subscription.id");
        try {
            String feed = PartnerFeeds.MEMBERSHIP_STATUS;
            String cursor = PartnerFeedTest.endOf(feed, Roles.ADMIN);
            sequencer.pause();
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                UUID id = UUID.randomUUID();
                String subject = "crash-test-" + id;
                QuarkusTransaction.requiringNew().run(() -> feeds.append(feed, id, FeedItems.MEMBERSHIP_STARTED, subject,
                        Map.of("idHash", subject, "status", "ACTIVE"), OffsetDateTime.now()));
                ids.add(id);
            }
            assertThat(itemsAfter(feed, cursor)).isEmpty();
            assertThat(deliveriesOf(subscription, ids)).isZero();

            // The sequencer dies before its commit: nothing it did stays.
            assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
                assertThat(sequencer.sequenceBatch()).isGreaterThanOrEqualTo(3);
                throw new IllegalStateException("crash before the commit");
            })).hasMessage("crash before the commit");
            assertThat(itemsAfter(feed, cursor)).isEmpty();
            assertThat(deliveriesOf(subscription, ids)).isZero();
            assertThat(sequencer.pending()).isGreaterThanOrEqualTo(3);

            // Started again: everything pending is positioned, in commit order, once.
            sequencer.resume();
            FeedsSettled.await();
            List<String> mine = itemsAfter(feed, cursor).stream().map(FeedItem::id).filter(i -> ids.contains(UUID.fromString(i))).toList();
            assertThat(mine).containsExactlyElementsOf(ids.stream().map(UUID::toString).toList());
            assertThat(deliveriesOf(subscription, ids)).isEqualTo(3);
            // A further run (another instance, a poll) adds neither items nor deliveries.
            QuarkusTransaction.requiringNew().run(() -> sequencer.sequenceBatch());
            assertThat(itemsAfter(feed, cursor).stream().map(FeedItem::id).filter(i -> ids.contains(UUID.fromString(i)))).hasSize(3);
            assertThat(deliveriesOf(subscription, ids)).isEqualTo(3);
        } finally {
            sequencer.resume();
            ActingAs.as(Roles.PARTNER_SOCIAL_INSURANCE, null);
            given().when().delete("/api/membership/partner/webhooks/" + subscription).then().statusCode(204);
        }
    }

    private List<FeedItem> itemsAfter(String feed, String cursor) {
        List<FeedItem> items = new ArrayList<>();
        String after = cursor;
        FeedPage page;
        do {
            page = feeds.read(feed, after, 500);
            items.addAll(page.items());
            after = page.nextCursor();
        } while (page.more());
        return items;
    }

    private long deliveriesOf(long subscription, List<UUID> ids) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from webhook_delivery where subscription_id = :s and event_id in (:ids)")
                .setParameter("s", subscription).setParameter("ids", ids.stream().map(UUID::toString).toList())
                .getSingleResult()).longValue());
    }

    /** The item's row in feed_pending, read in the caller's transaction (the one that wrote it). */
    private long pendingIdOf(UUID itemId) {
        return ((Number) em.createNativeQuery("select id from feed_pending where item_id = ?1").setParameter(1, itemId)
                .getSingleResult()).longValue();
    }

    private static long position(String feed, String cursor) {
        return FeedCursor.decode(feed, cursor).position();
    }

    private static int registrationStatus(long orgId) {
        ActingAs.admin();
        Map<String, Object> body = Map.of("idNumber", PartnerFeedTest.idNumber(), "name", "王小明", "mobile", "13912345678",
                "occupation", "快递员", "occupationCategory", "COURIER", "employmentForm", "PLATFORM_GIG", "orgId", orgId);
        return given().contentType(ContentType.JSON).body(body).when().post("/api/membership/members").then().extract().statusCode();
    }

}
