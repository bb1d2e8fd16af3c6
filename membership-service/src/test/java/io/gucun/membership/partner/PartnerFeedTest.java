package io.gucun.membership.partner;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.gucun.common.feed.ChangeFeed;
import io.gucun.common.feed.FeedItem;
import io.gucun.common.feed.FeedPage;
import io.gucun.common.feed.FeedSequencer;
import io.gucun.common.identity.ResidentIdNumber;
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
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tax and social-insurance partners' feeds: what they carry, who may read them, cursors, and paging under load. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
@TestSecurity(user = "tester", roles = "officer", augmentors = ActingAs.class)
class PartnerFeedTest {

    private static final String FEEDS = "/api/membership/partner/feeds/";
    private static final AtomicLong NEXT_ID = new AtomicLong(ThreadLocalRandom.current().nextLong(0, 5_000_000));

    @Inject
    ChangeFeed feeds;

    @Inject
    FeedSequencer sequencer;

    @Inject
    io.gucun.common.pii.MatchingKeys matchingKeys;

    @Inject
    io.gucun.common.pii.PersonalDataCipher cipher;

    @Inject
    EntityManager em;

    @BeforeEach
    void asAdmin() {
        ActingAs.admin();
    }

    @AfterEach
    void reset() {
        ActingAs.reset();
    }

    @Test
    void theTaxPartnerSeesAUnionFoundedItsMemberCountsAndTheEnterpriseClosing() {
        String cursor = endOf(PartnerFeeds.ENTERPRISE_UNIONS, Roles.PARTNER_TAX);
        ActingAs.admin();
        JsonPath town = TestData.org(TestData.org(1, "宝山区总工会", "DISTRICT").getLong("id"), "顾村镇总工会", "TOWN");
        JsonPath ent = TestData.enterprise(town.getLong("id"), "上海顾村精密机械有限公司", 86, "2019-04-12");
        String code = ent.getString("creditCode");
        long unionOrgId = given().when().post("/api/membership/enterprises/" + ent.getLong("id") + "/union")
                .then().statusCode(201).extract().jsonPath().getLong("unionOrg.id");
        long first = admit(unionOrgId, idNumber());
        admit(unionOrgId, idNumber());
        given().contentType(ContentType.JSON).body(Map.of("reason", "VOLUNTARY"))
                .when().post("/api/membership/members/" + first + "/leave").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("closedOn", LocalDate.now().minusDays(1).toString()))
                .when().post("/api/membership/enterprises/" + ent.getLong("id") + "/closure").then().statusCode(200);

