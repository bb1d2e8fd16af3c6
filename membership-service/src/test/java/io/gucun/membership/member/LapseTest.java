package io.gucun.membership.member;

import static io.gucun.membership.member.MemberApi.get;
import static io.gucun.membership.member.MemberApi.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.testsupport.Actors;
import io.gucun.testsupport.ReferencePartner;
import io.gucun.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
class LapseTest {

    /** Threads of the test's own: the common pool may have a single thread on a small machine. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool();

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Inject
    EntityManager em;

    @AfterEach
    void nobody() {
        Actors.nobody();
    }

    @Test
    void membershipsWithoutActivityLapseUnderTheTownsPolicyButRetireesKeepTheirs() throws Exception {
        var tree = MemberApi.tree();
        long idle = MemberApi.admitted(tree.jointArea(), tree.jointArea().path());
        long retiree = admitted(tree.jointArea(), "RETIRED");
        long recent = MemberApi.admitted(tree.jointArea(), tree.jointArea().path());
        lastActiveOn(idle, TODAY.minusMonths(8));
        lastActiveOn(retiree, TODAY.minusYears(3));
        lastActiveOn(recent, TODAY.minusMonths(2));

        Actors.officer("officer.district", tree.district().path());
        post("/lapse-policies", Map.of("orgId", tree.district().id(), "monthsWithoutActivity", 24, "validFrom", "2020-01-01"))
                .statusCode(201).body("orgPath", equalTo(tree.district().path()));
        Actors.officer("officer.town", tree.town().path());
        long townPolicy = ((Number) post("/lapse-policies", Map.of("orgId", tree.town().id(), "monthsWithoutActivity", 6,
                "validFrom", TODAY.minusYears(1).toString())).statusCode(201).extract().path("id")).longValue();
        get("/lapse-policies?orgId=" + tree.jointArea().id()).statusCode(200)
                .body("policies.size()", equalTo(2)).body("inForceToday", equalTo((int) townPolicy));

        // The dry run (default) lists who would lapse and changes nothing.
        post("/lapse-runs", Map.of("orgId", tree.town().id())).statusCode(200)
                .body("dryRun", equalTo(true))
                .body("lapsed", equalTo(1)).body("retained", equalTo(1))
                .body("members.memberId", contains((int) idle))
                .body("members[0].policyId", equalTo((int) townPolicy))
                .body("members[0].lapsedOn", equalTo(TODAY.minusMonths(8).plusMonths(6).toString()));
        get("/members/" + idle).statusCode(200).body("status", equalTo("ACTIVE"));

        // Three months ago the idle member had not yet passed the town's six months.
        post("/lapse-runs", Map.of("orgId", tree.town().id(), "asOf", TODAY.minusMonths(3).toString()))
                .statusCode(200).body("lapsed", equalTo(0));

        post("/lapse-runs", Map.of("orgId", tree.town().id(), "dryRun", false)).statusCode(200)
                .body("dryRun", equalTo(false)).body("lapsed", equalTo(1));
        get("/members/" + idle).statusCode(200).body("status", equalTo("LEFT"));
        get("/members/" + idle + "/history").statusCode(200).body("[0].endReason", equalTo("LAPSED"));
        get("/members/" + retiree).statusCode(200).body("status", equalTo("ACTIVE"));
        get("/members/" + recent).statusCode(200).body("status", equalTo("ACTIVE"));
        // A rerun ends nobody new.
        post("/lapse-runs", Map.of("orgId", tree.town().id(), "dryRun", false)).statusCode(200).body("lapsed", equalTo(0));

        var left = new ObjectMapper().readTree(MemberApi.memberEvents(idle, "MemberLeft").stream()
                .filter(e -> "io.gucun.membership.MemberLeft".equals(e.type())).findFirst().orElseThrow().value());
        assertThat(left.get("reason").asText()).isEqualTo("LAPSED");
        MemberApi.carryingIdNumberIndex(idle, "MemberLeft");
    }

    /**
     * A run ends its memberships in batches (two members each in tests), each its own transaction locking its members
     * in id order: while one batch waits for a member an officer holds, the batches before it have committed, and no
     * other member of the run stays locked meanwhile.
     */
    @Test
    void aRunEndsMembershipsInSmallBatchesThatCommitOneByOne() throws Exception {
        var tree = MemberApi.tree();
        List<Long> idle = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long id = MemberApi.admitted(tree.jointArea(), tree.jointArea().path());
            lastActiveOn(id, TODAY.minusYears(2));
            idle.add(id);
        }
        Actors.officer("officer.town", tree.town().path());
        post("/lapse-policies", Map.of("orgId", tree.jointArea().id(), "monthsWithoutActivity", 12,
                "validFrom", TODAY.minusYears(3).toString())).statusCode(201);

