package io.gucun.e2e.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.e2e.Ids;
import io.gucun.infra.keycloak.Tokens;
import io.gucun.launcher.Stack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A steady load of the writes users rely on, through the gateway, as real clients make them: officers registering
 * workers with on-site admission (membership), a stall's tablet uploading sign-up batches (outreach, idempotent by
 * the sign-up ids), and the tax partner reporting collections (dues, idempotent by its reference). A write that gets
 * no 2xx (5xx, timeout, connection refused) is retried as a client would: the same request, the same
 * Idempotency-Key, the same ids and reference, until it is answered. Every acknowledged write is recorded with its
 * natural key, for the checks afterwards.
 */
final class Load implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** A client gives up on one write after this long and counts it as never acknowledged. */
    private static final Duration GIVE_UP = Duration.ofMinutes(4);

    record Registration(String idNumber, long memberId, int status) {
    }

    record SignUp(UUID id, String status, Long memberId) {
    }

    record Collection(String reference, long collectionId, String status) {
    }

    private final Stack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<String, String[]> tokens = new ConcurrentHashMap<>();
    final long orgId;
    final long eventId;
    final List<String> creditCodes;
    final String period;

    final AtomicLong sent = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final Map<String, AtomicLong> failedBy = new ConcurrentHashMap<>();
    final AtomicLong retried = new AtomicLong();
    final AtomicLong givenUp = new AtomicLong();
    final ConcurrentLinkedQueue<Registration> registrations = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<SignUp> signUps = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Collection> collections = new ConcurrentLinkedQueue<>();
    /** Answers that are wrong for an acknowledged write (e.g. a collection row REJECTED): must stay empty. */
    final ConcurrentLinkedQueue<String> wrongAnswers = new ConcurrentLinkedQueue<>();
    /** service → when (nanoTime) a write to it was last acknowledged. */
    final Map<String, AtomicLong> lastAck = new ConcurrentHashMap<>();

    private final AtomicBoolean running = new AtomicBoolean();
    private ExecutorService pool;
    private final List<Future<?>> workers = new ArrayList<>();

    private Load(Stack stack, long orgId, long eventId, List<String> creditCodes, String period) {
        this.stack = stack;
        this.orgId = orgId;
        this.eventId = eventId;
        this.creditCodes = creditCodes;
        this.period = period;
    }

    /** Creates what the load writes into: a joint union under Gucun town, enterprises, an outreach site and event. */
    static Load prepare(Stack stack) throws Exception {
        Load setup = new Load(stack, 0, 0, List.of(), null);
        String officer = setup.token("officer.gucun");
        String admin = setup.token("admin");
        String tag = UUID.randomUUID().toString().substring(0, 6);
        JsonNode org = setup.expect(201, "POST", "/api/membership/orgs", officer, "application/json", String.format(
                "{\"parentId\":5,\"name\":\"顾村镇故障演练联合工会 %s\",\"kind\":\"JOINT_AREA\",\"areaType\":\"PARK\"}", tag));
        long orgId = org.get("id").asLong();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String code = Ids.creditCode();
            setup.expect(201, "POST", "/api/membership/enterprises", admin, "application/json", String.format("""
                    {"creditCode":"%s","name":"上海顾村演练企业 %s-%d","employeeCount":80,"establishedOn":"2019-04-12","orgId":%d}""",
                    code, tag, i, orgId));
            codes.add(code);
        }
        // outreach learns the org from membership's events: the site can be set up once it has
        JsonNode site = setup.eventually("POST", "/api/outreach/sites", officer, String.format(
                "{\"name\":\"故障演练园区 %s\",\"kind\":\"INDUSTRIAL_PARK\",\"orgId\":%d,\"ownerStaff\":\"officer.gucun\"}", tag, orgId));
        LocalDate tomorrow = LocalDate.now(SHANGHAI).plusDays(1);
        JsonNode event = setup.expect(201, "POST", "/api/outreach/events", officer, "application/json", String.format(
                "{\"siteId\":%d,\"title\":\"职工沟通会\",\"startsAt\":\"%s\",\"endsAt\":\"%s\",\"staff\":[\"officer.gucun\"]}",
                site.get("id").asLong(), local(tomorrow, 18, 30), local(tomorrow, 21, 0)));
        String period = java.time.YearMonth.now(SHANGHAI).minusMonths(1).toString();
        Load load = new Load(stack, orgId, event.get("id").asLong(), codes, period);
        // dues learns the enterprises from membership's events: one collection each, once they are known
        for (String code : codes) {
            String ref = "FAULTS-" + UUID.randomUUID();
            JsonNode r = load.eventuallyCollect(code, ref);
            load.collections.add(new Collection(ref, r.at("/results/0/collectionId").asLong(), r.at("/results/0/status").asText()));
        }
        return load;
    }

    /** Starts {@code threads} clients, each making about {@code perSecond} writes a second, in turn of the three kinds. */
    void start(int threads, double perSecond) {
        running.set(true);
        pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            int offset = t;
            workers.add(pool.submit(() -> {
                long start = System.nanoTime();
                long n = 0;
                while (running.get()) {
                    switch ((int) ((n + offset) % 3)) {
                        case 0 -> register();
                        case 1 -> signUpBatch();
                        default -> collect();
                    }
                    n++;
                    long wait = start + (long) (n * 1e9 / perSecond) - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                return null;
            }));
        }
    }

    /** Stops the clients after their current write (including its retries) is answered. */
    void stop() throws Exception {
        running.set(false);
        for (Future<?> w : workers) {
            w.get(GIVE_UP.toSeconds() + 60, TimeUnit.SECONDS);
        }
        workers.clear();
        pool.shutdown();
    }

    @Override
    public void close() {
        running.set(false);
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    long writes() {
        return registrations.size() + signUps.size() + collections.size();
    }

    // --- the three writes ----------------------------------------------------------------------------------------------

    private void register() throws InterruptedException {
        String id = Ids.residentId();
        String body = String.format("""
                {"idNumber":"%s","name":"王小明","mobile":"%s","occupation":"快递员","occupationCategory":"COURIER",
                 "employmentForm":"PLATFORM_GIG","orgId":%d}""", id, Ids.mobile(), orgId);
        String key = UUID.randomUUID().toString();
        HttpResponse<String> r = untilAnswered("membership", () -> new Req("POST", "/api/membership/members",
                token("officer.gucun"), "application/json", body, key));
        if (r == null) {
            return;
        }
        JsonNode json = parse(r);
        if (r.statusCode() == 201) {
            registrations.add(new Registration(id, json.at("/member/id").asLong(-1), 201));
        } else if (r.statusCode() == 409 && json.has("memberId")) {
            // a retry of a registration whose first attempt committed although its answer was lost: one person, one member
            registrations.add(new Registration(id, json.get("memberId").asLong(), 409));
        } else {
            wrongAnswers.add("registration " + r.statusCode() + " " + r.body());
        }
    }

    private void signUpBatch() throws InterruptedException {
        LocalDate tomorrow = LocalDate.now(SHANGHAI).plusDays(1);
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID());
        StringBuilder b = new StringBuilder("{\"signUps\":[");
        for (int i = 0; i < ids.size(); i++) {
            b.append(i == 0 ? "" : ",").append(String.format("""
                    {"id":"%s","idNumber":"%s","name":"李华","mobile":"%s","employerCreditCode":"%s",
                     "employmentForm":"STANDARD","signedUpAt":"%s"}""", ids.get(i), Ids.residentId(), Ids.mobile(),
                    creditCodes.get(i % creditCodes.size()), local(tomorrow, 19, 12)));
        }
        String body = b.append("]}").toString();
        HttpResponse<String> r = untilAnswered("outreach", () -> new Req("POST", "/api/outreach/events/" + eventId + "/sign-ups",
                token("officer.gucun"), "application/json", body, null));
        if (r == null) {
            return;
        }
        if (r.statusCode() != 200) {
            wrongAnswers.add("sign-up batch " + r.statusCode() + " " + r.body());
            return;
        }
        for (JsonNode result : parse(r)) {
            JsonNode s = result.get("signUp");
            signUps.add(new SignUp(UUID.fromString(result.get("id").asText()), s.get("status").asText(),
                    s.get("memberId").isNull() ? null : s.get("memberId").asLong()));
        }
    }

    private void collect() throws InterruptedException {
        String code = creditCodes.get((int) (collections.size() % creditCodes.size()));
        String ref = "FAULTS-" + UUID.randomUUID();
        HttpResponse<String> r = untilAnswered("dues", () -> collectionRequest(code, ref));
        if (r == null) {
            return;
        }
        JsonNode json = parse(r);
        String status = json.at("/results/0/status").asText();
        if ((r.statusCode() == 201 || r.statusCode() == 200) && (status.equals("POSTED") || status.equals("DUPLICATE"))) {
            // DUPLICATE: a retry of an upload whose first attempt posted although its answer was lost
            collections.add(new Collection(ref, json.at("/results/0/collectionId").asLong(-1), status));
        } else {
            wrongAnswers.add("collection " + r.statusCode() + " " + r.body());
        }
    }

    /**
     * One record by the synchronous single-record endpoint: a bulk import answers 202 with a job, and the load wants
     * each record's fate in the answer it retries (an import job's own resumption is tested by dues' API tests).
     */
    private Req collectionRequest(String code, String ref) {
        String json = String.format("""
                {"creditCode":"%s","period":"%s","payrollBase":"150000.00","partnerReference":"%s"}""", code, period, ref);
        return new Req("POST", "/api/dues/collections", partnerToken("partner-tax"), "application/json", json, null);
    }

    private JsonNode eventuallyCollect(String code, String ref) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            HttpResponse<String> r = send(collectionRequest(code, ref));
            if (r.statusCode() == 201 && parse(r).get("posted").asInt() == 1) {
                return parse(r);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("dues never accepted a collection for " + code + ": " + r.body());
            }
            Thread.sleep(1000);
        }
    }

    // --- HTTP as a client -------------------------------------------------------------------------------------------

    record Req(String method, String path, String token, String contentType, String body, String idempotencyKey) {
    }

    /**
     * Sends until an answer that is not a 5xx (or until {@link #GIVE_UP}); counts every attempt. Returns null when the
     * client gives up: that write was never acknowledged.
     */
    private HttpResponse<String> untilAnswered(String service, Supplier<Req> request) throws InterruptedException {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        boolean first = true;
        while (System.nanoTime() < deadline) {
            if (!first) {
                retried.incrementAndGet();
            }
            first = false;
            sent.incrementAndGet();
            String failure;
            try {
                HttpResponse<String> r = send(request.get());
                if (r.statusCode() / 100 == 2) {
                    acknowledged.incrementAndGet();
                    lastAck.computeIfAbsent(service, s -> new AtomicLong()).set(System.nanoTime());
                    return r;
                }
                failure = Integer.toString(r.statusCode());
                if (r.statusCode() < 500 && r.statusCode() != 429 && r.statusCode() != 401) {
                    failed.incrementAndGet();
                    failedBy.computeIfAbsent(service + " " + failure, k -> new AtomicLong()).incrementAndGet();
                    return r; // an answer: not retried (409 of a registration that had committed, a refusal)
                }
            } catch (IOException e) {
                failure = e.getClass().getSimpleName();
            } catch (RuntimeException e) {
                failure = "token: " + e.getClass().getSimpleName(); // Keycloak busy: the client tries again
            }
            failed.incrementAndGet();
            failedBy.computeIfAbsent(service + " " + failure, k -> new AtomicLong()).incrementAndGet();
            Thread.sleep(1000);
        }
        givenUp.incrementAndGet();
        return null;
    }

    private HttpResponse<String> send(Req q) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + q.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + q.token());
        if (q.idempotencyKey() != null) {
            b.header("Idempotency-Key", q.idempotencyKey());
        }
        if (q.body() != null) {
            b.header("Content-Type", q.contentType()).method(q.method(), HttpRequest.BodyPublishers.ofString(q.body(), StandardCharsets.UTF_8));
        } else {
            b.method(q.method(), HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> call(String method, String path, String user, String body) throws IOException, InterruptedException {
        return send(new Req(method, path, token(user), "application/json", body, null));
    }

    private JsonNode expect(int status, String method, String path, String token, String contentType, String body) throws Exception {
        HttpResponse<String> r = send(new Req(method, path, token, contentType, body, null));
        if (r.statusCode() != status) {
            throw new AssertionError(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return parse(r);
    }

    private JsonNode eventually(String method, String path, String token, String body) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            HttpResponse<String> r = send(new Req(method, path, token, "application/json", body, null));
            if (r.statusCode() == 201) {
                return parse(r);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(method + " " + path + " -> " + r.statusCode() + " " + r.body());
            }
            Thread.sleep(1000);
        }
    }

    /** A demo user's token, fetched again after a minute (tokens expire; a run lasts many minutes). */
    String token(String user) {
        return cached(user, () -> Tokens.password(stack.tokenUrl(), "union-app", user, user + "-dev"));
    }

    private String partnerToken(String client) {
        return cached("client:" + client, () -> Tokens.clientCredentials(stack.tokenUrl(), client, client + "-dev-secret"));
    }

    private String cached(String key, Supplier<String> fetch) {
        String[] t = tokens.get(key);
        if (t != null && System.nanoTime() - Long.parseLong(t[1]) < Duration.ofSeconds(60).toNanos()) {
            return t[0];
        }
        String token = fetch.get();
        tokens.put(key, new String[] {token, Long.toString(System.nanoTime())});
        return token;
    }

    static JsonNode parse(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String local(LocalDate day, int hour, int minute) {
        return LocalDateTime.of(day, LocalTime.of(hour, minute)) + ":00+08:00";
    }
}
