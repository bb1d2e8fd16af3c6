package io.gucun.dues.subsidy;

import io.gucun.testsupport.Scrape;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.dues.org.OrgFixtures;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.testsupport.KafkaEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, poison records: a record dues cannot read, or whose effect fails, goes to the consumer's dead-letter topic
 * and the consumer goes on with the next one, while the service stays ready; a replay puts dead letters back.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "dues"))
class DeadLetterTest {

    @jakarta.inject.Inject
    io.gucun.common.metrics.DatabaseGauges gauges;

    private static final String TOPIC = "membership.member.v1";
    private static final String DEAD_LETTERS = "dues.membership-member.dlq";
    private static final String JOINED = "io.gucun.membership.MemberJoined";

    private static String joined(long memberId, long orgId, String orgPath) {
        return "{\"memberId\":" + memberId + ",\"orgId\":" + orgId + ",\"orgPath\":" + (orgPath == null ? "null" : "\"" + orgPath + "\"")
                + ",\"joinedAt\":\"" + Instant.now() + "\",\"via\":\"ON_SITE\"}";
    }

    /** District {@code id}, town {@code id+1} and joint union {@code id+2} under it, known to dues. */
    private static void jointUnion(long district) {
        OrgFixtures.org("1." + district, "DISTRICT");
        OrgFixtures.org("1." + district + "." + (district + 1), "TOWN");
        OrgFixtures.org("1." + district + "." + (district + 1) + "." + (district + 2), "JOINT_AREA");
    }

    private static List<KafkaEvents.Received> deadLetters(String id, int atLeast) {
        return KafkaEvents.read(DEAD_LETTERS, got -> got.stream().filter(r -> id.equals(r.id())).count() >= atLeast)
                .stream().filter(r -> id.equals(r.id())).toList();
    }

