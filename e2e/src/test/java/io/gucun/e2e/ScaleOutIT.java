package io.gucun.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.infra.GucunPaths;
import io.gucun.infra.keycloak.Tokens;
import io.gucun.launcher.DemoData;
import io.gucun.launcher.Stack;
import io.gucun.launcher.StackOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Scale-out on one machine: two membership-service and two dues-service instances behind the gateway, a steady
 * load of on-site registrations through the gateway, and {@code kill -9} of one membership instance and then of
 * one dues instance in the middle of it. Afterwards:
 * <ul>
 *   <li>every registration the gateway acknowledged (201) is in membership's database;</li>
 *   <li>the registrations that failed failed only as 502/503/504 (the instance died under them, a POST the gateway
 *       may not replay), and a client retry of the same person recovers each one: 201, or 409 when the first
 *       attempt had committed after all (one person is one member);</li>
 *   <li>every MemberJoined event reached dues-service exactly once: one processed-event row, one subsidy grant
 *       and one subsidy journal entry per member, although Kafka may hold redelivered copies;</li>
 *   <li>before the kill, the two dues instances split the member topic's partitions in their consumer group.</li>
 * </ul>
 * It prints its figures. Seven JVMs, Keycloak, Kafka and PostgreSQL on two cores take several minutes to start,
 * more than the test command can spend, so it runs on request (docs/operations.md, "Scale-out on one machine"):
 * {@code ./gucun mvn -B -ntp -pl e2e verify -Dgucun.scaleout=true -Dit.test=ScaleOutIT}
 */