        ActingAs.as(Roles.PARTNER_TAX, null);
        List<FeedItem> mine = readToEnd(PartnerFeeds.ENTERPRISE_UNIONS, cursor).stream()
                .filter(i -> i.subject().equals(code)).toList();
        assertThat(mine).extracting(FeedItem::type).containsExactly(FeedItems.UNION_FOUNDED, FeedItems.MEMBER_COUNT_CHANGED,
                FeedItems.MEMBER_COUNT_CHANGED, FeedItems.MEMBER_COUNT_CHANGED, FeedItems.ENTERPRISE_CLOSED);
        assertThat(mine).extracting(i -> i.data().get("memberCount").asLong()).containsExactly(0L, 1L, 2L, 1L, 0L);
        assertThat(mine.getFirst().data().get("hasUnion").asBoolean()).isTrue();
        assertThat(mine.getFirst().data().get("unionOrgId").asLong()).isEqualTo(unionOrgId);
        assertThat(mine.getLast().data().get("hasUnion").asBoolean()).isFalse();
        assertThat(mine.getLast().data().get("closedOn").asText()).isEqualTo(LocalDate.now().minusDays(1).toString());
        assertThat(mine).extracting(FeedItem::id).doesNotHaveDuplicates();
    }

    @Test
    void concurrentJoinsToOneEnterpriseUnionLeaveItsTrueCountAsTheLatestItem() throws Exception {
        String cursor = endOf(PartnerFeeds.ENTERPRISE_UNIONS, Roles.ADMIN);
        ActingAs.admin();
        JsonPath town = TestData.org(1, "宝山区总工会", "DISTRICT");
        JsonPath ent = TestData.enterprise(town.getLong("id"), "上海顾村物流有限公司", 200, null);
        long unionOrgId = given().when().post("/api/membership/enterprises/" + ent.getLong("id") + "/union")
                .then().statusCode(201).extract().jsonPath().getLong("unionOrg.id");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Long>> joins = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            joins.add(pool.submit(() -> admit(unionOrgId, idNumber())));
        }
        for (Future<Long> f : joins) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        List<Long> counts = readToEnd(PartnerFeeds.ENTERPRISE_UNIONS, cursor).stream()
                .filter(i -> i.subject().equals(ent.getString("creditCode")) && i.type().equals(FeedItems.MEMBER_COUNT_CHANGED))
                .map(i -> i.data().get("memberCount").asLong()).toList();
        // Each join counted every join committed before it: 1, 2, ... 8 in feed order, never a stale repeat.
        assertThat(counts).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void theSocialInsurancePartnerSeesMembershipChangesByKeyedHashNeverTheIdNumber() {
        String cursor = endOf(PartnerFeeds.MEMBERSHIP_STATUS, Roles.PARTNER_SOCIAL_INSURANCE);
        ActingAs.admin();
        JsonPath town = TestData.org(TestData.org(1, "宝山区总工会", "DISTRICT").getLong("id"), "顾村镇总工会", "TOWN");
        JsonPath area = TestData.org(town.getLong("id"), "顾村园区联合工会", "JOINT_AREA");
        String idNumber = idNumber();
        long memberId = admit(area.getLong("id"), idNumber);
        given().contentType(ContentType.JSON).body(Map.of("reason", "VOLUNTARY", "note", "本人申请退会"))
                .when().post("/api/membership/members/" + memberId + "/leave").then().statusCode(200);
        String internal = QuarkusTransaction.requiringNew().call(() -> (String) em
                .createNativeQuery("select id_number_hash from member where id = ?1").setParameter(1, memberId).getSingleResult());
        // What the partner computes for its own records with the key an admin hands it (docs/partners/keys.md).
        String key = given().when().get("/api/membership/admin/matching-keys/social-insurance").then().statusCode(200)
                .header("Cache-Control", "no-store").body("version", equalTo(1)).body("algorithm", equalTo("HMAC-SHA256"))
                .extract().path("key");
        String hash = hmacHex(key, ResidentIdNumber.of(idNumber).value());
        assertThat(hash).as("the partner's hash is not the internal index").isNotEqualTo(internal)
                .isNotEqualTo(matchingKeys.forPartner("tax").hash(ResidentIdNumber.of(idNumber).value()));

        ActingAs.as(Roles.PARTNER_SOCIAL_INSURANCE, null);
        String raw = given().queryParam("after", cursor).queryParam("limit", 500).when().get(FEEDS + PartnerFeeds.MEMBERSHIP_STATUS)
                .then().statusCode(200).extract().asString();
        assertThat(raw).doesNotContain(idNumber).doesNotContain(idNumber.substring(0, 6) + "****").doesNotContain("本人申请退会")
                .doesNotContain(internal);
        List<FeedItem> mine = readToEnd(PartnerFeeds.MEMBERSHIP_STATUS, cursor).stream().filter(i -> i.subject().equals(hash)).toList();
        assertThat(mine).extracting(FeedItem::type).containsExactly(FeedItems.MEMBERSHIP_STARTED, FeedItems.MEMBERSHIP_ENDED);
        assertThat(mine.getFirst().data().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(mine.getFirst().data().get("orgPath").asText()).isEqualTo(area.getString("path"));
        assertThat(mine.getLast().data().get("status").asText()).isEqualTo("LEFT");
        assertThat(mine.getLast().data().get("reason").asText()).isEqualTo("VOLUNTARY");
        assertThat(mine.getLast().data().get("idHash").asText()).isEqualTo(hash).hasSize(64);
        assertThat(mine.getLast().data().get("keyVersion").asInt()).isEqualTo(1);
    }

    @Test
    void eachPartnerReadsOnlyItsOwnFeedAdminsReadBothAndOfficersNeither() {
        Map<String, List<Integer>> expected = new LinkedHashMap<>();
        // role -> [enterprise-unions, membership-status]
        expected.put(Roles.PARTNER_TAX, List.of(200, 403));
        expected.put(Roles.PARTNER_SOCIAL_INSURANCE, List.of(403, 200));
        expected.put(Roles.PARTNER_CREDIT, List.of(403, 403));
        expected.put(Roles.MEMBER, List.of(403, 403));
        expected.put(Roles.LAWYER, List.of(403, 403));
        // issue 20: a town officer's token read every join, transfer and leave in the country here
        expected.put(Roles.OFFICER, List.of(403, 403));
        expected.put(Roles.ADMIN, List.of(200, 200));
        expected.forEach((role, statuses) -> {
            ActingAs.as(role, "1");
            given().queryParam("limit", 1).when().get(FEEDS + PartnerFeeds.ENTERPRISE_UNIONS).then().statusCode(statuses.get(0));
            given().queryParam("limit", 1).when().get(FEEDS + PartnerFeeds.MEMBERSHIP_STATUS).then().statusCode(statuses.get(1));
        });
        ActingAs.admin();
        given().when().get(FEEDS + "blacklist").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aMalformedOrForeignCursorIsA400NamingAfterAndABadLimitNamesLimit() {
        String foreign = endOf(PartnerFeeds.MEMBERSHIP_STATUS, Roles.ADMIN);
        for (String bad : List.of("%%%", "bm90LWEtY3Vyc29y", foreign)) {
            given().queryParam("after", bad).when().get(FEEDS + PartnerFeeds.ENTERPRISE_UNIONS)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:gucun:problem:validation")).body("errors.field", hasItem("after"));
        }
        for (int limit : new int[] {0, 501}) {
            given().queryParam("limit", limit).when().get(FEEDS + PartnerFeeds.ENTERPRISE_UNIONS)
                    .then().statusCode(400).body("errors.field", hasItem("limit"));
        }
    }

    @Test
    void aCursorFromBeforeThePrunedPartIsGoneNotSilentlyGapped() {
        String feed = "prune-test-" + UUID.randomUUID();
        List<UUID> ids = appendTestItems(feed, 3);
        FeedPage first = feeds.read(feed, null, 1);
        assertThat(first.items()).extracting(FeedItem::id).containsExactly(ids.getFirst().toString());
        assertThat(feeds.prune(feed, Instant.now().plusSeconds(1))).isEqualTo(3);
        UUID later = appendTestItems(feed, 1).getFirst();

        assertThatGone(() -> feeds.read(feed, first.nextCursor(), 10));
        // Starting again without a cursor gives what is kept.
        FeedPage again = feeds.read(feed, null, 10);
        assertThat(again.items()).extracting(FeedItem::id).containsExactly(later.toString());
        // Through the API, a pruned real feed answers 410 problem+json naming after.
        String cursor = endOf(PartnerFeeds.ENTERPRISE_UNIONS, Roles.ADMIN);
        ActingAs.admin();
        JsonPath town = TestData.org(1, "宝山区总工会", "DISTRICT");
        JsonPath ent = TestData.enterprise(town.getLong("id"), "上海顾村新材料有限公司", 30, null);
        given().when().post("/api/membership/enterprises/" + ent.getLong("id") + "/union").then().statusCode(201);
        FeedsSettled.await();
        feeds.prune(PartnerFeeds.ENTERPRISE_UNIONS, Instant.now().plusSeconds(1));
        given().queryParam("after", cursor).when().get(FEEDS + PartnerFeeds.ENTERPRISE_UNIONS)
                .then().statusCode(410).contentType("application/problem+json")
                .body("type", equalTo("urn:gucun:problem:cursor-expired")).body("errors.field", hasItem("after"));
        // Starting again as told, even when everything was pruned, gives a cursor that goes on working.
        String fresh = endOf(PartnerFeeds.ENTERPRISE_UNIONS, Roles.ADMIN);
        given().queryParam("after", fresh).when().get(FEEDS + PartnerFeeds.ENTERPRISE_UNIONS).then().statusCode(200)
                .body("nextCursor", equalTo(fresh));
    }

    /**
     * The classic bug: positions drawn at insert but committed out of order, so a reader paging by position skips a row
     * that commits later with a smaller position. Writers here hold their transaction open for a random while after
     * appending and a third of them roll back, while a reader pages to the end over and over: every committed item
     * must be read exactly once, in position order, and no rolled-back item ever.
     */
    @Test
    void concurrentWritersAndAPagingReaderNeverSkipNorRepeat() throws Exception {
        String feed = "concurrency-test-" + UUID.randomUUID();
        Set<String> committed = ConcurrentHashMap.newKeySet();
        Set<String> rolledBack = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(7);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            writers.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    UUID id = UUID.randomUUID();
                    boolean rollback = ThreadLocalRandom.current().nextInt(3) == 0;
                    try {
                        QuarkusTransaction.requiringNew().run(() -> {
                            sleep(ThreadLocalRandom.current().nextInt(3));
                            feeds.append(feed, id, "TEST", "w", Map.of("n", id.toString()), OffsetDateTime.now());
                            sleep(ThreadLocalRandom.current().nextInt(5));
                            if (rollback) {
                                throw new IllegalStateException("roll back on purpose");
                            }
                        });
                        committed.add(id.toString());
                    } catch (IllegalStateException e) {
                        rolledBack.add(id.toString());
                    }
                }
                return null;
            }));
        }
        Future<List<FeedItem>> reader = pool.submit(() -> {
            List<FeedItem> seen = new ArrayList<>();
            String after = null;
            boolean lastPass = false;
            while (true) {
                // Once the writers are done and nothing committed is left unpositioned, one more pass reads the rest.
                boolean doneBefore = !writing.get() && sequencer.pending() == 0;
                FeedPage page = feeds.read(feed, after, 7);
                seen.addAll(page.items());
                after = page.nextCursor();
                if (!page.more()) {
                    if (lastPass) {
                        return seen;
                    }
                    lastPass = doneBefore;
                    sleep(2);
                }
            }
        });
        for (Future<?> w : writers) {
            w.get(2, TimeUnit.MINUTES);
        }
        writing.set(false);
        List<FeedItem> seen = reader.get(2, TimeUnit.MINUTES);
        pool.shutdown();

        assertThat(committed).hasSizeGreaterThan(50);
        assertThat(rolledBack).isNotEmpty();
        List<String> ids = seen.stream().map(FeedItem::id).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).isEqualTo(committed);
        assertThat(ids).doesNotContainAnyElementsOf(rolledBack);
        // cursors decode to increasing positions: the feed's order is the order the reader saw
        List<String> cursors = seen.stream().map(FeedItem::cursor).toList();
        assertThat(cursors).doesNotHaveDuplicates();
    }

    @Test
    void concurrentAdmissionsThroughTheApiAllReachTheSocialInsuranceFeedOnce() throws Exception {
        String cursor = endOf(PartnerFeeds.MEMBERSHIP_STATUS, Roles.ADMIN);
        ActingAs.admin();
        JsonPath area = TestData.org(TestData.org(1, "宝山区总工会", "DISTRICT").getLong("id"), "顾村园区联合工会", "JOINT_AREA");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Long>> admitted = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            admitted.add(pool.submit(() -> admit(area.getLong("id"), idNumber())));
        }
        Set<String> hashes = new HashSet<>();
        for (Future<Long> f : admitted) {
            long id = f.get(2, TimeUnit.MINUTES);
            hashes.add(partnerHash(id));
        }
        pool.shutdown();
        FeedsSettled.await();
        List<String> seen = new ArrayList<>();
        String after = cursor;
        FeedPage page;
        do {
            page = feeds.read(PartnerFeeds.MEMBERSHIP_STATUS, after, 5);
            page.items().stream().filter(i -> hashes.contains(i.subject())).forEach(i -> seen.add(i.subject()));
            after = page.nextCursor();
        } while (page.more());
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(hashes);
    }

    private List<UUID> appendTestItems(String feed, int n) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID id = UUID.randomUUID();
            QuarkusTransaction.requiringNew().run(() -> feeds.append(feed, id, "TEST", "s", Map.of("i", 1), OffsetDateTime.now()));
            ids.add(id);
        }
        FeedsSettled.await();
        return ids;
    }

    private static void assertThatGone(Runnable read) {
        try {
            read.run();
            throw new AssertionError("expected 410");
        } catch (io.gucun.common.problem.ApiException e) {
            assertThat(e.status()).isEqualTo(410);
            assertThat(e.errors()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("after"));
        }
    }

    /** As {@code role}: pages the feed to its current end through the API and returns the cursor there. */
    static String endOf(String feed, String role) {
        FeedsSettled.await();
        ActingAs.as(role, "1");
        String after = null;
        while (true) {
            var spec = given().queryParam("limit", 500);
            if (after != null) {
                spec = spec.queryParam("after", after);
            }
            JsonPath page = spec.when().get(FEEDS + feed).then().statusCode(200).extract().jsonPath();
            after = page.getString("nextCursor");
            if (!page.getBoolean("more")) {
                return after;
            }
        }
    }

    /** Pages the feed from {@code after} to its end through the API as the current caller. */
    static List<FeedItem> readToEnd(String feed, String after) {
        FeedsSettled.await();
        List<FeedItem> items = new ArrayList<>();
        String cursor = after;
        while (true) {
            FeedPage page = given().queryParam("after", cursor).queryParam("limit", 3).when().get(FEEDS + feed)
                    .then().statusCode(200).contentType(ContentType.JSON).extract().as(FeedPage.class);
            items.addAll(page.items());
            cursor = page.nextCursor();
            if (!page.more()) {
                return items;
            }
        }
    }

    static long admit(long orgId, String idNumber) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idNumber", idNumber);
        body.put("name", "王小明");
        body.put("mobile", "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000)));
        body.put("occupation", "快递员");
        body.put("occupationCategory", "COURIER");
        body.put("employmentForm", "PLATFORM_GIG");
        body.put("orgId", orgId);
        return ((Number) given().contentType(ContentType.JSON).body(body).when().post("/api/membership/members")
                .then().statusCode(201).extract().path("member.id")).longValue();
    }

    /** A valid resident ID number from Baoshan, Shanghai (310113), distinct within a run. */
    static String idNumber() {
        long n = NEXT_ID.incrementAndGet();
        LocalDate birth = LocalDate.of(1970, 1, 1).plusDays(n / 1000);
        String first17 = "310113" + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", n % 1000);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The social-insurance partner's hash of a member's resident ID number (its current matching key). */
    String partnerHash(long memberId) {
        String cipherText = QuarkusTransaction.requiringNew().call(() -> (String) em
                .createNativeQuery("select id_number_cipher from member where id = ?1").setParameter(1, memberId).getSingleResult());
        return matchingKeys.forPartner(PartnerFeeds.MEMBERSHIP_STATUS_PARTNER).hash(cipher.decrypt(cipherText));
    }

    /** HMAC-SHA256 (hex) under a base64 key, as a partner computes it. */
    static String hmacHex(String base64Key, String value) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(java.util.Base64.getDecoder().decode(base64Key), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