    /** Polls readiness on its own thread for as long as the test runs; every answer's status is kept. */
    private static final class ReadinessWatch implements AutoCloseable {
        final List<Integer> statuses = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        ReadinessWatch() {
            URI ready = URI.create("http://localhost:" + RestAssured.port + "/q/health/ready");
            HttpClient http = HttpClient.newHttpClient();
            thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        statuses.add(http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode());
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        statuses.add(-1);
                    }
                }
            }, "readiness-watch");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aMalformedRecordBetweenTwoValidOnesIsDeadLetteredAndBothValidOnesAreApplied() throws Exception {
        jointUnion(891);
        String first = UUID.randomUUID().toString();
        String notJson = UUID.randomUUID().toString();
        String notItsContract = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String truncated = "{\"memberId\":890102,\"orgId\":893,\"orgPath\":\"1.891.8";
        // an ID number where the org id belongs: the data does not fit MemberJoined
        String misfit = "{\"memberId\":890102,\"orgId\":\"31010119900101123X\",\"orgPath\":\"1.891.892.893\",\"joinedAt\":\""
                + Instant.now() + "\"}";

        try (ReadinessWatch watch = new ReadinessWatch()) {
            KafkaEvents.send(TOPIC, "890101", first, JOINED, joined(890101, 893, "1.891.892.893"));
            KafkaEvents.send(TOPIC, "890102", notJson, JOINED, truncated);
            KafkaEvents.send(TOPIC, "890102", notItsContract, JOINED, misfit);
            KafkaEvents.send(TOPIC, "890103", second, JOINED, joined(890103, 893, "1.891.892.893"));

            SubsidyTest.awaitProcessed(first);
            SubsidyTest.awaitProcessed(second);
            assertThat(SubsidyTest.number("select count(*) from subsidy_grant where member_id in (890101, 890103)")).isEqualTo(2);

            // the bad ones in the dead-letter topic as they came: key, CloudEvents headers and value
            assertThat(deadLetters(notJson, 1)).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("890102");
                assertThat(r.type()).isEqualTo(JOINED);
                assertThat(r.value()).isEqualTo(truncated);
            });
            assertThat(deadLetters(notItsContract, 1)).singleElement().satisfies(r -> assertThat(r.value()).isEqualTo(misfit));
            assertThat(SubsidyTest.number("select count(*) from processed_event where event_id in ('" + notJson + "', '"
                    + notItsContract + "')")).isZero();

            // the HTTP API answers meanwhile
            given().when().get("/api/dues/subsidy-policies").then().statusCode(200);
            Thread.sleep(500);
            watch.close();
            assertThat(watch.statuses).hasSizeGreaterThan(3).containsOnly(200);
        }

        JsonPath health = given().when().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        Map<String, Object> check = health.getMap("checks.find { it.name == 'dead-letters' }");
        assertThat(check).containsEntry("status", "UP");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) check.get("data");
        assertThat(((Number) data.get("dues.membership-member")).longValue()).isGreaterThanOrEqualTo(2);
        // the reason names the failure and the field, never the value (here an ID number where a member id belongs)
        assertThat(String.valueOf(data.get("last"))).contains("UnreadableEvent").doesNotContain("31010119900101123X");
        Scrape scrape = Scrape.now();
        assertThat(scrape.text())
                .containsPattern("gucun_consumer_dead_letters_total\\{consumer=\"dues.membership-member\"[^}]*} \\d");
        // what the dashboard and the alerts read (deploy/observability): consumer lag, owed grants as the database has them
        assertThat(scrape.value("kafka_consumer_fetch_manager_records_lag_max")).isPresent();
        gauges.measure();
        scrape = Scrape.now();
        assertThat(scrape.value("gucun_dues_grants_owed"))
                .hasValue(SubsidyTest.number("select count(*) from grant_share where status = 'OWED'"));
        assertThat(scrape.value("gucun_dues_grants_owed_amount_fen"))
                .hasValue(SubsidyTest.number("select coalesce(sum(amount_fen), 0) from grant_share where status = 'OWED'"));
    }

    /** Issue 20, point 3: only membership speaks on membership.member.v1; a MemberJoined in another name is refused. */
    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aMemberJoinedWhoseSourceIsNotMembershipIsNotApplied() throws Exception {
        jointUnion(881);
        String forged = UUID.randomUUID().toString();
        String genuine = UUID.randomUUID().toString();
        KafkaEvents.send(TOPIC, "880101", forged, JOINED, "/gucun/outreach", joined(880101, 883, "1.881.882.883"));
        KafkaEvents.send(TOPIC, "880102", genuine, JOINED, joined(880102, 883, "1.881.882.883"));

        SubsidyTest.awaitProcessed(genuine);
        assertThat(deadLetters(forged, 1)).singleElement().satisfies(r -> assertThat(r.source()).isEqualTo("/gucun/outreach"));
        assertThat(SubsidyTest.number("select count(*) from subsidy_grant where member_id = 880101")).isZero();
        assertThat(SubsidyTest.number("select count(*) from processed_event where event_id = '" + forged + "'")).isZero();
        assertThat(SubsidyTest.number("select count(*) from subsidy_grant where member_id = 880102")).isEqualTo(1);
        JsonPath health = given().when().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertThat(health.getString("checks.find { it.name == 'dead-letters' }.data.last"))
                .contains("ForeignEvent", forged, "only /gucun/membership publishes membership.member.v1");
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void anEventWhoseEffectFailsIsDeadLetteredAndAReplayAfterTheFixAppliesItOnce() throws Exception {
        // an org dues has not heard of, and no path to fall back on: the subsidy cannot be computed
        String orphan = UUID.randomUUID().toString();
        KafkaEvents.send(TOPIC, "890201", orphan, JOINED, joined(890201, 897, null));
        assertThat(deadLetters(orphan, 1)).hasSize(1);

        // the fix: the org arrives; then the operator replays
        jointUnion(895);
        JsonPath replayed = given().when().post("/api/dues/admin/dead-letters/replay").then().statusCode(200).extract().jsonPath();
        assertThat(replayed.getList("findAll { it.channel == 'membership-member' }.records", Integer.class))
                .singleElement().satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(1));
        assertThat(replayed.getList("problem")).containsOnlyNulls();

        SubsidyTest.awaitProcessed(orphan);
        assertThat(SubsidyTest.number("select count(*) from subsidy_grant where member_id = 890201")).isEqualTo(1);

        // replaying again puts back nothing new for what was applied; the event stays applied once
        given().when().post("/api/dues/admin/dead-letters/replay").then().statusCode(200);
        Thread.sleep(1000);
        assertThat(SubsidyTest.number("select count(*) from subsidy_grant where member_id = 890201")).isEqualTo(1);
        assertThat(SubsidyTest.number("select count(*) from processed_event where event_id = '" + orphan + "'")).isEqualTo(1);
    }
}
