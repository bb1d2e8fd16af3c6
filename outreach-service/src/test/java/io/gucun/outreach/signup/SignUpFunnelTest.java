package io.gucun.outreach.signup;

import io.gucun.testsupport.Scrape;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.gucun.common.replica.KnownEnterprise;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.outreach.MembershipFeed;
import io.gucun.outreach.Outboxed;
import io.gucun.outreach.Planning;
import io.gucun.outreach.TestTree;
import io.gucun.outreach.lead.EnterpriseLead;
import io.gucun.outreach.lead.LeadStatus;
import io.gucun.testsupport.Actors;
import io.gucun.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "outreach"))
class SignUpFunnelTest {

    @Inject
    FakeMembership membership;

    @Inject
    io.gucun.common.pii.BlindIndexes indexes;

    @Inject
    io.gucun.common.metrics.DatabaseGauges gauges;

    @AfterEach
    void reset() {
        membership.reachable(true);
        Actors.nobody();
    }

    static String signUp(UUID id, String idNumber, String employer) {
        return """
                {"id": "%s", "idNumber": "%s", "name": "王小明", "mobile": "%s", %s "employmentForm": "STANDARD",
                 "occupation": "装配工", "signedUpAt": "2026-11-28T10:42:00+08:00"}"""
                .formatted(id, idNumber, TestIds.mobile(), employer == null ? "" : "\"employerCreditCode\": \"" + employer + "\",");
    }

