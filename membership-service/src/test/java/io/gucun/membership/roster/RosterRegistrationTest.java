package io.gucun.membership.roster;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.gucun.common.identity.ResidentIdNumber;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.membership.TestData;
import io.gucun.testsupport.Actors;
import io.gucun.testsupport.TestIds;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Issue 24, point 3: an enterprise union registers its roster in one request, each member as a single registration. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
class RosterRegistrationTest {

    private static final String BASE = "/api/membership";
    private static final String HEADER = "idNumber,name,mobile,employmentForm,occupation";

    @Inject
    EntityManager em;

    @Inject
    RosterService rosters;

    @Inject
    RosterRunner runner;

    @AfterEach
    void nobody() {
        Actors.nobody();
    }

    /** A town with an area joint union holding an enterprise whose union is founded, and a sibling enterprise union. */
    private record Setup(long enterpriseId, String creditCode, long unionOrgId, String unionPath, String areaPath,
                         long siblingOrgId, String siblingPath) {
    }

    private static Setup setup() {
        Actors.admin();
        String tag = UUID.randomUUID().toString().substring(0, 6);
        JsonPath town = org(1, "顾村镇总工会 " + tag, "TOWN");
        JsonPath area = org(town.getLong("id"), "顾村园区联合工会 " + tag, "JOINT_AREA");
        JsonPath sibling = org(area.getLong("id"), "乙企业工会 " + tag, "ENTERPRISE");
        JsonPath enterprise = TestData.enterprise(area.getLong("id"), "顾村花名册机械" + tag + "有限公司", 300, "2015-03-01");
        JsonPath union = given().contentType(ContentType.JSON).body(Map.of()).when()
                .post(BASE + "/enterprises/" + enterprise.getLong("id") + "/union").then().statusCode(201).extract().jsonPath();
        return new Setup(enterprise.getLong("id"), enterprise.getString("creditCode"), union.getLong("unionOrg.id"),
                union.getString("unionOrg.path"), area.getString("path"), sibling.getLong("id"), sibling.getString("path"));
    }

    private static JsonPath org(long parentId, String name, String kind) {
        return given().contentType(ContentType.JSON).body(Map.of("parentId", parentId, "name", name, "kind", kind))
                .when().post(BASE + "/orgs").then().statusCode(201).extract().jsonPath();
    }

