package io.gucun.membership.member;

import static io.gucun.membership.member.MemberApi.BASE;
import static io.gucun.membership.member.MemberApi.get;
import static io.gucun.membership.member.MemberApi.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.membership.election.Receipts;
import io.gucun.testsupport.Actors;
import io.gucun.testsupport.KafkaEvents;
import io.gucun.testsupport.OpenApiDocument;
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
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Elections through the API: calling one, secret ballots from the member app, the bad ballots that change nothing,
 * the close and the published tally a voter checks their receipt against. In the member test package to reuse
 * {@link MemberApi}.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
class ElectionApiTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Inject
    EntityManager em;

    @AfterEach
    void nobody() {
        Actors.nobody();
    }

    /** Admitted on site to {@code org} and linked to login {@code subject}; returns the member id. */
    private static long linkedMember(MemberApi.Org org, String scope, String subject) {
        long id = MemberApi.admitted(org, scope);
        Actors.officer("officer.link", scope);
        given().contentType(ContentType.JSON).body(Map.of("subject", subject))
                .when().put(BASE + "/members/" + id + "/account").then().statusCode(200);
        return id;
    }

    private static Map<String, Object> chairElection(long orgId, List<Long> candidates) {
        Map<String, Object> body = new HashMap<>();
        body.put("orgId", orgId);
        body.put("office", "CHAIR");
        body.put("title", "快递行业联合工会主席选举");
        // The roll is frozen now, after the test admitted its members; voting opens at once.
        String now = OffsetDateTime.now().toString();
        body.put("cutoff", now);
        body.put("opensAt", now);
        body.put("closesAt", OffsetDateTime.now().plusHours(1).toString());
        body.put("candidateMemberIds", candidates);
        return body;
    }

    private long count(String sql, long electionId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql)
                .setParameter("e", electionId).getSingleResult()).longValue());
    }

    private void endWindow(long electionId) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                update election set cutoff_at = cutoff_at - interval '3 hours', opens_at = cutoff_at - interval '2 hours',
                                    closes_at = now() - interval '1 second' where id = :e""").setParameter("e", electionId).executeUpdate());
    }

    @Test
    void aJointUnionElectsItsChairBySecretBallotAndEveryVoterCanCheckTheTally() throws Exception {
        var tree = MemberApi.tree();
        String scope = tree.town().path();
        String run = String.valueOf(System.nanoTime());
        long[] m = new long[4];
        for (int i = 0; i < 4; i++) {
            m[i] = linkedMember(tree.jointIndustry(), scope, "voter" + i + "-" + run);
        }
        long outsider = linkedMember(tree.enterpriseA(), scope, "outsider-" + run);

        // A candidate must be a member of the union; thresholds must be fractions; a chair is one seat.
        Actors.officer("officer.town", scope);
        post("/elections", chairElection(tree.jointIndustry().id(), List.of(m[0], outsider))).statusCode(400)
                .body("errors.field", contains("candidateMemberIds[1]"));
        Map<String, Object> bad = chairElection(tree.jointIndustry().id(), List.of(m[0], m[1]));
        bad.put("quorum", "3/2");
        bad.put("seats", 2);
        post("/elections", bad).statusCode(400).body("errors.field", hasItem("quorum")).body("errors.field", hasItem("seats"));
        Actors.officer("officer.a", tree.enterpriseA().path());
        post("/elections", chairElection(tree.jointIndustry().id(), List.of(m[0], m[1]))).statusCode(403);

        Actors.officer("officer.town", scope);
        var called = post("/elections", chairElection(tree.jointIndustry().id(), List.of(m[0], m[1]))).statusCode(201)
                .body("eligible", equalTo(4)).body("phase", equalTo("OPEN")).body("quorum", equalTo("1/2"))
                .body("majority", equalTo("1/2")).body("candidates", hasSize(2)).extract();
        long election = ((Number) called.path("id")).longValue();
        long c0 = ((Number) called.path("candidates[0].candidateId")).longValue();
        long c1 = ((Number) called.path("candidates[1].candidateId")).longValue();
        assertThat(((Number) called.path("candidates[0].memberId")).longValue()).isEqualTo(m[0]);

        // The first voter votes and gets a receipt; a second ballot is refused.
        Actors.member("voter0-" + run);
        get("/me/elections").statusCode(200).body("id", hasItem((int) election));
        String receipt = post("/me/elections/" + election + "/ballot", Map.of("candidateIds", List.of(c0))).statusCode(201)
                .extract().path("receipt");
        post("/me/elections/" + election + "/ballot", Map.of("candidateIds", List.of(c1))).statusCode(409)
                .body("type", equalTo("urn:gucun:problem:already-voted"));
        get("/elections/" + election).statusCode(200).body("youVoted", equalTo(true)).body("ballotsCast", nullValue());

        // Bad ballots: a member of another union, a login without a member record, a non-candidate, two for one seat.
        Actors.member("outsider-" + run);
        post("/me/elections/" + election + "/ballot", Map.of("candidateIds", List.of(c0))).statusCode(403)
                .body("type", equalTo("urn:gucun:problem:not-eligible"));
        get("/elections/" + election).statusCode(404);
        Actors.member("nobody-" + run);
        post("/me/elections/" + election + "/ballot", Map.of("candidateIds", List.of(c0))).statusCode(403)
                .body("type", equalTo("urn:gucun:problem:not-a-member"));
        Actors.member("voter1-" + run);
        post("/me/elections/" + election + "/ballot", Map.of("candidateIds", List.of(c0 + c1 + 1000))).statusCode(400)
                .body("errors[0].field", equalTo("candidateIds"));
        post("/me/elections/" + election + "/ballot", Map.of("candidateIds", List.of(c0, c1))).statusCode(400)
                .body("errors[0].field", equalTo("candidateIds"));
        assertThat(count("select count(*) from election_ballot where election_id = :e", election)).isEqualTo(1);

        // The same member from two devices at once: exactly one ballot.
        int attempts = 4;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return post("/me/elections/" + election + "/ballot", Map.of("candidateIds", List.of(c0)))
                        .extract().statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : answers) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
        assertThat(count("select count(*) from election_ballot where election_id = :e", election)).isEqualTo(2);
        assertThat(count("select count(*) from election_turnout where election_id = :e", election)).isEqualTo(2);

        // A blank ballot counts for turnout.
        Actors.member("voter2-" + run);
        post("/me/elections/" + election + "/ballot", Map.of("candidateIds", List.of())).statusCode(201);

        // Nothing is published before the close, and the close waits for the window to end.
        get("/elections/" + election + "/tally").statusCode(409);
        Actors.officer("officer.town", scope);
        post("/elections/" + election + "/close", null).statusCode(422)
                .body("type", equalTo("urn:gucun:problem:voting-not-ended"));

        // After the window: no more ballots; an officer outside the union cannot close it.
        endWindow(election);
        Actors.member("voter3-" + run);
        post("/me/elections/" + election + "/ballot", Map.of("candidateIds", List.of(c1))).statusCode(422)
                .body("type", equalTo("urn:gucun:problem:voting-closed"));
        Actors.officer("officer.a", tree.enterpriseA().path());
        post("/elections/" + election + "/close", null).statusCode(404);

        // 3 of 4 voted (quorum: more than 2); candidate 0 has both valid ballots: elected chair.
        Actors.officer("officer.town", scope);
        post("/elections/" + election + "/close", null).statusCode(200).body("phase", equalTo("CLOSED"))
                .body("ballotsCast", equalTo(3)).body("validBallots", equalTo(2)).body("quorumMet", equalTo(true))
                .body("outcome", equalTo("ELECTED")).body("electedChairMemberId", equalTo((int) m[0]))
                .body("candidates[0].votes", equalTo(2)).body("candidates[0].elected", equalTo(true))
                .body("candidates[1].votes", equalTo(0));
        post("/elections/" + election + "/close", null).statusCode(409);
        // The register follows the result: the elected member is the union's chair in term.
        get("/appointments?orgId=" + tree.jointIndustry().id() + "&post=CHAIR").statusCode(200)
                .body("items.memberId", contains((int) m[0]));

        // The voter finds their ballot in the published tally by the hash of their receipt, as they cast it.
        Actors.member("voter0-" + run);
        var tally = get("/elections/" + election + "/tally").statusCode(200).body("eligible", equalTo(4))
                .body("ballotsCast", equalTo(3)).body("blankBallots", equalTo(1)).body("ballots", hasSize(3)).extract();
        List<Map<String, Object>> ballots = tally.path("ballots");
        assertThat(ballots).filteredOn(b -> Receipts.hash(receipt).equals(b.get("receiptHash")))
                .singleElement().satisfies(b -> assertThat(b.get("candidateIds")).isEqualTo(List.of((int) c0)));
        assertThat(ballots).extracting(b -> (String) b.get("receiptHash")).isSorted();
        Actors.member("outsider-" + run);
        get("/elections/" + election + "/tally").statusCode(404);

        // The stored ballot names no voter and no time; the turnout rows name no choice.
        List<Object> ballotColumns = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                select column_name from information_schema.columns where table_name = 'election_ballot' order by column_name""")
                .getResultList());
        assertThat(ballotColumns).containsExactly("candidate_ids", "election_id", "id", "receipt_hash");

        List<KafkaEvents.Received> held = KafkaEvents.read("membership.election.v1", Duration.ofSeconds(30),
                got -> got.stream().anyMatch(e -> String.valueOf(election).equals(e.key())));
        assertThat(held).filteredOn(e -> String.valueOf(election).equals(e.key())).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("io.gucun.membership.ElectionHeld");
            JsonPath data = JsonPath.from(e.value());
            assertThat(data.getString("outcome")).isEqualTo("ELECTED");
            assertThat(data.getList("electedMemberIds", Long.class)).containsExactly(m[0]);
            assertThat(data.getInt("ballotsCast")).isEqualTo(3);
            assertThat(data.getInt("eligible")).isEqualTo(4);
        });
    }

    @Test
    void ballotsWaitForTheWindowToOpenAndAnElectionWithoutQuorumElectsNobody() {
        var tree = MemberApi.tree();
        String scope = tree.town().path();
        String run = String.valueOf(System.nanoTime());
        long a = linkedMember(tree.jointArea(), scope, "early-" + run);
        long b = linkedMember(tree.jointArea(), scope, "b-" + run);
        linkedMember(tree.jointArea(), scope, "c-" + run);

        Actors.officer("officer.town", scope);
        Map<String, Object> body = chairElection(tree.jointArea().id(), List.of(a, b));
        body.put("opensAt", OffsetDateTime.now().plusHours(1).toString());
        body.put("closesAt", OffsetDateTime.now().plusHours(2).toString());
        var called = post("/elections", body).statusCode(201).body("phase", equalTo("NOT_OPEN")).extract();
        long election = ((Number) called.path("id")).longValue();
        long ca = ((Number) called.path("candidates[0].candidateId")).longValue();

        Actors.member("early-" + run);
        post("/me/elections/" + election + "/ballot", Map.of("candidateIds", List.of(ca))).statusCode(422)
                .body("type", equalTo("urn:gucun:problem:voting-not-open"));
        assertThat(count("select count(*) from election_turnout where election_id = :e", election)).isZero();

        // Open it: one of three votes, which is not more than half.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update election set opens_at = cutoff_at where id = :e").setParameter("e", election).executeUpdate());
        post("/me/elections/" + election + "/ballot", Map.of("candidateIds", List.of(ca))).statusCode(201);
        endWindow(election);
        Actors.officer("officer.town", scope);
        post("/elections/" + election + "/close", null).statusCode(200).body("quorumMet", equalTo(false))
                .body("outcome", equalTo("NO_QUORUM")).body("electedChairMemberId", nullValue());
        get("/elections?orgId=" + tree.jointArea().id()).statusCode(200).body("items.id", hasItem((int) election));
    }

    @Test
    void aCommitteeElectionPutsItsWinnersOnTheCommitteeInTheRegisterAndEndsTheSittingCommittee() {
        var tree = MemberApi.tree();
        String scope = tree.town().path();
        String run = String.valueOf(System.nanoTime());
        long[] m = new long[4];
        for (int i = 0; i < 4; i++) {
            m[i] = linkedMember(tree.enterpriseB(), scope, "cv" + i + "-" + run);
        }
        // The sitting committee: m[3], appointed by hand two years ago.
        Actors.officer("officer.town", scope);
        long sitting = ((Number) post("/appointments", Map.of("orgId", tree.enterpriseB().id(), "post", "COMMITTEE_MEMBER",
                "name", "老委员", "memberId", m[3], "termFrom", LocalDate.now(SHANGHAI).minusYears(2).toString()))
                .statusCode(201).body("grantsOfficerScope", equalTo(false)).extract().path("id")).longValue();
        post("/appointments", Map.of("orgId", tree.enterpriseB().id(), "post", "COMMITTEE_MEMBER", "name", "无会员",
                "login", "no.member", "termFrom", LocalDate.now(SHANGHAI).toString())).statusCode(400)
                .body("errors.field", hasItem("memberId"));

        Map<String, Object> body = chairElection(tree.enterpriseB().id(), List.of(m[0], m[1], m[2]));
        body.put("office", "COMMITTEE");
        body.put("seats", 2);
        body.put("title", "第二届工会委员会选举");
        var called = post("/elections", body).statusCode(201).extract();
        long election = ((Number) called.path("id")).longValue();
        long c0 = ((Number) called.path("candidates[0].candidateId")).longValue();
        long c1 = ((Number) called.path("candidates[1].candidateId")).longValue();
        for (int i = 0; i < 3; i++) {
            Actors.member("cv" + i + "-" + run);
            post("/me/elections/" + election + "/ballot", Map.of("candidateIds", List.of(c0, c1))).statusCode(201);
        }
        endWindow(election);
        Actors.officer("officer.town", scope);
        post("/elections/" + election + "/close", null).statusCode(200).body("outcome", equalTo("ELECTED"))
                .body("electedChairMemberId", nullValue());

        // The two elected hold COMMITTEE_MEMBER posts from today; the sitting member's term ended yesterday.
        get("/appointments?orgId=" + tree.enterpriseB().id() + "&post=COMMITTEE_MEMBER").statusCode(200)
                .body("items.memberId", containsInAnyOrder((int) m[0], (int) m[1]))
                .body("items.reason", contains("election " + election, "election " + election))
                .body("items.termFrom", contains(LocalDate.now(SHANGHAI).toString(), LocalDate.now(SHANGHAI).toString()));
        get("/appointments/" + sitting).statusCode(200)
                .body("endedOn", equalTo(LocalDate.now(SHANGHAI).minusDays(1).toString()))
                .body("endReason", equalTo("election " + election)).body("inTerm", equalTo(false));
        get("/appointments?orgId=" + tree.enterpriseB().id() + "&post=CHAIR").statusCode(200).body("total", equalTo(0));
    }

    @Test
    void everyElectionOperationIsDocumented() {
        OpenApiDocument doc = OpenApiDocument.served();
        List<OpenApiDocument.Operation> mine = doc.operations(BASE + "/elections", BASE + "/me/elections");
        assertThat(OpenApiDocument.undocumented(mine)).isEmpty();
        assertThat(mine).hasSize(7);
        for (String name : List.of("NewElection", "Election", "NewBallot", "BallotReceipt", "ElectionTally")) {
            assertThat(doc.schemas().has(name)).as(name).isTrue();
        }
    }
}