@EnabledIfSystemProperty(named = "gucun.scaleout", matches = "true")
class ScaleOutIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEMBER_GROUP = "dues-service-member";
    private static final String DUES_CONSUMER = "dues.membership-member";
    private static final int THREADS = 4;
    private static final double PER_THREAD_PER_SECOND = 4; // 16/s in all: under the gateway's 50/s per client
    private static final Duration LOAD = Duration.ofSeconds(30);

    private record Attempt(String idNumber, int status, long memberId) {
    }

    @Test
    void killingOneInstanceMidLoadLosesNoAcknowledgedRequestAndNoEvent() throws Exception {
        StackOptions options = StackOptions.ephemeral(GucunPaths.root(), Files.createTempDirectory("gucun-scale"))
                .instances("membership", 2).instances("dues", 2).appReady(Duration.ofMinutes(5));
        try (Stack stack = new Stack(options).start()) {
            System.out.println("scale-out: " + DemoData.ensure(stack) + "; processes " + stack.pids());
            String officer = Tokens.password(stack.tokenUrl(), "union-app", "officer.gucun", "officer.gucun-dev");
            HttpResponse<String> org = post(stack, officer, "/api/membership/orgs",
                    "{\"parentId\":5,\"name\":\"顾村镇园区联合工会 " + UUID.randomUUID().toString().substring(0, 6)
                            + "\",\"kind\":\"JOINT_AREA\",\"areaType\":\"PARK\"}", null);
            assertThat(org.statusCode()).as(org.body()).isEqualTo(201);
            long orgId = JSON.readTree(org.body()).get("id").asLong();

            Map<String, List<Integer>> before = partitionsByMember(stack);
            List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
            AtomicLong ioFailures = new AtomicLong();
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> workers = new ArrayList<>();
            AtomicLong seq = new AtomicLong(ThreadLocalRandomSeed.next());
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    long n = 0;
                    while (System.nanoTime() - start < LOAD.toNanos()) {
                        String id = idNumber(seq.incrementAndGet());
                        try {
                            attempts.add(register(stack, officer, id, orgId));
                        } catch (IOException e) {
                            ioFailures.incrementAndGet();
                            attempts.add(new Attempt(id, -1, -1));
                        }
                        n++;
                        long due = start + (long) (n * 1e9 / PER_THREAD_PER_SECOND);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                    }
                    return null;
                }));
            }
            Map<String, Long> servedBeforeKill = new TreeMap<>();
            sleepUntil(start, LOAD.dividedBy(3));
            for (String url : stack.serviceUrls("membership")) {
                servedBeforeKill.put(url, registrationsServed(url));
            }
            long killedMembership = kill(stack, "membership-service-2");
            sleepUntil(start, LOAD.multipliedBy(2).dividedBy(3));
            long killedDues = kill(stack, "dues-service-2");
            for (Future<?> w : workers) {
                w.get(LOAD.toSeconds() + 60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - start) / 1e9;

            List<Attempt> acknowledged = attempts.stream().filter(a -> a.status() == 201).toList();
            List<Attempt> failed = attempts.stream().filter(a -> a.status() != 201).toList();
            Map<Integer, Long> failedByStatus = new TreeMap<>();
            failed.forEach(a -> failedByStatus.merge(a.status(), 1L, Long::sum));
            int recovered = 0;
            int recoveredAsDuplicate = 0;
            for (Attempt f : failed) {
                Attempt retry = retryUntilAnswered(stack, officer, f.idNumber(), orgId);
                if (retry.status() == 201 || retry.status() == 409) {
                    recovered++;
                }
                if (retry.status() == 409) {
                    recoveredAsDuplicate++;
                }
            }

            Figures db = awaitDuesCaughtUp(stack, orgId, Duration.ofSeconds(150));
            Map<String, List<Integer>> after = partitionsByMember(stack);
            KafkaCopies copies = memberJoinedOnKafka(stack);

            System.out.printf("""
                    == scale-out: 2 membership + 2 dues instances behind the gateway, kill -9 mid-load ==
                    load: %d client threads, %.1f s, killed membership-service-2 (pid %d) at %d s and dues-service-2 (pid %d) at %d s
                    registrations served per membership instance before the kill: %s
                    requests %d, acknowledged (201) %d, failed %d %s (of them I/O errors %d), recovered by a client retry %d (%d of them 409: had committed)
                    members in the org %d; MemberJoined in membership's outbox %d (unpublished %d); on Kafka %d records, %d distinct
                    dues: processed MemberJoined %d, subsidy grants %d, subsidy journal entries %d
                    partitions of %s before the kill: %s; after: %s
                    %n""", THREADS, seconds, killedMembership, LOAD.toSeconds() / 3, killedDues, LOAD.toSeconds() * 2 / 3,
                    servedBeforeKill, attempts.size(), acknowledged.size(), failed.size(), failedByStatus, ioFailures.get(),
                    recovered, recoveredAsDuplicate, db.members, db.joinedEvents, db.unpublished, copies.records,
                    copies.distinct, db.processed, db.grants, db.subsidyEntries, MEMBER_GROUP, before, after);

            System.out.println("table sizes after the run (pg_total_relation_size: table, indexes, TOAST):");
            for (String service : List.of("membership", "dues")) {
                tableSizes(stack, service).forEach(line -> System.out.println("  " + service + "." + line));
            }

            assertThat(servedBeforeKill.values()).as("the gateway spreads registrations over both instances")
                    .allSatisfy(n -> assertThat(n).isPositive());
            assertThat(before).as("two dues consumers share the member topic's partitions").hasSize(2)
                    .allSatisfy((member, partitions) -> assertThat(partitions).isNotEmpty());
            assertThat(after.values().stream().mapToInt(List::size).sum()).as("every partition has a consumer after the kill")
                    .isEqualTo(before.values().stream().mapToInt(List::size).sum());

            assertThat(acknowledged).as("enough load to mean something").hasSizeGreaterThan(50);
            Set<Long> stored = memberIds(stack, orgId);
            assertThat(stored).as("every acknowledged registration is stored")
                    .containsAll(acknowledged.stream().map(Attempt::memberId).toList());
            assertThat(failedByStatus.keySet()).as("only an instance dying under a POST fails it (502/503/504)")
                    .isSubsetOf(Set.of(502, 503, 504));
            assertThat(recovered).as("a client retry of the same person recovers every failed registration")
                    .isEqualTo(failed.size());
            assertThat(db.members).as("one member per person attempted").isEqualTo(attempts.size());

            assertThat(db.unpublished).as("the outbox relay published every event").isZero();
            assertThat(db.joinedEvents).as("one MemberJoined per member").isEqualTo(db.members);
            assertThat(copies.distinct).isEqualTo(db.joinedEvents);
            assertThat(db.processed).as("dues applied each MemberJoined once").isEqualTo(db.joinedEvents);
            assertThat(db.grants).as("one subsidy per member").isEqualTo(db.members);
            assertThat(db.subsidyEntries).as("one recruitment grant (paid or owed) per member").isEqualTo(db.members);
        }
    }

    // --- load ---------------------------------------------------------------------------------------------------------

    private static Attempt register(Stack stack, String token, String idNumber, long orgId) throws IOException, InterruptedException {
        String body = "{\"idNumber\":\"" + idNumber + "\",\"name\":\"王小明\",\"mobile\":\"139" + idNumber.substring(9, 17)
                + "\",\"occupation\":\"快递员\",\"occupationCategory\":\"COURIER\",\"employmentForm\":\"PLATFORM_GIG\",\"orgId\":"
                + orgId + "}";
        // The key lets the gateway send the request to the other instance when it cannot connect to the first
        // (nothing was sent yet); a request that reached an instance that then died is not replayed by the gateway.
        HttpResponse<String> r = post(stack, token, "/api/membership/members", body, UUID.randomUUID().toString());
        long id = r.statusCode() == 201 ? JSON.readTree(r.body()).path("member").path("id").asLong(-1) : -1;
        return new Attempt(idNumber, r.statusCode(), id);
    }

    /** The client's own retry of a failed registration: same person, until an answer that is not a 5xx. */
    private static Attempt retryUntilAnswered(Stack stack, String token, String idNumber, long orgId) throws Exception {
        Attempt last = null;
        for (int i = 0; i < 10; i++) {
            try {
                last = register(stack, token, idNumber, orgId);
                if (last.status() < 500) {
                    return last;
                }
            } catch (IOException e) {
                last = new Attempt(idNumber, -1, -1);
            }
            Thread.sleep(1000);
        }
        return last;
    }

    private static HttpResponse<String> post(Stack stack, String token, String path, String json, String idempotencyKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(40))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A valid resident ID number (GB 11643, Baoshan 310113) made from a sequence number. */
    static String idNumber(long n) {
        java.time.LocalDate birth = java.time.LocalDate.of(1970, 1, 1).plusDays((n / 1000) % 12_000);
        String first17 = "310113" + birth.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                + String.format("%03d", n % 1000);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    private static final class ThreadLocalRandomSeed {
        static long next() {
            return java.util.concurrent.ThreadLocalRandom.current().nextLong(0, 1_000_000) * 1000;
        }
    }

    private static void sleepUntil(long start, Duration offset) throws InterruptedException {
        long wait = start + offset.toNanos() - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** kill -9 of the named instance; returns its pid. */
    private static long kill(Stack stack, String name) throws InterruptedException {
        long pid = stack.pids().get(name);
        ProcessHandle p = ProcessHandle.of(pid).orElseThrow();
        assertThat(p.destroyForcibly()).isTrue();
        p.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        return pid;
    }

    /** POST /api/membership/members requests this instance answered, from its Micrometer (Prometheus) metrics. */
    private static long registrationsServed(String instanceUrl) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(instanceUrl + "/q/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError(instanceUrl + "/q/metrics answered " + r.statusCode());
        }
        long total = 0;
        List<String> posts = new ArrayList<>();
        for (String line : r.body().split("\n")) {
            if (line.startsWith("http_server_requests_seconds_count") && line.contains("method=\"POST\"")) {
                posts.add(line);
                if (line.contains("members\"")) {
                    total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        if (total == 0) {
            System.out.println("no registrations counted at " + instanceUrl + "; its POST request counters: " + posts);
        }
        return total;
    }

    // --- Kafka ----------------------------------------------------------------------------------------------------------

    /** consumer member id → partitions of membership.member.v1 assigned to it in dues' member group. */
    private static Map<String, List<Integer>> partitionsByMember(Stack stack) throws Exception {
        try (Admin admin = Admin.create(stack.kafkaClientProperties(Map.of()))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            Map<String, List<Integer>> m = new TreeMap<>();
            while (System.nanoTime() < deadline) {
                ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(MEMBER_GROUP)).all().get().get(MEMBER_GROUP);
                m = new TreeMap<>();
                for (MemberDescription member : g.members()) {
                    m.put(member.consumerId(), member.assignment().topicPartitions().stream()
                            .filter(tp -> tp.topic().equals("membership.member.v1")).map(tp -> tp.partition()).sorted().toList());
                }
                int assigned = m.values().stream().mapToInt(List::size).sum();
                if (assigned > 0 && g.state().toString().equals("STABLE")) {
                    return m;
                }
                Thread.sleep(500);
            }
            return m;
        }
    }

    private record KafkaCopies(int records, int distinct) {
    }

    private static KafkaCopies memberJoinedOnKafka(Stack stack) {
        Properties p = new Properties();
        p.putAll(stack.kafkaClientProperties(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "scale-out-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName())));
        int records = 0;
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of("membership.member.v1"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(300))) {
                    Header type = r.headers().lastHeader("ce_type");
                    if (type != null && new String(type.value(), StandardCharsets.UTF_8).endsWith("MemberJoined")) {
                        records++;
                        ids.add(new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
                    }
                }
                if (!consumer.assignment().isEmpty() && consumer.assignment().stream()
                        .allMatch(tp -> consumer.position(tp) >= consumer.endOffsets(List.of(tp)).get(tp))) {
                    break;
                }
            }
        }
        return new KafkaCopies(records, ids.size());
    }

    // --- databases --------------------------------------------------------------------------------------------------------

    private record Figures(long members, long joinedEvents, long unpublished, long processed, long grants, long subsidyEntries) {
    }

    private static Figures awaitDuesCaughtUp(Stack stack, long orgId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Figures f;
        do {
            f = figures(stack, orgId);
            if (f.unpublished == 0 && f.processed == f.joinedEvents && f.grants == f.members) {
                return f;
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        return f;
    }

    private static Figures figures(Stack stack, long orgId) throws Exception {
        List<String> joinedIds = new ArrayList<>();
        long members;
        long unpublished;
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl("membership"), "postgres", "postgres")) {
            members = count(c, "select count(*) from member where org_id = " + orgId + " and status = 'ACTIVE'");
            unpublished = count(c, "select count(*) from outbox_event where published_at is null");
            try (var st = c.createStatement();
                 ResultSet rs = st.executeQuery("select event_id from outbox_event where event_type = 'MemberJoined'")) {
                while (rs.next()) {
                    joinedIds.add(rs.getString(1));
                }
            }
        }
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl("dues"), "postgres", "postgres");
             var st = c.prepareStatement("select count(*) from processed_event where consumer = ? and event_id = any (?)")) {
            st.setString(1, DUES_CONSUMER);
            st.setArray(2, c.createArrayOf("varchar", joinedIds.toArray()));
            long processed;
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                processed = rs.getLong(1);
            }
            long grants = count(c, "select count(*) from subsidy_grant where org_id = " + orgId);
            // each grant is paid (in one entry, or per share from a top-up) or owed when no budget covers it (issue 21)
            long entries = count(c, "select count(*) from programme_grant where programme = 'RECRUITMENT_SUBSIDY'"
                    + " and recipient_org_id = " + orgId);
            return new Figures(members, joinedIds.size(), unpublished, processed, grants, entries);
        }
    }

    /** "table rows bytes bytes/row" for every table of a service's database with rows. */
    private static List<String> tableSizes(Stack stack, String service) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(service), "postgres", "postgres")) {
            List<String> tables = new ArrayList<>();
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "select tablename from pg_tables where schemaname = 'public' order by tablename")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                long rows = count(c, "select count(*) from \"" + t + "\"");
                long bytes = count(c, "select pg_total_relation_size('public.\"" + t + "\"')");
                if (rows > 0) {
                    out.add(String.format("%s rows %d, %d bytes, %d bytes/row", t, rows, bytes, bytes / rows));
                }
            }
        }
        return out;
    }

    private static Set<Long> memberIds(Stack stack, long orgId) throws Exception {
        Set<Long> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl("membership"), "postgres", "postgres");
             var st = c.createStatement();
             ResultSet rs = st.executeQuery("select id from member where org_id = " + orgId)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static long count(Connection c, String sql) throws Exception {
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