        long last = idle.getLast();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> officer = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("select id from member where id = ?1 for update").setParameter(1, last).getResultList();
            held.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), THREADS);
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> run;
        try {
            run = CompletableFuture.supplyAsync(() -> post("/lapse-runs", Map.of("orgId", tree.town().id(), "dryRun", false))
                    .statusCode(200).extract().path("lapsed"), THREADS);
            // The first two batches commit while the third waits for the held member.
            ReferencePartner.await(() -> statusOf(idle.get(3)).equals("LEFT"));
            assertThat(idle.subList(0, 4)).allSatisfy(id -> assertThat(statusOf(id)).isEqualTo("LEFT"));
            assertThat(statusOf(last)).isEqualTo("ACTIVE");
            assertThat(run).isNotDone();
        } finally {
            release.countDown();
        }
        officer.get(30, TimeUnit.SECONDS);
        assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo(5);
        assertThat(statusOf(last)).isEqualTo("LEFT");
        post("/lapse-runs", Map.of("orgId", tree.town().id(), "dryRun", false)).statusCode(200).body("lapsed", equalTo(0));
    }

    private String statusOf(long memberId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery("select status from member where id = ?1")
                .setParameter(1, memberId).getSingleResult());
    }

    @Test
    void recordedActivityKeepsAMembershipAliveAndOnlyMovesForward() {
        var tree = MemberApi.tree();
        long member = MemberApi.admitted(tree.jointIndustry(), tree.jointIndustry().path());
        lastActiveOn(member, TODAY.minusMonths(10));
        Actors.officer("officer.industry", tree.jointIndustry().path());
        post("/members/" + member + "/activities", Map.of("activeOn", TODAY.plusDays(1).toString(), "kind", "DUES_PAID"))
                .statusCode(400).body("errors.field", hasItem("activeOn"));
        post("/members/" + member + "/activities", Map.of("activeOn", TODAY.minusDays(5).toString(), "kind", "NAPPING"))
                .statusCode(400);
        post("/members/" + member + "/activities", Map.of("activeOn", TODAY.minusDays(5).toString(), "kind", "DUES_PAID",
                "note", "第四季度会费")).statusCode(201).body("kind", equalTo("DUES_PAID"));
        post("/members/" + member + "/activities", Map.of("activeOn", TODAY.minusMonths(3).toString(), "kind", "UNION_LIFE"))
                .statusCode(201);
        get("/members/" + member).statusCode(200).body("lastActiveOn", equalTo(TODAY.minusDays(5).toString()));
        get("/members/" + member + "/activities").statusCode(200).body("size()", equalTo(2))
                .body("[0].kind", equalTo("DUES_PAID"));

        post("/lapse-policies", Map.of("orgId", tree.jointIndustry().id(), "monthsWithoutActivity", 6, "validFrom", "2020-01-01"))
                .statusCode(201);
        post("/lapse-runs", Map.of("orgId", tree.jointIndustry().id(), "dryRun", false)).statusCode(200).body("lapsed", equalTo(0));

        // An officer of a sibling union neither records nor runs anything here.
        Actors.officer("officer.area", tree.jointArea().path());
        post("/members/" + member + "/activities", Map.of("activeOn", TODAY.toString(), "kind", "UNION_LIFE")).statusCode(404);
        post("/lapse-runs", Map.of("orgId", tree.jointIndustry().id())).statusCode(404);
    }

    @Test
    void badPoliciesAndRequestsNameTheField() {
        var tree = MemberApi.tree();
        Actors.officer("officer.town", tree.town().path());
        post("/lapse-policies", Map.of("orgId", tree.town().id(), "monthsWithoutActivity", 0, "validFrom", "2026-01-01"))
                .statusCode(400).body("errors.field", hasItem("monthsWithoutActivity"));
        post("/lapse-policies", Map.of("orgId", tree.town().id(), "monthsWithoutActivity", 6, "validFrom", "2026-01-01",
                "validTo", "2025-12-31")).statusCode(400).body("errors.field", hasItem("validTo"));
        post("/lapse-policies", Map.of("orgId", tree.province().id(), "monthsWithoutActivity", 6, "validFrom", "2026-01-01"))
                .statusCode(403);
        post("/lapse-runs", Map.of("orgId", tree.town().id(), "asOf", TODAY.plusDays(2).toString()))
                .statusCode(400).body("errors.field", hasItem("asOf"));
        long member = MemberApi.admitted(tree.jointArea(), tree.jointArea().path());
        Actors.officer("officer.town", tree.town().path());
        post("/members/" + member + "/leave", Map.of("reason", "LAPSED")).statusCode(400).body("errors.field", hasItem("reason"));
        Actors.member("someone-" + member);
        post("/lapse-runs", Map.of("orgId", tree.town().id())).statusCode(403);
    }

    private long admitted(MemberApi.Org org, String employmentForm) {
        Actors.officer("officer.onsite", org.path());
        Map<String, Object> body = MemberApi.worker(TestIds.idNumber(), TestIds.mobile());
        body.put("employmentForm", employmentForm);
        body.put("orgId", org.id());
        return ((Number) MemberApi.register(body).statusCode(201).extract().path("member.id")).longValue();
    }

    private void lastActiveOn(long memberId, LocalDate day) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update member set last_active_on = :d where id = :id")
                .setParameter("d", day).setParameter("id", memberId).executeUpdate());
    }
}