    static JsonPath upload(long eventId, String... signUps) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer officer-zhang-token")
                .body("{\"signUps\": [" + String.join(",", signUps) + "]}")
                .post("/api/outreach/events/" + eventId + "/sign-ups").then().log().ifValidationFails().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void signUpsBecomeMembersOnceAndTheirEnterpriseBecomesALeadUntilItFoundsAUnion() {
        TestTree tree = TestTree.create();
        long enterpriseId = MembershipFeed.nextId();
        String uscc = TestIds.creditCode();
        MembershipFeed.enterpriseRegistered(enterpriseId, uscc, tree.parkId(), tree.park(), 80, "2019-04-12", "BS-GC-017");
        MembershipFeed.await("enterprise known", () -> QuarkusTransaction.requiringNew().call(
                () -> KnownEnterprise.findById(enterpriseId) != null));
        long eventId = Planning.weekendEvent(tree);

        String newWorker = TestIds.idNumber();
        String existingMember = TestIds.idNumber();
        long existingId = membership.alreadyRegistered(existingMember);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        String first = signUp(a, newWorker, uscc);
        String second = signUp(b, existingMember, null);
        JsonPath results = upload(eventId, first, second);

        assertThat(results.getString("[0].outcome")).isEqualTo("CREATED");
        assertThat(results.getString("[0].signUp.status")).isEqualTo("REGISTERED");
        long memberId = results.getLong("[0].signUp.memberId");
        assertThat(memberId).isEqualTo(membership.memberIdOf(newWorker));
        assertThat(results.getLong("[0].signUp.orgId")).as("default: the joint union covering the site").isEqualTo(tree.parkId());
        assertThat(results.getString("[0].signUp.staff")).isEqualTo("officer.zhang");
        assertThat(results.getString("[0].signUp.idNumberMasked")).isEqualTo(newWorker.substring(0, 6) + "********" + newWorker.substring(14));
        assertThat(results.getString("[1].signUp.status")).isEqualTo("ALREADY_MEMBER");
        assertThat(results.getLong("[1].signUp.memberId")).isEqualTo(existingId);
        assertThat(membership.authorizations()).contains("Bearer officer-zhang-token");

        // the tablet uploads the same batch again: same results, nobody registered twice
        JsonPath replay = upload(eventId, first, second);
        assertThat(replay.getList("outcome")).containsExactly("REPLAYED", "REPLAYED");
        assertThat(replay.getLong("[0].signUp.memberId")).isEqualTo(memberId);
        assertThat(membership.registrationsFor(newWorker)).isEqualTo(1);
        assertThat(membership.registrationsFor(existingMember)).isEqualTo(1);

        // nothing here holds the clear ID number; delivered registrations are erased
        SignUp stored = QuarkusTransaction.requiringNew().call(() -> SignUp.findById(a));
        assertThat(stored.registration).isNull();
        assertThat(stored.idHash).doesNotContain(newWorker).hasSize(64);
        assertThat(stored.idHash).isEqualTo(indexes.idNumber().hash(newWorker));
        assertThat(stored.idHashVersion).isEqualTo(indexes.idNumber().current().version());

        // a sign-up stored before a key rotation (tests: version 1 previous, 2 current) is still the same person
        QuarkusTransaction.requiringNew().run(() -> SignUp.update("idHash = ?1, idHashVersion = 1 where id = ?2",
                indexes.idNumber().version(1).hash(newWorker), a));
        assertThat(upload(eventId, signUp(UUID.randomUUID(), newWorker, uscc)).getString("[0].outcome"))
                .isEqualTo("SAME_PERSON");
        assertThat(Outboxed.events("signup", a)).singleElement().satisfies(e -> {
            assertThat(e.eventType).isEqualTo("WorkerSignedUp");
            assertThat(e.payload).doesNotContain(newWorker).doesNotContain("王小明").contains(uscc);
        });

        // the enterprise without a union is a lead of the town, found once
        EnterpriseLead lead = QuarkusTransaction.requiringNew().call(() -> EnterpriseLead.find("creditCode", uscc).firstResult());
        assertThat(lead.status).isEqualTo(LeadStatus.OPEN);
        assertThat(lead.workersSeen).isEqualTo(1);
        assertThat(Outboxed.types("lead", lead.id)).containsExactly("EnterpriseLeadFound");
        given().queryParam("orgId", tree.townId()).get("/api/outreach/leads").then().statusCode(200)
                .body("items.creditCode", hasItem(uscc));
        given().contentType(ContentType.JSON).body("{\"status\": \"CONTACTED\", \"note\": \"约见负责人\"}")
                .post("/api/outreach/leads/" + lead.id + "/follow-ups").then().statusCode(200).body("status", equalTo("CONTACTED"));
        given().contentType(ContentType.JSON).body("{\"status\": \"FOUNDED\"}")
                .post("/api/outreach/leads/" + lead.id + "/follow-ups").then().statusCode(422);

        // membership reports the union founded: the lead closes and the event is credited
        long unionOrgId = MembershipFeed.nextId();
        MembershipFeed.unionFounded(enterpriseId, uscc, unionOrgId, tree.park() + "." + unionOrgId);
        MembershipFeed.await("lead founded", () -> QuarkusTransaction.requiringNew().call(
                () -> EnterpriseLead.<EnterpriseLead>findById(lead.id).status == LeadStatus.FOUNDED));
        given().get("/api/outreach/leads/" + lead.id).then().statusCode(200)
                .body("creditedEventId", equalTo((int) eventId)).body("unionOrgId", equalTo((int) unionOrgId));

        // membership confirms the admission (MemberJoined via ON_SITE): the new member is credited to the event
        given().get("/api/outreach/results/events/" + eventId).then().statusCode(200)
                .body("figures.signUps", equalTo(2)).body("figures.approvedMembers", equalTo(0));
        MembershipFeed.memberJoined(memberId, tree.parkId(), tree.park(), "ON_SITE");
        MembershipFeed.await("member joined", () -> QuarkusTransaction.requiringNew().call(
                () -> io.gucun.outreach.membership.JoinedMember.findById(memberId) != null));
        given().get("/api/outreach/results/events/" + eventId).then().statusCode(200)
                .body("figures.signUps", equalTo(2)).body("figures.registered", equalTo(1))
                .body("figures.alreadyMembers", equalTo(1)).body("figures.approvedMembers", equalTo(1))
                .body("figures.leadsFound", equalTo(1)).body("figures.unionsFounded", equalTo(1));
        given().queryParam("orgId", tree.townId()).queryParam("year", 2026).get("/api/outreach/results/staff")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].staff", equalTo("officer.zhang"))
                .body("items[0].figures.approvedMembers", equalTo(1)).body("items[0].figures.unionsFounded", equalTo(1));
        given().get("/api/outreach/results/orgs/" + tree.townId() + "/years/2026").then().statusCode(200)
                .body("figures.approvedMembers", equalTo(1)).body("figures.unionsFounded", equalTo(1)).body("eventsHeld", equalTo(0));
        given().get("/api/outreach/results/orgs/" + tree.townId() + "/years/2025").then().statusCode(200)
                .body("figures.signUps", equalTo(0));
        Actors.officer("officer.elsewhere", TestTree.create().town());
        given().get("/api/outreach/results/events/" + eventId).then().statusCode(403);
        given().get("/api/outreach/results/orgs/" + tree.townId() + "/years/2026").then().statusCode(403);
    }

    /**
     * Issue 20, item 6: membership names an existing member only to an officer who may see it. A person registered
     * outside the uploading officer's scope is not ALREADY_MEMBER here (that would tell the event's staff who is a
     * member elsewhere) but a refusal whose reason says neither that nor where; nobody is registered twice.
     */
    @Test
    void aPersonRegisteredOutsideTheOfficersScopeIsRefusedWithoutSayingSo() {
        TestTree tree = TestTree.create();
        long eventId = Planning.weekendEvent(tree);
        String inScope = TestIds.idNumber();
        String elsewhere = TestIds.idNumber();
        long inScopeId = membership.alreadyRegistered(inScope);
        membership.alreadyRegisteredOutsideScope(elsewhere);
        JsonPath r = upload(eventId, signUp(UUID.randomUUID(), inScope, null), signUp(UUID.randomUUID(), elsewhere, null));
        assertThat(r.getString("[0].signUp.status")).isEqualTo("ALREADY_MEMBER");
        assertThat(r.getLong("[0].signUp.memberId")).isEqualTo(inScopeId);
        assertThat(r.getString("[1].signUp.status")).isEqualTo("REJECTED");
        assertThat(r.getString("[1].signUp.memberId")).isNull();
        assertThat(r.getString("[1].signUp.reason")).isEqualTo(MembershipGateway.UNDISCLOSED)
                .doesNotContainIgnoringCase("member with").doesNotContainIgnoringCase("already");
    }

    @Test
    void whenMembershipIsUnreachableTheSignUpWaitsAndIsDeliveredOnRetry() throws Exception {
        TestTree tree = TestTree.create();
        long eventId = Planning.weekendEvent(tree);
        String worker = TestIds.idNumber();
        UUID id = UUID.randomUUID();
        membership.reachable(false);
        JsonPath r = upload(eventId, signUp(id, worker, null));
        assertThat(r.getString("[0].signUp.status")).isEqualTo("PENDING");
        assertThat(r.getString("[0].signUp.reason")).contains("unreachable");
        SignUp pending = QuarkusTransaction.requiringNew().call(() -> SignUp.findById(id));
        assertThat(pending.registration).as("kept, encrypted, until delivered").isNotNull().doesNotContain(worker);
        // what the alert GucunSignUpsPending reads (deploy/observability/prometheus/alerts.yml)
        gauges.measure();
        Scrape waiting = Scrape.now();
        assertThat(waiting.value("gucun_outreach_signups_pending")).hasValue(pendingCount());
        assertThat(waiting.value("gucun_outreach_signups_pending_oldest_seconds")).isPresent();

        membership.reachable(true);
        // as the gateway forwards an officer's bodiless POST that came over HTTP/2: chunked, empty
        java.net.http.HttpResponse<String> retried = chunkedPost("/api/outreach/sign-ups/retry", null, new byte[0]);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(retried.body()).contains("\"stillPending\":0");
        given().get("/api/outreach/sign-ups/" + id).then().statusCode(200)
                .body("status", equalTo("REGISTERED")).body("attempts", equalTo(2));
        assertThat(membership.registrationsFor(worker)).isEqualTo(1);
        gauges.measure();
        assertThat(Scrape.now().value("gucun_outreach_signups_pending")).hasValue(pendingCount());
    }

    private static double pendingCount() {
        return QuarkusTransaction.requiringNew().call(() -> SignUp.count("status", SignUpStatus.PENDING));
    }

    @Test
    void theSameBatchUploadedSeveralTimesAtOnceRecordsEachSignUpOnce() throws Exception {
        TestTree tree = TestTree.create();
        long eventId = Planning.weekendEvent(tree);
        UUID id = UUID.randomUUID();
        String batch = signUp(id, TestIds.idNumber(), null);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<JsonPath>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return upload(eventId, batch);
                }));
            }
            start.countDown();
            List<String> outcomes = new java.util.ArrayList<>();
            for (var call : calls) {
                outcomes.add(call.get().getString("[0].outcome"));
            }
            assertThat(outcomes).containsOnly("CREATED", "REPLAYED");
            assertThat(outcomes.stream().filter("CREATED"::equals)).hasSize(1);
        } finally {
            pool.shutdown();
        }
        long rows = QuarkusTransaction.requiringNew().call(() -> SignUp.count("id", id));
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void batchesAtSeveralEventsAtOnceWithWorkersOfTheSameEmployersAllLandAndCountEveryWorker() throws Exception {
        TestTree tree = TestTree.create();
        String first = TestIds.creditCode();
        String second = TestIds.creditCode();
        int batches = 6;
        List<Long> events = new java.util.ArrayList<>();
        for (int i = 0; i < batches; i++) {
            events.add(Planning.weekendEvent(tree));
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(batches);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<JsonPath>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < batches; i++) {
                long eventId = events.get(i);
                // half the batches name the employers in the other order: turns taken in one order never wait in a circle
                String[] employers = i % 2 == 0 ? new String[] {first, second} : new String[] {second, first};
                calls.add(pool.submit(() -> {
                    start.await();
                    return upload(eventId, signUp(UUID.randomUUID(), TestIds.idNumber(), employers[0]),
                            signUp(UUID.randomUUID(), TestIds.idNumber(), employers[1]));
                }));
            }
            start.countDown();
            for (var call : calls) {
                assertThat(call.get().getList("outcome", String.class)).containsExactly("CREATED", "CREATED");
            }
        } finally {
            pool.shutdown();
        }
        for (String employer : List.of(first, second)) {
            EnterpriseLead lead = QuarkusTransaction.requiringNew().call(() -> EnterpriseLead.find("creditCode", employer).firstResult());
            assertThat(lead.workersSeen).as(employer).isEqualTo(batches);
            assertThat(Outboxed.types("lead", lead.id)).containsExactly("EnterpriseLeadFound");
        }
    }

    /** A POST whose length is not declared (Transfer-Encoding: chunked), as the gateway forwards HTTP/2 requests. */
    static java.net.http.HttpResponse<String> chunkedPost(String path, String contentType, byte[] body) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + path))
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void aBodyOfUnknownLengthBeyondTheJsonLimitIsA413AndWritesNothing() throws Exception {
        TestTree tree = TestTree.create();
        long eventId = Planning.weekendEvent(tree);
        UUID id = UUID.randomUUID();
        String padding = " ".repeat(11 * 1024 * 1024); // JSON allows the whitespace; the limit is 10 MiB
        byte[] body = ("{\"signUps\": [" + signUp(id, TestIds.idNumber(), null) + "]" + padding + "}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.net.http.HttpResponse<String> refused = chunkedPost("/api/outreach/events/" + eventId + "/sign-ups",
                "application/json", body);
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("urn:gucun:problem:body-too-large");
        // the same body with its length declared is refused before it is read, with the same problem
        given().contentType(ContentType.JSON).body(body).post("/api/outreach/events/" + eventId + "/sign-ups").then()
                .statusCode(413).contentType("application/problem+json").body("type", equalTo("urn:gucun:problem:body-too-large"));
        SignUp written = QuarkusTransaction.requiringNew().call(() -> SignUp.findById(id));
        assertThat(written).isNull();
    }

    @Test
    void aBadSignUpRejectsTheWholeBatchNamingTheFieldAndWritesNothing() {
        TestTree tree = TestTree.create();
        long eventId = Planning.weekendEvent(tree);
        UUID good = UUID.randomUUID();
        String bad = TestIds.idNumber();
        bad = bad.substring(0, 17) + (bad.charAt(17) == '1' ? '2' : '1');
        given().contentType(ContentType.JSON)
                .body("{\"signUps\": [" + signUp(good, TestIds.idNumber(), null) + "," + signUp(UUID.randomUUID(), bad, null) + "]}")
                .post("/api/outreach/events/" + eventId + "/sign-ups").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("signUps[1].idNumber"));
        given().contentType(ContentType.JSON)
                .body("{\"signUps\": [" + signUp(UUID.randomUUID(), TestIds.idNumber(), null).replace("\"name\": \"王小明\",",
                        "\"name\": \"王小明\", \"staff\": \"officer.nobody\",") + "]}")
                .post("/api/outreach/events/" + eventId + "/sign-ups").then().statusCode(400)
                .body("errors.field", hasItem("signUps[0].staff"));
        SignUp written = QuarkusTransaction.requiringNew().call(() -> SignUp.findById(good));
        assertThat(written).isNull();
    }

    @Test
    void aReusedIdWithOtherContentIsAConflictAndOtherScopesAreRefused() {
        TestTree tree = TestTree.create();
        long eventId = Planning.weekendEvent(tree);
        UUID id = UUID.randomUUID();
        upload(eventId, signUp(id, TestIds.idNumber(), null));
        given().contentType(ContentType.JSON).body("{\"signUps\": [" + signUp(id, TestIds.idNumber(), null) + "]}")
                .post("/api/outreach/events/" + eventId + "/sign-ups").then().statusCode(409)
                .body("type", equalTo("urn:gucun:problem:sign-up-id-reused"));

        TestTree other = TestTree.create();
        Actors.officer("officer.zhang", other.town());
        given().contentType(ContentType.JSON).body("{\"signUps\": [" + signUp(UUID.randomUUID(), TestIds.idNumber(), null) + "]}")
                .post("/api/outreach/events/" + eventId + "/sign-ups").then().statusCode(403);
        given().get("/api/outreach/sign-ups/" + id).then().statusCode(403);
        Actors.partner("si-bureau", "partner-social-insurance");
        given().get("/api/outreach/sign-ups/" + id).then().statusCode(403);
    }
}