    private static io.restassured.response.ValidatableResponse postRoster(long enterpriseId, String contentType, String body) {
        return given().contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8))
                .when().post(BASE + "/enterprises/" + enterpriseId + "/roster").then();
    }

    /** Polls the job until it is done (the runner works in the background). */
    private static JsonPath finished(long enterpriseId, String jobId) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            JsonPath job = given().when().get(BASE + "/enterprises/" + enterpriseId + "/roster/" + jobId)
                    .then().statusCode(200).extract().jsonPath();
            if (List.of("COMPLETED", "FAILED").contains(job.getString("status"))) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("roster job " + jobId + " did not finish");
    }

    private static String row(String idNumber, String mobile) {
        return idNumber + ",王小明," + mobile + ",STANDARD,\"装配工, 二级\"";
    }

    @Test
    void aCsvRosterRegistersEveryMemberAsASingleRegistrationAndReportsRejectsByLineAndField() throws Exception {
        Setup s = setup();
        // Already a member elsewhere in the officer's subtree: registered on the spot at the sibling union.
        String member = TestIds.idNumber();
        Actors.officer("officer.area", s.areaPath());
        long existing = given().contentType(ContentType.JSON).body(Map.of("idNumber", member, "name", "李四",
                        "mobile", TestIds.mobile(), "employmentForm", "STANDARD", "orgId", s.siblingOrgId()))
                .when().post(BASE + "/members").then().statusCode(201).extract().jsonPath().getLong("member.id");
        String a = TestIds.idNumber();
        String b = TestIds.idNumber();
        String c = TestIds.idNumber();
        String csv = String.join("\n", HEADER,
                row(a, TestIds.mobile()),                              // line 2
                row(TestIds.withWrongCheck(TestIds.idNumber()), TestIds.mobile()), // line 3: bad check character
                row(b, "12345"),                                       // line 4: bad mobile
                row(b.toLowerCase(), TestIds.mobile()),                // line 5
                row(a, TestIds.mobile()),                              // line 6: the person of line 2 again
                row(member, TestIds.mobile()),                         // line 7: already a member
                "",
                row(c, TestIds.mobile()) + ",extra")                   // line 9: a value past the last column
                + "\n";

        String location = postRoster(s.enterpriseId(), "text/csv", csv)
                .statusCode(202)
                .header("Location", containsString("/api/membership/enterprises/" + s.enterpriseId() + "/roster/"))
                .body("rowsTotal", equalTo(7))
                .body("format", equalTo("CSV"))
                .extract().header("Location");
        String jobId = location.substring(location.lastIndexOf('/') + 1);
        JsonPath job = finished(s.enterpriseId(), jobId);
        assertThat(job.getString("status")).isEqualTo("COMPLETED");
        assertThat(job.getInt("rowsDone")).isEqualTo(7);
        assertThat(job.getInt("registered")).isEqualTo(2);
        assertThat(job.getInt("rejected")).isEqualTo(5);
        List<Map<String, Object>> rejects = job.getList("rejects");
        assertThat(rejects).extracting(r -> r.get("line") + ":" + r.get("field"))
                .containsExactly("3:idNumber", "4:mobile", "6:idNumber", "7:idNumber", "9:column 6");
        assertThat(rejects.get(2).get("reason").toString()).contains("line 2");
        assertThat(rejects.get(3).get("reason").toString()).contains("already registered");
        assertThat(rejects.get(3).get("memberId")).isEqualTo((int) existing);
        assertThat(job.prettify()).doesNotContain(a).doesNotContain(b).doesNotContain(member);

        // Each registered member as a single registration by an officer leaves it: ACTIVE in the union, employed by
        // the enterprise, data encrypted, a period, a card with its first status change, and the same three events.
        List<Object[]> registered = rows("select m.id, m.status, m.employer_credit_code, m.id_number_cipher, m.id_number_masked,"
                + " m.registered_by, (select count(*) from membership_period p where p.member_id = m.id and p.start_reason = 'ON_SITE'),"
                + " (select count(*) from service_card c join service_card_status_change h on h.card_id = c.id"
                + "   where c.member_id = m.id and c.status = 'ISSUED' and h.to_status = 'ISSUED')"
                + " from member m where m.org_id = " + s.unionOrgId() + " order by m.id");
        assertThat(registered).hasSize(2);
        assertThat(registered).extracting(r -> r[4]).containsExactly(ResidentIdNumber.mask(a), ResidentIdNumber.mask(b));
        for (Object[] r : registered) {
            assertThat(r[1]).isEqualTo("ACTIVE");
            assertThat(r[2]).isEqualTo(s.creditCode());
            assertThat((String) r[3]).startsWith("k1:");
            assertThat(r[5]).isEqualTo("officer.area");
            assertThat(((Number) r[6]).intValue()).isEqualTo(1);
            assertThat(((Number) r[7]).intValue()).isEqualTo(1);
            long id = ((Number) r[0]).longValue();
            assertThat(events("member", id)).containsExactly("MemberRegistered", "MemberJoined");
            List<Object[]> card = rows("select id from service_card where member_id = " + id);
            assertThat(events("card", ((Number) card.getFirst()[0]).longValue())).containsExactly("CardIssued");
            String joined = (String) rows("select cast(payload as varchar) from outbox_event where aggregate_type = 'member'"
                    + " and aggregate_id = '" + id + "' and event_type = 'MemberJoined'").getFirst()[0];
            assertThat(joined.replace(" ", "")).contains("\"via\":\"ON_SITE\"").contains("\"orgId\":" + s.unionOrgId())
                    .contains("\"orgPath\":\"" + s.unionPath() + "\"");
        }
        // The staged rows keep no personal data once processed.
        assertThat(rows("select count(*) from roster_row where job_id = '" + jobId + "' and fields is not null")
                .getFirst()[0]).isEqualTo(0L);
    }

    @Test
    void aJsonRosterPostedAgainRegistersNobodyTwice() throws Exception {
        Setup s = setup();
        String a = TestIds.idNumber();
        String b = TestIds.idNumber();
        String json = "[\n {\"idNumber\": \"" + a + "\", \"name\": \"张三\", \"mobile\": \"" + TestIds.mobile()
                + "\", \"employmentForm\": \"standard\", \"occupationCategory\": \"TRUCK_DRIVER\"},\n"
                + " {\"idNumber\": \"" + b + "\", \"name\": \"\", \"mobile\": \"" + TestIds.mobile()
                + "\", \"employmentForm\": \"STANDARD\"},\n"
                + " {\"idNumber\": \"" + TestIds.idNumber() + "\", \"name\": \"赵六\", \"mobile\": \"" + TestIds.mobile()
                + "\", \"employmentForm\": \"FULL_TIME\"}\n]";
        Actors.officer("officer.union", s.unionPath());
        String jobId = postRoster(s.enterpriseId(), "application/json", json).statusCode(202).extract().path("id");
        JsonPath job = finished(s.enterpriseId(), jobId);
        assertThat(job.getInt("registered")).as(job.prettify()).isEqualTo(1);
        assertThat(job.getList("rejects")).extracting(r -> ((Map<?, ?>) r).get("line") + ":" + ((Map<?, ?>) r).get("field"))
                .containsExactly("3:name", "4:employmentForm");

        // The same body again: the first job answers, nothing is staged or registered again.
        postRoster(s.enterpriseId(), "application/json", json).statusCode(202).body("id", equalTo(jobId));
        // Another roster naming the same person: rejected as a member already, the new one registered.
        String c = TestIds.idNumber();
        String again = "[{\"idNumber\":\"" + a + "\",\"name\":\"张三\",\"mobile\":\"" + TestIds.mobile()
                + "\",\"employmentForm\":\"STANDARD\"},{\"idNumber\":\"" + c + "\",\"name\":\"钱七\",\"mobile\":\""
                + TestIds.mobile() + "\",\"employmentForm\":\"STANDARD\"}]";
        String second = postRoster(s.enterpriseId(), "application/json", again).statusCode(202).extract().path("id");
        assertThat(second).isNotEqualTo(jobId);
        JsonPath secondJob = finished(s.enterpriseId(), second);
        assertThat(secondJob.getInt("registered")).isEqualTo(1);
        assertThat(secondJob.getString("rejects[0].reason")).contains("already registered");
        assertThat(rows("select count(*) from member where org_id = " + s.unionOrgId()).getFirst()[0]).isEqualTo(2L);
        assertThat(rows("select count(*) from outbox_event e join member m on e.aggregate_id = cast(m.id as varchar)"
                + " where e.aggregate_type = 'member' and e.event_type = 'MemberJoined' and m.org_id = " + s.unionOrgId())
                .getFirst()[0]).isEqualTo(2L);
    }

    @Test
    void aJobLeftRunningByACrashIsTakenUpAgainAfterItsLastCommittedChunk() {
        Setup s = setup();
        Actors.officer("officer.area", s.areaPath());
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 5; i++) {
            csv.append(row(TestIds.idNumber(), TestIds.mobile())).append('\n');
        }
        UUID jobId = asCaller(() -> rosters.accept(s.enterpriseId(), RosterJob.Format.CSV,
                new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), false).id());
        // One chunk (2 rows) commits, then the process "dies": the job stays RUNNING under a lease nobody renews.
        assertThat(runner.run(jobId, 1)).isTrue();
        assertThat(runner.run(jobId, Long.MAX_VALUE)).as("the lease still holds").isFalse();
        assertThat(rows("select status, rows_done, registered from roster_job where id = '" + jobId + "'").getFirst())
                .containsExactly("RUNNING", 2, 2);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update roster_job set lease_until = now() - interval '1 minute' where id = :id")
                .setParameter("id", jobId).executeUpdate());

        runner.resumeAbandoned();
        Object[] done = null;
        for (int i = 0; i < 300 && (done == null || !"COMPLETED".equals(done[0])); i++) {
            sleep();
            done = rows("select status, rows_done, registered, rejected from roster_job where id = '" + jobId + "'").getFirst();
        }
        assertThat(done).containsExactly("COMPLETED", 5, 5, 0);
        assertThat(rows("select count(*) from member where org_id = " + s.unionOrgId()).getFirst()[0]).isEqualTo(5L);
        assertThat(rows("select count(*) from service_card where org_id = " + s.unionOrgId()).getFirst()[0]).isEqualTo(5L);
    }

    @Test
    void oneChunkRejectsARepeatedPersonAndAMemberAndWritesEachOtherMembersEventsAndOneCountItem() {
        Setup s = setup();
        Actors.officer("officer.area", s.areaPath());
        String member = TestIds.idNumber();
        given().contentType(ContentType.JSON).body(Map.of("idNumber", member, "name", "李四", "mobile", TestIds.mobile(),
                        "employmentForm", "STANDARD", "orgId", s.siblingOrgId()))
                .when().post(BASE + "/members").then().statusCode(201);
        String a = TestIds.idNumber();
        String csv = String.join("\n", HEADER, row(a, TestIds.mobile()), row(TestIds.idNumber(), TestIds.mobile()),
                row(a, TestIds.mobile()), row(member, TestIds.mobile()), row(TestIds.idNumber(), TestIds.mobile())) + "\n";
        UUID jobId = asCaller(() -> rosters.accept(s.enterpriseId(), RosterJob.Format.CSV,
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), false).id());
        RosterRunner runnerBean = ClientProxy.unwrap(runner);
        int chunkSize = runnerBean.chunkSize;
        runnerBean.chunkSize = 10;
        try {
            assertThat(runner.run(jobId, 1)).isTrue();
        } finally {
            runnerBean.chunkSize = chunkSize;
        }
        // All five rows in the one chunk: the repeat (line 4) and the member (line 5) rejected, three registered once.
        assertThat(rows("select rows_done, registered, rejected from roster_job where id = '" + jobId + "'").getFirst())
                .containsExactly(5, 3, 2);
        assertThat(rows("select line, reject_field from roster_row where job_id = '" + jobId + "' and outcome = 'REJECTED'"
                + " order by line")).extracting(r -> r[0] + ":" + r[1]).containsExactly("4:idNumber", "5:idNumber");
        String ofUnion = " in (select cast(id as varchar) from member where org_id = " + s.unionOrgId() + ")";
        assertThat(rows("select event_type, count(*) from outbox_event where aggregate_type = 'member' and aggregate_id"
                + ofUnion + " group by event_type order by event_type")).extracting(r -> r[0] + "=" + r[1])
                .containsExactly("MemberJoined=3", "MemberRegistered=3");
        assertThat(rows("select count(*) from outbox_event where event_type = 'CardIssued' and aggregate_id in"
                + " (select cast(id as varchar) from service_card where org_id = " + s.unionOrgId() + ")").getFirst()[0])
                .isEqualTo(3L);
        // The partner feeds: each join's membership item, and the chunk's one count item stating the union's 3 members.
        String items = "(select feed, item_id, item_type, subject, data from feed_pending"
                + " union all select feed, item_id, item_type, subject, data from feed_entry) f";
        assertThat(rows("select count(*) from " + items + " where f.item_type = 'MEMBERSHIP_STARTED' and f.item_id in"
                + " (select event_id from outbox_event where event_type = 'MemberJoined' and aggregate_id" + ofUnion + ")")
                .getFirst()[0]).isEqualTo(3L);
        assertThat(rows("select f.data ->> 'memberCount' from " + items + " where f.item_type = 'MEMBER_COUNT_CHANGED'"
                + " and f.subject = '" + s.creditCode() + "'")).extracting(r -> r[0]).containsExactly("3");
    }

    @Test
    void onlyOfficersCoveringTheEnterpriseOrItsUnionPostItsRosterOrSeeItsJobs() throws Exception {
        Setup s = setup();
        String csv = HEADER + "\n" + row(TestIds.idNumber(), TestIds.mobile()) + "\n";
        Actors.officer("officer.sibling", s.siblingPath());
        postRoster(s.enterpriseId(), "text/csv", csv).statusCode(404).contentType("application/problem+json");
        Actors.member("roster-worker");
        postRoster(s.enterpriseId(), "text/csv", csv).statusCode(403);
        Actors.officer("officer.area", s.areaPath());
        String jobId = postRoster(s.enterpriseId(), "text/csv", csv).statusCode(202).extract().path("id");
        finished(s.enterpriseId(), jobId);
        Actors.officer("officer.sibling", s.siblingPath());
        given().when().get(BASE + "/enterprises/" + s.enterpriseId() + "/roster/" + jobId).then().statusCode(404);
        Actors.officer("officer.area", s.areaPath());
        given().when().get(BASE + "/enterprises/" + (s.enterpriseId() + 100_000) + "/roster/" + jobId).then().statusCode(404);

        // Not a roster: named as the field roster.
        postRoster(s.enterpriseId(), "text/csv", "idNumber,name\n1,2\n").statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("roster"));
        postRoster(s.enterpriseId(), "text/csv", HEADER + ",age\n").statusCode(400).body("errors.field", hasItem("roster"));
        postRoster(s.enterpriseId(), "application/json", "{\"idNumber\":\"1\"}").statusCode(400).body("errors.field", hasItem("roster"));
        postRoster(s.enterpriseId(), "application/json", "[]").statusCode(400).body("errors.field", hasItem("roster"));
        StringBuilder tooMany = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 51; i++) {
            tooMany.append(row(TestIds.idNumber(), TestIds.mobile())).append('\n');
        }
        postRoster(s.enterpriseId(), "text/csv", tooMany.toString()).statusCode(413).body("errors.field", hasItem("roster"));
        given().contentType("text/plain").body("x").when().post(BASE + "/enterprises/" + s.enterpriseId() + "/roster")
                .then().statusCode(415);

        // An enterprise without a union has no roster to register yet.
        Actors.admin();
        long bare = TestData.enterprise(orgIdOf(s.areaPath()), "无工会企业" + UUID.randomUUID()
                .toString().substring(0, 6) + "有限公司", 20, null).getLong("id");
        postRoster(bare, "text/csv", csv).statusCode(422).body("type", equalTo("urn:gucun:problem:no-union"));
    }

    /**
     * Not a check, a figure: registers a roster of {@code -Dgucun.roster.timing.rows=N} members in chunks of the
     * production size and prints the rate (issue 24's bulk roster target). Runs only when asked for:
     * {@code ./gucun mvn -B -ntp -o -pl membership-service -am verify -Dtest=RosterRegistrationTest#rosterSpeed
     * -Dgucun.roster.timing.rows=2000 -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}.
     */
    @Test
    @EnabledIfSystemProperty(named = "gucun.roster.timing.rows", matches = "\\d+")
    void rosterSpeed() {
        int n = Integer.getInteger("gucun.roster.timing.rows");
        Setup s = setup();
        Actors.officer("officer.area", s.areaPath());
        RosterRunner runnerBean = ClientProxy.unwrap(runner);
        RosterService serviceBean = ClientProxy.unwrap(rosters);
        int chunkSize = runnerBean.chunkSize;
        int maxRows = serviceBean.maxRows;
        runnerBean.chunkSize = 500;
        serviceBean.maxRows = n;
        try {
            StringBuilder csv = new StringBuilder(HEADER).append('\n');
            for (int i = 0; i < n; i++) {
                csv.append(row(TestIds.idNumber(), TestIds.mobile())).append('\n');
            }
            long staging = System.nanoTime();
            UUID jobId = asCaller(() -> rosters.accept(s.enterpriseId(), RosterJob.Format.CSV,
                    new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), false).id());
            long start = System.nanoTime();
            assertThat(runner.run(jobId, Long.MAX_VALUE)).isTrue();
            long end = System.nanoTime();
            Object[] done = rows("select status, registered from roster_job where id = '" + jobId + "'").getFirst();
            double seconds = (end - start) / 1e9;
            System.out.printf("ROSTER SPEED: %s, %d registered of %d rows in %.2f s = %.0f members/s (staging %.2f s)%n",
                    done[0], ((Number) done[1]).intValue(), n, seconds, n / seconds, (start - staging) / 1e9);
        } finally {
            runnerBean.chunkSize = chunkSize;
            serviceBean.maxRows = maxRows;
        }
    }

    private static long orgIdOf(String path) {
        return Long.parseLong(path.substring(path.lastIndexOf('.') + 1));
    }

    private <T> T asCaller(java.util.concurrent.Callable<T> call) {
        var context = Arc.container().requestContext();
        context.activate();
        try {
            return call.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            context.terminate();
        }
    }

    private List<String> events(String aggregate, long id) {
        return rows("select event_type from outbox_event where aggregate_type = '" + aggregate + "' and aggregate_id = '"
                + id + "' order by seq").stream().map(r -> (String) r[0]).toList();
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((List<Object>) em.createNativeQuery(sql).getResultList())
                .stream().map(r -> r instanceof Object[] a ? a : new Object[] {r}).toList());
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
