package io.gucun.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gucun.e2e.OpenApiDocs.Operation;
import io.gucun.launcher.Stack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12, R7: every partner upload and every write that takes an {@code Idempotency-Key}, replayed one after the
 * other and as {@value #PARALLEL} identical requests at once, takes effect once (checked in the owning service's
 * database: one collection and one journal entry per partner reference, one row per person or enterprise-period, one
 * sign-up and one member, one case, one redemption, one manual entry), and the replay's answer says so (the first
 * result again, or the documented DUPLICATE / REPLAYED). A key reused with another request is a 422 problem+json.
 */
@ExtendWith(RealStack.class)
@Tag("reliability")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayIT {

    static final int PARALLEL = 8;
    private static final int SEQUENTIAL = 3;
    private static final String OFFICER = "officer.gucun";

    private Api api;
    private Stack stack;
    private final String run = Long.toString(ThreadLocalRandom.current().nextLong(100_000, 999_999));
    private final Map<String, String> figures = new TreeMap<>();
    private long joint;
    private long event;
    private String uscc;
    private String card;
    private long benefit;
    private long otherBenefit;

    @BeforeAll
    void fixtures(Api api, Stack stack) {
        this.api = api;
        this.stack = stack;
        joint = created(OFFICER, "/api/membership/orgs", """
                {"parentId":5,"name":"重放园区联合工会%s","kind":"JOINT_AREA","areaType":"PARK"}""".formatted(run)).path("id").asLong();
        uscc = Ids.creditCode();
        created(OFFICER, "/api/membership/enterprises", """
                {"creditCode":"%s","name":"重放企业%s有限公司","employeeCount":40,"establishedOn":"2020-03-01",
                 "gridCode":"BS-GC-090","orgId":%d}""".formatted(uscc, run, joint));
        long member = created(OFFICER, "/api/membership/members", """
                {"idNumber":"%s","name":"重放会员","mobile":"%s","occupation":"快递员","occupationCategory":"COURIER",
                 "employmentForm":"PLATFORM_GIG","orgId":%d}""".formatted(Ids.residentId(), Ids.mobile(), joint))
                .at("/member/id").asLong();
        card = api.await(() -> api.get(token(OFFICER), "/api/membership/members/" + member + "/cards"),
                r -> r.status() == 200 && r.json().size() > 0, Duration.ofSeconds(30)).json().get(0).path("id").asText();
        api.post(token(OFFICER), "/api/membership/cards/" + card + "/activate", "{}");
        benefit = created(OFFICER, "/api/membership/benefits", """
                {"orgId":5,"kind":"UNIVERSAL","title":"重放福利%s","validFrom":"%s"}""".formatted(run, LocalDate.now())).path("id").asLong();
        otherBenefit = created(OFFICER, "/api/membership/benefits", """
                {"orgId":5,"kind":"UNIVERSAL","title":"重放福利乙%s","validFrom":"%s"}""".formatted(run, LocalDate.now())).path("id").asLong();
        long site = created(OFFICER, "/api/outreach/sites", """
                {"name":"重放站点%s","kind":"MARKET","orgId":%d,"gridCode":"BS-GC-091","ownerStaff":"admin"}"""
                .formatted(run, joint)).path("id").asLong();
        LocalDate saturday = LocalDate.now().with(TemporalAdjusters.next(DayOfWeek.SATURDAY)).plusWeeks(1);
        event = created(OFFICER, "/api/outreach/events", """
                {"siteId":%d,"title":"重放沟通会","startsAt":"%sT10:00:00+08:00","endsAt":"%sT12:00:00+08:00",
                 "staff":["officer.gucun"]}""".formatted(site, saturday, saturday)).path("id").asLong();
    }

    private String token(String who) {
        return who.startsWith("partner-") ? api.partner(who) : api.user(who);
    }

    /** POSTs until the services that learn of orgs and enterprises from events know them, and returns the answer. */
    private JsonNode created(String who, String path, String json) {
        Api.Response r = api.await(() -> api.post(token(who), path, json),
                x -> x.status() / 100 == 2 || x.status() == 401 || x.status() == 403, Duration.ofSeconds(30));
        assertThat(r.status()).as(r.toString()).isBetween(200, 299);
        return r.json();
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void aTaxCollectionSentAgainPostsOnceAndSaysDuplicate() throws Exception {
        String ref = "RP-" + UUID.randomUUID();
        String body = collection(ref, "300000.00");
        Supplier<Api.Response> submit = () -> api.post(token("partner-tax"), "/api/dues/collections", body);
        Api.Response first = api.await(submit, r -> r.status() != 400, Duration.ofSeconds(30));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        for (int i = 0; i < SEQUENTIAL; i++) {
            Api.Response again = submit.get();
            assertThat(again.status()).as(again.toString()).isEqualTo(200);
            assertThat(again.json().at("/results/0/status").asText()).isEqualTo("DUPLICATE");
            assertThat(again.json().at("/results/0/collectionId").asLong()).isEqualTo(first.json().at("/results/0/collectionId").asLong());
        }
        assertThat(count("dues", "select count(*) from fund_collection where partner_ref = ?", ref)).isEqualTo(1);
        assertThat(count("dues", "select count(*) from journal_entry where source_ref = ?", "collection:" + ref)).isEqualTo(1);

        String ref2 = "RP-" + UUID.randomUUID();
        List<Api.Response> all = parallel(() -> api.post(token("partner-tax"), "/api/dues/collections", collection(ref2, "300000.00")));
        assertThat(statuses(all)).as("%s", all).containsOnly(200, 201);
        assertThat(all.stream().filter(r -> r.status() == 201)).hasSize(1);
        assertThat(all.stream().filter(r -> r.status() == 200).map(r -> r.json().at("/results/0/status").asText())).containsOnly("DUPLICATE");
        assertThat(count("dues", "select count(*) from fund_collection where partner_ref = ?", ref2)).isEqualTo(1);
        assertThat(count("dues", "select count(*) from journal_entry where source_ref = ?", "collection:" + ref2)).isEqualTo(1);
        figures.put("dues submitCollection", "1+" + SEQUENTIAL + " sequential, " + PARALLEL + " parallel -> 1 collection, 1 entry each; statuses " + statuses(all)
                + "; the reference with another payroll 409");

        // The partner reference is the partner's idempotency key: sent again for another record, it is refused.
        Api.Response other = api.post(token("partner-tax"), "/api/dues/collections", collection(ref, "310000.00"));
        assertThat(other.status()).as(other.toString()).isEqualTo(409);
        assertThat(other.json().path("type").asText()).isEqualTo("urn:gucun:problem:partner-reference-reused");
        assertThat(count("dues", "select count(*) from journal_entry where source_ref = ?", "collection:" + ref)).isEqualTo(1);
    }

    private String collection(String ref, String payroll) {
        return """
                {"creditCode":"%s","period":"2024-07","payrollBase":"%s","partnerReference":"%s"}""".formatted(uscc, payroll, ref);
    }

    @Test
    void bulkCollectionsSentAgainAsJsonOrCsvPostEachRecordOnce() throws Exception {
        for (String format : List.of("JSON", "CSV")) {
            List<String> refs = List.of("RB-" + UUID.randomUUID(), "RB-" + UUID.randomUUID(), "RB-" + UUID.randomUUID());
            Supplier<Api.Response> upload = bulk(format, refs);
            // each upload is a job (202); the finished job's result counts what it posted
            Api.Response first = api.await(upload, r -> !Api.succeeded(r) || r.json().at("/result/posted").asInt() > 0,
                    Duration.ofSeconds(30));
            assertThat(Api.succeeded(first)).as(first.toString()).isTrue();
            assertThat(first.json().at("/result/posted").asInt()).as(first.toString()).isEqualTo(3);
            for (int i = 0; i < SEQUENTIAL; i++) {
                Api.Response again = upload.get();
                assertThat(Api.succeeded(again)).as(again.toString()).isTrue();
                assertThat(again.json().at("/result/posted").asInt()).isZero();
                assertThat(again.json().at("/result/duplicates").asInt()).as(again.toString()).isEqualTo(3);
            }
            assertRefsOnce(refs);

            List<String> refs2 = List.of("RB-" + UUID.randomUUID(), "RB-" + UUID.randomUUID(), "RB-" + UUID.randomUUID());
            List<Api.Response> all = parallel(bulk(format, refs2));
            assertThat(all).as("%s", all).allMatch(Api::succeeded);
            assertThat(all.stream().mapToInt(r -> r.json().at("/result/posted").asInt()).sum()).as("records posted by %d uploads", PARALLEL).isEqualTo(3);
            assertThat(all.stream().mapToInt(r -> r.json().at("/result/duplicates").asInt()).sum()).isEqualTo(3 * (PARALLEL - 1));
            assertRefsOnce(refs2);
            figures.put("dues importCollections " + format, "3 records, 1+" + SEQUENTIAL + " sequential, " + PARALLEL
                    + " parallel -> 3 collections, 3 entries; duplicates reported " + (3 * (PARALLEL - 1)));
        }
    }

    private Supplier<Api.Response> bulk(String format, List<String> refs) {
        if (format.equals("JSON")) {
            String json = "[" + String.join(",", refs.stream().map(r -> collection(r, "100000.00")).toList()) + "]";
            return () -> api.job(token("partner-tax"), "/api/dues/collection-imports", "application/json", json);
        }
        StringBuilder csv = new StringBuilder("creditCode,period,payrollBase,amount,partnerReference\n");
        refs.forEach(r -> csv.append(uscc).append(",2024-07,100000.00,,").append(r).append('\n'));
        return () -> api.job(token("partner-tax"), "/api/dues/collection-imports", "text/csv", csv.toString());
    }

    private void assertRefsOnce(List<String> refs) throws SQLException {
        for (String ref : refs) {
            assertThat(count("dues", "select count(*) from fund_collection where partner_ref = ?", ref)).as(ref).isEqualTo(1);
            assertThat(count("dues", "select count(*) from journal_entry where source_ref = ?", "collection:" + ref)).as(ref).isEqualTo(1);
        }
    }

    @Test
    void partnerFilesSentAgainLeaveOneRowPerPersonAndPerEnterprisePeriod() throws Exception {
        List<String> codes = List.of(Ids.creditCode(), Ids.creditCode(), Ids.creditCode());
        StringBuilder si = new StringBuilder("person_id,employer_uscc,insured_since,status\n");
        for (int i = 0; i < 3; i++) {
            si.append(Ids.residentId()).append(',').append(codes.get(i)).append(",2024-01-01,ACTIVE\n");
        }
        StringBuilder tax = new StringBuilder("enterprise_uscc,headcount,payroll,period\n");
        codes.forEach(c -> tax.append(c).append(",40,300000.00,2024-07\n"));
        Map<String, String[]> files = new LinkedHashMap<>();
        files.put("social-insurance", new String[] {"partner-social-insurance", si.toString(),
                "select count(*) from insured_person where job_id = any(?::uuid[])"});
        files.put("tax", new String[] {"partner-tax", tax.toString(),
                "select count(*) from tax_record where job_id = any(?::uuid[])"});
        for (Map.Entry<String, String[]> f : files.entrySet()) {
            String who = f.getValue()[0];
            Supplier<Api.Response> upload = () -> api.send("POST", "/api/outreach/imports/" + f.getKey(), token(who),
                    "text/csv", f.getValue()[1]);
            List<Api.Response> answers = new ArrayList<>();
            for (int i = 0; i < 1 + SEQUENTIAL; i++) {
                answers.add(upload.get());
            }
            answers.addAll(parallel(upload));
            assertThat(statuses(answers)).as("%s", answers).containsOnly(202);
            List<String> jobs = answers.stream().map(r -> r.json().path("id").asText()).toList();
            for (String job : jobs) {
                Api.Response done = api.await(() -> api.get(token(who), "/api/outreach/imports/" + job),
                        r -> Set.of("COMPLETED", "FAILED").contains(r.json().path("status").asText()), Duration.ofSeconds(60));
                assertThat(done.json().path("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
                assertThat(done.json().path("rowsAccepted").asInt()).as(done.toString()).isEqualTo(3);
            }
            // Each row holds the job that wrote it last: three rows in all, whichever of the jobs that was.
            try (Connection c = connection("outreach"); PreparedStatement ps = c.prepareStatement(f.getValue()[2])) {
                ps.setArray(1, c.createArrayOf("varchar", jobs.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("rows of %s after %d uploads of one file", f.getKey(), jobs.size()).isEqualTo(3);
                }
            }
            figures.put("outreach import " + f.getKey(), "3 rows, 1+" + SEQUENTIAL + " sequential, " + PARALLEL
                    + " parallel uploads -> " + jobs.size() + " jobs COMPLETED, 3 rows");
        }
    }

    @Test
    void signUpBatchesSentAgainRecordOneSignUpAndOneMemberPerPerson() throws Exception {
        String admin = token("admin");
        // one after the other
        List<String> ids = List.of(Ids.residentId(), Ids.residentId());
        String batch = signUps(ids, List.of(UUID.randomUUID(), UUID.randomUUID()), "重放签到");
        Supplier<Api.Response> upload = () -> api.post(token(OFFICER), "/api/outreach/events/" + event + "/sign-ups", batch);
        Api.Response first = upload.get();
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(outcomes(first)).containsOnly("CREATED");
        for (int i = 0; i < SEQUENTIAL; i++) {
            Api.Response again = upload.get();
            assertThat(again.status()).as(again.toString()).isEqualTo(200);
            assertThat(outcomes(again)).containsOnly("REPLAYED");
            assertThat(again.json().findValuesAsText("memberId")).isEqualTo(first.json().findValuesAsText("memberId"));
        }
        // at once
        List<String> ids2 = List.of(Ids.residentId(), Ids.residentId());
        List<UUID> clientIds2 = List.of(UUID.randomUUID(), UUID.randomUUID());
        String batch2 = signUps(ids2, clientIds2, "重放签到");
        List<Api.Response> all = parallel(() -> api.post(token(OFFICER), "/api/outreach/events/" + event + "/sign-ups", batch2));
        assertThat(statuses(all)).as("%s", all).containsOnly(200);
        List<String> outcomes = all.stream().flatMap(r -> outcomes(r).stream()).toList();
        assertThat(outcomes.stream().filter("CREATED"::equals)).as("%s", outcomes).hasSize(2);
        assertThat(outcomes.stream().filter("REPLAYED"::equals)).hasSize(2 * (PARALLEL - 1));
        assertThat(count("outreach", "select count(*) from sign_up where id = any(?::uuid[])",
                clientIds2.stream().map(UUID::toString).toArray(String[]::new))).isEqualTo(2);
        // every person is one member (registered once, whichever request delivered it)
        for (String id : concat(ids, ids2)) {
            Api.Response lookup = api.await(() -> api.post(admin, "/api/membership/members/lookup", "{\"idNumber\":\"" + id + "\"}"),
                    r -> r.status() == 200, Duration.ofSeconds(30));
            assertThat(lookup.json().path("id").asLong()).as(lookup.toString()).isPositive();
        }
        // an id sent again with other content is refused
        String changed = signUps(ids, List.of(UUID.fromString(first.json().at("/0/id").asText()),
                UUID.fromString(first.json().at("/1/id").asText())), "改了名字");
        Api.Response conflict = api.post(token(OFFICER), "/api/outreach/events/" + event + "/sign-ups", changed);
        assertThat(conflict.status()).as(conflict.toString()).isEqualTo(409);
        assertThat(conflict.header("Content-Type")).startsWith("application/problem+json");
        figures.put("outreach uploadSignUps", "2 sign-ups, 1+" + SEQUENTIAL + " sequential (REPLAYED), " + PARALLEL
                + " parallel -> 2 CREATED + " + (2 * (PARALLEL - 1)) + " REPLAYED, 2 rows, one member each; other content 409");
    }

    private String signUps(List<String> idNumbers, List<UUID> clientIds, String name) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < idNumbers.size(); i++) {
            items.add("""
                    {"id":"%s","idNumber":"%s","name":"%s","mobile":"%s","employerCreditCode":"%s","employmentForm":"STANDARD",
                     "signedUpAt":"%sT10:42:00+08:00"}""".formatted(clientIds.get(i), idNumbers.get(i), name,
                    "139" + idNumbers.get(i).substring(6, 14), uscc, LocalDate.now()));
        }
        return "{\"signUps\":[" + String.join(",", items) + "]}";
    }

    private static List<String> outcomes(Api.Response r) {
        List<String> outcomes = new ArrayList<>();
        r.json().forEach(n -> outcomes.add(n.path("outcome").asText()));
        return outcomes;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Every operation that documents an Idempotency-Key header

    /** How to replay one operation that takes an Idempotency-Key, and where its effect is counted. */
    private record Keyed(String who, String path, Supplier<String> body, Supplier<String> otherBody, String service,
                         String countSql, Set<Integer> firstStatus, Set<Integer> replayStatus) {
    }

    private Map<String, Keyed> keyed() {
        String description = "重放分录 " + run;
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        Map<String, Keyed> m = new TreeMap<>();
        m.put("dues importCollections", new Keyed("partner-tax", "/api/dues/collection-imports",
                () -> collections("REPLAY-" + run + "-1"), () -> collections("REPLAY-" + run + "-2"), "dues",
                "select count(*) from dues_job where idempotency_key = ?", Set.of(202), Set.of(202)));
        m.put("dues runRebate", new Keyed(OFFICER, "/api/dues/orgs/" + joint + "/rebate-runs",
                () -> "{\"period\":\"" + month + "\"}", () -> "{\"period\":\"" + YearMonth.parse(month).minusMonths(1) + "\"}",
                "dues", "select count(*) from dues_job where idempotency_key = ?", Set.of(202), Set.of(202)));
        m.put("dues postManualEntry", new Keyed(OFFICER, "/api/dues/journal-entries",
                () -> manualEntry(month, description, "1.23"), () -> manualEntry(month, description, "1.24"), "dues",
                "select count(*) from journal_entry where source_ref like '%:' || ?", Set.of(201), Set.of(201)));
        m.put("membership redeemBenefit", new Keyed(OFFICER, "/api/membership/cards/" + card + "/redemptions",
                () -> "{\"benefitId\":" + benefit + ",\"note\":\"重放\"}", () -> "{\"benefitId\":" + otherBenefit + ",\"note\":\"重放\"}",
                "membership", "select count(*) from benefit_redemption where idempotency_key = ?", Set.of(201), Set.of(200)));
        m.put("rights reportCase", new Keyed(OFFICER, "/api/rights/cases",
                () -> newCase(3), () -> newCase(4), "rights",
                "select count(*) from rights_case where idempotency_key = ?", Set.of(201), Set.of(200)));
        return m;
    }

    /** One union-fund record of the fixture's firm, as the tax partner reports it. */
    private String collections(String reference) {
        return """
                [{"creditCode":"%s","period":"%s","payrollBase":"100000.00","partnerReference":"%s"}]"""
                .formatted(uscc, YearMonth.now(ZoneOffset.UTC), reference);
    }

    /** Cash received by the new joint union (no account may go below zero, so it cannot pay anything out yet). */
    private String manualEntry(String month, String description, String amount) {
        return """
                {"period":"%s","description":"%s","legs":[{"orgId":%d,"purpose":"CASH","side":"D","amount":"%s"},
                 {"orgId":%d,"purpose":"COLLECTED_FUNDS","side":"C","amount":"%s"}]}""".formatted(month, description, joint, amount,
                joint, amount);
    }

    private String newCase(int workers) {
        return """
                {"category":"WAGE_ARREARS","summary":"重放测试案件 %s","reportingOrgId":%d,"enterpriseCreditCode":"%s","workersAffected":%d}"""
                .formatted(run, joint, uscc, workers);
    }

    @Test
    void everyWriteWithAnIdempotencyKeyTakesEffectOnceAndRefusesTheKeyForAnotherRequest() throws Exception {
        Map<String, Operation> operations = OpenApiDocs.load(api);
        Set<String> documented = new TreeSet<>();
        operations.values().forEach(o -> {
            if (o.parameters("header").stream().anyMatch(p -> p.path("name").asText().equalsIgnoreCase("Idempotency-Key"))) {
                documented.add(o.key());
            }
        });
        Map<String, Keyed> keyed = keyed();
        assertThat(documented).as("operations whose OpenAPI document names an Idempotency-Key header; each must be replayed here")
                .isEqualTo(keyed.keySet());
        for (Map.Entry<String, Keyed> e : keyed.entrySet()) {
            Keyed k = e.getValue();
            String key = "replay-" + UUID.randomUUID();
            Supplier<Api.Response> call = () -> api.sendTo(stack.gatewayUrl(), "POST", k.path(), token(k.who()),
                    "application/json", k.body().get(), Map.of("Idempotency-Key", key));
            Api.Response first = api.await(call, r -> r.status() != 400 && r.status() != 404, Duration.ofSeconds(30));
            assertThat(first.status()).as(first.toString()).isIn(k.firstStatus());
            String id = first.json().path("id").asText(); // a number, or a job's UUID
            for (int i = 0; i < SEQUENTIAL; i++) {
                Api.Response again = call.get();
                assertThat(again.status()).as(again.toString()).isIn(k.replayStatus());
                assertThat(again.json().path("id").asText()).as("the replay answers with the first result").isEqualTo(id);
            }
            assertThat(count(k.service(), k.countSql(), key)).as("%s after %d replays", e.getKey(), SEQUENTIAL).isEqualTo(1);

            Api.Response other = api.sendTo(stack.gatewayUrl(), "POST", k.path(), token(k.who()), "application/json",
                    k.otherBody().get(), Map.of("Idempotency-Key", key));
            assertThat(other.status()).as("the key reused with another request: %s", other).isEqualTo(422);
            assertThat(other.header("Content-Type")).startsWith("application/problem+json");
            assertThat(other.json().path("type").asText()).isEqualTo("urn:gucun:problem:idempotency-key-reused");
            assertThat(count(k.service(), k.countSql(), key)).isEqualTo(1);

            String key2 = "replay-" + UUID.randomUUID();
            String body = k.body().get();
            List<Api.Response> all = parallel(() -> api.sendTo(stack.gatewayUrl(), "POST", k.path(), token(k.who()),
                    "application/json", body, Map.of("Idempotency-Key", key2)));
            assertThat(all.stream().map(r -> r.json().path("id").asText()).distinct()).as("%s", all).hasSize(1);
            assertThat(statuses(all)).as("%s", all).isSubsetOf(union(k.firstStatus(), k.replayStatus()));
            assertThat(count(k.service(), k.countSql(), key2)).as("%s after %d at once", e.getKey(), PARALLEL).isEqualTo(1);
            figures.put(e.getKey(), "1+" + SEQUENTIAL + " sequential, " + PARALLEL + " parallel -> 1 each; statuses "
                    + statuses(all) + "; other request with the key 422");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** {@value #PARALLEL} calls released at the same moment. */
    private static List<Api.Response> parallel(Supplier<Api.Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.get();
                }));
            }
            go.countDown();
            List<Api.Response> all = new ArrayList<>();
            for (Future<Api.Response> f : futures) {
                all.add(f.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Integer> statuses(List<Api.Response> all) {
        return all.stream().map(Api.Response::status).sorted().toList();
    }

    private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
        Set<Integer> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> c = new ArrayList<>(a);
        c.addAll(b);
        return c;
    }

    private Connection connection(String service) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(service), "postgres", "postgres");
    }

    private long count(String service, String sql, Object parameter) throws SQLException {
        try (Connection c = connection(service); PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter instanceof String[] array) {
                ps.setArray(1, c.createArrayOf("varchar", array));
            } else {
                ps.setObject(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @AfterAll
    void summary() {
        StringBuilder s = new StringBuilder("\nReplays (R7):\n");
        figures.forEach((k, v) -> s.append(String.format("  %-36s %s%n", k, v)));
        System.out.println(s);
    }
}
